// CSV fields (RFC 4180): quoted when they hold a comma, quote or line break;
// Export-Csv style always quotes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace calsim::detail {

void append_csv_field(std::string& out, std::string_view field);   // quotes only when needed
void append_csv_quoted(std::string& out, std::string_view field);  // always quoted (Export-Csv)
void append_int(std::string& out, std::int64_t v);

}  // namespace calsim::detail
