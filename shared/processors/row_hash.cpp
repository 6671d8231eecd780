#include "processors/row_hash.hpp"

#include <cmath>
#include <stdexcept>

#include "core/python_text.hpp"
#include "core/sha256.hpp"

namespace nba {

namespace {
void check_order(std::string_view& last, std::string_view next) {
  if (!last.empty() && !(last < next))
    throw std::logic_error("data_hash field '" + std::string(next) + "' added after '" + std::string(last) +
                           "': the recipe needs ascending names");
  last = next;
}
}  // namespace

void FieldHash16::key(std::string_view field) {
  check_order(last_, field);
  if (text_.empty()) text_.reserve(1024);  // one allocation for a whole record
  else text_ += '|';
  text_ += field;
  text_ += ':';
}

void FieldHash16::null(std::string_view field) { key(field), text_ += "NULL"; }

void FieldHash16::str(std::string_view field, std::string_view value) {
  key(field);
  if (value.empty()) text_ += "NULL";
  else text_ += py_strip(value);
}

void FieldHash16::num(std::string_view field, double value, NanIs nan) {
  key(field);
  if (std::isnan(value) && nan == NanIs::Null) text_ += "NULL";
  else append_py_float(text_, value);
}

void FieldHash16::integer(std::string_view field, std::int64_t value) { key(field), text_ += std::to_string(value); }

void FieldHash16::integer_or_null(std::string_view field, double value) {
  if (std::isnan(value)) null(field);
  else integer(field, static_cast<std::int64_t>(value));
}

void FieldHash16::boolean(std::string_view field, bool value) { key(field), text_ += value ? "True" : "False"; }

void FieldHash16::text(std::string_view field, std::string_view python_str) { key(field), text_ += python_str; }

std::string FieldHash16::finish() const { return sha256_hex(text_, 16); }

void PyJsonObject::key(std::string_view k) {
  if (order_ == Order::Sorted) check_order(last_, k);
  if (text_.size() == 1) text_.reserve(1024);
  if (text_.size() > 1) text_ += ", ";
  append_py_json_string(text_, k);
  text_ += ": ";
}

void PyJsonObject::null(std::string_view k) { key(k), text_ += "null"; }

void PyJsonObject::str(std::string_view k, std::string_view value) { key(k), append_py_json_string(text_, value); }

void PyJsonObject::str_or_null(std::string_view k, std::string_view value) {
  if (value.empty()) null(k);
  else str(k, value);
}

void PyJsonObject::num(std::string_view k, double value, NanIs nan) {
  key(k);
  if (std::isnan(value) && nan == NanIs::Null) text_ += "null";
  else append_py_json_float(text_, value);
}

void PyJsonObject::integer(std::string_view k, std::int64_t value) { key(k), text_ += std::to_string(value); }

void PyJsonObject::integer_or_null(std::string_view k, double value) {
  if (std::isnan(value)) null(k);
  else integer(k, static_cast<std::int64_t>(value));
}

void PyJsonObject::boolean(std::string_view k, bool value) { key(k), text_ += value ? "true" : "false"; }

void PyJsonObject::str_list(std::string_view k, const std::vector<std::string_view>& values) {
  key(k);
  text_ += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) text_ += ", ";
    append_py_json_string(text_, values[i]);
  }
  text_ += ']';
}

std::string json_hash64(const PyJsonObject& sorted_object) { return sha256_hex({sorted_object.body(), "}"}, 64); }

}  // namespace nba
