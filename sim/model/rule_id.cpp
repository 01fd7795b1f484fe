#include "model/rule_id.hpp"

#include <array>
#include <utility>

namespace calsim::detail {
namespace {

// One row per enumerator, in enumerator order: the static_assert below
// fails the build when the enum and the table disagree, so reordering the
// enum cannot change a name silently.
constexpr std::array<std::pair<rule_id, std::string_view>, 37> rule_names{{
    {rule_id::none, ""},
    {rule_id::mode_2, "R-MODE-2"},
    {rule_id::mode_4, "R-MODE-4"},
    {rule_id::mode_5, "R-MODE-5"},
    {rule_id::mode_6, "R-MODE-6"},
    {rule_id::mode_7, "R-MODE-7"},
    {rule_id::mode_8, "R-MODE-8"},
    {rule_id::grace_3, "R-GRACE-3"},
    {rule_id::grace_4, "R-GRACE-4"},
    {rule_id::grace_5, "R-GRACE-5"},
    {rule_id::grace_6, "R-GRACE-6"},
    {rule_id::dev_1, "R-DEV-1"},
    {rule_id::dev_2, "R-DEV-2"},
    {rule_id::dev_3, "R-DEV-3"},
    {rule_id::dev_4, "R-DEV-4"},
    {rule_id::dev_5, "R-DEV-5"},
    {rule_id::dev_6, "R-DEV-6"},
    {rule_id::dev_7, "R-DEV-7"},
    {rule_id::dev_8, "R-DEV-8"},
    {rule_id::dev_9, "R-DEV-9"},
    {rule_id::dev_10, "R-DEV-10"},
    {rule_id::dev_12, "R-DEV-12"},
    {rule_id::user_1, "R-USER-1"},
    {rule_id::user_2, "R-USER-2"},
    {rule_id::user_3, "R-USER-3"},
    {rule_id::ver_3, "R-VER-3"},
    {rule_id::rev_1, "R-REV-1"},
    {rule_id::rev_2, "R-REV-2"},
    {rule_id::rev_3, "R-REV-3"},
    {rule_id::rev_4, "R-REV-4"},
    {rule_id::rev_6, "R-REV-6"},
    {rule_id::cli, "R-CLI"},
    {rule_id::cli_2, "R-CLI-2"},
    {rule_id::cli_3, "R-CLI-3"},
    {rule_id::cli_4, "R-CLI-4"},
    {rule_id::net_1, "R-NET-1"},
    {rule_id::evt, "R-EVT"},
}};

constexpr bool rows_in_enum_order() {
  for (std::size_t i = 0; i < rule_names.size(); ++i)
    if (static_cast<std::size_t>(rule_names[i].first) != i) return false;
  return static_cast<std::size_t>(rule_id::evt) + 1 == rule_names.size();
}
static_assert(rows_in_enum_order(), "rule_names must list every rule_id once, in enum order");

}  // namespace

std::string_view rule_name(rule_id r) { return rule_names[static_cast<std::size_t>(r)].second; }

std::optional<rule_id> rule_from_name(std::string_view name) {
  for (const auto& [id, text] : rule_names)
    if (text == name) return id;
  return std::nullopt;
}

}  // namespace calsim::detail
