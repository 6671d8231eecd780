#pragma once
// The five Phase 4 processors, written once: their order (the DAG's), names,
// BigQuery tables and what each reads. Processor names, the dependency
// closure, the CLI's choices, a shard's tables (processor_rows.hpp) and the
// farm protocol's bounds derive from this table.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nba {

enum ProcessorId : std::size_t { kTdza, kPsza, kPdc, kPcf, kMlfs };

constexpr std::uint32_t reads_of(std::initializer_list<ProcessorId> ids) {
  std::uint32_t bits = 0;
  for (const ProcessorId id : ids) bits |= 1u << id;
  return bits;
}

struct ProcessorSpec {
  std::string_view name;      // in the CLI, the shards, the ledger
  std::string_view bq_table;  // the original's BigQuery table it loads into
  std::uint32_t reads;        // bit i: reads the same date's rows of processor i
};

inline constexpr std::array<ProcessorSpec, 5> kProcessors{{
    {"tdza", "team_defense_zone_analysis", 0},
    {"psza", "player_shot_zone_analysis", 0},
    {"pdc", "player_daily_cache", reads_of({kPsza})},
    {"pcf", "player_composite_factors", reads_of({kPsza, kTdza})},
    {"mlfs", "ml_feature_store_v2", reads_of({kTdza, kPsza, kPdc, kPcf})},
}};
inline constexpr std::size_t kProcessorCount = kProcessors.size();

// DAG order: each processor reads only processors listed before it.
static_assert([] {
  for (std::size_t i = 0; i < kProcessorCount; ++i)
    if (kProcessors[i].reads >> i) return false;
  return true;
}());

// The names in DAG order.
const std::vector<std::string>& processor_names();
std::optional<ProcessorId> processor_id(std::string_view name);

// The processors `requested` need, in DAG order (asking for MLFS computes what it
// reads: TDZA, PSZA, PDC, PCF). Empty = all. Throws UsageError for an unknown name.
std::vector<std::string> dependency_closure(const std::vector<std::string>& requested);

}  // namespace nba
