#pragma once
// Parsers for one CSV field of each BigQuery type. They return false on any
// malformed value so the caller can report file, line and column.
#include <cstdint>
#include <string>
#include <string_view>

namespace nba {

bool parse_int64_field(std::string_view s, std::int64_t& out);
// Decimal text (no exponent) -> value * 10^scale, rounded half away from zero
// when the text has more decimals than the column scale (what BigQuery does on load).
bool parse_numeric_field(std::string_view s, int scale, std::int64_t& out);
// true/false, case-insensitive.
bool parse_bool_field(std::string_view s, std::int64_t& out);
// A BigQuery TIMESTAMP as text -> microseconds since 1970-01-01 00:00:00 UTC:
// "YYYY-MM-DD HH:MM[:SS[.ffffff]]" (or 'T' between date and time), then an
// optional zone: " UTC", "Z", or an offset "+HH:MM" / "-HH:MM" / "+HH".
// What BigQuery's CSV export writes ("2021-10-20 10:00:00 UTC") and ISO 8601.
bool parse_timestamp_field(std::string_view s, std::int64_t& out);
// A FLOAT64 as its bit pattern (the nearest double, as BigQuery's export text
// round-trips); non-finite values are refused, -0.0 becomes 0.0.
bool parse_float64_field(std::string_view s, std::int64_t& out);
double float64_of(std::int64_t bits);  // NaN for the NULL sentinel

// A STRING value must be UTF-8 (what BigQuery stores and JSON exports need)
// without NUL bytes (the store's fixed-width strings end at the first NUL, so
// two keys would merge). Returns what is wrong, or "" when the text is fine.
std::string text_field_problem(std::string_view s);

}  // namespace nba
