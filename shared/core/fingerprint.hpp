#pragma once
// A 64-bit content fingerprint (FNV-1a) used to tie shards and manifests to the
// exact input data and options they were computed from. Not cryptographic:
// it detects accidental change, which is all resume needs.
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
  void add_u64(std::uint64_t v) { add_bytes(&v, sizeof v); }
  std::uint64_t value() const { return h_; }
  std::string hex() const;

 private:
  std::uint64_t h_ = 1469598103934665603ULL;
};

std::string to_hex64(std::uint64_t v);

}  // namespace nba
