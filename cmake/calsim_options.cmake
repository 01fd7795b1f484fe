# Per-target compile options shared by every calsim target.
# -ffp-contract=off: no fused multiply-add, so floating point results are the
# same on every machine (determinism, SCENARIO.md "Randomness").
# The private headers under sim/ ("core/…", "scenario/…") are on every calsim
# target's include path as PRIVATE: never in a target's interface, so nothing
# outside the build (an installed or exported target) sees them.
function(calsim_target_options target)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/sim)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -ffp-contract=off)
  if(CALSIM_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
