#include "output/shard_file.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "store/atomic_file.hpp"
#include "store/hdf5_compressed.hpp"
#include "store/hdf5_file.hpp"

namespace nba {

namespace {

// A string column is written as wide as its longest value in the shard (at
// least 1 byte): the widths in the processors' code are limits, not sizes
// (48-byte player ids held 20-byte values; PCF's warnings are empty on 99 % of
// rows). The index maps shards of different widths under the widest one.
std::size_t narrowest_width(const OutColumn& c) {
  std::size_t w = 1;
  for (std::size_t i = 0, n = c.size(); i < n && w < c.width; ++i) w = std::max(w, c.str_at(i).size());
  return w;
}

std::vector<char> repacked(const OutColumn& c, std::size_t width) {
  const std::size_t n = c.size();
  std::vector<char> out(n * width);
  for (std::size_t i = 0; i < n; ++i) std::memcpy(out.data() + i * width, c.fixed.data() + i * c.width, width);
  return out;
}

}  // namespace

void write_shard(const std::string& final_path, const std::vector<OutputTable>& tables, const ShardMeta& meta) {
  commit_temp_file(write_shard_uncommitted(final_path, tables, meta), final_path);
}

std::string write_shard_uncommitted(const std::string& final_path, const std::vector<OutputTable>& tables,
                                    const ShardMeta& meta) {
  for (const auto& t : tables)
    for (const auto& c : t.columns())
      if (c.size() != t.rows())
        throw std::logic_error("shard " + final_path + ": column " + t.name() + "/" + c.name + " has " +
                               std::to_string(c.size()) + " values for " + std::to_string(t.rows()) + " rows");
  h5::silence_hdf5_errors();
  const std::string tmp = temp_path_for(final_path);
  try {
    h5::Handle file = h5::create_file(tmp);
    const hid_t root = file.id();
    h5::set_attr(root, "format_version", kShardFormat);
    h5::set_attr(root, "unit_id", static_cast<std::int64_t>(meta.unit_id));
    h5::set_attr(root, "first_date", meta.first_date);
    h5::set_attr(root, "last_date", meta.last_date);
    h5::set_attr(root, "date_count", static_cast<std::int64_t>(meta.date_count));
    h5::set_attr(root, "code_version", meta.code_version);
    h5::set_attr(root, "input_fingerprint", meta.input_fingerprint);
    h5::set_attr(root, "options_fingerprint", meta.options_fingerprint);
    h5::set_attr(root, "processed_at", meta.processed_at);
    for (const auto& t : tables) {
      h5::Handle g = h5::create_group(root, t.name());
      h5::set_attr(g.id(), "rows", static_cast<std::int64_t>(t.rows()));
      for (const auto& [name, values] : t.attributes()) h5::set_attr(g.id(), name, values);
      if (!t.bool_columns().empty()) h5::set_attr(g.id(), "bool_columns", t.bool_columns());
      std::vector<std::string> names, widths;
      for (const auto& c : t.columns()) names.push_back(c.name);
      h5::set_attr(g.id(), "columns", names);
      for (const auto& c : t.columns()) {
        // Chunked, shuffled and deflated (store/hdf5_compressed.hpp): a quarter
        // of the bytes or less, read by any HDF5 (decision 56).
        const std::size_t n = c.size();
        switch (c.kind) {
          case OutKind::F64: h5::write_compressed(g.id(), c.name, H5T_IEEE_F64LE, c.f64.data(), n, 0, 8); break;
          case OutKind::I64: h5::write_compressed(g.id(), c.name, H5T_STD_I64LE, c.i64.data(), n, 0, 8); break;
          case OutKind::Str: {
            const std::size_t w = narrowest_width(c);
            const h5::Handle type = h5::fixed_string_type(w);
            if (w == c.width) h5::write_compressed(g.id(), c.name, type.id(), c.fixed.data(), n, 0, w);
            else h5::write_compressed(g.id(), c.name, type.id(), repacked(c, w).data(), n, 0, w);
            widths.push_back(c.name + ":" + std::to_string(w));
            break;
          }
          case OutKind::F64Matrix:
            h5::write_compressed(g.id(), c.name, H5T_IEEE_F64LE, c.f64.data(), n, c.width, 8);
            break;
          case OutKind::I8Matrix:
            h5::write_compressed(g.id(), c.name, H5T_STD_I8LE, c.i8.data(), n, c.width, 1);
            break;
        }
      }
      h5::set_attr(g.id(), kStringWidthsAttr, widths);
    }
    file.close_checked(tmp);
    start_writeback(tmp);
    return tmp;
  } catch (...) {
    discard_temp_file(tmp);
    throw;
  }
}

}  // namespace nba
