#include "coordinator/run_outcome.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <vector>

#include "farm/stop_request.hpp"
#include "store/atomic_file.hpp"

namespace nba {

void print_run_summary(std::ostream& os, const std::string& run_id, const WorkDone& w, double seconds) {
  const std::size_t dates = w.dates_done + w.dates_failed, units = w.units_done + w.units_failed;
  os << "\nRun " << run_id << ": computed " << dates;
  if (dates == w.dates_planned) os << " dates in " << units << " units";
  else os << " of " << w.dates_planned << " planned dates in " << units << " of " << w.units_planned << " units";
  os << " in " << fmt::format("{:.2f}", seconds) << " s";
  if (w.dates_failed) os << "; " << w.dates_failed << " dates failed";
  if (w.dates_not_done()) os << "; " << w.dates_not_done() << " dates not done (" << w.units_not_started
                             << " units not started)";
  os << ".\n";
}

void write_exit_code_file(const RunOptions& options, int code) {
  if (!options.exit_code_file) return;
  try {
    write_text_atomically(*options.exit_code_file, std::to_string(code) + "\n");
  } catch (const std::exception& e) {
    spdlog::error("cannot write the exit code file: {}", e.what());
  }
}

int report_outcome(const DispatchResult& r, const RunPlan& plan, const RunOptions& options) {
  for (const auto& l : r.lost)
    std::cout << "LOST worker rank " << l.rank << " (" << (l.host.empty() ? "host unknown" : l.host) << ", pid "
              << l.pid << "): silent for " << options.worker_timeout_seconds << " s"
              << (l.unit_id >= 0 ? "; its unit " + plan.units.at(static_cast<std::size_t>(l.unit_id)).name() +
                                       " went to another worker"
                                 : "")
              << (l.killed ? "; killed" : "") << ".\n";
  if (r.storage_error) {
    std::cout << "\nSTOPPED: the output could not be written: " << *r.storage_error << "\n"
              << r.not_started << " units not started. Nothing partial is visible and everything recorded stays; "
              << "free space (or fix the folder) and rerun the same command to resume.\n";
    return exit_code::kStorage;
  }
  if (stop_requested() && (r.not_started > 0 || r.grace_expired)) {
    std::cout << "\nSTOPPED by signal " << stop_signal() << ": " << r.not_started << " units not started"
              << (r.grace_expired ? ", units still running when the grace period ended were abandoned" : "")
              << ". Everything finished is recorded; rerun the same command to resume.\n";
    return exit_code::kStopped;
  }
  std::vector<std::string> failed_dates;
  for (const auto& o : r.outcomes)
    if (!o.report.ok)
      for (Day d : plan.units.at(static_cast<std::size_t>(o.report.unit_id)).dates)
        failed_dates.push_back(format_iso_date(d) + "  " + o.report.error);
  if (!failed_dates.empty()) {
    std::cout << "\nFAILED dates (" << failed_dates.size() << "); rerun the same command to retry them:\n";
    for (const auto& f : failed_dates) std::cout << "  " << f << "\n";
    return exit_code::kSomeFailed;
  }
  return exit_code::kOk;
}

}  // namespace nba
