#pragma once
// Exit codes of the program (documented in README).
namespace nba::exit_code {
inline constexpr int kOk = 0;
inline constexpr int kInternal = 1;
inline constexpr int kUsageOrInput = 2;
inline constexpr int kSomeFailed = 3;
inline constexpr int kStopped = 4;  // stopped by a signal; rerun the same command to resume
inline constexpr int kStorage = 5;  // the output could not be written (disk full, I/O); resumable
}  // namespace nba::exit_code
