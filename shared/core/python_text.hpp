#pragma once
// Python's text forms of values, byte for byte: the original hashes and writes
// `str(x)` / `repr(x)` of floats and `json.dumps` strings, so a port that wants
// HEAD's data_hash and context-JSON bytes must print exactly as Python does
// (columns-parity.md 1.2).
#include <string>
#include <string_view>

namespace nba {

// repr(float) / str(float): shortest round-trip digits, fixed notation for
// decimal exponents -4..15 (`100000.0`, `0.0001`, `-0.0`), else `1e-05`,
// `1e+16`. Non-finite: `nan`, `inf`, `-inf`.
void append_py_float(std::string& out, double x);
std::string py_float(double x);
// The same, always through std::to_chars' shortest digits (py_float's slow
// path, and its oracle in the tests).
std::string py_float_by_shortest_digits(double x);

// The same inside json.dumps: non-finite values are `NaN`, `Infinity`, `-Infinity`.
void append_py_json_float(std::string& out, double x);

// json.dumps of a str with ensure_ascii=True: quotes, \" \\ \n \r \t \b \f,
// other control characters and every non-ASCII code point as \uXXXX (UTF-16
// surrogate pairs above U+FFFF). `s` is valid UTF-8 (import checks every string).
void append_py_json_string(std::string& out, std::string_view s);

// str.lower() of ASCII text (the statuses, phases and bookmakers it compares).
std::string ascii_lower(std::string_view s);

// str.strip() for the identifiers the hashes see: ASCII whitespace and the
// separators \x1c-\x1f that Python also strips.
std::string_view py_strip(std::string_view s);

}  // namespace nba
