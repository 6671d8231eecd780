#include "plan/store_writing.hpp"

#include "plan/input_fingerprints.hpp"
#include "processors/source_hashes.hpp"

namespace nba {

StoreFacts store_facts(const Phase3Data& data) {
  StoreFacts facts;
  const InputFingerprints fingerprints(data);
  facts.day_hashes = fingerprints.day_hashes();
  facts.season_reach = fingerprints.season_reach();
  for (const std::string_view table : kSourceHashTables) {
    const SourceHashIndex index(data, table);
    auto& per_season = facts.carried[std::string(table)];
    for (const auto& [season, reach] : facts.season_reach) per_season[season] = index.pick_before(october_first(season));
  }
  return facts;
}

std::string write_store_of(const std::string& path, const Phase3Data& data) {
  return write_input_store(path, data, store_facts(data));
}

}  // namespace nba
