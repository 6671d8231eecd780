#pragma once
// `nba-precompute validate`: an output folder checked against its Phase 3 input
// (shared/validate/output_validation.hpp). Exit 0 clean, 3 with error findings.
#include <optional>
#include <string>

namespace nba {

struct ValidateOptions {
  std::string input, out;
  std::optional<std::string> start, end;
  std::string format = "text";  // text | json
};

int validate_command(const ValidateOptions& o);

}  // namespace nba
