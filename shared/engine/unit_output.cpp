#include "engine/unit_output.hpp"

#include <stdexcept>
#include <utility>

namespace nba {

OutputTable failures_table(const std::vector<FailureRecord>& f) {
  OutputTable t(kFailuresTable);
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
  OutputTable t(kDateStatusTable);
  t.add_str("processor", 8, s, &DateStatus::processor);
  t.add_date("analysis_date", s, &DateStatus::date);
  t.add_str("status", 16, s, &DateStatus::status);
  t.add_i64("rows", s, [](const DateStatus& r) { return r.rows; });
  t.add_i64("failures", s, [](const DateStatus& r) { return r.failures; });
  t.add_i64("entities", s, [](const DateStatus& r) { return r.entities; });
  return t;
}

namespace {

// Calls f(id, batches) for each processor.
template <typename F, std::size_t... I>
void for_each_processor(const ProcessorBatches& rows, F&& f, std::index_sequence<I...>) {
  (f(static_cast<ProcessorId>(I), std::get<I>(rows)), ...);
}
template <typename F>
void for_each_processor(const ProcessorBatches& rows, F&& f) {
  for_each_processor(rows, f, std::make_index_sequence<kProcessorCount>());
}

}  // namespace

std::vector<OutputTable> UnitOutput::tables(const std::vector<std::string>& processors) const {
  std::vector<OutputTable> out;
  for (const auto& p : processors) {
    const auto id = processor_id(p);
    if (!id) throw std::out_of_range("unknown processor " + p);
    for_each_processor(rows, [&](ProcessorId i, const auto& batches) {
      if (i == *id) out.push_back(to_table(batches));
    });
  }
  out.push_back(failures_table(failures));
  out.push_back(date_status_table(statuses));
  return out;
}

std::int64_t UnitOutput::rows_of(const std::string& processor) const {
  const auto id = processor_id(processor);
  if (!id) throw std::out_of_range("unknown processor " + processor);
  std::size_t n = 0;
  for_each_processor(rows, [&](ProcessorId i, const auto& batches) {
    if (i == *id)
      for (const auto& b : batches) n += b.size();
  });
  return static_cast<std::int64_t>(n);
}

}  // namespace nba
