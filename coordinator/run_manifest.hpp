#pragma once
// <out>/manifest.json: what the last run did, unit by unit (written atomically
// by rank 0 at the end of every run, also a stopped or failed one).
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "farm/dispatcher.hpp"
#include "plan/run_plan.hpp"
#include "state/unit_recorder.hpp"

namespace nba {

// What became of the planned work: a stopped run computed less than it planned.
struct WorkDone {
  std::size_t dates_planned = 0, units_planned = 0;
  std::size_t dates_done = 0, units_done = 0;      // computed and recorded
  std::size_t dates_failed = 0, units_failed = 0;  // attempted (or no worker left), recorded failed
  std::size_t units_not_started = 0;               // stopped before they were handed out
  std::size_t dates_not_done() const { return dates_planned - dates_done - dates_failed; }
};
WorkDone count_work_done(const RunPlan& plan, const std::vector<UnitOutcome>& outcomes, std::size_t not_started);

struct ManifestFacts {
  std::string partition;
  int ranks = 1;
  std::string started_utc;
  double seconds = 0;
  std::map<int, std::string> hosts;  // rank -> hostname
  std::vector<LostWorker> lost;
  nlohmann::json timers = nlohmann::json::object();  // run_timers.hpp
  WorkDone work;
  bool preflight_ok = true;  // the Phase 3 preflight passed (a failed one ran only with --skip-preflight)
};

void write_manifest(const RunPlan& plan, const std::vector<UnitOutcome>& outcomes, const ManifestFacts& facts);

}  // namespace nba
