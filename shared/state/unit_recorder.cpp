#include "state/unit_recorder.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>

#include "processors/processor_table.hpp"
#include "output/shard_reader.hpp"
#include "store/file_checksum.hpp"

namespace nba {

namespace fs = std::filesystem;

namespace {

LedgerRecord base_record(const RunPlan& plan, const std::string& processor, Day d, const InputFingerprints& fps) {
  LedgerRecord r;
  r.run_id = plan.run_id;
  r.processor = processor;
  r.date = format_iso_date(d);
  r.code_version = plan.code_version;
  r.input_fingerprint = fps.of(d);
  r.options_fingerprint = plan.options_fingerprint;
  r.preflight_skipped = plan.preflight_skipped;
  return r;
}

void check_shard(const RunPlan& plan, const WorkUnit& unit, const UnitReport& report, const ShardReader& shard) {
  const ShardSummary s = shard.summary(ShardCheck::Attributes);  // just written by write_shard
  if (s.meta.unit_id != unit.id || s.meta.first_date != format_iso_date(unit.dates.front()) ||
      s.meta.last_date != format_iso_date(unit.dates.back()))
    throw std::runtime_error("shard identity does not match the unit");
  if (s.meta.input_fingerprint != plan.input_fingerprint || s.meta.options_fingerprint != plan.options_fingerprint)
    throw std::runtime_error("shard was computed from different inputs or options");
  for (const auto& [proc, rows] : report.rows)
    if (s.table_rows.at(proc) != rows)
      throw std::runtime_error(proc + " rows in shard (" + std::to_string(s.table_rows.at(proc)) +
                               ") differ from the worker's report (" + std::to_string(rows) + ")");
}

}  // namespace

std::vector<LedgerRecord> ledger_records_for(const RunPlan& plan, const WorkUnit& unit, UnitOutcome& o,
                                             const InputFingerprints& fps) {
  const std::string relative = shard_relative_path(unit);
  const std::string path = (fs::path(plan.out_dir) / relative).string();
  std::vector<LedgerRecord> records;
  const double seconds = o.report.seconds_compute + o.report.seconds_write;
  if (o.report.ok) {
    try {
      const ShardReader shard(path);
      check_shard(plan, unit, o.report, shard);
      const std::string crc = file_crc32_hex(path);
      const FailureCountsByDate categories = shard.failure_counts();
      const ShardDateStatus status = shard.date_status();
      for (std::size_t i = 0; i < status.size(); ++i) {
        const std::string& processor = status.processor[i];
        const std::string& date = status.analysis_date[i];
        LedgerRecord r = base_record(plan, processor, *parse_iso_date(date), fps);
        r.status = ledger_status::kDone;
        r.rows = status.rows[i];
        r.entities = status.entities[i];
        if (auto it = categories.find({processor, date}); it != categories.end()) r.failures = it->second;
        r.seconds = seconds;
        r.shard = relative;
        r.shard_crc32 = crc;
        r.bootstrap = plan.computes_bootstrap(*parse_iso_date(date));
        records.push_back(std::move(r));
      }
      std::size_t expected = 0;
      for (Day d : unit.dates) expected += plan.processors_on(d).size();
      if (records.size() != expected)
        throw std::runtime_error("shard's date_status does not cover every date and processor of the unit");
      return records;
    } catch (const std::exception& e) {
      o.report.ok = false;
      o.report.error = "shard validation failed for " + path + ": " + e.what();
      records.clear();
    }
  }
  for (Day d : unit.dates)
    for (const auto& p : plan.processors_on(d)) {
      LedgerRecord r = base_record(plan, p, d, fps);
      r.bootstrap = plan.computes_bootstrap(d);
      r.status = ledger_status::kFailed;
      r.error = o.report.error;
      r.seconds = seconds;
      records.push_back(std::move(r));
    }
  return records;
}

std::vector<LedgerRecord> skipped_records(const RunPlan& plan, const std::vector<Day>& dates, const char* status,
                                          const InputFingerprints& fps, const std::vector<std::string>& processors) {
  std::vector<LedgerRecord> records;
  for (Day d : dates)
    for (const auto& p : processors) {
      LedgerRecord r = base_record(plan, p, d, fps);
      r.status = status;
      records.push_back(std::move(r));
    }
  return records;
}

}  // namespace nba
