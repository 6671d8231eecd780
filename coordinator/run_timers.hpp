#pragma once
// Where a run's time went, from the program's own stopwatches: rank 0's
// planning, each worker's input store opening and season slice loads, compute per processor, HDF5 writes,
// worker idle time, the wait between units (dispatch overhead), the index
// rebuild, and peak memory per rank. Printed at the end of every run and
// stored in manifest.json ("timers"), where bench/ collects it.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "farm/dispatcher.hpp"

namespace nba {

struct RunTimers {
  int workers = 0;  // ranks that computed (1 in single-process mode)
  std::size_t units = 0, dates = 0;
  double plan = 0, dispatch_wall = 0, index = 0, total = 0;
  double load_max = 0, load_mean = 0;  // per worker: opening the input store before the first unit
  // Season slices of the input read as units came (engine/season_engines.hpp), summed over workers.
  double slice_load = 0;
  std::size_t slice_loads = 0;
  std::int64_t rows_loaded = 0;
  double compute = 0, write = 0, waiting = 0;  // summed over units
  double recording = 0;  // rank 0: checking and recording finished units
  double waiting_first = 0;  // summed over workers: from ready to their first unit (start-up)
  std::map<std::string, double> by_processor;
  double idle_share = 0;      // of the workers' time during dispatch, spent not computing or writing
  double dispatch_share = 0;  // waiting between units, as a share of unit time
  std::int64_t rank0_peak_rss_kb = 0, worker_peak_rss_kb = 0;
};

RunTimers summarize_timers(const DispatchResult& r, std::size_t dates, int workers, double plan_seconds,
                           double dispatch_wall_seconds);
void print_timers(std::ostream& os, const RunTimers& t);
nlohmann::json timers_json(const RunTimers& t);

}  // namespace nba
