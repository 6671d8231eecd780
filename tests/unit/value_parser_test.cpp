#include <gtest/gtest.h>

#include "phase3/value_parser.hpp"

using namespace nba;

TEST(NumericField, ParsesCanonicalExportsExactly) {
  std::int64_t v = 0;
  ASSERT_TRUE(parse_numeric_field("31", 1, v));
  EXPECT_EQ(v, 310);
  ASSERT_TRUE(parse_numeric_field("0.5", 3, v));
  EXPECT_EQ(v, 500);
  ASSERT_TRUE(parse_numeric_field("-12.34", 2, v));
  EXPECT_EQ(v, -1234);
  ASSERT_TRUE(parse_numeric_field(".5", 1, v));
  EXPECT_EQ(v, 5);
}

TEST(NumericField, ExtraDecimalsRoundHalfAwayFromZeroLikeBigQueryLoad) {
  std::int64_t v = 0;
  ASSERT_TRUE(parse_numeric_field("1.25", 1, v));
  EXPECT_EQ(v, 13);
  ASSERT_TRUE(parse_numeric_field("-1.25", 1, v));
  EXPECT_EQ(v, -13);
  ASSERT_TRUE(parse_numeric_field("1.2499", 1, v));
  EXPECT_EQ(v, 12);
}

TEST(NumericField, RejectsMalformedValues) {
  std::int64_t v = 0;
  for (const char* bad : {"abc", "1e5", "1.2.3", "-", ".", "12a", " 1", "1,5", "99999999999999999999"})
    EXPECT_FALSE(parse_numeric_field(bad, 2, v)) << bad;
}

TEST(IntField, StrictWholeField) {
  std::int64_t v = 0;
  EXPECT_TRUE(parse_int64_field("-42", v));
  EXPECT_EQ(v, -42);
  EXPECT_TRUE(parse_int64_field("+7", v));
  EXPECT_FALSE(parse_int64_field("4.0", v));
  EXPECT_FALSE(parse_int64_field("12x", v));
  EXPECT_FALSE(parse_int64_field("", v));
  EXPECT_FALSE(parse_int64_field("99999999999999999999", v));
}

TEST(BoolField, TrueFalseCaseInsensitive) {
  std::int64_t v = -1;
  EXPECT_TRUE(parse_bool_field("TRUE", v));
  EXPECT_EQ(v, 1);
  EXPECT_TRUE(parse_bool_field("false", v));
  EXPECT_EQ(v, 0);
  EXPECT_FALSE(parse_bool_field("yes", v));
  EXPECT_FALSE(parse_bool_field("1", v));
}

// Issue 20, defects 7 and 8: a NUL byte (the store would cut the key there and
// merge two players) and a non-UTF-8 byte (exports died later) are refused.
TEST(TextField, AcceptsUtf8AndRefusesNulAndInvalidBytes) {
  EXPECT_EQ(text_field_problem("nikolajokic"), "");
  EXPECT_EQ(text_field_problem("nikolajoki\xC4\x87"), "");       // ć, 2 bytes
  EXPECT_EQ(text_field_problem("\xE2\x82\xAC \xF0\x9F\x8F\x80"), "");  // €, 🏀
  EXPECT_EQ(text_field_problem(std::string_view("name\0x", 6)), "contains a NUL byte at byte 5 of the value");
  EXPECT_EQ(text_field_problem("jos\xE9"),  // Windows-1252 é
            "is not valid UTF-8 (byte 0xE9 at byte 4 of the value; export the table as UTF-8)");
  EXPECT_NE(text_field_problem("\xC0\xAF"), "");          // overlong '/'
  EXPECT_NE(text_field_problem("\xED\xA0\x80"), "");      // a UTF-16 surrogate
  EXPECT_NE(text_field_problem("\xF4\x90\x80\x80"), "");  // above U+10FFFF
  EXPECT_NE(text_field_problem("\xE2\x82"), "");          // cut short
  EXPECT_NE(text_field_problem("a\x80"), "");             // a lone continuation byte
}
