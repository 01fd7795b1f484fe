# Build identity from one place: the version of project() in CMakeLists.txt and
# the git commit of the source tree, written at configure time into
# ${PROJECT_BINARY_DIR}/generated/calsim/build_info.hpp (the build tree, never
# the source tree). configure_file rewrites it only when its text changes, so a
# re-configure with the same commit recompiles nothing. CMake re-configures by
# itself when HEAD moves (a commit, a checkout, a reset: git's files for HEAD,
# its branch and its reflog are configure dependencies). Outside a git checkout
# (a release tarball) the commit is "unknown"; -DCALSIM_COMMIT=<hex> sets it.
set(CALSIM_COMMIT "" CACHE STRING "The commit recorded in the build when it is not a git checkout (empty: ask git)")

set(calsim_commit "unknown")
if(CALSIM_COMMIT)
  set(calsim_commit "${CALSIM_COMMIT}")
else()
  find_package(Git QUIET)
  if(GIT_FOUND)
    execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --verify --quiet HEAD
                    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
                    RESULT_VARIABLE git_rc OUTPUT_VARIABLE git_head ERROR_QUIET
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(git_rc EQUAL 0 AND git_head MATCHES "^[0-9a-f]+$")
      set(calsim_commit "${git_head}")
      # The files git changes when HEAD moves; only those that exist (a missing
      # dependency would re-run CMake on every build).
      set(git_paths HEAD logs/HEAD packed-refs)
      execute_process(COMMAND "${GIT_EXECUTABLE}" symbolic-ref --quiet HEAD
                      WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
                      RESULT_VARIABLE ref_rc OUTPUT_VARIABLE git_ref ERROR_QUIET
                      OUTPUT_STRIP_TRAILING_WHITESPACE)
      if(ref_rc EQUAL 0)
        list(APPEND git_paths "${git_ref}")
      endif()
      foreach(p IN LISTS git_paths)
        execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --path-format=absolute --git-path "${p}"
                        WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
                        RESULT_VARIABLE p_rc OUTPUT_VARIABLE p_file ERROR_QUIET
                        OUTPUT_STRIP_TRAILING_WHITESPACE)
        if(p_rc EQUAL 0 AND EXISTS "${p_file}")
          set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${p_file}")
        endif()
      endforeach()
    endif()
  endif()
endif()
message(STATUS "calsim ${PROJECT_VERSION}, commit ${calsim_commit}")

set(CALSIM_GENERATED_DIR "${PROJECT_BINARY_DIR}/generated")
configure_file("${PROJECT_SOURCE_DIR}/cmake/build_info.hpp.in" "${CALSIM_GENERATED_DIR}/calsim/build_info.hpp" @ONLY)
