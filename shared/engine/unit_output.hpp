#pragma once
// Everything one work unit produces: rows per processor, failure records, and a
// status per (processor, date). This is what a shard holds.
#include <string>
#include <map>
#include <vector>

#include "output/failure_record.hpp"
#include "output/output_table.hpp"
#include "processors/mlfs.hpp"
#include "processors/pcf.hpp"
#include "processors/pdc.hpp"
#include "processors/psza.hpp"
#include "processors/tdza.hpp"

namespace nba {

// Processors in dependency (DAG) order.
inline const std::vector<std::string>& processor_names() {
  static const std::vector<std::string> names = {"tdza", "psza", "pdc", "pcf", "mlfs"};
  return names;
}

// The processors `requested` need, in DAG order (asking for MLFS computes what it
// reads: TDZA, PSZA, PDC, PCF). Empty = all. Throws UsageError for an unknown name.
std::vector<std::string> dependency_closure(const std::vector<std::string>& requested);

namespace date_status {
inline constexpr const char* kDone = "done";            // rows written
inline constexpr const char* kZeroRows = "zero_rows";   // games that day, but every entity failed
}  // namespace date_status

struct DateStatus {
  std::string processor;
  Day date;
  std::string status;
  std::int64_t rows = 0;
  std::int64_t failures = 0;
  std::int64_t entities = 0;
};

struct UnitOutput {
  // Each processor's rows, one vector per computed date (RowBatches).
  std::vector<std::vector<tdza::Row>> tdza_rows;
  std::vector<std::vector<psza::Row>> psza_rows;
  std::vector<std::vector<pdc::Row>> pdc_rows;
  std::vector<std::vector<pcf::Row>> pcf_rows;
  std::vector<std::vector<mlfs::Row>> mlfs_rows;
  std::vector<FailureRecord> failures;
  std::vector<DateStatus> statuses;
  // Wall seconds spent in each processor (bench/ reads them; never part of a shard).
  std::map<std::string, double> seconds_by_processor;

  // The tables a shard stores for these processors, each sorted by (date, entity).
  std::vector<OutputTable> tables(const std::vector<std::string>& processors) const;
  std::int64_t rows_of(const std::string& processor) const;
};

OutputTable failures_table(const std::vector<FailureRecord>& failures);
OutputTable date_status_table(const std::vector<DateStatus>& statuses);

}  // namespace nba
