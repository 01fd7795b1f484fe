// Top level of a scenario, and the order in which the parts are validated.
//
// Choices where SCENARIO.md is silent (copied to the README):
// - A "calsim" other than 1 stops validation there (a newer format's fields would
//   only produce noise).
// - Default "name": the file name's stem, lowercased, every character outside
//   [a-z0-9-] replaced by '-' ("scenario" when nothing is left).
// - "end" is exclusive; it must be after "start" and at most 36500 days after it.
//   The run must end by 9999-01-01 (the calendar stops at 9999-12-31, and leases
//   and grace periods reach up to 120 days past the run).
// - Names are case-sensitive. Node names (servers, hosts, routers), client group
//   names and key pack ids are 1 to 64 characters of [A-Za-z0-9._-]; key pack ids
//   "per_device" and "per_user" are refused (they would clash with metric names).
// - "version" defaults to 2019 for servers and hosts; a key pack needs "id",
//   "type", "version" and "count". "domain" defaults to null (workgroup).
// - A client group needs "group", "name" and "hosts"; "count" defaults to 1,
//   "kind" to "persistent". "user" literal text may be anything but braces and
//   control characters, and need not contain {n} (a shared account). Two groups
//   with the same "name" pattern are refused (their client names would clash).
// - Lists of names (hosts, license_servers, security_group) must not repeat a name.
// - An image "license" object needs "server", "type" and "expires".
// - "schedule.days" {"dates": …} accepts dates or date-times (floored to midnight).
//   With {"poisson_per_day": λ}, "at", "jitter_minutes" and "attendance" are refused
//   (they have no effect).
// - "active": "from" and "until" are each optional; when both, from < until.
// - Expectations: times within the run (start and end included); "value" any
//   finite number; "when" only with "between"; "events.<id>" only for the ids
//   RULES.md lists (4, 18, 21, 1000, 1003, 1004, 1011, 1028, 1069, 4105, 4141);
//   a "pool.<server>.<pack>" metric may name a pack added by add_key_pack.
// - Client names (every name a group's pattern makes) are at most 64 characters,
//   not "." or "..", unique across all groups (initial and add_clients) and
//   distinct from server, host and router names (they name registry/<name>.reg).
//   At most 10000 client groups, and at most 4294967294 clients in all.
// - "schedule.at" holds at most 32 times (the model plans at most 32 connections
//   a day per client).
// - Node names may not be "." or ".." (they name files in the outputs).
// - Keys starting with "x-" are ignored in every object.
// - A top-level "$schema" (a string: the JSON Schema an editor checks the file
//   against, see `calsim schema`) is accepted and ignored.
// - Nesting deeper than 64 levels is refused.
#include <cctype>
#include <filesystem>

#include "core/calendar.hpp"
#include "core/scenario_enums.hpp"
#include "scenario/validate.hpp"

namespace calsim::detail {

namespace {

std::string default_name(const std::string& label) {
  std::string stem;
  try {
    stem = std::filesystem::path(label).stem().string();
  } catch (...) {
    stem.clear();
  }
  for (char& ch : stem) {
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) ch = '-';
  }
  return stem.empty() ? "scenario" : stem;
}

bool valid_scenario_name(std::string_view s) {
  if (s.empty()) return false;
  for (char ch : s)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) return false;
  return true;
}

}  // namespace

namespace {

// The format version first: with another one nothing else is read. False: stop.
bool format_version_ok(const json& root, build_state& st) {
  auto& c = st.c;
  if (!root.is_object()) {
    c.error("", "a scenario must be a JSON object {…}, got " + describe(root));
    return false;
  }
  const json* version = c.required(root, "", "calsim");
  if (!version) return false;
  if (!version->is_number_integer()) {
    c.error("/calsim", "must be the format version 1 (an integer), got " + describe(*version));
    return false;
  }
  if (*version != 1) {
    c.error("/calsim", "unsupported format version " + describe(*version).substr(7) + " (this calsim reads 1)");
    return false;
  }
  return true;
}

// Name, description, profile, seed and the top-level switches.
void validate_top_fields(const json& root, build_state& st) {
  auto& c = st.c;
  auto& s = st.s;
  c.object(root, "",
           {"$schema", "calsim", "name", "description", "rules", "seed", "start", "days", "end", "auto_discovery",
            "holidays", "initial_licenses", "license_servers", "session_hosts", "images", "clients", "network", "actions", "expect"});
  s.format = 1;
  s.name = default_name(st.label);
  if (const json* n = member(root, "name"))
    if (const auto x = c.string(*n, "/name")) {
      if (valid_scenario_name(*x)) s.name = *x;
      else c.error("/name", "must be lowercase letters, digits and '-' ([a-z0-9-]+), got " + quote(*x));
    }
  if (const json* sch = member(root, "$schema")) c.string(*sch, "/$schema");  // for editors; ignored
  if (const json* d = member(root, "description"))
    if (const auto x = c.string(*d, "/description")) s.description = *x;
  if (const json* r = member(root, "rules"))
    if (const auto k = c.choice(*r, "/rules", rules_profiles)) s.rules = *k;
  if (const json* n = member(root, "seed"))
    if (const auto x = c.unsigned_integer(*n, "/seed")) s.seed = *x;
  if (const json* a = member(root, "auto_discovery"))
    if (const auto x = c.boolean(*a, "/auto_discovery")) s.auto_discovery = *x;
  if (const json* h = member(root, "holidays"))  // days on which no `workdays` schedule connects
    s.holidays = validate_day_list(*h, "/holidays", c, false);

}

// "start" and the run length ("days" or "end"), within the calendar.
void validate_run_length(const json& root, build_state& st) {
  auto& c = st.c;
  auto& s = st.s;
  if (const json* t = c.required(root, "", "start"))
    if (const auto x = c.time(*t, "/start")) {
      s.start = *x;
      st.start_ok = true;
    }
  const json* days = member(root, "days");
  const json* end = member(root, "end");
  constexpr std::int64_t max_days = 36500;
  const sim_time latest_end = *parse_iso(last_run_end);
  const std::string calendar_note =
      "the run must end by " + std::string(last_run_end) +
      " (the calendar stops at 9999-12-31, and leases and grace periods reach up to 120 days past the run)";
  if (days && end) {
    c.key_error("/end", "give \"days\" or \"end\", not both");
  } else if (!days && !end) {
    c.error("", "missing the run length: \"days\" (an integer from 1 to 36500) or \"end\" (a date)");
  } else if (days) {
    if (const auto n = c.integer(*days, "/days", 1, max_days); n && st.start_ok) {
      const std::int64_t room = (latest_end - s.start) / seconds_per_day;  // whole days left before the limit
      if (room < 1) {
        c.error("/start", calendar_note + ", so \"start\" must be at least a day before it, got " +
                              time_text(s.start));
      } else if (*n > room) {
        c.error("/days", calendar_note + "; from \"start\" " + time_text(s.start) + " that is at most " +
                             std::to_string(room) + " days, got " + std::to_string(*n));
      } else {
        s.end = s.start + *n * seconds_per_day;
        st.range_ok = true;
      }
    }
  } else if (const auto x = c.time(*end, "/end"); x && st.start_ok) {
    if (*x <= s.start)
      c.error("/end", "must be after \"start\" (" + time_text(s.start) + "), got " + time_text(*x));
    else if (*x - s.start > max_days * seconds_per_day)
      c.error("/end", "must be at most 36500 days after \"start\", got " + time_text(*x));
    else if (*x > latest_end)
      c.error("/end", calendar_note + ", got " + time_text(*x));
    else {
      s.end = *x;
      st.range_ok = true;
    }
  }
}

}  // namespace

void validate_document(const json& root, build_state& st) {
  if (!format_version_ok(root, st)) return;
  validate_top_fields(root, st);
  validate_run_length(root, st);
  register_nodes(root, st);
  validate_license_servers(root, st);
  validate_session_hosts(root, st);
  validate_images(root, st);
  validate_initial_licenses(root, st);
  validate_network(root, st);
  validate_clients(root, st);
  validate_actions(root, st);
  finish_growth(st);
  check_client_names(st);
  validate_expect(root, st);
}

}  // namespace calsim::detail
