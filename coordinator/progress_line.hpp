#pragma once
// Run progress on rank 0: one updating line on a terminal, periodic log lines
// otherwise (batch logs), and every failed unit as an error line.
#include <chrono>
#include <cstdint>
#include <cstddef>

#include "state/unit_recorder.hpp"
#include "plan/work_plan.hpp"

namespace nba {

class ProgressLine {
 public:
  ProgressLine(std::size_t units, std::size_t dates);
  void unit_done(const WorkUnit& u, const UnitOutcome& o);

 private:
  std::size_t units_, dates_, units_done_ = 0, dates_done_ = 0, failures_ = 0;
  std::int64_t rows_ = 0;
  bool tty_;
  std::chrono::steady_clock::time_point start_;
  double last_log_ = 0;
};

}  // namespace nba
