#include "output/index_table.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "core/errors.hpp"
#include "output/run_index.hpp"
#include "store/hdf5_dataset.hpp"
#include "store/hdf5_file.hpp"

namespace nba {

namespace {

// Reads a whole dataset of the index through its virtual mapping.
IndexColumn read_column(hid_t group, const std::string& name, const std::set<std::string>& bools,
                        const std::string& vds_prefix) {
  const h5::DatasetReader ds(group, name, vds_prefix);
  IndexColumn c;
  c.name = name;
  if (ds.value_class() == h5::ValueClass::String) {
    c.kind = IndexColumn::Str;
    const h5::FixedStrings values = ds.strings();
    c.s.reserve(values.size());
    for (std::size_t r = 0; r < values.size(); ++r) c.s.emplace_back(values.at(r));
  } else if (ds.cols() && ds.value_class() == h5::ValueClass::Float) {
    c.kind = IndexColumn::F64Matrix, c.width = ds.cols();
    c.f = ds.f64();
  } else if (ds.cols()) {
    c.kind = IndexColumn::I8Matrix, c.width = ds.cols();
    c.i8 = ds.i8();
  } else if (ds.value_class() == h5::ValueClass::Float) {
    c.kind = IndexColumn::F64;
    c.f = ds.f64();
  } else {
    c.kind = bools.count(name) ? IndexColumn::Bool : IndexColumn::I64;
    c.i = ds.i64();
  }
  return c;
}

h5::Handle open_index(const std::string& index_path) {
  h5::silence_hdf5_errors();
  if (!std::filesystem::exists(index_path)) throw UsageError("no index at " + index_path + " (run first)");
  return h5::open_file_readonly(index_path);
}

}  // namespace

std::size_t IndexColumn::rows() const {
  switch (kind) {
    case Str: return s.size();
    case F64: return f.size();
    case F64Matrix: return width ? f.size() / width : 0;
    case I8Matrix: return width ? i8.size() / width : 0;
    default: return i.size();
  }
}

const IndexColumn* IndexTable::find(const std::string& column) const {
  for (const auto& c : columns)
    if (c.name == column) return &c;
  return nullptr;
}

const IndexColumn& IndexTable::at(const std::string& column) const {
  if (const IndexColumn* c = find(column)) return *c;
  throw std::out_of_range("index table " + name + " has no column " + column);
}

const IndexColumn* IndexTable::date_column() const {
  for (const char* candidate : {"game_date", "cache_date", "analysis_date"})
    if (const IndexColumn* c = find(candidate)) return c;
  return nullptr;
}

IndexTable read_index_table(const std::string& index_path, const std::string& table,
                            const std::vector<std::string>& only) {
  h5::Handle file = open_index(index_path);
  const std::string prefix = std::filesystem::absolute(index_path).parent_path().string() + "/";
  if (table == kSegmentsGroup || !h5::exists(file.id(), table)) throw UsageError("the index has no table '" + table + "'");
  h5::Handle g = h5::open_group(file.id(), table);
  std::set<std::string> bools;
  if (h5::has_attr(g.id(), "bool_columns"))
    for (auto& b : h5::get_attr_strings(g.id(), "bool_columns")) bools.insert(b);
  // The processor's own column order (kept in the `columns` attribute); HDF5 lists by name.
  const std::vector<std::string> order =
      h5::has_attr(g.id(), "columns") ? h5::get_attr_strings(g.id(), "columns") : h5::list_children(g.id());
  IndexTable t;
  t.name = table;
  for (const auto& name : order)
    if (only.empty() || std::find(only.begin(), only.end(), name) != only.end())
      t.columns.push_back(read_column(g.id(), name, bools, prefix));
  return t;
}

std::vector<std::string> index_table_names(const std::string& index_path) {
  h5::Handle file = open_index(index_path);
  std::vector<std::string> names;
  for (auto& n : h5::list_children(file.id()))
    if (n != kSegmentsGroup) names.push_back(std::move(n));
  return names;
}

}  // namespace nba
