#pragma once
// RFC 4180 CSV reader for BigQuery-style exports, plain or gzip-compressed
// (detected by content, not by name). Handles a UTF-8 BOM, CRLF line ends and
// quoted fields with embedded commas, quotes and newlines. Every structural
// problem is an InputError naming the file and line.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nba {

class CsvReader {
 public:
  // Reads the whole file (decompressing if needed). Throws InputError if the file
  // cannot be opened, is a truncated/corrupt gzip stream, or is empty.
  explicit CsvReader(std::string path);

  // Advances to the next record. Returns false at end of input.
  bool next();
  const std::vector<std::string_view>& fields() const { return fields_; }
  // 1-based physical line where the current record starts.
  long line() const { return record_line_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string data_;
  std::size_t pos_ = 0;
  long line_ = 1;
  long record_line_ = 0;
  std::string scratch_;
  std::vector<std::string_view> fields_;
};

}  // namespace nba
