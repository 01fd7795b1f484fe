// libFuzzer target (make fuzz): any bytes → load_scenario_text either returns a
// scenario that keeps every promise the simulator relies on, or throws
// scenario_error with well-formed problems. Anything else is a finding: another
// exception escapes (libFuzzer reports it), or a broken promise traps.
//
// Input: the scenario text, optionally followed by NUL-separated --set
// arguments ("{…}\0/clients/0/count=5\0/name=x"), so overrides are fuzzed too.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "loaded_invariants.hpp"

namespace {

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "fuzz_loader: %s\n", what.c_str());
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view text = input.substr(0, nul);
  std::vector<std::string> sets;
  for (std::size_t at = nul; at != std::string_view::npos && sets.size() < 4;) {
    const std::size_t next = input.find('\0', at + 1);
    sets.emplace_back(input.substr(at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1));
    at = next;
  }
  try {
    const calsim::scenario s = calsim::load_scenario_text(text, "fuzz.json", sets);
    if (const std::string broken = calsim::test::broken_invariant(s); !broken.empty())
      finding("loaded a scenario that breaks: " + broken);
  } catch (const calsim::scenario_error& e) {
    if (const std::string broken = calsim::test::broken_problems(e.problems); !broken.empty())
      finding("refused with a malformed problem: " + broken);
  }
  return 0;
}
