#pragma once
// Per-date input fingerprints: what a date's outputs can depend on. Every
// processor reads only rows dated on or before D, and nothing older than the
// first season its season reaches (processors/input_reach.hpp: one year of
// fixed windows, further where a row-count window meets thin data). So a
// date's window is [Oct 1 of reach(its season), D]; a Phase 3 correction on
// day X changes the fingerprint of exactly the dates whose window contains X.
// (The source-hash columns' pick over every earlier row is the exception: a
// correction older than the window changes them without changing the window.)
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "core/civil_date.hpp"

namespace nba {

struct Phase3Data;

class InputFingerprints {
 public:
  explicit InputFingerprints(const Phase3Data& data);
  // From the per-day hashes the input store keeps (read_planning_input), so
  // rank 0 plans without loading every table.
  InputFingerprints(std::map<Day, std::uint64_t> day_hashes, std::map<int, int> season_reach)
      : day_hash_(std::move(day_hashes)), reach_(std::move(season_reach)) {}
  const std::map<Day, std::uint64_t>& day_hashes() const { return day_hash_; }
  const std::map<int, int>& season_reach() const { return reach_; }
  // Hex fingerprint of all input rows dated in D's window (computed once per date).
  const std::string& of(Day d) const;

 private:
  std::map<Day, std::uint64_t> day_hash_;  // order-independent hash of every row dated that day
  std::map<int, int> reach_;               // season -> the earliest season it reads
  mutable std::map<Day, std::string> window_;  // memo: every processor and caller asks for the same dates
};

}  // namespace nba
