// Client groups and their schedules.
#include <algorithm>

#include "core/scenario_enums.hpp"
#include "scenario/name_pattern.hpp"
#include "scenario/validate.hpp"

namespace calsim::detail {

// A list of days (dates or date-times, each counting as its day): midnights,
// sorted, without repeats. Schedule "dates" and the top-level "holidays".
std::vector<sim_time> validate_day_list(const json& v, const std::string& ptr, checker& c, bool non_empty) {
  std::vector<sim_time> days;
  if (c.array(v, ptr, non_empty))
    for (std::size_t i = 0; i < v.size(); ++i)
      if (const auto t = c.time(v[i], pointer_join(ptr, i))) days.push_back(day_floor(*t));
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  return days;
}

namespace {

// The names of the string forms ("daily", …) or of the object forms ({"every": N}, …).
std::vector<std::string> day_rule_names(bool object_form) {
  std::vector<std::string> out;
  for (const auto& row : day_rules)
    if (row.object_form == object_form) out.emplace_back(row.name);
  return out;
}

void validate_days(const json& v, const std::string& ptr, schedule_spec& sc, build_state& st) {
  auto& c = st.c;
  static const std::string forms =
      "\"daily\", \"workdays\", \"weekends\", {\"every\": N}, {\"weekly\": [\"Mon\", …]}, {\"dates\": [\"YYYY-MM-DD\", …]} "
      "or {\"poisson_per_day\": λ}";
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    const auto rule = value_of(day_rules, s);
    if (rule && !row_of(day_rules, *rule)->object_form) {
      sc.days = *rule;
    } else {
      std::string msg = "must be one of " + forms + ", got " + describe(v);
      const std::string guess = closest(s, day_rule_names(false));
      if (!guess.empty()) msg += "; did you mean " + quote(guess) + "?";
      c.error(ptr, std::move(msg));
    }
    return;
  }
  if (!v.is_object() || v.empty()) {
    c.error(ptr, "must be one of " + forms + ", got " + describe(v));
    return;
  }
  if (!c.object(v, ptr, day_rule_names(true), "schedule days")) return;
  std::size_t forms_given = 0;
  for (const auto& [k, x] : v.items())
    if (k.rfind("x-", 0) != 0) ++forms_given;
  if (forms_given != 1) {  // an object of only "x-" keys names no form either
    c.error(ptr, "must have exactly one of every, weekly, dates, poisson_per_day");
    return;
  }
  if (const json* e = member(v, "every")) {
    sc.days = day_rule::every;
    if (const auto n = c.integer(*e, pointer_join(ptr, "every"), 1, 3650)) sc.every_n = static_cast<int>(*n);
  } else if (const json* w = member(v, "weekly")) {
    sc.days = day_rule::weekly;
    const std::string wp = pointer_join(ptr, "weekly");
    if (c.array(*w, wp, true))
      for (std::size_t i = 0; i < w->size(); ++i)
        if (const auto d = c.choice((*w)[i], pointer_join(wp, i), {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}))
          sc.weekdays[*d] = true;
  } else if (const json* d = member(v, "dates")) {
    sc.days = day_rule::dates;
    sc.dates = validate_day_list(*d, pointer_join(ptr, "dates"), c, true);
  } else if (const json* p = member(v, "poisson_per_day")) {
    sc.days = day_rule::poisson;
    if (const auto x = c.number(*p, pointer_join(ptr, "poisson_per_day"), 0.0, 1000.0, true)) sc.poisson_per_day = *x;
  }
}

// "absences": a list of {"from": DATE, "until": DATE} (both days included).
void validate_absences(const json& v, const std::string& ptr, schedule_spec& sc, build_state& st) {
  auto& c = st.c;
  if (!c.array(v, ptr)) return;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string ip = pointer_join(ptr, i);
    if (v[i].is_object() && v[i].contains("per_year")) {  // random absences
      if (!c.object(v[i], ip, {"per_year", "days"}, "a random absence")) continue;
      if (sc.absences_per_year > 0) {
        c.error(ip, "one random absence entry per schedule");
        continue;
      }
      const auto n = c.number(v[i]["per_year"], pointer_join(ip, "per_year"), 0.0, 365.0, true);
      const json* d = c.required(v[i], ip, "days");
      if (!n || !d) continue;
      const std::string dp = pointer_join(ip, "days");
      if (!d->is_array() || d->size() != 2) {
        c.error(dp, "must be [MIN, MAX] whole days, got " + describe(*d));
        continue;
      }
      const auto lo = c.integer((*d)[0], pointer_join(dp, 0), 1, 3650);
      const auto hi = c.integer((*d)[1], pointer_join(dp, 1), 1, 3650);
      if (!lo || !hi) continue;
      if (*hi < *lo) {
        c.error(pointer_join(dp, 1), "must not be less than MIN " + std::to_string(*lo));
        continue;
      }
      sc.absences_per_year = *n;
      sc.absence_min_days = static_cast<int>(*lo);
      sc.absence_max_days = static_cast<int>(*hi);
      continue;
    }
    if (!c.object(v[i], ip, {"from", "until"}, "an absence")) continue;
    const json* f = c.required(v[i], ip, "from");
    const json* u = c.required(v[i], ip, "until");
    // Both checked (each reports its own problem); an absence needs both.
    const auto from = f ? c.time(*f, pointer_join(ip, "from")) : std::nullopt;
    const auto until = u ? c.time(*u, pointer_join(ip, "until")) : std::nullopt;
    if (!from.has_value() || !until.has_value()) continue;
    // value_or, not *: g++ 12 warns that *from "may be used uninitialized" here (a false positive).
    const sim_time first_day = day_floor(from.value_or(0)), last_day = day_floor(until.value_or(0));
    if (last_day < first_day) {
      c.error(pointer_join(ip, "until"), "must not be before \"from\" (both days are included)");
      continue;
    }
    sc.absences.emplace_back(first_day, last_day + seconds_per_day);
  }
  std::sort(sc.absences.begin(), sc.absences.end());
}

schedule_spec validate_schedule(const json& v, const std::string& ptr, build_state& st) {
  auto& c = st.c;
  schedule_spec sc;
  if (!c.object(v, ptr, {"days", "at", "jitter_minutes", "attendance", "admin", "logon_failure", "absences"},
                "a schedule"))
    return sc;
  if (const json* a = member(v, "absences")) validate_absences(*a, pointer_join(ptr, "absences"), sc, st);
  if (const json* d = member(v, "days")) validate_days(*d, pointer_join(ptr, "days"), sc, st);
  if (const json* a = member(v, "at")) {
    const std::string ap = pointer_join(ptr, "at");
    if (c.array(*a, ap, true)) {
      if (a->size() > max_connections_per_day)
        c.error(ap, "must have at most " + std::to_string(max_connections_per_day) +
                        " times of day (a client connects at most " + std::to_string(max_connections_per_day) +
                        " times a day), got " + std::to_string(a->size()));
      sc.at_minutes.clear();
      for (std::size_t i = 0; i < a->size(); ++i)
        if (const auto m = c.hh_mm((*a)[i], pointer_join(ap, i))) sc.at_minutes.push_back(*m);
    }
  }
  if (const json* j = member(v, "jitter_minutes"))
    if (const auto n = c.integer(*j, pointer_join(ptr, "jitter_minutes"), 0, 720)) sc.jitter_minutes = static_cast<int>(*n);
  if (const json* a = member(v, "attendance"))
    if (const auto x = c.number(*a, pointer_join(ptr, "attendance"), 0.0, 1.0)) sc.attendance = *x;
  if (const json* a = member(v, "admin"))
    if (const auto x = c.boolean(*a, pointer_join(ptr, "admin"))) sc.admin = *x;
  if (const json* f = member(v, "logon_failure"))  // R-DEV-12
    if (const auto x = c.number(*f, pointer_join(ptr, "logon_failure"), 0.0, 1.0)) sc.logon_failure = *x;
  if (sc.days == day_rule::poisson)
    for (const char* k : {"at", "jitter_minutes", "attendance"})
      if (member(v, k))
        c.key_error(pointer_join(ptr, k),
                    std::string("\"") + k + "\" has no effect with \"poisson_per_day\" (connections are spread over the day)");
  return sc;
}

bool valid_group_name(std::string_view name) { return valid_node_name(name); }

// Characters in the longest client name `p` makes for n from 1 to count.
std::size_t longest_name(const name_pattern& p, std::int64_t count) {
  const std::size_t digits = std::to_string(std::max<std::int64_t>(count, 1)).size();
  std::size_t n = 0;
  for (const auto& part : p.parts)
    n += part.what == name_pattern::part::kind::index ? std::max(static_cast<std::size_t>(part.width), digits)
                                                      : part.text.size();
  return n;
}

}  // namespace

namespace {

// "group": unique among all groups.
void validate_group_name(const json& v, const std::string& ptr, build_state& st, client_group_spec& g) {
  auto& c = st.c;
  if (const json* n = c.required(v, ptr, "group")) {
    const std::string p = pointer_join(ptr, "group");
    if (const auto s = c.string(*n, p, true)) {
      if (!valid_group_name(*s)) {
        c.error(p, "group name must be 1 to 64 characters of [A-Za-z0-9._-], got " + quote(*s));
      } else {
        if (!st.group_names.insert(*s).second) c.error(p, "group name " + quote(*s) + " is used twice");
      }
      g.group = *s;
    }
  }
}

// "name": the pattern of its client names (checked with the group's count).
void validate_client_pattern(const json& v, const std::string& ptr, build_state& st, client_group_spec& g) {
  auto& c = st.c;
  if (const json* n = c.required(v, ptr, "name")) {
    const std::string p = pointer_join(ptr, "name");
    if (const auto s = c.string(*n, p)) {
      std::string err;
      if (auto pat = parse_name_pattern(*s, false, err)) {
        const std::size_t longest = longest_name(*pat, g.count);
        if (g.count > 1 && !has_index(*pat)) {
          c.error(p, "must contain {n} or {n:0W} when count is more than 1, got " + quote(*s));
        } else if (longest > max_client_name_length) {
          c.error(p, "client names must be at most " + std::to_string(max_client_name_length) + " characters, but " +
                         quote(*s) + " with count " + std::to_string(g.count) + " makes names of " +
                         std::to_string(longest) + " characters");
        } else if (*s == "." || *s == "..") {
          c.error(p, "a client name must not be \".\" or \"..\" (it names a file in the outputs), got " + quote(*s));
        } else {
          g.name = std::move(*pat);  // kept only when usable: check_client_names() skips groups without one
        }
      } else {
        c.error(p, "bad name pattern " + quote(*s) + ": " + err);
      }
    }
  }
}

// "kind" and "image" (R-CLI-3).
void validate_kind_and_image(const json& v, const std::string& ptr, build_state& st, client_group_spec& g) {
  auto& c = st.c;
  if (const json* n = member(v, "kind"))
    if (const auto k = c.choice(*n, pointer_join(ptr, "kind"), client_kinds)) g.kind = *k;
  if (const json* im = member(v, "image")) {
    const std::string p = pointer_join(ptr, "image");
    if (g.kind != client_kind::cloned && g.kind != client_kind::non_persistent) {  // R-CLI-3
      c.error(p, "\"image\" is only for \"kind\": \"cloned\" or \"non_persistent\"");
    } else if (const auto s = c.string(*im, p)) {
      std::vector<std::string> known;
      for (std::size_t i = 0; i < st.s.images.size(); ++i) {
        if (st.s.images[i].name == *s) g.image = i;
        known.push_back(st.s.images[i].name);
      }
      if (!g.image) c.error(p, "no image named " + quote(*s) + " (known: " + join_names(known) + ")");
    }
  } else if (g.kind == client_kind::cloned) {
    c.error(ptr, "missing required key \"image\" (\"kind\": \"cloned\" needs one)");
  }
}

// "hosts": the session hosts the clients connect to.
void validate_group_hosts(const json& v, const std::string& ptr, build_state& st, client_group_spec& g) {
  auto& c = st.c;
  if (const json* h = c.required(v, ptr, "hosts")) {
    const std::string hp = pointer_join(ptr, "hosts");
    if (c.array(*h, hp, true))
      for (std::size_t i = 0; i < h->size(); ++i) {
        const std::string p = pointer_join(hp, i);
        if (const auto idx = lookup_host((*h)[i], p, st)) {
          if (std::find(g.hosts.begin(), g.hosts.end(), *idx) != g.hosts.end())
            c.error(p, "session host " + quote((*h)[i].get<std::string>()) + " is listed twice");
          else
            g.hosts.push_back(*idx);
        }
      }
  }
}

// How the clients behave: hosts policy, user, elevation, OS, active time, boot, shutdown, corruption.
void validate_machine_fields(const json& v, const std::string& ptr, build_state& st, client_group_spec& g) {
  auto& c = st.c;
  if (const json* n = member(v, "hosts_policy"))
    if (const auto k = c.choice(*n, pointer_join(ptr, "hosts_policy"), {"uniform", "first"})) g.hosts_first = *k == 1;
  if (const json* n = member(v, "user")) {
    const std::string p = pointer_join(ptr, "user");
    if (const auto s = c.string(*n, p)) {
      std::string err;
      if (auto pat = parse_name_pattern(*s, true, err)) g.user = std::move(*pat);
      else c.error(p, "bad user pattern " + quote(*s) + ": " + err);
    }
  }
  if (const json* n = member(v, "elevated"))
    if (const auto b = c.boolean(*n, pointer_join(ptr, "elevated"))) g.elevated = *b;
  if (const json* n = member(v, "os"))
    if (const auto k = c.choice(*n, pointer_join(ptr, "os"), {"windows", "windows2000"})) g.os_windows2000 = *k == 1;
  if (const json* a = member(v, "active")) {
    const std::string ap = pointer_join(ptr, "active");
    if (c.object(*a, ap, {"from", "until"}, "\"active\"")) {
      if (const json* f = member(*a, "from")) g.active_from = c.time(*f, pointer_join(ap, "from"));
      if (const json* u = member(*a, "until")) g.active_until = c.time(*u, pointer_join(ap, "until"));
      if (g.active_from && g.active_until && *g.active_from >= *g.active_until)
        c.error(pointer_join(ap, "until"), "must be after \"from\" (" + time_text(*g.active_from) + "), got " +
                                               time_text(*g.active_until));
    }
  }
  if (const json* n = member(v, "boot"))
    if (const auto m = c.hh_mm(*n, pointer_join(ptr, "boot"))) g.boot_minute = *m;
  if (const json* n = member(v, "shutdown"))
    if (const auto m = c.hh_mm(*n, pointer_join(ptr, "shutdown"))) g.shutdown_minute = *m;
  if (const json* n = member(v, "store_corruption_per_year"))
    if (const auto x = c.number(*n, pointer_join(ptr, "store_corruption_per_year"), 0.0, 365.0))
      g.store_corruption_per_year = *x;
  if (const json* n = member(v, "replacement_years"))
    if (const auto x = c.number(*n, pointer_join(ptr, "replacement_years"), 0.0, 100.0, true)) g.replacement_years = *x;
  if (const json* gr = member(v, "growth")) {  // resolved by finish_growth, once the run and actions are known
    const std::string gp = pointer_join(ptr, "growth");
    if (c.object(*gr, gp, {"per_month", "to", "by"}, "\"growth\"")) {
      const json* pm = member(*gr, "per_month");
      const json* to = member(*gr, "to");
      const json* by = member(*gr, "by");
      if (pm && !to && !by) {
        g.growth_per_month = c.number(*pm, pointer_join(gp, "per_month"), 0.0, 1e6, true);
      } else if (!pm && to && by) {
        if (const auto n = c.integer(*to, pointer_join(gp, "to"), 1, 10'000'000)) g.growth_to = *n;
        g.growth_by = c.time(*by, pointer_join(gp, "by"));
      } else {
        c.error(gp, "give { \"per_month\": N } or { \"to\": COUNT, \"by\": DATE }");
      }
    }
  }
}

}  // namespace

// `growth` once the run's range and each group's start are known: how many
// clients exist by the end (`count`), and when each one joins.
void finish_growth(build_state& st) {
  auto& c = st.c;
  if (!st.range_ok) return;
  for (std::size_t i = 0; i < st.s.clients.size(); ++i) {
    client_group_spec& g = st.s.clients[i];
    g.initial_count = g.count;
    if (!g.growth_per_month && !g.growth_by) continue;
    const std::string gp = pointer_join(i < st.group_ptr.size() ? st.group_ptr[i] : "/clients", "growth");
    const sim_time from = day_floor(g.active_from.value_or(st.s.start));
    const std::int64_t run_days = std::max<std::int64_t>(1, (st.s.end - from + seconds_per_day - 1) / seconds_per_day);
    if (g.growth_per_month) {  // N a month, spread evenly: N x 12 / 365 a day
      g.growth_days = run_days;
      g.growth_to = g.count + static_cast<std::int64_t>(*g.growth_per_month * 12.0 * static_cast<double>(run_days) / 365.0);
    } else {
      if (*g.growth_by <= from) {
        c.error(pointer_join(gp, "by"), "must be after the group's first day " + time_text(from) + ", got " + time_text(*g.growth_by));
        continue;
      }
      if (g.growth_to <= g.count) {
        c.error(pointer_join(gp, "to"), "must be more than the group's count " + std::to_string(g.count) + ", got " +
                                             std::to_string(g.growth_to));
        continue;
      }
      g.growth_days = (day_floor(*g.growth_by) - from) / seconds_per_day;
      if (g.growth_days < 1) g.growth_days = 1;
    }
    // The clients that join by the end of the run exist; the others never do.
    std::int64_t n = g.count;
    while (n < g.growth_to && g.joined_day(n) < run_days) ++n;
    if (n > 10'000'000) c.error(gp, "the group would grow beyond 10,000,000 clients");
    else g.count = n;
  }
}

client_group_spec validate_client_group(const json& v, const std::string& ptr, build_state& st) {
  auto& c = st.c;
  client_group_spec g;
  g.user.parts.push_back({name_pattern::part::kind::name, "", 0});
  g.user.source = "{name}";
  if (!c.object(v, ptr,
                {"group", "count", "name", "kind", "image", "hosts", "hosts_policy", "user", "elevated", "os",
                 "active", "boot", "shutdown", "store_corruption_per_year", "replacement_years", "growth", "schedule"},
                "a client group"))
    return g;
  validate_group_name(v, ptr, st, g);
  if (const json* n = member(v, "count"))
    if (const auto x = c.integer(*n, pointer_join(ptr, "count"), 1, 10'000'000)) g.count = *x;
  validate_client_pattern(v, ptr, st, g);
  validate_kind_and_image(v, ptr, st, g);
  validate_group_hosts(v, ptr, st, g);
  validate_machine_fields(v, ptr, st, g);
  if (const json* n = member(v, "schedule")) g.schedule = validate_schedule(*n, pointer_join(ptr, "schedule"), st);
  return g;
}

void validate_clients(const json& root, build_state& st) {
  const json* a = member(root, "clients");
  if (a && st.c.array(*a, "/clients"))
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string ptr = pointer_join("/clients", i);
      st.s.clients.push_back(validate_client_group((*a)[i], ptr, st));
      st.group_ptr.push_back(ptr);
    }
  st.s.initial_groups = st.s.clients.size();
}

std::optional<client_target> find_client_target(const scenario& s, std::string_view name, std::size_t groups,
                                                bool allow_group, std::string& error) {
  groups = std::min(groups, s.clients.size());
  std::vector<std::string> known;
  for (std::size_t g = 0; g < groups; ++g) {
    if (allow_group && s.clients[g].group == name) return client_target{g, -1};
    known.push_back(s.clients[g].group + " (" + quote(s.clients[g].name.source) + ", " +
                    std::to_string(s.clients[g].count) + " clients)");
  }
  std::optional<client_target> found;
  for (std::size_t g = 0; g < groups; ++g) {
    const auto n = match_name(s.clients[g].name, name, s.clients[g].count);
    if (!n) continue;
    if (found) {
      error = "client name " + quote(name) + " matches groups " + quote(s.clients[found->group].group) + " and " +
              quote(s.clients[g].group);
      return std::nullopt;
    }
    found = client_target{g, *n - 1};
  }
  if (!found)
    error = std::string("no ") + (allow_group ? "client group or " : "") + "client named " + quote(name) +
            " (groups: " + join_names(known, 10) + ")";
  return found;
}

}  // namespace calsim::detail
