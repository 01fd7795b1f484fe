# `cmake --install`: the calsim executable, the public headers (include/calsim/),
# the static libraries, a CMake package (find_package(calsim CONFIG), target
# calsim::core) and a pkg-config file (calsim.pc). Included from the top
# CMakeLists.txt after add_subdirectory(sim).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CALSIM_LIBRARIES calsim_base calsim_engine calsim_scenario calsim_model calsim_output calsim_sweep calsim_cli_lib)

# Installed targets see only include/ (the installed headers). Where
# calsim_base still names source folders as plain paths in its interface
# (include/ and sim/), they become build-tree-only here; once sim/CMakeLists
# use $<BUILD_INTERFACE:...>/$<INSTALL_INTERFACE:include> themselves, this does nothing.
get_target_property(CALSIM_BASE_INTERFACE_DIRS calsim_base INTERFACE_INCLUDE_DIRECTORIES)
if("${PROJECT_SOURCE_DIR}/include" IN_LIST CALSIM_BASE_INTERFACE_DIRS)
  set(CALSIM_BASE_NEW_DIRS "")
  foreach(dir IN LISTS CALSIM_BASE_INTERFACE_DIRS)
    if(dir MATCHES "^\\$<")
      list(APPEND CALSIM_BASE_NEW_DIRS "${dir}")
    else()
      list(APPEND CALSIM_BASE_NEW_DIRS "$<BUILD_INTERFACE:${dir}>")
    endif()
  endforeach()
  list(APPEND CALSIM_BASE_NEW_DIRS "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>")
  set_target_properties(calsim_base PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${CALSIM_BASE_NEW_DIRS}")
endif()

install(TARGETS calsim ${CALSIM_LIBRARIES} calsim_core
        EXPORT calsimTargets
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/calsim DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")
# The scenario catalog: calsim finds it at <prefix>/share/calsim/scenarios next to <prefix>/bin/calsim.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/calsim/scenarios
        FILES_MATCHING PATTERN "*.json")

set(CALSIM_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/calsim)
install(EXPORT calsimTargets NAMESPACE calsim:: DESTINATION ${CALSIM_CMAKE_DIR})
# calsim::core is the name others use (the alias of calsim_core in the build tree).
file(WRITE ${PROJECT_BINARY_DIR}/calsimConfig.cmake.in [=[
@PACKAGE_INIT@
include(CMakeFindDependencyMacro)
find_dependency(Boost 1.74)
find_dependency(nlohmann_json 3.10)
find_dependency(CLI11)
find_dependency(Threads)
include("${CMAKE_CURRENT_LIST_DIR}/calsimTargets.cmake")
if(TARGET calsim::calsim_core AND NOT TARGET calsim::core)
  add_library(calsim::core INTERFACE IMPORTED)
  set_target_properties(calsim::core PROPERTIES INTERFACE_LINK_LIBRARIES calsim::calsim_core)
endif()
check_required_components(calsim)
]=])
configure_package_config_file(${PROJECT_BINARY_DIR}/calsimConfig.cmake.in ${PROJECT_BINARY_DIR}/calsimConfig.cmake
                              INSTALL_DESTINATION ${CALSIM_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/calsimConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/calsimConfig.cmake ${PROJECT_BINARY_DIR}/calsimConfigVersion.cmake
        DESTINATION ${CALSIM_CMAKE_DIR})

# pkg-config: the libraries in link order (each after those that use it).
set(CALSIM_PC_LIBS "")
foreach(lib calsim_cli_lib calsim_sweep calsim_output calsim_model calsim_scenario calsim_engine calsim_base)
  string(APPEND CALSIM_PC_LIBS " -l${lib}")
endforeach()
# Relocatable: the prefix is found from the .pc file's own folder (cmake --install --prefix ANY).
file(RELATIVE_PATH CALSIM_PC_TO_PREFIX /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
string(REGEX REPLACE "/$" "" CALSIM_PC_TO_PREFIX "${CALSIM_PC_TO_PREFIX}")
file(WRITE ${PROJECT_BINARY_DIR}/calsim.pc.in [=[
prefix=${pcfiledir}/@CALSIM_PC_TO_PREFIX@
libdir=${prefix}/@CMAKE_INSTALL_LIBDIR@
includedir=${prefix}/@CMAKE_INSTALL_INCLUDEDIR@

Name: calsim
Description: Discrete-event simulator of Remote Desktop Services licensing (static libraries)
Version: @PROJECT_VERSION@
Requires: nlohmann_json
Libs: -L${libdir}@CALSIM_PC_LIBS@ -pthread
Cflags: -I${includedir} -std=c++20
]=])
configure_file(${PROJECT_BINARY_DIR}/calsim.pc.in ${PROJECT_BINARY_DIR}/calsim.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/calsim.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
