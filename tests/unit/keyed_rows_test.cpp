// KeyedRows replaces std::map lookups in the processors; these pin the map
// semantics it must keep: which of several equal keys wins, and misses.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/key_prefix.hpp"
#include "processors/keyed_rows.hpp"

namespace nba {
namespace {

struct Item {
  std::string key;
  int value;
};

const std::string& key_of(const Item& i) { return i.key; }

TEST(KeyedRows, FindsEveryKeyInUnsortedRows) {
  const std::vector<Item> rows = {{"cc", 1}, {"aa", 2}, {"bb", 3}, {"a", 4}};
  const KeyedRows<Item> index(rows, key_of, OnDuplicateKey::LastWins);
  for (const auto& r : rows) {
    const Item* found = index.find(r.key);
    ASSERT_NE(found, nullptr) << r.key;
    EXPECT_EQ(found, &r) << r.key;  // the row itself, not a copy
  }
}

TEST(KeyedRows, MissingKeysAreNull) {
  const std::vector<Item> rows = {{"b", 1}, {"d", 2}};
  const KeyedRows<Item> index(rows, key_of, OnDuplicateKey::FirstWins);
  EXPECT_EQ(index.find("a"), nullptr);  // before the first
  EXPECT_EQ(index.find("c"), nullptr);  // between
  EXPECT_EQ(index.find("e"), nullptr);  // after the last
  EXPECT_EQ(index.find(""), nullptr);
  const std::vector<Item> none;
  EXPECT_EQ(KeyedRows<Item>(none, key_of, OnDuplicateKey::LastWins).find("a"), nullptr);
}

TEST(KeyedRows, DuplicatesResolveLikeMapAssignmentOrEmplace) {
  const std::vector<Item> rows = {{"x", 1}, {"y", 2}, {"x", 3}, {"x", 4}, {"y", 5}};
  const KeyedRows<Item> last(rows, key_of, OnDuplicateKey::LastWins);
  const KeyedRows<Item> first(rows, key_of, OnDuplicateKey::FirstWins);
  EXPECT_EQ(last.find("x")->value, 4);  // map[key] = &row keeps the last
  EXPECT_EQ(last.find("y")->value, 5);
  EXPECT_EQ(first.find("x")->value, 1);  // map.emplace keeps the first
  EXPECT_EQ(first.find("y")->value, 2);
}

// Rows already in key order skip the sort (the processors' usual case); equal
// keys must then still resolve by row order, as the stable sort keeps it.
TEST(KeyedRows, SortedRowsWithDuplicatesResolveLikeUnsortedOnes) {
  const std::vector<Item> rows = {{"a", 1}, {"x", 2}, {"x", 3}, {"x", 4}, {"y", 5}, {"y", 6}};
  const KeyedRows<Item> last(rows, key_of, OnDuplicateKey::LastWins);
  const KeyedRows<Item> first(rows, key_of, OnDuplicateKey::FirstWins);
  EXPECT_EQ(last.find("x")->value, 4);
  EXPECT_EQ(first.find("x")->value, 2);
  EXPECT_EQ(last.find("y")->value, 6);
  EXPECT_EQ(first.find("y")->value, 5);
  EXPECT_EQ(first.find("a"), &rows[0]);
  EXPECT_EQ(last.find("b"), nullptr);
}

// The integer prefix may decide only where it agrees with the string order:
// random keys from a small alphabet (so many share 8 bytes or are prefixes of
// each other), with NUL and bytes above 0x7f, against std::string_view's <.
TEST(KeyPrefix, OrdersKeysExactlyAsStringsDo) {
  std::mt19937 rng(7);
  const std::string alphabet{'a', 'b', '\0', '\x7f', '\x80', '\xff'};
  auto random_key = [&] {
    std::string k(rng() % 12, 'a');
    for (char& c : k) c = alphabet[rng() % alphabet.size()];
    return k;
  };
  std::vector<std::string> keys;
  for (int i = 0; i < 400; ++i) keys.push_back(random_key());
  keys.push_back("abcdefgh"), keys.push_back("abcdefghi"), keys.push_back("abcdefgh\0"), keys.push_back("");
  for (const auto& a : keys)
    for (const auto& b : keys)
      ASSERT_EQ(key_less(key_prefix(a), a, key_prefix(b), b), std::string_view(a) < std::string_view(b))
          << "'" << a << "' vs '" << b << "'";
}

// Keys that share their first 8 bytes (long player lookups of one family name)
// are told apart by the full compare.
TEST(KeyedRows, KeysSharingTheirFirstEightBytesAreDistinct) {
  const std::vector<Item> rows = {{"antetokounmpo_g", 1}, {"antetokounmpo_t", 2}, {"antetokounmpo", 3},
                                  {"antetoko", 4}, {"antetokounmpo_t", 5}};
  const KeyedRows<Item> last(rows, key_of, OnDuplicateKey::LastWins);
  const KeyedRows<Item> first(rows, key_of, OnDuplicateKey::FirstWins);
  auto value = [](const Item* found) { return found ? found->value : -1; };
  EXPECT_EQ(value(last.find("antetokounmpo_g")), 1);
  EXPECT_EQ(value(last.find("antetokounmpo_t")), 5);
  EXPECT_EQ(value(first.find("antetokounmpo_t")), 2);
  EXPECT_EQ(value(last.find("antetokounmpo")), 3);
  EXPECT_EQ(value(last.find("antetoko")), 4);
  EXPECT_EQ(last.find("antetokounmpo_k"), nullptr);
  EXPECT_EQ(last.find("antetok"), nullptr);
}

}  // namespace
}  // namespace nba
