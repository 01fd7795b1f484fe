// libFuzzer target: any bytes → load_scenario_text must load or throw scenario_error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)calsim::load_scenario_text(text, "fuzz.json");
  } catch (const calsim::scenario_error& e) {
    for (const auto& d : e.problems)
      if (d.message.rfind("internal error", 0) == 0) __builtin_trap();  // a bug, not a bad scenario
  }
  return 0;  // any other exception escapes and libFuzzer reports it
}
