#pragma once
// Fixed-length strings as HDF5 stores them and the shard columns are built:
// `width` bytes a value, NUL-padded. One reader of that layout for the shard
// writer, the HDF5 readers and the exporter.
#include <cstddef>
#include <cstring>
#include <string_view>

namespace nba {

// Value i of `packed`, without its padding.
inline std::string_view fixed_width_value(const char* packed, std::size_t width, std::size_t i) {
  const char* v = packed + i * width;
  return {v, strnlen(v, width)};
}

}  // namespace nba
