#include "engine/unit_output.hpp"

#include <stdexcept>

namespace nba {

OutputTable failures_table(const std::vector<FailureRecord>& f) {
  OutputTable t("failures");
  t.add_str("processor", 8, f, [](const FailureRecord& r) { return r.processor; });
  t.add_str("analysis_date", 10, f, [](const FailureRecord& r) { return format_iso_date(r.date); });
  t.add_str("entity_id", 48, f, [](const FailureRecord& r) { return r.entity; });
  t.add_str("failure_category", 32, f, [](const FailureRecord& r) { return r.category; });
  t.add_str("failure_reason", 256, f, [](const FailureRecord& r) { return r.reason.substr(0, 256); });
  return t;
}

OutputTable date_status_table(const std::vector<DateStatus>& s) {
  OutputTable t("date_status");
  t.add_str("processor", 8, s, [](const DateStatus& r) { return r.processor; });
  t.add_str("analysis_date", 10, s, [](const DateStatus& r) { return format_iso_date(r.date); });
  t.add_str("status", 16, s, [](const DateStatus& r) { return r.status; });
  t.add_i64("rows", s, [](const DateStatus& r) { return r.rows; });
  t.add_i64("failures", s, [](const DateStatus& r) { return r.failures; });
  t.add_i64("entities", s, [](const DateStatus& r) { return r.entities; });
  return t;
}

std::vector<OutputTable> UnitOutput::tables() const {
  return {tdza::to_table(tdza_rows), psza::to_table(psza_rows), pdc::to_table(pdc_rows), pcf::to_table(pcf_rows),
          mlfs::to_table(mlfs_rows),   failures_table(failures),   date_status_table(statuses)};
}

std::int64_t UnitOutput::rows_of(const std::string& processor) const {
  if (processor == "tdza") return static_cast<std::int64_t>(tdza_rows.size());
  if (processor == "psza") return static_cast<std::int64_t>(psza_rows.size());
  if (processor == "pdc") return static_cast<std::int64_t>(pdc_rows.size());
  if (processor == "pcf") return static_cast<std::int64_t>(pcf_rows.size());
  if (processor == "mlfs") return static_cast<std::int64_t>(mlfs_rows.size());
  throw std::out_of_range("unknown processor " + processor);
}

}  // namespace nba
