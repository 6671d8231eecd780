#pragma once
// The input store's season blocks (store/input_store.hpp): where each season's
// rows and strings lie, what it reads, and the checksums that tie a slice read
// to the store's fingerprint. Shared by the store's writer and reader.
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/fingerprint.hpp"

namespace nba {

struct InputBlocks {
  std::vector<std::int64_t> season;        // ascending, one block per season with rows
  std::vector<std::int64_t> reach;         // the earliest season the block's dates read
  std::vector<std::int64_t> checksum;      // BlockChecksum of the block's content
  std::vector<std::int64_t> string_begin;  // blocks + 1: the block's strings in /strings/offsets
  // Per table, blocks + 1 row offsets: block b's rows are [rows[b], rows[b + 1]).
  std::map<std::string, std::vector<std::int64_t>, std::less<>> rows;
  // Per source-hash table, per block: the pick over every row before the block (CarriedPick).
  std::map<std::string, std::vector<std::int64_t>, std::less<>> carried_processed_at, carried_hash;

  std::size_t size() const { return season.size(); }
  std::map<int, int> season_reach() const;  // season -> reach, as the arrays hold them
  // Blocks whose season lies in [first, last], as [begin, end) block indices.
  std::pair<std::size_t, std::size_t> range(int first, int last) const;
  // Over every array above and /planning's checksum: the store's fingerprint.
  std::uint64_t fingerprint(std::string_view planning_checksum) const;
};

// One block's content in a fixed order; writer and reader add the same parts.
class BlockChecksum {
 public:
  BlockChecksum(std::int64_t season, std::int64_t reach);
  // The block's pool: its strings end to end and their offsets (from 0).
  void strings(std::string_view bytes, std::span<const std::int64_t> offsets);
  void column(std::string_view table, std::string_view column, std::span<const std::int64_t> values);
  void carried(std::string_view table, std::int64_t processed_at, std::int64_t hash);
  std::int64_t value() const { return static_cast<std::int64_t>(fp_.value()); }

 private:
  Fingerprint fp_;
};

}  // namespace nba
