// Client and user name patterns: "PC-{n:03}", "user{n}", "{name}".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "calsim/scenario.hpp"

namespace calsim::detail {

// Parses a pattern. Client names (`user` false) allow {n} and {n:0W} (W 1..9)
// and literal text of [A-Za-z0-9._-]; user names (`user` true) also allow
// {name} and any literal text but braces and control characters. On failure
// returns nullopt and sets `error` to a message.
std::optional<name_pattern> parse_name_pattern(std::string_view text, bool user, std::string& error);

// True when the pattern contains {n} or {n:0W}.
bool has_index(const name_pattern& p);

// The name of client `n` (1-based); `name` fills {name} (the client's name).
std::string format_name(const name_pattern& p, std::int64_t n, std::string_view name);

// The 1-based n (1 ≤ n ≤ count) whose name is `s`, or nullopt. Never enumerates.
std::optional<std::int64_t> match_name(const name_pattern& p, std::string_view s, std::int64_t count);

}  // namespace calsim::detail
