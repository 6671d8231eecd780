#include "phase3/value_parser.hpp"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/civil_date.hpp"
#include "core/null_value.hpp"
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

bool parse_float64_field(std::string_view s, std::int64_t& out) {
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (b != e && *b == '+') ++b;
  double v = 0;
  const auto r = std::from_chars(b, e, v);
  if (r.ec != std::errc() || r.ptr != e || !std::isfinite(v)) return false;
  out = std::bit_cast<std::int64_t>(v + 0.0);  // -0.0 + 0.0 = +0.0
  return true;
}

double float64_of(std::int64_t bits) {
  return bits == kNull ? std::numeric_limits<double>::quiet_NaN() : std::bit_cast<double>(bits);
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

bool parse_timestamp_field(std::string_view s, std::int64_t& out) {
  if (s.size() < 16) return false;
  const auto date = parse_iso_date(s.substr(0, 10));
  if (!date || (s[10] != ' ' && s[10] != 'T')) return false;
  std::size_t i = 11;
  auto two = [&](int& v, int max) {
    if (i + 2 > s.size() || s[i] < '0' || s[i] > '9' || s[i + 1] < '0' || s[i + 1] > '9') return false;
    v = (s[i] - '0') * 10 + (s[i + 1] - '0');
    i += 2;
    return v <= max;
  };
  int hh = 0, mm = 0, ss = 0;
  if (!two(hh, 23) || i >= s.size() || s[i++] != ':' || !two(mm, 59)) return false;
  std::int64_t micros = 0;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!two(ss, 59)) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      int digits = 0;
      for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) {
        if (digits == 6) return false;  // BigQuery keeps microseconds; more would be cut silently
        micros = micros * 10 + (s[i] - '0');
      }
      if (digits == 0) return false;
      for (int k = digits; k < 6; ++k) micros *= 10;
    }
  }
  int offset_minutes = 0;
  std::string_view zone = s.substr(i);
  if (!zone.empty() && zone.front() == ' ') zone.remove_prefix(1);
  if (zone.empty() || zone == "UTC" || zone == "Z" || zone == "+00:00") {
    // UTC
  } else if ((zone.front() == '+' || zone.front() == '-') && (zone.size() == 3 || zone.size() == 6)) {
    const int sign = zone.front() == '-' ? -1 : 1;
    i = s.size() - zone.size() + 1;
    int zh = 0, zm = 0;
    if (!two(zh, 14)) return false;
    if (zone.size() == 6 && (s[i++] != ':' || !two(zm, 59))) return false;
    offset_minutes = sign * (zh * 60 + zm);
  } else {
    return false;
  }
  const std::int64_t seconds = static_cast<std::int64_t>(*date) * 86400 + hh * 3600 + mm * 60 + ss -
                               static_cast<std::int64_t>(offset_minutes) * 60;
  out = seconds * 1000000 + micros;
  return true;
}

std::string text_field_problem(std::string_view s) {
  const auto at = [](std::size_t i) { return " at byte " + std::to_string(i + 1) + " of the value"; };
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return "contains a NUL byte" + at(i);
    // Lead byte -> sequence length and the range of its first continuation
    // byte (rules out overlong forms, surrogates and code points > U+10FFFF).
    std::size_t len = 1;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80) len = 1;
    else if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) len = 3;
    else if (c == 0xED) len = 3, hi = 0x9F;
    else if (c >= 0xEE && c <= 0xEF) len = 3;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) len = 4, hi = 0x8F;
    else len = 0;
    bool ok = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    }
    if (!ok) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      return std::string("is not valid UTF-8 (byte ") + hex + at(i) + "; export the table as UTF-8)";
    }
    i += len;
  }
  return "";
}

}  // namespace nba
