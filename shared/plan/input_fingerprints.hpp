#pragma once
// Per-date input fingerprints: what a date's outputs can depend on. Every
// processor reads only rows dated on or before D, and nothing older than the
// previous season's last weeks (the longest look-back is PDC's team window of
// 10 games, which may reach into the previous season). So a date's window is
// [Oct 1 of its season - 200 days, D]; a Phase 3 correction on day X changes the
// fingerprint of exactly the dates whose window contains X.
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "core/civil_date.hpp"

namespace nba {

struct Phase3Data;

inline constexpr int kLookBackBeforeSeasonDays = 200;

class InputFingerprints {
 public:
  explicit InputFingerprints(const Phase3Data& data);
  // From the per-day hashes the input store keeps (read_planning_input), so
  // rank 0 plans without loading every table.
  explicit InputFingerprints(std::map<Day, std::uint64_t> day_hashes) : day_hash_(std::move(day_hashes)) {}
  const std::map<Day, std::uint64_t>& day_hashes() const { return day_hash_; }
  // Hex fingerprint of all input rows dated in D's window (computed once per date).
  const std::string& of(Day d) const;

 private:
  std::map<Day, std::uint64_t> day_hash_;  // order-independent hash of every row dated that day
  mutable std::map<Day, std::string> window_;  // memo: every processor and caller asks for the same dates
};

}  // namespace nba
