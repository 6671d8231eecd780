#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>

#include "core/python_stdev.hpp"
#include "core/rounding.hpp"

using namespace nba;

TEST(PythonRound, RoundsFromTheExactBinaryValue) {
  EXPECT_EQ(python_round(2.675, 2), 2.67);  // 2.675 is stored as 2.67499999...
  EXPECT_EQ(python_round(0.125, 2), 0.12);  // exact tie -> even
  EXPECT_EQ(python_round(0.375, 2), 0.38);  // exact tie -> even
  EXPECT_EQ(python_round(-0.125, 2), -0.12);
  EXPECT_EQ(python_round(30.5, 0), 30.0);
  // Decimal ties that are not binary ties: the scaled double lands on (or within
  // an ulp of) the half, yet the exact value lies on one side of it.
  EXPECT_EQ(python_round(1563.135, 2), 1563.13);
  EXPECT_EQ(python_round(3990.585, 2), 3990.59);
  EXPECT_EQ(python_round(710.3995, 3), 710.399);
  EXPECT_EQ(python_round(906.9065, 3), 906.907);
}

TEST(PythonRound, AgreesWithPrintfOnRandomValuesAndExactTies) {
  // The oracle: glibc printf rounds the exact binary value, ties to even.
  auto oracle = [](double x, int n) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%.*f", n, x);
    return std::strtod(buf, nullptr);
  };
  std::mt19937_64 rng(20261122);
  std::uniform_real_distribution<double> magnitude(-6, 4);
  std::uniform_int_distribution<int> digits(0, 9);
  int checked = 0;
  for (int i = 0; i < 200000; ++i) {
    const int n = digits(rng);
    const double sign = (rng() & 1) ? -1.0 : 1.0;
    const double random = sign * std::pow(10.0, magnitude(rng));
    // Exact binary ties at n digits: k / 2^m with m <= n lands on ...5 exactly.
    const double tie = sign * static_cast<double>(rng() % 100000) / static_cast<double>(1 << (rng() % 12));
    // Decimal half-way points as doubles and their neighbours: the values where
    // a scaled-double shortcut would round the wrong way.
    const double half_way = sign * (static_cast<double>(rng() % 100000) + 0.5) / std::pow(10.0, n);
    for (double x : {random, tie, static_cast<double>(rng() % 1000) / 80.0, half_way, std::nextafter(half_way, 0.0),
                     std::nextafter(half_way, 2 * half_way), std::nextafter(tie, 0.0)}) {
      const double want = oracle(x, n), got = python_round(x, n);
      ASSERT_EQ(std::memcmp(&want, &got, sizeof want), 0) << x << " at " << n << " digits";  // -0.0 too
      ++checked;
    }
  }
  EXPECT_EQ(checked, 1400000);
}

TEST(PythonRound, DiffersFromScaledStdRound) {
  // The naive C++ idiom rounds the exact tie 0.125 away from zero.
  EXPECT_EQ(std::round(0.125 * 100) / 100, 0.13);
  EXPECT_NE(python_round(0.125, 2), std::round(0.125 * 100) / 100);
}

TEST(NumpyRound, DiffersFromPythonOnTheSpecExample) {
  // decisions.md item 2: 37/80 = 0.4625 -> numpy 0.462, Python 0.463.
  EXPECT_EQ(numpy_round(37.0 / 80.0, 3), 0.462);
  EXPECT_EQ(python_round(37.0 / 80.0, 3), 0.463);
}

TEST(NumericStore, HalfAwayFromZeroOnTheShortestDecimal) {
  EXPECT_EQ(numeric_store(-0.8571428571428563, 2), -0.86);
  EXPECT_EQ(numeric_store(-0.9999999999999953, 2), -1.0);
  EXPECT_EQ(numeric_store(0.5714285714285714, 3), 0.571);
  EXPECT_EQ(numeric_store(27.05, 1), 27.1);  // repr '27.05' -> 27.1 (not ties-to-even, not binary)
  EXPECT_EQ(numeric_store(2.675, 2), 2.68);  // repr '2.675' -> 2.68, unlike python_round
  EXPECT_EQ(numeric_store(0.0005, 3), 0.001);
  EXPECT_EQ(numeric_store(0.0004, 3), 0.0);
  EXPECT_EQ(numeric_store(113.66666666666667, 2), 113.67);
  EXPECT_EQ(numeric_store(35.0, 1), 35.0);
  EXPECT_TRUE(std::isnan(numeric_store(std::nan(""), 2)));
}

TEST(NumericStore, FastPathAgreesWithTheDigitsOnRandomAndRoundedValues) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> magnitude(-8, 6);
  std::uniform_int_distribution<int> scales(0, 9);
  for (int i = 0; i < 300000; ++i) {
    const int scale = scales(rng);
    const double sign = (rng() & 1) ? -1.0 : 1.0;
    const double random = sign * std::pow(10.0, magnitude(rng));
    // Values the processors produce: already rounded to some number of places.
    const double rounded = python_round(random, static_cast<int>(rng() % 12));
    // Decimal ties at this scale (x.xx5 written with one digit more) and their
    // neighbours: where half-away-from-zero on the decimal and rounding the
    // scaled double can disagree.
    const double tie = sign * (static_cast<double>(rng() % 1000000) * 10 + 5) / std::pow(10.0, scale + 1);
    for (double x : {random, rounded, static_cast<double>(static_cast<std::int64_t>(rng() % 100000)) / 1000.0, tie,
                     std::nextafter(tie, 0.0), std::nextafter(tie, 2 * tie)}) {
      const double want = numeric_store_by_digits(x, scale), got = numeric_store(x, scale);
      ASSERT_EQ(std::memcmp(&want, &got, sizeof want), 0) << x << " at scale " << scale;
    }
  }
}

TEST(NumericStore, NegativeZeroIsStoredAsZero) {
  const double v = numeric_store(-0.0004, 3);
  EXPECT_EQ(v, 0.0);
  EXPECT_FALSE(std::signbit(v));
}

TEST(NumericStore, DoubleRoundingAsPdcDoes) {
  // spec 1.6: PDC rounds to 4 dp in Python, then storage rounds to the column scale.
  EXPECT_EQ(numeric_store(python_round(27.04999, 4), 1), 27.1);
  EXPECT_EQ(numeric_store(27.04999, 1), 27.0);
}

TEST(DecimalToDouble, IsTheCorrectlyRoundedDecimal) {
  EXPECT_EQ(decimal_to_double(1125, 1), 112.5);
  EXPECT_EQ(decimal_to_double(1, 1), 0.1);
  EXPECT_EQ(decimal_to_double(-33, 2), -0.33);
}

TEST(BigQueryNumeric, QuotientRoundsHalfAwayAtNineDecimals) {
  EXPECT_EQ(bigquery_numeric_quotient(1000, 1, 3), 33.333333333);  // 100.0 / 3
  EXPECT_EQ(bigquery_numeric_quotient(2000, 1, 3), 66.666666667);
  EXPECT_EQ(bigquery_numeric_quotient(105, 1, 1), 10.5);
  EXPECT_EQ(bigquery_numeric_quotient(-2000, 1, 3), -66.666666667);
}

TEST(BigQueryNumeric, CastToIntRoundsHalfAwayFromZero) {
  EXPECT_EQ(bigquery_cast_int(905, 1), 91);  // 90.5 -> 91 (Python int() would give 90)
  EXPECT_EQ(bigquery_cast_int(904, 1), 90);
  EXPECT_EQ(bigquery_cast_int(-905, 1), -91);
  EXPECT_EQ(bigquery_cast_int(1234, 2), 12);
}

TEST(PythonStdev, IsPythonsCorrectlyRoundedStdevNotNumpys) {
  // Expected values are CPython 3.11's statistics.stdev; for the first four
  // numpy's std(ddof=1) is an ulp away (13.051181300301263, 11.717034133640173,
  // 13.503086067019394, 12.345473433032621).
  EXPECT_EQ(python_stdev({7, 32, 26}), 13.051181300301261);
  EXPECT_EQ(python_stdev({36, 20, 21, 44, 22, 38, 31, 37, 29, 4}), 11.71703413364017);
  EXPECT_EQ(python_stdev({17, 30, 44}), 13.503086067019396);
  EXPECT_EQ(python_stdev({22, 43, 24, 14, 9, 5, 11, 9}), 12.345473433032623);
  EXPECT_EQ(python_stdev({1, 2}), 0.7071067811865476);
  EXPECT_EQ(python_stdev({10, 20, 30, 40, 50}), 15.811388300841896);
  EXPECT_EQ(python_stdev({0, 0, 45}), 25.98076211353316);
  EXPECT_EQ(python_stdev({-3, 3}), std::sqrt(18.0));  // an exact variance: sqrt(18) is correctly rounded
  EXPECT_EQ(python_stdev({5, 5, 5}), 0.0);
  EXPECT_THROW(python_stdev({5}), std::logic_error);
}
