#include "coordinator/run_timers.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/system_info.hpp"

namespace nba {

RunTimers summarize_timers(const DispatchResult& r, std::size_t dates, int workers, double plan_seconds,
                           double dispatch_wall_seconds) {
  RunTimers t;
  t.workers = workers;
  t.dates = dates;
  t.plan = plan_seconds;
  t.dispatch_wall = dispatch_wall_seconds;
  t.recording = r.seconds_recording;
  for (const auto& o : r.outcomes) {
    if (o.rank < 0) continue;  // never computed (no usable worker)
    ++t.units;
    t.compute += o.report.seconds_compute;
    t.write += o.report.seconds_write;
    t.waiting += o.report.seconds_waiting;
    t.waiting_first += o.report.seconds_waiting_first;
    t.slice_load += o.report.seconds_load;
    if (o.report.rows_loaded > 0) ++t.slice_loads, t.rows_loaded += o.report.rows_loaded;
    for (const auto& [p, s] : o.report.seconds_by_processor) t.by_processor[p] += s;
    t.worker_peak_rss_kb = std::max(t.worker_peak_rss_kb, o.report.peak_rss_kb);
  }
  for (const auto& [rank, s] : r.ranks) {
    t.load_max = std::max(t.load_max, s.seconds_load);
    t.load_mean += s.seconds_load / static_cast<double>(r.ranks.size());
    t.worker_peak_rss_kb = std::max(t.worker_peak_rss_kb, s.peak_rss_kb);
  }
  const double capacity = dispatch_wall_seconds * workers;
  if (capacity > 0) t.idle_share = std::max(0.0, 1.0 - (t.compute + t.write + t.slice_load) / capacity);
  if (t.compute + t.write > 0) t.dispatch_share = t.waiting / (t.compute + t.write);
  t.rank0_peak_rss_kb = peak_rss_kb();
  if (workers == 1 && r.ranks.empty()) t.worker_peak_rss_kb = t.rank0_peak_rss_kb;
  return t;
}

void print_timers(std::ostream& os, const RunTimers& t) {
  std::string procs;
  for (const auto& [p, s] : t.by_processor) procs += fmt::format(" {} {:.2f}", p, s);
  os << fmt::format("Timers: plan {:.2f} s (rank 0), units {:.2f} s wall, index {:.2f} s\n",
                    t.plan, t.dispatch_wall, t.index);
  os << fmt::format("  {} worker(s): input load {:.2f} s ({} season slice(s), {} rows; store opened in {:.3f} s max), "
                    "compute {:.2f} s ({}), HDF5 write {:.2f} s; idle {:.1f}% of their time\n",
                    t.workers, t.slice_load, t.slice_loads, t.rows_loaded, t.load_max, t.compute,
                    procs.empty() ? "-" : procs.substr(1), t.write, 100.0 * t.idle_share);
  os << fmt::format("  dispatch: {:.3f} ms waiting per unit between units = {:.3f}% of unit time; "
                    "{:.1f} ms waiting for the first unit (all workers, start-up)\n",
                    t.units ? 1000.0 * t.waiting / static_cast<double>(t.units) : 0.0, 100.0 * t.dispatch_share,
                    1000.0 * t.waiting_first);
  os << fmt::format("  peak memory: rank 0 {:.0f} MB, workers {:.0f} MB (max)\n", t.rank0_peak_rss_kb / 1024.0,
                    t.worker_peak_rss_kb / 1024.0);
}

nlohmann::json timers_json(const RunTimers& t) {
  return {{"workers", t.workers},
          {"units", t.units},
          {"dates", t.dates},
          {"seconds_plan", t.plan},
          {"seconds_units_wall", t.dispatch_wall},
          {"seconds_index", t.index},
          {"seconds_total", t.total},
          {"seconds_load_max", t.load_max},
          {"seconds_load_mean", t.load_mean},
          {"seconds_slice_load", t.slice_load},
          {"slice_loads", t.slice_loads},
          {"rows_loaded", t.rows_loaded},
          {"seconds_compute", t.compute},
          {"seconds_compute_by_processor", t.by_processor},
          {"seconds_write", t.write},
          {"seconds_waiting_between_units", t.waiting},
          {"seconds_rank0_recording", t.recording},
          {"seconds_waiting_for_first_unit", t.waiting_first},
          {"idle_share", t.idle_share},
          {"dispatch_share", t.dispatch_share},
          {"rank0_peak_rss_kb", t.rank0_peak_rss_kb},
          {"worker_peak_rss_kb", t.worker_peak_rss_kb}};
}

}  // namespace nba
