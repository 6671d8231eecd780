#pragma once
// Everything one work unit produces: rows per processor, failure records, and a
// status per (processor, date). This is what a shard holds.
#include <string>
#include <map>
#include <vector>

#include "core/failure_record.hpp"
#include "core/output_table.hpp"
#include "engine/unit_tables.hpp"
#include "processors/processor_rows.hpp"
#include "processors/processor_table.hpp"

namespace nba {

struct DateStatus {
  std::string processor;
  Day date;
  std::string status;
  std::int64_t rows = 0;
  std::int64_t failures = 0;
  std::int64_t entities = 0;
};

struct UnitOutput {
  // Each processor's rows, one vector per computed date, in kProcessors order.
  ProcessorBatches rows;
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
