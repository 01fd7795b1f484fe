#include "calsim/errors.hpp"

#include <string>

namespace calsim {

std::string format_diagnostic(const diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  out += ": ";
  if (!d.pointer.empty()) out += d.pointer + ": ";
  out += d.message;
  return out;
}

namespace {
std::string join(const diagnostics& ds) {
  std::string s;
  for (const auto& d : ds) s += format_diagnostic(d) + '\n';
  return s;
}
}  // namespace

scenario_error::scenario_error(diagnostics d) : std::runtime_error(join(d)), problems(std::move(d)) {}

invariant_error::invariant_error(std::string r, const std::string& what)
    : std::logic_error("internal error (a bug in calsim): invariant " + r + " broke: " + what),
      rule(std::move(r)) {}

}  // namespace calsim
