// Expectations: metric, op, value, and `at` or `between` (+ `when`).
#include <cmath>

#include "core/scenario_enums.hpp"
#include "scenario/validate.hpp"

namespace calsim::detail {

namespace {

std::optional<sim_time> run_time(const json& v, const std::string& ptr, build_state& st) {
  const auto t = st.c.time(v, ptr);
  if (t && st.range_ok && (*t < st.s.start || *t > st.s.end)) {
    st.c.error(ptr, time_text(*t) + " is outside the run (" + time_text(st.s.start) + " to " + time_text(st.s.end) +
                        ")");
    return std::nullopt;
  }
  return t;
}

}  // namespace

void validate_expect(const json& root, build_state& st) {
  auto& c = st.c;
  const json* a = member(root, "expect");
  if (!a || !c.array(*a, "/expect")) return;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const std::string ptr = pointer_join("/expect", i);
    const json& v = (*a)[i];
    expectation_spec e;
    e.pointer = ptr;
    if (c.object(v, ptr, {"metric", "op", "value", "at", "between", "when"}, "an expectation")) {
      if (const json* m = c.required(v, ptr, "metric"))
        if (const auto s = c.string(*m, pointer_join(ptr, "metric"), true)) {
          e.metric = *s;
          std::string err;
          if (const auto r = parse_metric(*s, st.s, st.pack_ids, err)) e.ref = *r;
          else c.error(pointer_join(ptr, "metric"), "unknown metric " + quote(*s) + ": " + err);
        }
      if (const json* o = c.required(v, ptr, "op"))
        if (const auto k = c.choice(*o, pointer_join(ptr, "op"), compare_ops)) e.op = *k;
      if (const json* x = c.required(v, ptr, "value")) {
        if (x->is_number() && std::isfinite(x->get<double>())) e.value = x->get<double>();
        else c.error(pointer_join(ptr, "value"), "must be a number, got " + describe(*x));
      }
      const json* at = member(v, "at");
      const json* between = member(v, "between");
      if (at && between) {
        c.error(ptr, "an expectation has \"at\" or \"between\", not both");
      } else if (!at && !between) {
        c.error(ptr, "missing \"at\" (an instant) or \"between\" ([from, to])");
      } else if (at) {
        e.at_instant = true;
        if (const auto t = run_time(*at, pointer_join(ptr, "at"), st)) e.at = *t;
        if (member(v, "when"))
          c.key_error(pointer_join(ptr, "when"), "\"when\" is only for \"between\" (an instant is checked once)");
      } else {
        e.at_instant = false;
        const std::string bp = pointer_join(ptr, "between");
        if (!between->is_array() || between->size() != 2) {
          c.error(bp, "must be a pair of dates [from, to], got " + describe(*between));
        } else {
          const auto f = run_time((*between)[0], pointer_join(bp, 0), st);
          const auto t = run_time((*between)[1], pointer_join(bp, 1), st);
          if (f) e.from = *f;
          if (t) e.to = *t;
          if (f && t && *f > *t)
            c.error(pointer_join(bp, 1), "must not be before " + time_text(*f) + ", got " + time_text(*t));
        }
        if (const json* w = member(v, "when"))
          if (const auto k = c.choice(*w, pointer_join(ptr, "when"), {"always", "ever"})) e.ever = *k == 1;
      }
    }
    st.s.expect.push_back(std::move(e));
  }
}

}  // namespace calsim::detail
