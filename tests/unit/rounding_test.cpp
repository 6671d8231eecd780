#include <gtest/gtest.h>

#include <cmath>

#include "core/rounding.hpp"

using namespace nba;

TEST(PythonRound, RoundsFromTheExactBinaryValue) {
  EXPECT_EQ(python_round(2.675, 2), 2.67);  // 2.675 is stored as 2.67499999...
  EXPECT_EQ(python_round(0.125, 2), 0.12);  // exact tie -> even
  EXPECT_EQ(python_round(0.375, 2), 0.38);  // exact tie -> even
  EXPECT_EQ(python_round(-0.125, 2), -0.12);
  EXPECT_EQ(python_round(30.5, 0), 30.0);
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
