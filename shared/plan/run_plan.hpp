#pragma once
// What rank 0 decides once and every rank needs: where to read and write, the
// fingerprints that identify this computation, and the work units.
#include <filesystem>
#include <string>
#include <vector>

#include "plan/work_plan.hpp"

namespace nba {

struct RunPlan {
  std::string input_path;
  std::string out_dir;
  std::string run_id;
  std::string code_version;
  std::string input_fingerprint;
  std::string options_fingerprint;
  std::vector<WorkUnit> units;  // chronological; unit.id indexes this vector
  std::vector<std::string> processors;  // dependency-closed, DAG order
  // `run --include-bootstrap`: the bootstrap dates among the units (ascending).
  // On them only MLFS runs, from empty same-date Phase 4 tables, as the
  // original's MLFS driver does with that flag (decision 55).
  std::vector<Day> bootstrap_dates;
  bool preflight_skipped = false;  // --skip-preflight: recorded in the ledger and manifest
  std::string abort_reason;     // non-empty: rank 0 could not plan, every rank exits

  // The processors computed on `d`: all of them, or MLFS alone on a bootstrap date.
  const std::vector<std::string>& processors_on(Day d) const;
  bool computes_bootstrap(Day d) const;  // d is one of bootstrap_dates

  template <class Archive>
  void serialize(Archive& ar, unsigned) {
    ar & input_path & out_dir & run_id & code_version & input_fingerprint & options_fingerprint & units & processors &
        bootstrap_dates & preflight_skipped & abort_reason;
  }
};

// What `--include-bootstrap` computes on a bootstrap date.
inline constexpr const char* kBootstrapProcessor = "mlfs";

// RunPlan::input_path for the --input given on the command line: absolute in
// this process's working directory. Workers resolve their own --input the same
// way to load it before the plan arrives (decision 39), then compare.
inline std::string resolve_input_path(const std::string& given) { return std::filesystem::absolute(given).string(); }

// Shard path of a unit relative to the output directory: shards/<season>/<first>_<last>.h5
std::string shard_relative_path(const WorkUnit& unit);

// Fingerprint of the options that change computed values (processors, bootstrap
// rule). Partition and rank count do not change output (decision 11) and are
// deliberately not part of it.
std::string current_options_fingerprint();

}  // namespace nba
