#pragma once
// <out>/manifest.json: what the last run did, unit by unit (written atomically
// by rank 0 at the end of every run, also a stopped or failed one).
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "coordinator/dispatch_loop.hpp"
#include "engine/run_plan.hpp"
#include "engine/unit_recorder.hpp"

namespace nba {

struct ManifestFacts {
  std::string partition;
  int ranks = 1;
  std::string started_utc;
  double seconds = 0;
  std::map<int, std::string> hosts;  // rank -> hostname
  std::vector<LostWorker> lost;
  nlohmann::json timers = nlohmann::json::object();  // run_timers.hpp
};

void write_manifest(const RunPlan& plan, const std::vector<UnitOutcome>& outcomes, const ManifestFacts& facts);

}  // namespace nba
