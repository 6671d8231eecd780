#include "engine/unit_output.hpp"

#include <map>
#include <set>
#include <stdexcept>

#include "core/errors.hpp"

namespace nba {

OutputTable failures_table(const std::vector<FailureRecord>& f) {
  OutputTable t("failures");
  t.add_rows(f, [&](const auto& f) {
    t.add_str("processor", 8, f, &FailureRecord::processor);
    t.add_date("analysis_date", f, &FailureRecord::date);
    t.add_str("entity_id", 48, f, &FailureRecord::entity);
    t.add_str("failure_category", 32, f, &FailureRecord::category);
    t.add_str("failure_reason", 256, f,
              [](const FailureRecord& r) { return std::string_view(r.reason).substr(0, 256); });
  });
  return t;
}

OutputTable date_status_table(const std::vector<DateStatus>& s) {
  OutputTable t("date_status");
  t.add_str("processor", 8, s, &DateStatus::processor);
  t.add_date("analysis_date", s, &DateStatus::date);
  t.add_str("status", 16, s, &DateStatus::status);
  t.add_i64("rows", s, [](const DateStatus& r) { return r.rows; });
  t.add_i64("failures", s, [](const DateStatus& r) { return r.failures; });
  t.add_i64("entities", s, [](const DateStatus& r) { return r.entities; });
  return t;
}

std::vector<std::string> dependency_closure(const std::vector<std::string>& requested) {
  static const std::map<std::string, std::vector<std::string>> reads = {
      {"tdza", {}}, {"psza", {}}, {"pdc", {"psza"}}, {"pcf", {"psza", "tdza"}}, {"mlfs", {"tdza", "psza", "pdc", "pcf"}}};
  if (requested.empty()) return processor_names();
  std::set<std::string> needed;
  for (const auto& r : requested) {
    auto it = reads.find(r);
    if (it == reads.end()) throw UsageError("unknown processor '" + r + "' (tdza, psza, pdc, pcf, mlfs)");
    needed.insert(r);
    needed.insert(it->second.begin(), it->second.end());
  }
  std::vector<std::string> out;
  for (const auto& p : processor_names())
    if (needed.count(p)) out.push_back(p);
  return out;
}

std::vector<OutputTable> UnitOutput::tables(const std::vector<std::string>& processors) const {
  std::vector<OutputTable> out;
  for (const auto& p : processors) {
    if (p == "tdza") out.push_back(tdza::to_table(tdza_rows));
    if (p == "psza") out.push_back(psza::to_table(psza_rows));
    if (p == "pdc") out.push_back(pdc::to_table(pdc_rows));
    if (p == "pcf") out.push_back(pcf::to_table(pcf_rows));
    if (p == "mlfs") out.push_back(mlfs::to_table(mlfs_rows));
  }
  out.push_back(failures_table(failures));
  out.push_back(date_status_table(statuses));
  return out;
}

namespace {
template <typename Row>
std::int64_t count_rows(const std::vector<std::vector<Row>>& batches) {
  std::size_t n = 0;
  for (const auto& b : batches) n += b.size();
  return static_cast<std::int64_t>(n);
}
}  // namespace

std::int64_t UnitOutput::rows_of(const std::string& processor) const {
  if (processor == "tdza") return count_rows(tdza_rows);
  if (processor == "psza") return count_rows(psza_rows);
  if (processor == "pdc") return count_rows(pdc_rows);
  if (processor == "pcf") return count_rows(pcf_rows);
  if (processor == "mlfs") return count_rows(mlfs_rows);
  throw std::out_of_range("unknown processor " + processor);
}

}  // namespace nba
