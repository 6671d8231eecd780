#include "state/unit_recorder.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>

#include "engine/unit_output.hpp"
#include "output/shard_file.hpp"
#include "store/file_checksum.hpp"
#include "store/hdf5_file.hpp"

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
  return r;
}

void check_shard(const RunPlan& plan, const WorkUnit& unit, const UnitReport& report, const std::string& path) {
  const ShardSummary s = read_shard_summary(path, ShardCheck::Attributes);  // just written by write_shard
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
      check_shard(plan, unit, o.report, path);
      const std::string crc = file_crc32_hex(path);
      h5::Handle f = h5::open_file_readonly(path);
      std::map<std::pair<std::string, std::string>, FailureCounts> categories;
      {
        // A unit has tens of thousands of failure records, stored date by
        // date, processor by processor: the (processor, date) entry is looked
        // up once per run of equal keys, and the strings are read packed (a
        // std::string per value and a map key per record were most of rank 0's
        // time per unit).
        h5::Handle g = h5::open_group(f.id(), "failures");
        const auto proc = h5::read_fixed_strings_packed(g.id(), "processor");
        const auto date = h5::read_fixed_strings_packed(g.id(), "analysis_date");
        const auto cat = h5::read_fixed_strings_packed(g.id(), "failure_category");
        FailureCounts* counts = nullptr;
        for (std::size_t i = 0; i < proc.size(); ++i) {
          if (i == 0 || proc.at(i) != proc.at(i - 1) || date.at(i) != date.at(i - 1))
            counts = &categories[{std::string(proc.at(i)), std::string(date.at(i))}];
          const std::string_view c = cat.at(i);
          if (auto it = counts->find(c); it != counts->end()) ++it->second;
          else counts->emplace(std::string(c), 1);
        }
      }
      h5::Handle g = h5::open_group(f.id(), "date_status");
      const auto proc = h5::read_fixed_strings(g.id(), "processor");
      const auto date = h5::read_fixed_strings(g.id(), "analysis_date");
      const auto rows = h5::read_i64(g.id(), "rows");
      const auto entities = h5::read_i64(g.id(), "entities");
      for (std::size_t i = 0; i < proc.size(); ++i) {
        LedgerRecord r = base_record(plan, proc[i], *parse_iso_date(date[i]), fps);
        r.status = ledger_status::kDone;
        r.rows = rows[i];
        r.entities = entities[i];
        if (auto it = categories.find({proc[i], date[i]}); it != categories.end()) r.failures = it->second;
        r.seconds = seconds;
        r.shard = relative;
        r.shard_crc32 = crc;
        records.push_back(std::move(r));
      }
      if (records.size() != unit.dates.size() * plan.processors.size())
        throw std::runtime_error("shard's date_status does not cover every date and processor of the unit");
      return records;
    } catch (const std::exception& e) {
      o.report.ok = false;
      o.report.error = "shard validation failed for " + path + ": " + e.what();
      records.clear();
    }
  }
  for (Day d : unit.dates)
    for (const auto& p : plan.processors) {
      LedgerRecord r = base_record(plan, p, d, fps);
      r.status = ledger_status::kFailed;
      r.error = o.report.error;
      r.seconds = seconds;
      records.push_back(std::move(r));
    }
  return records;
}

std::vector<LedgerRecord> skipped_records(const RunPlan& plan, const std::vector<Day>& dates, const char* status,
                                          const InputFingerprints& fps) {
  std::vector<LedgerRecord> records;
  for (Day d : dates)
    for (const auto& p : processor_names()) {
      LedgerRecord r = base_record(plan, p, d, fps);
      r.status = status;
      records.push_back(std::move(r));
    }
  return records;
}

}  // namespace nba
