#include "core/rounding.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace nba {

std::int64_t pow10_i64(int n) {
  static constexpr std::int64_t table[] = {1,
                                           10,
                                           100,
                                           1000,
                                           10000,
                                           100000,
                                           1000000,
                                           10000000,
                                           100000000,
                                           1000000000,
                                           10000000000,
                                           100000000000,
                                           1000000000000,
                                           10000000000000,
                                           100000000000000,
                                           1000000000000000,
                                           10000000000000000,
                                           100000000000000000,
                                           1000000000000000000};
  if (n < 0 || n > 18) throw std::out_of_range("pow10_i64: exponent out of range");
  return table[n];
}

double decimal_to_double(std::int64_t scaled, int scale) {
  // Both operands are exact doubles when |scaled| < 2^53 and scale <= 22, so the
  // IEEE quotient is the correctly rounded decimal value. Otherwise go via strtod.
  constexpr std::int64_t kExact = std::int64_t{1} << 53;
  if (scaled > -kExact && scaled < kExact && scale <= 18)
    return static_cast<double>(scaled) / static_cast<double>(pow10_i64(scale));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lde-%d", static_cast<long>(scaled), scale);
  return std::strtod(buf, nullptr);
}

double python_round(double x, int ndigits) {
  if (!std::isfinite(x)) return x;
  // Fixed-precision to_chars converts from the exact binary value and rounds
  // exact ties to even, which is CPython's float.__round__ (dtoa mode 3); so does
  // printf("%.*f"), but at several times the cost, and this is the hottest
  // function of the processors (bench/REPORT.md). rounding_test checks both agree.
  char buf[512];
  const auto printed = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, ndigits);
  if (printed.ec != std::errc{}) throw std::out_of_range("python_round: value does not fit the buffer");
  double out = 0;
  std::from_chars(buf, printed.ptr, out);
  return out;
}

double numpy_round(double x, int ndigits) {
  if (!std::isfinite(x)) return x;
  const double f = static_cast<double>(pow10_i64(ndigits));
  return std::nearbyint(x * f) / f;  // default FE_TONEAREST: ties to even
}

double numeric_store(double x, int scale) {
  if (!std::isfinite(x)) return x;
  if (x == 0.0) return 0.0;
  // Fast path for the common case, a value already rounded to the scale: if some
  // k / 10^scale converts to x, x's shortest decimal has no more decimals than
  // that and is stored unchanged. rounding_test compares this with the digits.
  if (scale >= 0 && scale <= 18) {
    const double k = std::nearbyint(x * static_cast<double>(pow10_i64(scale)));
    if (k != 0.0 && std::fabs(k) < 9e15 && decimal_to_double(static_cast<std::int64_t>(k), scale) == x) return x;
  }
  return numeric_store_by_digits(x, scale);
}

double numeric_store_by_digits(double x, int scale) {
  if (!std::isfinite(x)) return x;
  if (x == 0.0) return 0.0;
  // Shortest round-trip digits in scientific form: d.ddddde[+-]XX
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  *res.ptr = '\0';
  const bool negative = buf[0] == '-';
  const char* p = buf + (negative ? 1 : 0);
  char digits[32];
  int nd = 0;
  const char* e = std::strchr(p, 'e');
  for (const char* q = p; q < e; ++q)
    if (*q != '.') digits[nd++] = *q;
  const int exp10 = std::atoi(e + 1);
  // value = 0.digits * 10^(exp10 + 1); keep `keep` leading digits for `scale` decimals.
  const int keep = exp10 + 1 + scale;
  if (keep >= nd) return x;  // already representable at this scale: the literal parses back to x
  std::int64_t kept = 0;
  for (int i = 0; i < keep; ++i) kept = kept * 10 + (digits[i] - '0');
  if (keep >= 0 && digits[keep] >= '5') ++kept;  // half away from zero on the decimal literal
  if (keep < 0) kept = 0;
  if (kept == 0) return 0.0;  // also removes negative zero
  const double v = decimal_to_double(kept, scale);
  return negative ? -v : v;
}

}  // namespace nba

namespace nba {

double bigquery_numeric_quotient(std::int64_t scaled_sum, int scale, std::int64_t count) {
  // value * 10^9 = scaled_sum * 10^(9 - scale) / count, rounded half away from zero.
  const std::int64_t num = scaled_sum * pow10_i64(9 - scale);
  const std::int64_t q = (2 * num + (num >= 0 ? count : -count)) / (2 * count);
  return decimal_to_double(q, 9);
}

std::int64_t bigquery_cast_int(std::int64_t scaled, int scale) {
  const std::int64_t p = pow10_i64(scale);
  return scaled >= 0 ? (scaled + p / 2) / p : -((-scaled + p / 2) / p);
}

}  // namespace nba
