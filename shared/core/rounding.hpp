#pragma once
// The three rounding behaviours the original system's stored values depend on
// (see docs/decisions.md and the spec's "Arithmetic model"). Each is a distinct
// function because they genuinely differ on ties and on binary representation.
#include <cstdint>

namespace nba {

// Python's round(x, n) on a float: correctly rounded from the exact binary value,
// ties to even on exact binary ties (round(2.675, 2) == 2.67, round(0.125, 2) == 0.12).
double python_round(double x, int ndigits);

// numpy's round on a numpy float: rint(x * 10^n) / 10^n, each step in double.
double numpy_round(double x, int ndigits);

// BigQuery NUMERIC(p, s) storage of a double that arrived as JSON: take the
// shortest round-trip decimal of x, round it half away from zero to `scale`
// places, return the nearest double. Negative zero becomes +0. NaN passes through.
double numeric_store(double x, int scale);
// The same, always through the shortest decimal's digits (numeric_store's slow
// path, and its oracle in the tests).
double numeric_store_by_digits(double x, int scale);

// The double nearest to scaled / 10^scale (exact decimal -> double, as float(Decimal)).
double decimal_to_double(std::int64_t scaled, int scale);

// BigQuery AVG / division of a NUMERIC sum by a count: the exact quotient rounded
// half away from zero to 9 decimals, as the double Python's float(Decimal) gives.
// scaled_sum = sum * 10^scale (exact), count > 0.
double bigquery_numeric_quotient(std::int64_t scaled_sum, int scale, std::int64_t count);
// The same quotient as an integer of 1e-9 units (for sums of such averages).
std::int64_t bigquery_numeric_quotient_e9(std::int64_t scaled_sum, int scale, std::int64_t count);

// BigQuery CAST(NUMERIC AS INT64): half away from zero. scaled = value * 10^scale.
std::int64_t bigquery_cast_int(std::int64_t scaled, int scale);

// 10^n for 0 <= n <= 18.
std::int64_t pow10_i64(int n);

}  // namespace nba
