#pragma once
// Reading a dataset whose type and shape the reader learns from the file:
// 1-D or 2-D, integer, float or fixed-length string, stored or virtual (a
// virtual dataset reads its sources through `vds_prefix`, the folder its
// relative source paths start from).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "store/hdf5_file.hpp"

namespace nba::h5 {

enum class ValueClass { Integer, Float, String, Other };

class DatasetReader {
 public:
  DatasetReader(hid_t parent, const std::string& name, const std::string& vds_prefix = "");
  ValueClass value_class() const { return class_; }
  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }  // 0 for a 1-D dataset
  std::size_t values() const { return rows_ * (cols_ ? cols_ : 1); }
  std::size_t element_size() const;  // bytes per value as stored (a string column's width)
  // A copy of its type in the file (to declare a dataset of the same type).
  Handle file_type() const;

  // Every value, row-major, converted to the native type.
  std::vector<double> f64() const;
  std::vector<std::int64_t> i64() const;
  std::vector<std::int8_t> i8() const;
  std::vector<std::uint8_t> u8() const;
  FixedStrings strings() const;  // a string dataset, width = element_size()
  std::vector<std::uint8_t> raw_bytes() const;  // as stored, in the file's type
  // Rows [begin, begin + count) of a 1-D dataset (a season slice of a column).
  std::vector<std::int64_t> i64_rows(std::size_t begin, std::size_t count) const;
  std::vector<std::uint8_t> u8_rows(std::size_t begin, std::size_t count) const;

 private:
  // Every value read as `mem_type`, `per_value` elements of T each.
  template <typename T>
  std::vector<T> read_as(hid_t mem_type, std::size_t per_value = 1) const;
  template <typename T>
  std::vector<T> read_rows_as(hid_t mem_type, std::size_t begin, std::size_t count) const;
  std::string name_;
  Handle dataset_, type_;
  ValueClass class_ = ValueClass::Other;
  std::size_t rows_ = 0, cols_ = 0;
};

}  // namespace nba::h5
