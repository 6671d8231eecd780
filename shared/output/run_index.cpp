#include "output/run_index.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/fingerprint.hpp"
#include "store/file_checksum.hpp"
#include "store/atomic_file.hpp"
#include "output/shard_reader.hpp"
#include "store/hdf5_dataset.hpp"
#include "store/hdf5_file.hpp"
#include "store/hdf5_virtual.hpp"

namespace nba {

namespace {

constexpr const char* kSourceShards = "source_shards";
constexpr const char* kSourceCrc32 = "source_crc32";

// Each table's string columns' widths in the index: the widest among its
// shards (shards write strings as wide as their own longest value). Every
// shard is opened once, for all its tables.
std::map<std::string, std::map<std::string, std::size_t>> widest_strings(const std::string& out_dir,
                                                                         const IndexTables& tables) {
  std::map<std::string, std::set<std::string>> tables_of_shard;
  for (const auto& [table, segments] : tables)
    for (const auto& s : segments)
      if (s.count > 0) tables_of_shard[s.relative_path].insert(table);
  std::map<std::string, std::map<std::string, std::size_t>> widest;
  for (const auto& [shard, shard_tables] : tables_of_shard) {
    const ShardReader reader((std::filesystem::path(out_dir) / shard).string());
    for (const auto& table : shard_tables)
      for (const auto& [column, width] : reader.string_widths(table)) {
        auto& slot = widest[table][column];
        slot = std::max(slot, width);
      }
  }
  return widest;
}

}  // namespace

void write_run_index(const std::string& out_dir, const IndexTables& tables,
                     const std::vector<std::pair<std::string, std::string>>& root_attrs,
                     const std::vector<IndexSource>& sources) {
  h5::silence_hdf5_errors();
  const std::string final_path = (std::filesystem::path(out_dir) / "index.h5").string();
  const std::string tmp = temp_path_for(final_path);
  try {
    h5::Handle file = h5::create_file(tmp);
    for (const auto& [k, v] : root_attrs) h5::set_attr(file.id(), k, v);
    std::vector<std::string> paths, crcs;
    for (const auto& s : sources) paths.push_back(s.relative_path), crcs.push_back(s.crc32);
    h5::set_attr(file.id(), kSourceShards, paths);
    h5::set_attr(file.id(), kSourceCrc32, crcs);
    {
      h5::Handle sg = h5::create_group(file.id(), kSegmentsGroup);
      for (const auto& [table, segments] : tables) {
        if (segments.empty()) continue;  // as the tables themselves
        std::vector<std::int64_t> source, rows;
        for (const auto& s : segments) {
          if (s.count == 0) continue;
          const auto at = std::find(paths.begin(), paths.end(), s.relative_path);
          source.push_back(at == paths.end() ? -1 : at - paths.begin());  // -1: a shard not listed as a source
          rows.push_back(s.count);
        }
        h5::Handle tg = h5::create_group(sg.id(), table);
        h5::write_i64(tg.id(), "source", source);
        h5::write_i64(tg.id(), "rows", rows);
      }
    }
    auto string_widths = widest_strings(out_dir, tables);
    for (const auto& [table, segments] : tables) {
      if (segments.empty()) continue;
      const std::string layout = (std::filesystem::path(out_dir) / segments.front().relative_path).string();
      std::int64_t total = 0;
      for (const auto& s : segments) total += s.count;
      h5::Handle g = h5::create_group(file.id(), table);
      h5::set_attr(g.id(), "rows", total);
      const ShardReader layout_shard(layout);
      // Table-level attributes (e.g. feature names) travel with the table.
      for (const auto& [name, values] : layout_shard.table_attributes(table)) h5::set_attr(g.id(), name, values);
      const auto& widths = string_widths[table];
      for (auto& col : layout_shard.columns(table)) {
        if (const auto w = widths.find(col.name); w != widths.end() && col.value_class == h5::ValueClass::String)
          h5::set_string_width(col.type.id(), w->second);
        std::vector<h5::VirtualPiece> pieces;
        for (const auto& s : segments)
          pieces.push_back({s.relative_path, "/" + table + "/" + col.name, static_cast<std::size_t>(s.offset),
                            static_cast<std::size_t>(s.count), static_cast<std::size_t>(s.source_rows)});
        h5::create_virtual_dataset(g.id(), col.name, col.type.id(), col.cols, pieces);
      }
    }
    file.close_checked(tmp);
    commit_temp_file(tmp, final_path);
  } catch (const std::runtime_error& e) {
    discard_temp_file(tmp);
    // Name the file: an HDF5 error names only the dataset it was writing.
    const std::string what = e.what();
    if (what.find(final_path) != std::string::npos || what.find(tmp) != std::string::npos) throw;
    throw std::runtime_error("writing " + final_path + ": " + what);
  } catch (...) {
    discard_temp_file(tmp);
    throw;
  }
}

std::vector<DamagedSource> damaged_index_sources(const std::string& index_path) {
  h5::silence_hdf5_errors();
  std::vector<std::string> paths, crcs;
  {
    h5::Handle file;
    try {
      file = h5::open_file_readonly(index_path);
    } catch (const std::exception&) {
      throw InputError(index_path, 0, "", "cannot open the index (is this a run's index.h5?)");
    }
    if (!h5::has_attr(file.id(), kSourceShards) || !h5::has_attr(file.id(), kSourceCrc32))
      throw InputError(index_path, 0, "",
                       "the index predates shard checksums and cannot be checked: rebuild it with `nba-precompute run` "
                       "on the same --out (dates already done are not recomputed)");
    paths = h5::get_attr_strings(file.id(), kSourceShards);
    crcs = h5::get_attr_strings(file.id(), kSourceCrc32);
  }
  const std::filesystem::path dir = std::filesystem::absolute(index_path).parent_path();
  std::vector<DamagedSource> damaged;
  for (std::size_t i = 0; i < paths.size() && i < crcs.size(); ++i) {
    std::string now;
    try {
      now = file_crc32_hex((dir / paths[i]).string());
    } catch (const std::exception& e) {
      damaged.push_back({paths[i], std::string("cannot be read: ") + e.what()});
      continue;
    }
    if (now != crcs[i]) damaged.push_back({paths[i], "its bytes changed since the index was built (CRC-32 " + now +
                                                         ", was " + crcs[i] + ")"});
  }
  return damaged;
}

RowStamps row_processed_at(const std::string& index_path, const std::string& table) {
  h5::Handle file = h5::open_file_readonly(index_path);
  const auto paths = h5::get_attr_strings(file.id(), kSourceShards);
  const std::filesystem::path dir = std::filesystem::absolute(index_path).parent_path();
  h5::Handle sg = h5::open_group(file.id(), kSegmentsGroup);
  h5::Handle tg = h5::open_group(sg.id(), table);
  const auto source = h5::read_i64(tg.id(), "source");
  const auto rows = h5::read_i64(tg.id(), "rows");
  RowStamps out;
  out.stamps.emplace_back();  // 0: an unknown shard, no timestamp
  std::map<std::int64_t, std::uint32_t> stamp_of;  // source -> position in stamps; each shard read once
  for (std::size_t i = 0; i < source.size() && i < rows.size(); ++i) {
    std::uint32_t at = 0;
    if (source[i] >= 0 && static_cast<std::size_t>(source[i]) < paths.size()) {
      auto it = stamp_of.find(source[i]);
      if (it == stamp_of.end()) {
        const std::string shard = (dir / paths[static_cast<std::size_t>(source[i])]).string();
        out.stamps.push_back(read_shard_summary(shard, ShardCheck::Attributes).meta.processed_at);
        it = stamp_of.emplace(source[i], static_cast<std::uint32_t>(out.stamps.size() - 1)).first;
      }
      at = it->second;
    }
    out.of_row.insert(out.of_row.end(), static_cast<std::size_t>(rows[i]), at);
  }
  return out;
}

std::vector<DatasetDigest> digest_index(const std::string& index_path) {
  h5::silence_hdf5_errors();
  // Relative VDS sources resolve against the index file's own directory.
  const std::string dir = std::filesystem::absolute(index_path).parent_path().string() + "/";
  h5::Handle file = h5::open_file_readonly(index_path);
  std::vector<DatasetDigest> out;
  for (const auto& table : h5::list_children(file.id())) {
    if (table == kSegmentsGroup) continue;
    h5::Handle g = h5::open_group(file.id(), table);
    for (const auto& col : h5::list_children(g.id())) {
      const h5::DatasetReader ds(g.id(), col, dir);
      const std::vector<std::uint8_t> bytes = ds.raw_bytes();
      Fingerprint fp;
      fp.add_bytes(bytes.data(), bytes.size());
      out.push_back({table + "/" + col, ds.values(), fp.hex()});
    }
  }
  return out;
}

}  // namespace nba
