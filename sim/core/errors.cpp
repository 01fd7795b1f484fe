#include "calsim/errors.hpp"

#include <string>

namespace calsim {

namespace {

// Bounded messages (issue 19): an echoed key or value of megabytes is cut,
// at a UTF-8 character boundary, and its length stated.
constexpr std::size_t max_echo_bytes = 300;

std::string cut(const std::string& text) {
  if (text.size() <= max_echo_bytes) return text;
  std::size_t n = max_echo_bytes;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n) + "... (" + std::to_string(text.size()) + " bytes in all)";
}

}  // namespace

std::string format_diagnostic(const diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  out += ": ";
  if (!d.pointer.empty()) out += cut(d.pointer) + ": ";
  out += cut(d.message);
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
