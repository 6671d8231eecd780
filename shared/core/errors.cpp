#include "core/errors.hpp"

namespace nba {

static std::string describe(const std::string& file, long line, const std::string& column,
                            const std::string& message) {
  std::string where = file;
  if (line > 0) where.append(":").append(std::to_string(line));
  if (!column.empty()) where.append(": column '").append(column).append("'");
  return where.append(": ").append(message);
}

InputError::InputError(std::string file, long line, std::string column, const std::string& message)
    : std::runtime_error(describe(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(std::move(column)) {}

}  // namespace nba
