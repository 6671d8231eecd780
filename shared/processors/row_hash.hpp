#pragma once
// The original's two data_hash recipes and its json.dumps text (columns-parity.md
// 1.2-1.3), built from a row's Python-side values:
//  - FieldHash16 (TDZA, PSZA, PCF): "<field>:<value>" for each field, sorted,
//    joined with '|', SHA-256, first 16 hex characters.
//  - PyJsonObject: json.dumps(dict) with the default separators; PDC's hash is
//    SHA-256 (all 64 hex) of it with sorted keys, PCF's context columns are it
//    in insertion order.
// Fields must be added in the order the recipe needs (sorted for the hashes):
// the builders check it, so a misspelt or misplaced field fails loudly
// instead of giving a different hash.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nba {

// How a NaN double enters a recipe: Python None (a value the original leaves
// None) or float('nan') (a pandas mean over all-NULL values).
enum class NanIs { Null, Nan };

class FieldHash16 {
 public:
  void null(std::string_view field);
  // An empty string is NULL (the port's NULL for strings); others are stripped.
  void str(std::string_view field, std::string_view value);
  void num(std::string_view field, double value, NanIs nan = NanIs::Null);
  void integer(std::string_view field, std::int64_t value);
  // An INT64 column the port keeps as a double (NaN = NULL): NULL or its digits.
  void integer_or_null(std::string_view field, double value);
  void boolean(std::string_view field, bool value);
  // A value the caller already wrote as Python's str() gives it (a list).
  void text(std::string_view field, std::string_view python_str);
  const std::string& canonical() const { return text_; }
  std::string finish() const;  // 16 hex characters

 private:
  void key(std::string_view field);
  std::string text_;
  std::string_view last_;
};

class PyJsonObject {
 public:
  enum class Order { Insertion, Sorted };
  explicit PyJsonObject(Order order = Order::Insertion) : order_(order) { text_ = "{"; }
  void null(std::string_view key);
  void str(std::string_view key, std::string_view value);  // a JSON string, even when empty
  void str_or_null(std::string_view key, std::string_view value);  // "" = null
  void num(std::string_view key, double value, NanIs nan = NanIs::Null);
  void integer(std::string_view key, std::int64_t value);
  void integer_or_null(std::string_view key, double value);  // as FieldHash16's
  void boolean(std::string_view key, bool value);
  void str_list(std::string_view key, const std::vector<std::string_view>& values);
  std::string text() const { return text_ + "}"; }
  std::string_view body() const { return text_; }  // the text without its closing brace

 private:
  void key(std::string_view k);
  Order order_;
  std::string text_;
  std::string_view last_;
};

// SHA-256 of the object's text, all 64 hex characters (PDC's recipe).
std::string json_hash64(const PyJsonObject& sorted_object);

}  // namespace nba
