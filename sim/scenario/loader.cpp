// load_scenario_file / load_scenario_text: read, parse, apply --set, validate,
// then attach a line and column to every problem and throw them all at once.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "scenario/json_parse.hpp"
#include "scenario/overrides.hpp"
#include "scenario/validate.hpp"

namespace calsim {

namespace {

using detail::json;

constexpr std::size_t max_diagnostics = 1000;

[[noreturn]] void refuse(const std::string& file, int line, int column, std::string message) {
  throw scenario_error({diagnostic{file, line, column, "", std::move(message)}});
}

std::string parent_pointer(const std::string& p) {
  const std::size_t slash = p.rfind('/');
  return slash == std::string::npos ? std::string() : p.substr(0, slash);
}

bool under(const std::string& p, const std::string& origin) {
  return p == origin || (p.size() > origin.size() && p.compare(0, origin.size(), origin) == 0 &&
                         p[origin.size()] == '/');
}

// Problems → diagnostics with positions (one walk over the text for all of them).
void locate(std::string_view text, const std::string& label, const std::vector<detail::problem>& problems,
            const std::vector<detail::set_origin>& origins, diagnostics& out) {
  std::unordered_set<std::string> wanted;
  for (const auto& p : problems)
    for (std::string q = p.pointer;; q = parent_pointer(q)) {
      if (!wanted.insert(q).second || q.empty()) break;
    }
  std::unordered_map<std::string, std::size_t> value_at, key_at;
  detail::walk_json(
      text,
      [&](const detail::json_visit& v) {
        if (!wanted.count(v.pointer)) return;
        // A duplicated key: nlohmann keeps the last value, so the last position counts.
        value_at.insert_or_assign(v.pointer, v.value_offset);
        if (v.key_offset != detail::no_offset) key_at.insert_or_assign(v.pointer, v.key_offset);
      },
      detail::max_json_depth + 1);

  std::vector<std::size_t> offsets;
  std::vector<std::size_t> which;  // index into out for each offset
  for (const auto& p : problems) {
    const auto origin = std::find_if(origins.rbegin(), origins.rend(),
                                     [&](const detail::set_origin& o) { return under(p.pointer, o.pointer); });
    if (origin != origins.rend()) {
      out.push_back(diagnostic{"--set", 0, 0, p.pointer, p.message + " (set by --set " + detail::quote(origin->text) + ")"});
      continue;
    }
    out.push_back(diagnostic{label, 0, 0, p.pointer, p.message});
    std::optional<std::size_t> off;
    if (p.offset != detail::no_offset) off = p.offset;
    if (!off && p.at_key)
      if (const auto it = key_at.find(p.pointer); it != key_at.end()) off = it->second;
    for (std::string q = p.pointer; !off;) {  // the value, else its nearest ancestor in the text
      if (const auto it = value_at.find(q); it != value_at.end()) off = it->second;
      if (q.empty()) break;
      q = parent_pointer(q);
    }
    if (off) {
      offsets.push_back(*off);
      which.push_back(out.size() - 1);
    }
  }
  const auto pos = detail::line_columns(text, offsets);
  for (std::size_t i = 0; i < pos.size(); ++i) {
    out[which[i]].line = pos[i].line;
    out[which[i]].column = pos[i].column;
  }
}

scenario load_text(std::string_view text, const std::string& label, const std::vector<std::string>& overrides) {
  if (text.size() > max_scenario_bytes)
    refuse(label, 0, 0, "file is larger than the " + std::to_string(max_scenario_bytes) + "-byte limit (64 MiB)");
  if (detail::blank_text(text)) refuse(label, 1, 1, "empty file (expected a JSON object)");

  json doc;
  if (const auto failure = detail::parse_json(text, doc, detail::max_json_depth)) {
    const auto pos = detail::line_columns(text, {failure->offset});
    const bool deep = failure->message.rfind("nesting", 0) == 0;
    refuse(label, pos[0].line, pos[0].column, (deep ? "" : "JSON syntax error: ") + failure->message);
  }

  diagnostics out;
  std::vector<detail::problem> problems;
  const auto dups = detail::walk_json(
      text, [](const detail::json_visit&) {}, detail::max_json_depth + 1);
  for (const auto& d : dups)
    problems.push_back(
        {d.pointer, true, "duplicate key " + detail::quote(d.key) + " (each key may appear once)", d.key_offset});

  diagnostics set_problems;
  std::vector<detail::set_origin> origins;
  detail::apply_overrides(doc, overrides, set_problems, origins);

  scenario s;
  detail::checker c;
  detail::build_state st{c, s, label, false, false, {}, {}, {}, {}, {}, {}, {}};
  detail::validate_document(doc, st);
  problems.insert(problems.end(), c.problems().begin(), c.problems().end());

  if (problems.empty() && set_problems.empty()) {
    s.source_file = label;
    s.overrides = overrides;
    return s;
  }
  const std::size_t total = problems.size() + set_problems.size();
  if (problems.size() > max_diagnostics) problems.resize(max_diagnostics);
  locate(text, label, problems, origins, out);
  std::stable_sort(out.begin(), out.end(), [](const diagnostic& a, const diagnostic& b) {
    const bool as = a.file == "--set", bs = b.file == "--set";
    if (as != bs) return bs;
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  out.insert(out.end(), set_problems.begin(), set_problems.end());
  if (total > out.size())
    out.push_back(diagnostic{label, 0, 0, "", std::to_string(total - out.size()) + " more problems not shown"});
  throw scenario_error(std::move(out));
}

}  // namespace

scenario load_scenario_text(std::string_view text, const std::string& file_label,
                            const std::vector<std::string>& overrides) {
  try {
    return load_text(text, file_label, overrides);
  } catch (const scenario_error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw out_of_memory("loading the scenario " + file_label);
  } catch (const std::exception& e) {
    // Not expected (a bug, or out of memory): still refuse cleanly.
    refuse(file_label, 0, 0, std::string("internal error while loading the scenario: ") + e.what());
  }
}

scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides) {
  namespace fs = std::filesystem;
  std::string text;
  try {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) refuse(path, 0, 0, "cannot read the scenario: no such file");
    if (fs::is_directory(status)) refuse(path, 0, 0, "cannot read the scenario: it is a folder, not a file");
    if (fs::is_regular_file(status)) {
      const auto size = fs::file_size(path, ec);
      if (!ec && size > max_scenario_bytes)
        refuse(path, 0, 0,
               "file is " + std::to_string(size) + " bytes, larger than the " + std::to_string(max_scenario_bytes) +
                   "-byte limit (64 MiB); refused without reading it");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) refuse(path, 0, 0, std::string("cannot open the scenario: ") + std::strerror(errno));
    // Read at most one byte past the limit (the file may be a pipe or still growing).
    char buf[65536];
    while (in && text.size() <= max_scenario_bytes) {
      in.read(buf, sizeof buf);
      text.append(buf, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) refuse(path, 0, 0, std::string("cannot read the scenario: ") + std::strerror(errno));
    if (text.size() > max_scenario_bytes)
      refuse(path, 0, 0, "file is larger than the " + std::to_string(max_scenario_bytes) + "-byte limit (64 MiB)");
  } catch (const scenario_error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw out_of_memory("reading the scenario " + path);
  } catch (const std::exception& e) {
    refuse(path, 0, 0, std::string("cannot read the scenario: ") + e.what());
  }
  return load_scenario_text(text, path, overrides);
}

}  // namespace calsim
