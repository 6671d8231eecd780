#include "output/table_export.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <variant>
#include <vector>

#include "core/errors.hpp"
#include "core/fixed_width.hpp"
#include "store/hdf5_file.hpp"

namespace nba {

namespace {

hid_t check(hid_t id, const std::string& what) {
  if (id < 0) throw std::runtime_error("HDF5: " + what);
  return id;
}

struct ExportColumn {
  std::string name;
  enum Kind { Str, F64, I64, Bool, F64Matrix, I8Matrix } kind;
  std::size_t width = 0;
  std::vector<std::string> s;
  std::vector<double> f;
  std::vector<std::int64_t> i;
  std::vector<std::int8_t> i8;
};

// Reads a whole dataset of the index through its virtual mapping.
ExportColumn read_column(hid_t group, const std::string& name, const std::set<std::string>& bools,
                         const std::string& vds_prefix) {
  h5::Handle dapl(check(H5Pcreate(H5P_DATASET_ACCESS), "dapl"), H5Pclose);
  H5Pset_virtual_prefix(dapl.id(), vds_prefix.c_str());
  h5::Handle ds(check(H5Dopen2(group, name.c_str(), dapl.id()), "open " + name), H5Dclose);
  h5::Handle type(check(H5Dget_type(ds.id()), "type"), H5Tclose);
  h5::Handle space(check(H5Dget_space(ds.id()), "space"), H5Sclose);
  hsize_t dims[2] = {0, 0};
  const int rank = H5Sget_simple_extent_dims(space.id(), dims, nullptr);
  ExportColumn c;
  c.name = name;
  const H5T_class_t cls = H5Tget_class(type.id());
  auto read = [&](hid_t mem, void* buf) {
    if (dims[0] > 0 && H5Dread(ds.id(), mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0)
      throw std::runtime_error("HDF5: read " + name);
  };
  if (cls == H5T_STRING) {
    c.kind = ExportColumn::Str;
    const std::size_t width = H5Tget_size(type.id());
    std::vector<char> buf(dims[0] * width);
    read(type.id(), buf.data());
    for (hsize_t r = 0; r < dims[0]; ++r) c.s.emplace_back(fixed_width_value(buf.data(), width, r));
  } else if (rank == 2 && cls == H5T_FLOAT) {
    c.kind = ExportColumn::F64Matrix, c.width = dims[1];  // row-major in f
    c.f.resize(dims[0] * dims[1]);
    read(H5T_NATIVE_DOUBLE, c.f.data());
  } else if (rank == 2) {
    c.kind = ExportColumn::I8Matrix, c.width = dims[1];
    c.i8.resize(dims[0] * dims[1]);
    read(H5T_NATIVE_INT8, c.i8.data());
  } else if (cls == H5T_FLOAT) {
    c.kind = ExportColumn::F64;
    c.f.resize(dims[0]);
    read(H5T_NATIVE_DOUBLE, c.f.data());
  } else {
    c.kind = bools.count(name) ? ExportColumn::Bool : ExportColumn::I64;
    c.i.resize(dims[0]);
    read(H5T_NATIVE_INT64, c.i.data());
  }
  return c;
}

template <typename T>
std::string shortest(T v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

std::string csv_quote(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

}  // namespace

std::size_t export_table(const std::string& index_path, const std::string& table, std::optional<std::string> start,
                         std::optional<std::string> end, ExportFormat format, std::ostream& os) {
  h5::silence_hdf5_errors();
  if (!std::filesystem::exists(index_path)) throw UsageError("no index at " + index_path + " (run first)");
  const std::string prefix = std::filesystem::absolute(index_path).parent_path().string() + "/";
  h5::Handle file = h5::open_file_readonly(index_path);
  if (!h5::exists(file.id(), table)) throw UsageError("the index has no table '" + table + "'");
  h5::Handle g = h5::open_group(file.id(), table);
  std::set<std::string> bools;
  if (h5::has_attr(g.id(), "bool_columns"))
    for (auto& b : h5::get_attr_strings(g.id(), "bool_columns")) bools.insert(b);
  std::vector<std::string> feature_sources;
  if (h5::has_attr(g.id(), "feature_source_codes")) feature_sources = h5::get_attr_strings(g.id(), "feature_source_codes");

  // The processor's own column order (kept in the `columns` attribute); HDF5 lists by name.
  const std::vector<std::string> order =
      h5::has_attr(g.id(), "columns") ? h5::get_attr_strings(g.id(), "columns") : h5::list_children(g.id());
  std::vector<ExportColumn> cols;
  for (const auto& name : order) cols.push_back(read_column(g.id(), name, bools, prefix));
  const ExportColumn* date = nullptr;
  for (const char* candidate : {"game_date", "cache_date", "analysis_date"})
    for (const auto& c : cols)
      if (!date && c.name == candidate) date = &c;
  if (format == ExportFormat::Csv)
    for (const auto& c : cols)
      if (c.kind == ExportColumn::F64Matrix || c.kind == ExportColumn::I8Matrix)
        throw UsageError("table " + table + " has array columns (" + c.name +
                         "); BigQuery CSV cannot hold arrays: use --format ndjson");

  const std::size_t rows = cols.empty() ? 0 : (cols[0].kind == ExportColumn::Str ? cols[0].s.size()
                                               : cols[0].kind == ExportColumn::F64 ? cols[0].f.size()
                                               : cols[0].kind == ExportColumn::F64Matrix ? cols[0].f.size() / cols[0].width
                                               : cols[0].kind == ExportColumn::I8Matrix ? cols[0].i8.size() / cols[0].width
                                                                                         : cols[0].i.size());
  if (format == ExportFormat::Csv) {
    for (std::size_t k = 0; k < cols.size(); ++k) os << (k ? "," : "") << cols[k].name;
    os << "\n";
  }
  std::size_t written = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    if (date && ((start && date->s[r] < *start) || (end && date->s[r] > *end))) continue;
    ++written;
    if (format == ExportFormat::Csv) {
      for (std::size_t k = 0; k < cols.size(); ++k) {
        const auto& c = cols[k];
        if (k) os << ",";
        switch (c.kind) {
          case ExportColumn::Str: os << csv_quote(c.s[r]); break;
          case ExportColumn::F64: if (!std::isnan(c.f[r])) os << shortest(c.f[r]); break;
          case ExportColumn::I64: os << c.i[r]; break;
          case ExportColumn::Bool: os << (c.i[r] ? "true" : "false"); break;
          default: break;
        }
      }
      os << "\n";
      continue;
    }
    nlohmann::ordered_json j;
    for (const auto& c : cols) {
      switch (c.kind) {
        case ExportColumn::Str: j[c.name] = c.s[r].empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(c.s[r]); break;
        case ExportColumn::F64:
          j[c.name] = std::isnan(c.f[r]) ? nlohmann::ordered_json() : nlohmann::ordered_json::parse(shortest(c.f[r]));
          break;
        case ExportColumn::I64: j[c.name] = c.i[r]; break;
        case ExportColumn::Bool: j[c.name] = c.i[r] != 0; break;
        case ExportColumn::F64Matrix: {
          // ARRAY<FLOAT64> cannot hold NULL: missing features are written as 0.0, as the original's writer does.
          auto a = nlohmann::ordered_json::array();
          for (std::size_t k = 0; k < c.width; ++k) {
            const double v = c.f[r * c.width + k];
            a.push_back(std::isnan(v) ? nlohmann::ordered_json(0.0) : nlohmann::ordered_json::parse(shortest(v)));
          }
          j[c.name] = a;
          break;
        }
        case ExportColumn::I8Matrix: {
          auto a = nlohmann::ordered_json::array();
          for (std::size_t k = 0; k < c.width; ++k) {
            const auto code = static_cast<std::size_t>(c.i8[r * c.width + k]);
            a.push_back(code < feature_sources.size() ? nlohmann::ordered_json(feature_sources[code])
                                                      : nlohmann::ordered_json(static_cast<int>(code)));
          }
          j[c.name] = a;
          break;
        }
      }
    }
    os << j.dump() << "\n";
  }
  return written;
}

}  // namespace nba
