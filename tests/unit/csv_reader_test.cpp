#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

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

namespace {

std::string numbered_rows(int from, int to) {
  std::string body;
  for (int i = from; i < to; ++i) body += std::to_string(i) + ",value" + std::to_string(i * 7) + "\n";
  return body;
}

std::string file_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

int count_records(CsvReader& r) {
  int n = 0;
  while (r.next()) ++n;
  return n;
}

// The message of the InputError that reading `path` raises ("" when none).
std::string read_error(const std::string& path) {
  try {
    CsvReader r(path);
    count_records(r);
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), path);
    return e.what();
  }
  return "";
}

}  // namespace

// `cat a.gz b.gz` (or a resumed download) is one valid gzip file of two members.
TEST(CsvReader, ReadsEveryMemberOfAMultiMemberGzip) {
  test::TempDir dir;
  test::write_gzip(dir.file("a.gz"), "h1,h2\n" + numbered_rows(0, 3000));
  test::write_gzip(dir.file("b.gz"), numbered_rows(3000, 6000));
  test::write_text(dir.file("ab.csv.gz"), file_bytes(dir.file("a.gz")) + file_bytes(dir.file("b.gz")));
  CsvReader r(dir.file("ab.csv.gz"));
  EXPECT_EQ(count_records(r), 6001);
}

// Issue 20, defect 1: a damaged second member used to end the input silently
// after the first (half the rows, exit 0).
TEST(CsvReader, DamagedSecondGzipMemberNamesItsByteOffset) {
  test::TempDir dir;
  test::write_gzip(dir.file("a.gz"), "h1,h2\n" + numbered_rows(0, 3000));
  test::write_gzip(dir.file("b.gz"), numbered_rows(3000, 6000));
  const std::string first = file_bytes(dir.file("a.gz"));
  std::string second = file_bytes(dir.file("b.gz"));
  for (std::size_t i = 20; i < 60; ++i) second[i] = static_cast<char>(second[i] ^ 0x5a);  // deflate data, past the header
  test::write_text(dir.file("ab.csv.gz"), first + second);
  const std::string msg = read_error(dir.file("ab.csv.gz"));
  EXPECT_NE(msg.find("gzip member 2 (from byte offset " + std::to_string(first.size()) + ")"), std::string::npos)
      << msg;
}

TEST(CsvReader, TruncatedSecondGzipMemberIsAnError) {
  test::TempDir dir;
  test::write_gzip(dir.file("a.gz"), "h1,h2\n" + numbered_rows(0, 3000));
  test::write_gzip(dir.file("b.gz"), numbered_rows(3000, 6000));
  const std::string both = file_bytes(dir.file("a.gz")) + file_bytes(dir.file("b.gz"));
  test::write_text(dir.file("cut.csv.gz"), both.substr(0, both.size() - 100));
  const std::string msg = read_error(dir.file("cut.csv.gz"));
  EXPECT_NE(msg.find("gzip member 2"), std::string::npos) << msg;
  EXPECT_NE(msg.find("truncated"), std::string::npos) << msg;
}

TEST(CsvReader, BytesAfterTheLastGzipMemberAreAnError) {
  test::TempDir dir;
  test::write_gzip(dir.file("a.gz"), "h1,h2\n" + numbered_rows(0, 100));
  const std::string gz = file_bytes(dir.file("a.gz"));
  for (const std::string& tail : {std::string("garbage!"), std::string(1, '\x1f'), std::string(16, '\0')}) {
    test::write_text(dir.file("tail.csv.gz"), gz + tail);
    const std::string msg = read_error(dir.file("tail.csv.gz"));
    EXPECT_NE(msg.find("from byte offset " + std::to_string(gz.size())), std::string::npos) << msg;
    EXPECT_NE(msg.find("not a gzip member"), std::string::npos) << msg;
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
