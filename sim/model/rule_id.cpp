#include "model/rule_id.hpp"

#include "core/enum_table.hpp"

namespace calsim::detail {
namespace {

// One row per enumerator, looked up by value (core/enum_table.hpp): the
// static_assert fails the build when a rule_id has no row or two.
constexpr enum_table<rule_id, 37> rule_names{{
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

static_assert(covers_each_once(rule_names) && names_unique(rule_names), "rule_names: one row per rule_id");

}  // namespace

std::string_view rule_name(rule_id r) { return name_of(rule_names, r); }

std::optional<rule_id> rule_from_name(std::string_view name) { return value_of(rule_names, name); }

}  // namespace calsim::detail
