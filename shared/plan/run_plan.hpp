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
  std::string abort_reason;     // non-empty: rank 0 could not plan, every rank exits

  template <class Archive>
  void serialize(Archive& ar, unsigned) {
    ar & input_path & out_dir & run_id & code_version & input_fingerprint & options_fingerprint & units & processors &
        abort_reason;
  }
};

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
