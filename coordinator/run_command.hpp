#pragma once
// `nba-precompute run`: plan on rank 0, broadcast, farm units out (or compute
// in-process with one rank), then validate, index and report on rank 0.
#include <optional>
#include <string>

namespace nba {

struct RunOptions {
  std::string input;
  std::string out;
  std::optional<std::string> start, end, dates_file;
  std::optional<int> season;
  std::string partition;
};

// Exit codes of the program (documented in README).
namespace exit_code {
inline constexpr int kOk = 0;
inline constexpr int kInternal = 1;
inline constexpr int kUsageOrInput = 2;
inline constexpr int kSomeFailed = 3;
}  // namespace exit_code

int run_command(const RunOptions& options);

}  // namespace nba
