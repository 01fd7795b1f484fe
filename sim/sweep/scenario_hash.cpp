#include "sweep/scenario_hash.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "calsim/errors.hpp"
#include "core/fnv.hpp"
#include "scenario/json_parse.hpp"
#include "scenario/overrides.hpp"
#include "scenario/validate.hpp"

namespace calsim::detail {
namespace {

// What the loader ignores (SCENARIO.md): "x-…" keys in every object, and the
// editor's "$schema" at the top.
void drop_ignored(nlohmann::json& v) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end();) {
      if (it.key().rfind("x-", 0) == 0)
        it = v.erase(it);
      else
        drop_ignored(*it++);
    }
  } else if (v.is_array()) {
    for (auto& x : v) drop_ignored(x);
  }
}

}  // namespace

std::string fnv1a_hex(std::string_view bytes) {
  const std::uint64_t h = fnv1a64(bytes);  // the one FNV-1a (core/fnv.hpp)
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string scenario_text_hash(std::string_view text, const std::vector<std::string>& sets,
                               const std::string& label) {
  nlohmann::json doc;
  if (const auto failure = parse_json(text, doc, max_json_depth))
    throw usage_error(label + ": cannot hash the scenario: " + failure->message);
  diagnostics problems;
  std::vector<set_origin> origins;
  apply_overrides(doc, sets, problems, origins);
  if (!problems.empty()) throw option_error("set", label + ": cannot hash the scenario: " + problems.front().message);
  drop_ignored(doc);
  if (doc.is_object()) doc.erase("$schema");
  // nlohmann::json keeps object keys sorted; dump() writes no whitespace and
  // one spelling per string and per number.
  return fnv1a_hex(doc.dump());
}

std::string scenario_hash(const std::string& file, const std::vector<std::string>& sets) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw usage_error("cannot read " + file);
  std::ostringstream text;
  text << in.rdbuf();
  return scenario_text_hash(text.str(), sets, file);
}

}  // namespace calsim::detail
