#include "phase3/value_parser.hpp"

#include <charconv>
#include <limits>

#include "core/rounding.hpp"

namespace nba {

bool parse_int64_field(std::string_view s, std::int64_t& out) {
  if (s.empty()) return false;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (*b == '+') ++b;
  auto r = std::from_chars(b, e, out);
  return r.ec == std::errc() && r.ptr == e && out != std::numeric_limits<std::int64_t>::min();
}

bool parse_numeric_field(std::string_view s, int scale, std::int64_t& out) {
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  std::int64_t acc = 0;
  int int_digits = 0, frac_digits = 0;
  bool round_up = false;
  constexpr std::int64_t kLimit = std::numeric_limits<std::int64_t>::max() / 10 - 10;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++int_digits) {
    if (acc > kLimit) return false;
    acc = acc * 10 + (s[i] - '0');
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++frac_digits) {
      if (frac_digits < scale) {
        if (acc > kLimit) return false;
        acc = acc * 10 + (s[i] - '0');
      } else if (frac_digits == scale) {
        round_up = s[i] >= '5';
      }
    }
  }
  if (i != s.size() || int_digits + frac_digits == 0) return false;
  for (int k = frac_digits; k < scale; ++k) {
    if (acc > kLimit) return false;
    acc *= 10;
  }
  if (round_up) ++acc;
  out = neg ? -acc : acc;
  return true;
}

bool parse_bool_field(std::string_view s, std::int64_t& out) {
  auto eq = [&](std::string_view w) {
    if (s.size() != w.size()) return false;
    for (std::size_t i = 0; i < s.size(); ++i)
      if ((s[i] | 0x20) != w[i]) return false;
    return true;
  };
  if (eq("true")) return out = 1, true;
  if (eq("false")) return out = 0, true;
  return false;
}

}  // namespace nba
