#include "core/fingerprint.hpp"

#include <cstdio>
#include <cstring>

namespace nba {

void Fingerprint::add_bytes(const void* data, std::size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (; n >= 8; n -= 8, p += 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    add_word(w);
  }
  if (n > 0) {  // the tail, with its length in the top byte so "ab" and "ab\0" differ
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    add_word(w | (static_cast<std::uint64_t>(n) << 56));
  }
}

std::uint64_t Fingerprint::value() const {
  std::uint64_t h = h_;  // final avalanche: every input bit reaches every output bit
  h ^= h >> 33;
  h *= kPrime2;
  h ^= h >> 29;
  h *= kPrime3;
  h ^= h >> 32;
  return h;
}

std::string to_hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string Fingerprint::hex() const { return to_hex64(value()); }

}  // namespace nba
