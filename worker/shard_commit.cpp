#include "worker/shard_commit.hpp"

#include <chrono>
#include <filesystem>

#include "core/elapsed.hpp"
#include "core/system_info.hpp"
#include "output/shard_file.hpp"
#include "store/atomic_file.hpp"

namespace nba {

UncommittedUnit write_unit(const RunPlan& plan, const WorkUnit& unit, ComputedUnit&& computed) {
  UncommittedUnit u;
  u.report = std::move(computed.report);
  u.unit_name = unit.name();
  if (!u.report.error.empty()) return u;
  const auto t0 = std::chrono::steady_clock::now();
  const auto path = std::filesystem::path(plan.out_dir) / shard_relative_path(unit);
  try {
    ShardMeta meta{unit.id,
                   format_iso_date(unit.dates.front()),
                   format_iso_date(unit.dates.back()),
                   static_cast<std::int32_t>(unit.dates.size()),
                   plan.code_version,
                   plan.input_fingerprint,
                   plan.options_fingerprint,
                   utc_now_isoformat_micros()};
    std::filesystem::create_directories(path.parent_path());
    u.tmp_path = write_shard_uncommitted(path.string(), computed.output.tables(plan.processors), meta);
    u.final_path = path.string();
  } catch (const std::exception& e) {
    u.report.error = "unit " + u.unit_name + ": cannot write shard " + path.string() + ": " + e.what();
    u.report.storage_error = true;
    return u;
  }
  u.report.seconds_write = seconds_since(t0);
  return u;
}

UnitReport commit_unit(UncommittedUnit&& u) {
  UnitReport r = std::move(u.report);
  if (u.tmp_path.empty()) return r;  // failed before its shard was written
  const auto t0 = std::chrono::steady_clock::now();
  try {
    commit_temp_file(u.tmp_path, u.final_path);
  } catch (const std::exception& e) {
    r.error = "unit " + u.unit_name + ": cannot write shard " + u.final_path + ": " + e.what();
    r.storage_error = true;
    return r;
  }
  r.seconds_write += seconds_since(t0);
  r.ok = true;
  return r;
}

void discard_unit(UncommittedUnit&& u) noexcept {
  if (!u.tmp_path.empty()) discard_temp_file(u.tmp_path);
}

void DeferredCommit::hold(UncommittedUnit&& written) {
  commit();
  held_ = std::move(written);
  if (held_->tmp_path.empty()) commit();  // failed: nothing to commit, report it now
}

void DeferredCommit::commit() {
  if (!held_) return;
  UnitReport report = commit_unit(std::move(*held_));
  held_.reset();
  on_committed_(std::move(report));
}

void DeferredCommit::discard() noexcept {
  if (held_) discard_unit(std::move(*held_));
  held_.reset();
}

}  // namespace nba
