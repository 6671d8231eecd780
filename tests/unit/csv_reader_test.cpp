#include <gtest/gtest.h>

#include <filesystem>

#include "core/errors.hpp"
#include "csv/csv_reader.hpp"
#include "test_support.hpp"

using namespace nba;

namespace {
std::vector<std::vector<std::string>> read_all(const std::string& path) {
  CsvReader r(path);
  std::vector<std::vector<std::string>> out;
  while (r.next()) out.emplace_back(r.fields().begin(), r.fields().end());
  return out;
}
}  // namespace

TEST(CsvReader, HandlesQuotesCrlfBomAndEmbeddedNewlines) {
  test::TempDir dir;
  test::write_text(dir.file("a.csv"), "\xEF\xBB\xBF" "a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\r\n2,\"line1\nline2\",\r\n");
  const auto rows = read_all(dir.file("a.csv"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "a");  // BOM stripped
  EXPECT_EQ(rows[1][1], "x,y");
  EXPECT_EQ(rows[1][2], "say \"hi\"");
  EXPECT_EQ(rows[2][1], "line1\nline2");
  EXPECT_EQ(rows[2][2], "");
}

TEST(CsvReader, ReadsGzipTransparentlyAndReportsLines) {
  test::TempDir dir;
  test::write_gzip(dir.file("a.csv.gz"), "h1,h2\n\"multi\nline\",x\nlast,y\n");
  CsvReader r(dir.file("a.csv.gz"));
  ASSERT_TRUE(r.next());
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.line(), 2);
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.line(), 4);  // the quoted newline advanced the physical line count
  EXPECT_EQ(r.fields()[0], "last");
  EXPECT_FALSE(r.next());
}

TEST(CsvReader, TruncatedGzipIsAnError) {
  test::TempDir dir;
  std::string body = "h1,h2\n";
  for (int i = 0; i < 5000; ++i) body += std::to_string(i) + ",value" + std::to_string(i * 7) + "\n";
  test::write_gzip(dir.file("t.csv.gz"), body);
  std::filesystem::resize_file(dir.file("t.csv.gz"), std::filesystem::file_size(dir.file("t.csv.gz")) / 2);
  try {
    CsvReader r(dir.file("t.csv.gz"));
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
    EXPECT_EQ(e.file(), dir.file("t.csv.gz"));
  }
}

TEST(CsvReader, UnterminatedQuoteNamesTheLine) {
  test::TempDir dir;
  test::write_text(dir.file("q.csv"), "a,b\n1,2\n3,\"open\n");
  CsvReader r(dir.file("q.csv"));
  r.next();
  r.next();
  try {
    r.next();
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 3);
  }
}

TEST(CsvReader, MissingAndEmptyFilesAreErrors) {
  test::TempDir dir;
  EXPECT_THROW(CsvReader(dir.file("nope.csv")), InputError);
  test::write_text(dir.file("empty.csv"), "");
  EXPECT_THROW(CsvReader(dir.file("empty.csv")), InputError);
}
