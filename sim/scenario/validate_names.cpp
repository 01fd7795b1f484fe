// Client names across all groups (initial and add_clients): each name made once,
// none equal to a server, host or router name, and the model's limits on how many
// groups and clients a scenario has. Runs after every group is validated.
//
// Two groups are compared without listing their names: a name's first characters
// are its pattern's literal prefix, so only groups whose prefixes extend one
// another can meet (a sorted scan finds those pairs); for such a pair, the names
// made by n of a given number of digits share one shape (fixed characters and
// digit slots), and only shapes that agree position by position can share a name.
// With one {n} per pattern, whether they do is a small interval computation;
// patterns with several {n} list the smaller side's names (within a budget).
#include <algorithm>

#include "scenario/name_pattern.hpp"
#include "scenario/validate.hpp"

namespace calsim::detail {

namespace {

using part_kind = name_pattern::part::kind;

// Names listed in all while comparing groups whose patterns have several {n} (for
// one {n} the comparison is exact arithmetic); past it the remaining pairs are
// not checked (only contrived patterns get there).
constexpr std::size_t listing_budget = 2'000'000;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The literal text before the first {n}: every name of the group starts with it.
std::string prefix_of(const name_pattern& p) {
  std::string out;
  for (const auto& part : p.parts) {
    if (part.what != part_kind::text) break;
    out += part.text;
  }
  return out;
}

// The n that have `digits` digits (0: a pattern without {n}, one name).
struct name_class {
  int digits = 0;
  std::int64_t first = 1;
  std::int64_t last = 1;
};

std::vector<name_class> classes_of(const client_group_spec& g) {
  if (!has_index(g.name)) return {name_class{0, 1, 1}};
  std::vector<name_class> out;
  std::int64_t lo = 1;
  for (int d = 1; lo <= g.count; ++d, lo *= 10) out.push_back(name_class{d, lo, std::min(g.count, lo * 10 - 1)});
  return out;
}

// One character of every name of a class: fixed, or a digit of n (`lead`: its first, 1-9).
struct slot {
  bool digit = false;
  bool lead = false;
  char fixed = 0;
};

std::vector<slot> shape(const name_pattern& p, int digits) {
  std::vector<slot> out;
  for (const auto& part : p.parts) {
    if (part.what == part_kind::text) {
      for (char ch : part.text) out.push_back(slot{false, false, ch});
    } else if (part.what == part_kind::index) {
      for (int k = digits; k < part.width; ++k) out.push_back(slot{false, false, '0'});  // zero padding
      for (int k = 0; k < digits; ++k) out.push_back(slot{true, k == 0, 0});
    }
  }
  return out;
}

// False when no name of shape `a` can equal a name of shape `b`.
bool may_meet(const std::vector<slot>& a, const std::vector<slot>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const slot& x = a[i];
    const slot& y = b[i];
    if (!x.digit && !y.digit) {
      if (x.fixed != y.fixed) return false;
    } else if (!x.digit || !y.digit) {
      const slot& f = x.digit ? y : x;
      const slot& d = x.digit ? x : y;
      if (f.fixed < '0' || f.fixed > '9' || (d.lead && f.fixed == '0')) return false;
    }
  }
  return true;
}

// A group's name classes, each with its shape.
struct group_shapes {
  std::vector<name_class> classes;
  std::vector<std::vector<slot>> shapes;
};

group_shapes shapes_of(const client_group_spec& g) {
  group_shapes out;
  out.classes = classes_of(g);
  for (const name_class& k : out.classes) out.shapes.push_back(shape(g.name, k.digits));
  return out;
}

std::size_t index_fields(const name_pattern& p) {
  return static_cast<std::size_t>(std::count_if(p.parts.begin(), p.parts.end(),
                                                [](const auto& part) { return part.what == part_kind::index; }));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }
std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return -floor_div(-a, b); }

// Two shapes that may meet, each with at most one run of digits (patterns with
// at most one {n}). Where both have a digit the name is free; those positions
// form one block (the overlap of the two runs), whose value v makes each n equal
// to base + v * mul. A common name exists when the ranges of v allowed by the two
// classes meet; returns the one with the smallest v, or "".
std::string meet_one_run(const std::vector<slot>& a, const name_class& ca, const std::vector<slot>& b,
                         const name_class& cb) {
  const std::size_t len = a.size();
  std::string name(len, '0');
  std::size_t free_lo = len, free_hi = len;  // the free block [free_lo, free_hi)
  for (std::size_t i = 0; i < len; ++i) {
    if (!a[i].digit) {
      name[i] = a[i].fixed;
    } else if (!b[i].digit) {
      name[i] = b[i].fixed;
    } else {
      if (free_lo == len) free_lo = i;
      free_hi = i + 1;
    }
  }
  const std::size_t free_len = free_lo == len ? 0 : free_hi - free_lo;
  std::int64_t v_lo = 0, v_hi = 0;
  for (std::size_t k = 0; k < free_len; ++k) v_hi = v_hi * 10 + 9;
  auto limit = [&](const std::vector<slot>& s, const name_class& c) {
    if (c.digits == 0) return;  // a pattern without {n}: its one name
    std::int64_t base = 0, mul = 1;
    for (std::size_t i = 0; i < len; ++i) {
      if (!s[i].digit) continue;
      const bool free = free_len > 0 && i >= free_lo && i < free_hi;
      base = base * 10 + (free ? 0 : name[i] - '0');
      if (free_len > 0 && i >= free_hi) mul *= 10;  // a digit of n after the block
    }
    if (free_len == 0) {  // the name is fixed: n is base
      if (base < c.first || base > c.last) v_hi = -1;
      return;
    }
    v_lo = std::max(v_lo, ceil_div(c.first - base, mul));
    v_hi = std::min(v_hi, floor_div(c.last - base, mul));
  };
  limit(a, ca);
  limit(b, cb);
  if (v_lo > v_hi) return "";
  std::int64_t v = v_lo;
  for (std::size_t k = free_len; k > 0; --k, v /= 10) name[free_lo + k - 1] = static_cast<char>('0' + v % 10);
  return name;
}

// A client name both groups make, or "" (also when the budget runs out, which
// only listing can use: patterns with several {n}).
std::string common_name(const client_group_spec& x, const group_shapes& xs, const client_group_spec& y,
                        const group_shapes& ys, std::size_t& budget) {
  const bool one_run = index_fields(x.name) <= 1 && index_fields(y.name) <= 1;
  for (std::size_t i = 0; i < xs.classes.size(); ++i)
    for (std::size_t j = 0; j < ys.classes.size(); ++j) {
      if (!may_meet(xs.shapes[i], ys.shapes[j])) continue;
      const name_class& cx = xs.classes[i];
      const name_class& cy = ys.classes[j];
      if (one_run) {
        std::string name = meet_one_run(xs.shapes[i], cx, ys.shapes[j], cy);
        if (!name.empty()) return name;
        continue;
      }
      const bool x_smaller = cx.last - cx.first <= cy.last - cy.first;
      const client_group_spec& listed = x_smaller ? x : y;
      const client_group_spec& other = x_smaller ? y : x;
      const name_class& c = x_smaller ? cx : cy;
      for (std::int64_t n = c.first; n <= c.last; ++n) {
        if (budget == 0) return "";
        --budget;
        std::string name = format_name(listed.name, n, "");
        if (match_name(other.name, name, other.count)) return name;
      }
    }
  return "";
}

std::string group_text(const client_group_spec& g) {
  return "group " + quote(g.group) + " (" + quote(g.name.source) + ", " + std::to_string(g.count) +
         (g.count == 1 ? " client)" : " clients)");
}

}  // namespace

void check_client_names(build_state& st) {
  auto& c = st.c;
  const auto& groups = st.s.clients;
  if (st.group_ptr.size() != groups.size()) return;  // not expected: every group records its pointer
  if (groups.size() > max_client_groups) {
    c.error(st.group_ptr[max_client_groups],
            "too many client groups: at most " + std::to_string(max_client_groups) +
                " (those of \"clients\" and of add_clients actions together), got " + std::to_string(groups.size()));
    return;
  }
  std::int64_t total = 0;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    total += groups[i].count;
    if (total > max_total_clients) {
      c.error(pointer_join(st.group_ptr[i], "count"),
              "too many clients: the groups up to this one make " + std::to_string(total) + " clients, at most " +
                  std::to_string(max_total_clients) + " in all (the simulator numbers clients with 32 bits)");
      break;
    }
  }

  // Groups with a usable name pattern (the others already have a problem).
  std::vector<std::size_t> usable;
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (!groups[i].name.parts.empty()) usable.push_back(i);
  std::vector<std::string> prefix(groups.size());
  for (std::size_t i : usable) prefix[i] = prefix_of(groups[i].name);
  std::vector<bool> reported(groups.size(), false);

  // Against node names: only those starting with the group's prefix can match.
  for (std::size_t i : usable) {
    for (auto it = st.nodes.lower_bound(prefix[i]); it != st.nodes.end() && starts_with(it->first, prefix[i]); ++it) {
      if (!match_name(groups[i].name, it->first, groups[i].count)) continue;
      c.error(pointer_join(st.group_ptr[i], "name"),
              "makes the client name " + quote(it->first) + ", which is already the name of the node at " +
                  st.node_ptr[it->first] + " (clients, servers, hosts and routers need distinct names)");
      reported[i] = true;
      break;
    }
  }

  // Against each other: sorted by prefix, the groups a prefix can meet follow it.
  std::stable_sort(usable.begin(), usable.end(), [&](std::size_t a, std::size_t b) { return prefix[a] < prefix[b]; });
  std::vector<group_shapes> shapes(groups.size());
  for (std::size_t i : usable) shapes[i] = shapes_of(groups[i]);
  std::size_t budget = listing_budget;
  for (std::size_t a = 0; a < usable.size() && budget > 0; ++a)
    for (std::size_t b = a + 1; b < usable.size() && starts_with(prefix[usable[b]], prefix[usable[a]]); ++b) {
      const std::size_t earlier = std::min(usable[a], usable[b]);
      const std::size_t later = std::max(usable[a], usable[b]);
      if (reported[later]) continue;
      const std::string name = common_name(groups[earlier], shapes[earlier], groups[later], shapes[later], budget);
      if (name.empty()) continue;
      c.error(pointer_join(st.group_ptr[later], "name"),
              group_text(groups[earlier]) + " also makes the client name " + quote(name) +
                  ": client names would clash (each client name must be unique)");
      reported[later] = true;
    }
}

}  // namespace calsim::detail
