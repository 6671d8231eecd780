#pragma once
// Errors that carry enough context for an operator at 3 a.m.: which file, which
// line, which column. Every input problem is one of these; the CLI maps them to
// exit code 2 (usage / input error).
#include <stdexcept>
#include <string>

namespace nba {

class InputError : public std::runtime_error {
 public:
  InputError(std::string file, long line, std::string column, const std::string& message);
  const std::string& file() const { return file_; }
  long line() const { return line_; }
  const std::string& column() const { return column_; }

 private:
  std::string file_;
  long line_;
  std::string column_;
};

// Bad command line or option combination.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace nba
