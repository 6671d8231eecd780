#include "core/python_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace nba {

namespace {

// Most values the hashes and JSON see are short decimals (NUMERIC values, 4-dp
// means). When x is the double nearest to y / 10^k for an integer y and the
// smallest such k <= 6 (and 10^-k is wider than x's rounding interval, so no
// other k-decimal number reads back as x), "y with k decimals" is exactly
// Python's shortest repr; this is 3-4x faster than to_chars plus reformatting.
bool append_short_decimal(std::string& out, double x) {
  static constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  const double a = std::fabs(x);
  if (!(a >= 1e-4 && a < 1e9)) return false;
  for (int k = 0; k <= 6; ++k) {
    const double scaled = a * kPow10[k];
    if (scaled >= 1e15) return false;
    const double y = std::nearbyint(scaled);
    if (y / kPow10[k] != a) continue;
    char digits[24];
    const auto r = std::to_chars(digits, digits + sizeof digits, static_cast<long long>(y));
    const int n = static_cast<int>(r.ptr - digits);
    if (std::signbit(x)) out += '-';
    if (k == 0) {
      out.append(digits, static_cast<std::size_t>(n));
      out += ".0";
    } else if (n > k) {
      out.append(digits, static_cast<std::size_t>(n - k));
      out += '.';
      out.append(digits + n - k, static_cast<std::size_t>(k));
    } else {
      out += "0.";
      out.append(static_cast<std::size_t>(k - n), '0');
      out.append(digits, static_cast<std::size_t>(n));
    }
    return true;
  }
  return false;
}

void append_by_shortest_digits(std::string& out, double x) {
  char buf[40];
  // Shortest round-trip digits and the decimal exponent: "[-]d[.ddd]e[+-]xx".
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  const char* p = buf;
  if (*p == '-') out += '-', ++p;
  char digits[20];
  int n = 0;
  for (; *p != 'e'; ++p)
    if (*p != '.') digits[n++] = *p;
  int e = 0;
  std::from_chars(p + (p[1] == '+' ? 2 : 1), r.ptr, e);  // from_chars takes '-' but not '+'
  if (e >= -4 && e < 16) {
    if (e >= 0) {
      for (int i = 0; i <= e; ++i) out += i < n ? digits[i] : '0';
      out += '.';
      if (n > e + 1) out.append(digits + e + 1, static_cast<std::size_t>(n - e - 1));
      else out += '0';
    } else {
      out += "0.";
      out.append(static_cast<std::size_t>(-e - 1), '0');
      out.append(digits, static_cast<std::size_t>(n));
    }
    return;
  }
  out += digits[0];
  if (n > 1) out += '.', out.append(digits + 1, static_cast<std::size_t>(n - 1));
  char exp[16];
  std::snprintf(exp, sizeof exp, "e%c%02d", e < 0 ? '-' : '+', std::abs(e));
  out += exp;
}

void append_finite(std::string& out, double x) {
  if (!append_short_decimal(out, x)) append_by_shortest_digits(out, x);
}

}  // namespace

std::string py_float_by_shortest_digits(double x) {
  if (!std::isfinite(x)) return py_float(x);
  std::string s;
  append_by_shortest_digits(s, x);
  return s;
}

void append_py_float(std::string& out, double x) {
  if (std::isnan(x)) out += "nan";
  else if (std::isinf(x)) out += x > 0 ? "inf" : "-inf";
  else append_finite(out, x);
}

std::string py_float(double x) {
  std::string s;
  append_py_float(s, x);
  return s;
}

void append_py_json_float(std::string& out, double x) {
  if (std::isnan(x)) out += "NaN";
  else if (std::isinf(x)) out += x > 0 ? "Infinity" : "-Infinity";
  else append_finite(out, x);
}

void append_py_json_string(std::string& out, std::string_view s) {
  static const char* const kHex = "0123456789abcdef";
  auto u = [&](unsigned cp) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
  };
  out += '"';
  // Identifiers and labels need no escape: copy them whole.
  std::size_t plain = 0;
  while (plain < s.size() && s[plain] >= ' ' && s[plain] <= '~' && s[plain] != '"' && s[plain] != '\\') ++plain;
  out.append(s.data(), plain);
  for (std::size_t i = plain; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20 || c == 0x7f) u(c);  // outside " ".."~", as ensure_ascii escapes
          else out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // Decode one UTF-8 sequence (valid by the import's check).
    const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    unsigned cp = c & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      u(0xD800 + (cp >> 10)), u(0xDC00 + (cp & 0x3FF));
    } else {
      u(cp);
    }
    i += len;
  }
  out += '"';
}

std::string_view py_strip(std::string_view s) {
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f'); };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace nba
