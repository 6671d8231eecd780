#include "engine/unit_executor.hpp"

#include <chrono>
#include <filesystem>

#include "core/fingerprint.hpp"
#include "output/shard_file.hpp"

namespace nba {

std::string current_options_fingerprint() {
  Fingerprint fp;
  for (const auto& p : processor_names()) fp.add(p);
  fp.add_u64(kBootstrapDays);
  return fp.hex();
}

std::string shard_relative_path(const WorkUnit& unit) {
  return "shards/" + season_label(unit.season) + "/" + unit.name() + ".h5";
}

UnitReport execute_unit(const Phase4Engine& engine, const RunPlan& plan, const WorkUnit& unit,
                        const DateDoneFn& on_date_done) {
  using clock = std::chrono::steady_clock;
  UnitReport r;
  r.unit_id = unit.id;
  const auto t0 = clock::now();
  UnitOutput out;
  try {
    for (Day d : unit.dates) {
      engine.compute_date(d, out, plan.processors);
      if (on_date_done) on_date_done(d);
    }
  } catch (const std::exception& e) {
    r.error = std::string("unit ") + unit.name() + ": " + e.what();
    return r;
  }
  const auto t1 = clock::now();
  const auto path = std::filesystem::path(plan.out_dir) / shard_relative_path(unit);
  try {
    ShardMeta meta{unit.id,
                   format_iso_date(unit.dates.front()),
                   format_iso_date(unit.dates.back()),
                   static_cast<std::int32_t>(unit.dates.size()),
                   plan.code_version,
                   plan.input_fingerprint,
                   plan.options_fingerprint};
    std::filesystem::create_directories(path.parent_path());
    write_shard(path.string(), out.tables(plan.processors), meta);
  } catch (const std::exception& e) {
    r.error = std::string("unit ") + unit.name() + ": cannot write shard " + path.string() + ": " + e.what();
    r.storage_error = true;
    return r;
  }
  const auto t2 = clock::now();
  for (const auto& p : plan.processors) r.rows[p] = out.rows_of(p);
  r.failure_records = static_cast<std::int64_t>(out.failures.size());
  r.seconds_by_processor = out.seconds_by_processor;
  r.seconds_compute = std::chrono::duration<double>(t1 - t0).count();
  r.seconds_write = std::chrono::duration<double>(t2 - t1).count();
  r.ok = true;
  return r;
}

}  // namespace nba
