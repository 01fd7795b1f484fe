// The rule ids of RULES.md as a type: code names a rule by enumerator, and
// one table (rule_id.cpp) maps each to the id printed in outputs.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace calsim::detail {

enum class rule_id : std::uint8_t {
  none,
  mode_2, mode_4, mode_5, mode_6, mode_7, mode_8,
  grace_3, grace_4, grace_5, grace_6,
  dev_1, dev_2, dev_3, dev_4, dev_5, dev_6, dev_7, dev_8, dev_9, dev_10, dev_12,
  user_1, user_2, user_3,
  ver_3,
  rev_1, rev_2, rev_3, rev_4, rev_6,
  cli, cli_2, cli_3, cli_4,
  net_1,
  evt,
};

// "R-DEV-7" for rule_id::dev_7; "" for none.
std::string_view rule_name(rule_id r);
// The id named "R-DEV-7", or nullopt.
std::optional<rule_id> rule_from_name(std::string_view name);

}  // namespace calsim::detail
