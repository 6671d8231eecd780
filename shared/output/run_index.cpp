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
#include "store/hdf5_file.hpp"

namespace nba {

namespace {

constexpr const char* kSourceShards = "source_shards";
constexpr const char* kSourceCrc32 = "source_crc32";

void check(herr_t s, const std::string& what) {
  if (s < 0) throw std::runtime_error("HDF5: " + what);
}
hid_t check_id(hid_t id, const std::string& what) {
  if (id < 0) throw std::runtime_error("HDF5: " + what);
  return id;
}

// Column layout (name + file type) of one table, taken from a shard.
struct ColumnLayout {
  std::string name;
  h5::Handle type;
  hsize_t cols = 0;  // 0 for 1-D datasets, else the second dimension
};

std::vector<ColumnLayout> table_layout(const std::string& shard_path, const std::string& table) {
  h5::Handle file = h5::open_file_readonly(shard_path);
  h5::Handle g = h5::open_group(file.id(), table);
  std::vector<ColumnLayout> cols;
  for (const auto& name : h5::list_children(g.id())) {
    h5::Handle ds(check_id(H5Dopen2(g.id(), name.c_str(), H5P_DEFAULT), "open " + name), H5Dclose);
    h5::Handle space(check_id(H5Dget_space(ds.id()), "space"), H5Sclose);
    hsize_t dims[2] = {0, 0};
    const int rank = H5Sget_simple_extent_dims(space.id(), dims, nullptr);
    cols.push_back({name, h5::Handle(check_id(H5Dget_type(ds.id()), "type"), H5Tclose), rank == 2 ? dims[1] : 0});
  }
  return cols;
}

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
    h5::Handle file = h5::open_file_readonly((std::filesystem::path(out_dir) / shard).string());
    for (const auto& table : shard_tables) {
      h5::Handle g = h5::open_group(file.id(), table);
      if (!h5::has_attr(g.id(), kStringWidthsAttr)) continue;
      for (const auto& entry : h5::get_attr_strings(g.id(), kStringWidthsAttr)) {
        const auto colon = entry.rfind(':');
        auto& slot = widest[table][entry.substr(0, colon)];
        slot = std::max(slot, static_cast<std::size_t>(std::stoul(entry.substr(colon + 1))));
      }
    }
  }
  return widest;
}

// Fill values that cannot be mistaken for data: NaN for floats, INT64_MIN for ints.
void set_fill(hid_t dcpl, hid_t type) {
  if (H5Tget_class(type) == H5T_FLOAT) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    check(H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &nan), "fill value");
  } else if (H5Tget_class(type) == H5T_INTEGER) {
    const std::int64_t v = std::numeric_limits<std::int64_t>::min();
    check(H5Pset_fill_value(dcpl, H5T_NATIVE_INT64, &v), "fill value");
  }
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
      {  // table-level attributes (e.g. feature names) travel with the table
        h5::Handle shard = h5::open_file_readonly(layout);
        h5::Handle sg = h5::open_group(shard.id(), table);
        for (const auto& a : h5::list_attrs(sg.id()))
          if (a != "rows" && a != kStringWidthsAttr) h5::set_attr(g.id(), a, h5::get_attr_strings(sg.id(), a));
      }
      const auto& widths = string_widths[table];
      for (auto& col : table_layout(layout, table)) {
        if (const auto w = widths.find(col.name); w != widths.end() && H5Tget_class(col.type.id()) == H5T_STRING) {
          col.type = h5::Handle(check_id(H5Tcopy(col.type.id()), "copy type"), H5Tclose);
          check(H5Tset_size(col.type.id(), w->second), "string width");
        }
        const int rank = col.cols ? 2 : 1;
        hsize_t dims[2] = {static_cast<hsize_t>(total), col.cols};
        h5::Handle vspace(check_id(H5Screate_simple(rank, dims, nullptr), "vspace"), H5Sclose);
        h5::Handle dcpl(check_id(H5Pcreate(H5P_DATASET_CREATE), "dcpl"), H5Pclose);
        check(H5Pset_obj_track_times(dcpl.id(), false), "track times");
        set_fill(dcpl.id(), col.type.id());
        hsize_t out_offset = 0;
        for (const auto& s : segments) {
          if (s.count == 0) continue;
          const auto n = static_cast<hsize_t>(s.count);
          hsize_t vstart[2] = {out_offset, 0}, count[2] = {n, col.cols};
          check(H5Sselect_hyperslab(vspace.id(), H5S_SELECT_SET, vstart, nullptr, count, nullptr), "select");
          // The source is the shard's whole dataset with the segment selected.
          hsize_t sdims[2] = {static_cast<hsize_t>(s.source_rows), col.cols};
          h5::Handle src(check_id(H5Screate_simple(rank, sdims, nullptr), "src space"), H5Sclose);
          // A segment that is the whole source (every table of a fresh run's
          // shards) maps it with an "all" selection: HDF5 copies each mapping
          // into every dataset it creates, and a hyperslab copy costs more.
          if (s.offset != 0 || s.count != s.source_rows) {
            hsize_t sstart[2] = {static_cast<hsize_t>(s.offset), 0};
            check(H5Sselect_hyperslab(src.id(), H5S_SELECT_SET, sstart, nullptr, count, nullptr), "select source");
          }
          const std::string dset = "/" + table + "/" + col.name;
          check(H5Pset_virtual(dcpl.id(), vspace.id(), s.relative_path.c_str(), dset.c_str(), src.id()),
                "map " + s.relative_path + dset);
          out_offset += n;
        }
        check(H5Sselect_all(vspace.id()), "select all");
        h5::Handle ds(check_id(H5Dcreate2(g.id(), col.name.c_str(), col.type.id(), vspace.id(), H5P_DEFAULT, dcpl.id(),
                                          H5P_DEFAULT),
                               "create virtual dataset " + table + "/" + col.name),
                      H5Dclose);
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

std::vector<std::string> row_processed_at(const std::string& index_path, const std::string& table) {
  h5::Handle file = h5::open_file_readonly(index_path);
  const auto paths = h5::get_attr_strings(file.id(), kSourceShards);
  const std::filesystem::path dir = std::filesystem::absolute(index_path).parent_path();
  h5::Handle sg = h5::open_group(file.id(), kSegmentsGroup);
  h5::Handle tg = h5::open_group(sg.id(), table);
  const auto source = h5::read_i64(tg.id(), "source");
  const auto rows = h5::read_i64(tg.id(), "rows");
  std::map<std::int64_t, std::string> stamp;  // source -> processed_at, each shard read once
  std::vector<std::string> out;
  for (std::size_t i = 0; i < source.size() && i < rows.size(); ++i) {
    auto it = stamp.find(source[i]);
    if (source[i] < 0 || static_cast<std::size_t>(source[i]) >= paths.size()) {
      out.insert(out.end(), static_cast<std::size_t>(rows[i]), std::string());  // unknown shard: no timestamp
      continue;
    }
    if (it == stamp.end())
      it = stamp.emplace(source[i], read_shard_summary((dir / paths[static_cast<std::size_t>(source[i])]).string(),
                                                       ShardCheck::Attributes)
                                        .meta.processed_at)
               .first;
    out.insert(out.end(), static_cast<std::size_t>(rows[i]), it->second);
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
      h5::Handle dapl(check_id(H5Pcreate(H5P_DATASET_ACCESS), "dapl"), H5Pclose);
      check(H5Pset_virtual_prefix(dapl.id(), dir.c_str()), "virtual prefix");
      h5::Handle ds(check_id(H5Dopen2(g.id(), col.c_str(), dapl.id()), "open " + table + "/" + col), H5Dclose);
      h5::Handle ftype(check_id(H5Dget_type(ds.id()), "type"), H5Tclose);
      h5::Handle space(check_id(H5Dget_space(ds.id()), "space"), H5Sclose);
      const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.id()));
      std::vector<std::uint8_t> bytes(n * H5Tget_size(ftype.id()));
      if (n) check(H5Dread(ds.id(), ftype.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()), "read " + col);
      Fingerprint fp;
      fp.add_bytes(bytes.data(), bytes.size());
      out.push_back({table + "/" + col, n, fp.hex()});
    }
  }
  return out;
}

}  // namespace nba
