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

namespace {

// Shared fast path of python_round and numeric_store: scale x by 10^n in double
// and round to an integer, but only when that integer is provably the one the
// exact decimal arithmetic picks. y = x * 10^n is within |y| * 2^-53 of the
// exact product (and the shortest decimal of x within another |y| * 2^-53);
// unless y lies within a few of those of a half-integer, every one of these
// values rounds to the same integer k, and k / 10^n (both exact, one IEEE
// division) is the correctly rounded double of the decimal k / 10^n. Near a
// half-integer (a tie or almost one) the caller takes the exact digit path.
// Returns false when it cannot decide. This replaced a digit conversion on
// every rounded value, the processors' most frequent call (bench/REPORT.md).
bool scaled_round_is_unambiguous(double x, int n, double& k, double& scale_factor) {
  if (n < 0 || n > 18) return false;
  scale_factor = static_cast<double>(pow10_i64(n));
  const double y = x * scale_factor;
  constexpr double kLimit = 2251799813685248.0;  // 2^51: y - nearbyint(y) is then exact
  if (!(std::fabs(y) < kLimit)) return false;
  k = std::nearbyint(y);
  const double distance_to_half = std::fabs(std::fabs(y - k) - 0.5);
  return distance_to_half > std::fabs(y) * 0x1p-49 + 0x1p-1000;
}

}  // namespace

double python_round(double x, int ndigits) {
  if (!std::isfinite(x)) return x;
  double k = 0, p = 1;
  if (scaled_round_is_unambiguous(x, ndigits, k, p)) return k / p;  // -0.0 stays -0.0, as Python's
  // Fixed-precision to_chars converts from the exact binary value and rounds
  // exact ties to even, which is CPython's float.__round__ (dtoa mode 3); so does
  // printf("%.*f"), but at several times the cost. rounding_test checks both agree.
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
  // Away from a half-integer at this scale, half-away-from-zero on the shortest
  // decimal and round-to-nearest on the scaled double pick the same integer.
  double k = 0, p = 1;
  if (scaled_round_is_unambiguous(x, scale, k, p)) return k == 0.0 ? 0.0 : k / p;  // no negative zero
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

std::int64_t bigquery_numeric_quotient_e9(std::int64_t scaled_sum, int scale, std::int64_t count) {
  // value * 10^9 = scaled_sum * 10^(9 - scale) / count, rounded half away from zero.
  const std::int64_t num = scaled_sum * pow10_i64(9 - scale);
  return (2 * num + (num >= 0 ? count : -count)) / (2 * count);
}

double bigquery_numeric_quotient(std::int64_t scaled_sum, int scale, std::int64_t count) {
  return decimal_to_double(bigquery_numeric_quotient_e9(scaled_sum, scale, count), 9);
}

std::int64_t bigquery_cast_int(std::int64_t scaled, int scale) {
  const std::int64_t p = pow10_i64(scale);
  return scaled >= 0 ? (scaled + p / 2) / p : -((-scaled + p / 2) / p);
}

}  // namespace nba
