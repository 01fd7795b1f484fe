#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "calsim/load.hpp"

#include "calsim/errors.hpp"
#include "cli/commands.hpp"
#include "core/calendar.hpp"
#include "core/scenario_enums.hpp"

namespace calsim::detail {

namespace fs = std::filesystem;

// The catalog: $CALSIM_SCENARIOS, else <prefix>/share/calsim/scenarios next to an installed
// binary (<prefix>/bin/calsim), else the source folder compiled in.
std::string bundled_scenario_dir() {
  if (const char* env = std::getenv("CALSIM_SCENARIOS"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "calsim" / "scenarios";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  return CALSIM_SCENARIO_DIR;
}

// A name without '/' and without ".json" that is not an existing file is a catalog scenario:
// <catalog>/<name>.json (searched in subfolders too). Anything else is returned as given.
std::string resolve_scenario(const std::string& arg) {
  std::error_code ec;
  if (arg.empty() || arg.find('/') != std::string::npos || arg.ends_with(".json") || fs::exists(arg, ec)) return arg;
  const fs::path dir = bundled_scenario_dir();
  if (fs::is_regular_file(dir / (arg + ".json"), ec)) return (dir / (arg + ".json")).string();
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file() && it->path().filename() == arg + ".json") return it->path().string();
  throw usage_error("no such file, and no scenario named " + arg + " in the catalog " + dir.string() +
                    " (calsim list shows them)");
}

std::vector<std::string> scenario_files(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& given : paths) {
    const std::string p = resolve_scenario(given);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".json") found.push_back(it->path().string());
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      throw usage_error("no such file or folder: " + p);
    }
  }
  return out;
}

namespace {
std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}
}  // namespace

std::string describe_failure(const run_result::expectation_outcome& o) {
  const auto& e = *o.spec;
  std::string s = e.metric + " " + std::string(name_of(compare_ops, e.op)) + " " + number(e.value) + ", got " + number(o.got) + " at " +
                  format_datetime(o.when);
  if (!e.at_instant) s += e.ever ? " (never held between " : " (between ";
  if (!e.at_instant) s += format_date(e.from) + " and " + format_date(e.to) + ")";
  return s;
}

std::optional<std::uint64_t> parse_seed(const std::string& text) {
  if (text.empty() || text.size() > 20 || !std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    return std::nullopt;
  std::uint64_t v = 0;
  for (char ch : text) {
    const std::uint64_t d = static_cast<std::uint64_t>(ch - '0');
    if (v > (UINT64_MAX - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

bool looks_like_scenario(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec || size > max_scenario_bytes) return true;  // the loader says why
  std::ifstream in(path, std::ios::binary);
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) return true;
  return j.is_object() && j.contains("calsim");
}

bool all_passed(const run_result& r) {
  return std::all_of(r.expectations.begin(), r.expectations.end(), [](const auto& o) { return o.passed; });
}

}  // namespace calsim::detail
