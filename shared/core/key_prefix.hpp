#pragma once
// Binary searches over string keys (player_lookup, team_abbr) spent most of
// their time in memcmp calls: about 6 % of a worker's samples. The first 8
// bytes of a key, big-endian and zero-padded, order keys exactly as the strings
// do whenever they differ, so a search compares these integers and calls the
// string compare only for keys that share all 8 bytes (rare: player lookups are
// full names).
#include <cstdint>
#include <string_view>

namespace nba {

inline std::uint64_t key_prefix(std::string_view key) {
  std::uint64_t p = 0;
  for (std::size_t i = 0; i < 8; ++i)
    p = (p << 8) | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0u);
  return p;
}

// a < b, as std::string_view orders them, with the prefixes of a and b given.
// If the prefixes differ they decide: at their first differing byte either
// both strings have a byte and the smaller byte is the smaller string, or the
// string that ended there (padding 0) is a prefix of the other, hence smaller.
inline bool key_less(std::uint64_t prefix_a, std::string_view a, std::uint64_t prefix_b, std::string_view b) {
  if (prefix_a != prefix_b) return prefix_a < prefix_b;
  return a < b;
}

}  // namespace nba
