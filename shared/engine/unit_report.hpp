#pragma once
// What rank 0 learns about a unit: how it ended, its row counts and timers.
// Workers send it (farm/protocol.hpp); rank 0 records it (state/).
#include <cstdint>
#include <map>
#include <string>

namespace nba {

struct UnitReport {
  std::int32_t unit_id = -1;
  bool ok = false;
  std::map<std::string, std::int64_t> rows;  // processor -> rows
  std::int64_t failure_records = 0;
  double seconds_compute = 0, seconds_write = 0;
  std::map<std::string, double> seconds_by_processor;  // compute time split by processor
  double seconds_waiting = 0;  // worker: from sending the previous report to getting this unit
  // worker, first unit only (seconds_waiting is then 0): from reporting ready
  // to getting it. Start-up, not dispatch: with the input loaded while rank 0
  // plans (decision 39), a worker that loads faster than another waits here
  // until rank 0 has sent the plan to the slower one too.
  double seconds_waiting_first = 0;
  // The input slice of the unit's season, when this unit was the first of its
  // season on its rank (store/input_store.hpp): read and engine built. 0 otherwise.
  double seconds_load = 0;
  std::int64_t rows_loaded = 0;
  std::int64_t peak_rss_kb = 0;  // worker: its peak resident memory so far
  std::string error;  // set when !ok
  // The unit was computed but its shard could not be written (disk full, I/O
  // error, permissions): the output storage is at fault, not the unit, so the
  // run stops handing out work instead of failing every remaining unit.
  bool storage_error = false;
};

struct UnitOutcome {
  UnitReport report;
  int rank = 0;  // which rank computed it (0 in single-process mode)
};

}  // namespace nba
