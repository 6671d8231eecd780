#include "coordinator/progress_line.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <iostream>

#include "core/elapsed.hpp"

namespace nba {

ProgressLine::ProgressLine(std::size_t units, std::size_t dates)
    : units_(units), dates_(dates), tty_(isatty(STDERR_FILENO) && spdlog::get_level() <= spdlog::level::info),
      start_(std::chrono::steady_clock::now()) {}

void ProgressLine::unit_done(const WorkUnit& u, const UnitOutcome& o) {
  ++units_done_;
  dates_done_ += u.dates.size();
  if (!o.report.ok) ++failures_;
  for (const auto& [p, n] : o.report.rows) rows_ += n;
  const double elapsed = seconds_since(start_);
  const double rate = elapsed > 0 ? static_cast<double>(dates_done_) / elapsed : 0;
  const double eta = rate > 0 ? static_cast<double>(dates_ - dates_done_) / rate : 0;
  if (!o.report.ok) spdlog::error("unit {} FAILED on rank {}: {}", u.name(), o.rank, o.report.error);
  const std::string line = fmt::format("[{}/{} units, {}/{} dates] {} rows, {:.1f} dates/s, ETA {:.0f}s, {} failed",
                                       units_done_, units_, dates_done_, dates_, rows_, rate, eta, failures_);
  if (tty_) {
    std::cerr << "\r" << line << std::flush;
    if (units_done_ == units_) std::cerr << "\n";
  } else if (units_done_ == units_ || elapsed - last_log_ >= 5.0 || !o.report.ok) {
    spdlog::info("{}", line);
    last_log_ = elapsed;
  }
  spdlog::debug("unit {} ({} dates) rank {}: compute {:.3f}s write {:.3f}s", u.name(), u.dates.size(), o.rank,
                o.report.seconds_compute, o.report.seconds_write);
}

}  // namespace nba
