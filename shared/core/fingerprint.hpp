#pragma once
// A 64-bit content fingerprint used to tie shards and manifests to the exact
// input data and options they were computed from. Not cryptographic: it detects
// accidental change, which is all resume needs. It hashes 8 bytes a step (the
// input is hashed on every run by rank 0 and by every worker), so the value
// depends on how the bytes were split into add calls, not only on their
// concatenation; every caller adds in a fixed order. Changing this function
// changes every stored fingerprint: bump kInputStoreFormat with it.
#include <cstdint>
#include <string>
#include <string_view>

namespace nba {

class Fingerprint {
 public:
  void add_bytes(const void* data, std::size_t n);
  void add(std::string_view s) {
    add_u64(s.size());
    add_bytes(s.data(), s.size());
  }
  void add_u64(std::uint64_t v) { add_word(v); }
  std::uint64_t value() const;
  std::string hex() const;

 private:
  // One 8-byte step: the word is scrambled off the state's dependency chain,
  // then merged (xxHash64's round shape), about 6 cycles per 8 bytes where
  // byte-at-a-time FNV-1a took a dependent multiply per byte (it was 28 % of a
  // one-date run, bench/REPORT.md). Inline: the per-row input fingerprints add
  // one word per column of every Phase 3 row.
  void add_word(std::uint64_t w) {
    w *= kPrime2;
    w = ((w << 31) | (w >> 33)) * kPrime1;
    h_ ^= w;
    h_ = ((h_ << 27) | (h_ >> 37)) * kPrime1 + kPrime3;
  }
  // xxHash64's primes (odd, well-mixed bit patterns); value() uses them too.
  static constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL, kPrime2 = 0xC2B2AE3D27D4EB4FULL,
                                 kPrime3 = 0x165667B19E3779F9ULL;
  std::uint64_t h_ = 0x27D4EB2F165667C5ULL;
};

std::string to_hex64(std::uint64_t v);

}  // namespace nba
