#include "processors/source_hashes.hpp"

#include <algorithm>

#include "phase3/schema.hpp"
#include "phase3/table.hpp"

namespace nba {

namespace {

// Whether a should be picked over b (ORDER BY processed_at DESC NULLS LAST, then hash).
bool better(const SourceHashIndex::Pick& a, const SourceHashIndex::Pick& b) {
  if (a.hash_id < 0) return false;
  if (b.hash_id < 0) return true;
  if (a.processed_at != b.processed_at) {
    if (a.processed_at == kNull) return false;
    if (b.processed_at == kNull) return true;
    return a.processed_at > b.processed_at;
  }
  return a.hash_id < b.hash_id;
}

}  // namespace

SourceHashIndex::SourceHashIndex(const Phase3Data& data, std::string_view table) {
  const Table& t = data.table(table);
  const auto& dates = t.values("game_date");
  const auto& hashes = t.values("data_hash");
  const auto& processed = t.values("processed_at");
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < t.rows(); ++i)
    if (hashes[i] != kNull) rows.push_back(i);
  std::sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) { return dates[a] < dates[b]; });
  for (std::size_t i : rows) {
    const Day d = static_cast<Day>(dates[i]);
    const Pick p{processed[i], hashes[i]};
    if (dates_.empty() || dates_.back() != d) dates_.push_back(d), best_.push_back(p);
    else if (better(p, best_.back())) best_.back() = p;
  }
  if (const auto it = data.carried_picks.find(table); it != data.carried_picks.end() && it->second.data_hash != kNull)
    carried_ = {it->second.processed_at, it->second.data_hash};
  for (const Pick& p : best_) text_of_.emplace(p.hash_id, data.strings.at(p.hash_id));
  if (carried_.hash_id >= 0) text_of_.emplace(carried_.hash_id, data.strings.at(carried_.hash_id));
  prefix_.resize(best_.size());
  for (std::size_t i = 0; i < best_.size(); ++i) {
    const Pick& before = i ? prefix_[i - 1] : carried_;
    prefix_[i] = better(before, best_[i]) ? before : best_[i];
  }
}

CarriedPick SourceHashIndex::pick_before(Day d) const {
  const auto n = std::lower_bound(dates_.begin(), dates_.end(), d) - dates_.begin();
  const Pick p = n ? prefix_[static_cast<std::size_t>(n - 1)] : carried_;
  return p.hash_id < 0 ? CarriedPick{} : CarriedPick{p.processed_at, p.hash_id};
}

std::string SourceHashIndex::text(Pick p) const {
  return p.hash_id < 0 ? std::string() : text_of_.at(p.hash_id);
}

std::string SourceHashIndex::on(Day d) const {
  const auto it = std::lower_bound(dates_.begin(), dates_.end(), d);
  return it != dates_.end() && *it == d ? text(best_[static_cast<std::size_t>(it - dates_.begin())]) : std::string();
}

std::string SourceHashIndex::before(Day d) const {
  const auto n = std::lower_bound(dates_.begin(), dates_.end(), d) - dates_.begin();
  return text(n ? prefix_[static_cast<std::size_t>(n - 1)] : carried_);
}

std::string SourceHashIndex::between(Day from, Day to_exclusive) const {
  const auto lo = std::lower_bound(dates_.begin(), dates_.end(), from) - dates_.begin();
  const auto hi = std::lower_bound(dates_.begin(), dates_.end(), to_exclusive) - dates_.begin();
  Pick best{kNull, -1};
  for (auto i = lo; i < hi; ++i)
    if (better(best_[static_cast<std::size_t>(i)], best)) best = best_[static_cast<std::size_t>(i)];
  return text(best);
}

Phase3SourceHashes build_phase3_source_hashes(const Phase3Data& data) {
  return {SourceHashIndex(data, tables::kPlayerGames), SourceHashIndex(data, tables::kTeamDefense),
          SourceHashIndex(data, tables::kTeamOffense), SourceHashIndex(data, tables::kPlayerContext),
          SourceHashIndex(data, tables::kTeamContext)};
}

}  // namespace nba
