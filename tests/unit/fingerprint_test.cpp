// The fingerprint decides whether resume trusts a stored date: it must change
// when any input bit changes and never depend on anything but what was added.
#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/fingerprint.hpp"

namespace nba {
namespace {

std::uint64_t of_bytes(const std::vector<std::uint8_t>& b) {
  Fingerprint fp;
  fp.add_bytes(b.data(), b.size());
  return fp.value();
}

TEST(Fingerprint, EveryBitOfEveryByteChangesTheValue) {
  // 8-byte steps must not leave any bit position (the top bits of a word
  // included) or the tail unhashed.
  std::vector<std::uint8_t> bytes(45);
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 37 + 11);
  const std::uint64_t base = of_bytes(bytes);
  std::set<std::uint64_t> seen{base};
  for (std::size_t i = 0; i < bytes.size(); ++i)
    for (int bit = 0; bit < 8; ++bit) {
      auto flipped = bytes;
      flipped[i] ^= static_cast<std::uint8_t>(1u << bit);
      seen.insert(of_bytes(flipped));
    }
  EXPECT_EQ(seen.size(), 1 + bytes.size() * 8);  // all distinct from the base and each other
}

TEST(Fingerprint, TrailingZeroBytesAndLengthsAreSeen) {
  EXPECT_NE(of_bytes({'a', 'b'}), of_bytes({'a', 'b', 0}));
  EXPECT_NE(of_bytes({}), of_bytes({0}));
  EXPECT_NE(of_bytes(std::vector<std::uint8_t>(8, 0)), of_bytes(std::vector<std::uint8_t>(16, 0)));
  Fingerprint a, b;
  a.add("ab"), a.add("c");
  b.add("a"), b.add("bc");
  EXPECT_NE(a.value(), b.value());  // strings carry their length
}

TEST(Fingerprint, SameAddsSameValueAndOrderMatters) {
  auto run = [](std::uint64_t x, std::uint64_t y) {
    Fingerprint fp;
    fp.add_u64(x), fp.add_u64(y);
    return fp.hex();
  };
  EXPECT_EQ(run(1, 2), run(1, 2));
  EXPECT_NE(run(1, 2), run(2, 1));
  EXPECT_EQ(run(1, 2).size(), 16u);
  Fingerprint word, bytes;  // an 8-byte add_bytes is one add_u64 step
  const std::uint64_t v = 0x0123456789ABCDEFULL;
  word.add_u64(v);
  bytes.add_bytes(&v, sizeof v);
  EXPECT_EQ(word.value(), bytes.value());
}

}  // namespace
}  // namespace nba
