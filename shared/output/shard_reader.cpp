#include "output/shard_reader.hpp"

#include <stdexcept>

#include "engine/unit_tables.hpp"
#include "store/hdf5_dataset.hpp"

namespace nba {

namespace {

// Runs `read`; an error is rethrown with the shard's path in front (HDF5's
// own messages name only the dataset).
template <typename Read>
auto naming(const std::string& path, Read read) -> decltype(read()) {
  try {
    return read();
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    if (what.find(path) != std::string::npos) throw;
    throw std::runtime_error(path + ": " + what);
  }
}

}  // namespace

bool ShardRowRanges::holds(const std::string& processor, const std::string& date) const {
  const auto it = at.find(date);
  return it != at.end() && it->second.count(processor) > 0;
}

ShardRowRanges row_ranges(const ShardDateStatus& s) {
  ShardRowRanges r;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::string& p = s.processor[i];
    auto& slot = r.at[s.analysis_date[i]];
    slot[p] = {r.table_rows[p], s.rows[i]};
    r.table_rows[p] += s.rows[i];
    slot[std::string(kFailuresTable) + "/" + p] = {r.table_rows[kFailuresTable], s.failures[i]};
    r.table_rows[kFailuresTable] += s.failures[i];
    slot[std::string(kDateStatusTable) + "/" + p] = {r.table_rows[kDateStatusTable], 1};
    r.table_rows[kDateStatusTable] += 1;
  }
  return r;
}

ShardReader::ShardReader(const std::string& path) : path_(path) {
  h5::silence_hdf5_errors();
  file_ = h5::open_file_readonly(path);
}

ShardSummary ShardReader::summary(ShardCheck check) const {
  return naming(path_, [&] {
    const hid_t root = file_.id();
    if (!h5::has_attr(root, "format_version") || h5::get_attr_i64(root, "format_version") != kShardFormat)
      throw std::runtime_error(path_ + ": not a shard of format version " + std::to_string(kShardFormat));
    ShardSummary s;
    s.meta.unit_id = static_cast<std::int32_t>(h5::get_attr_i64(root, "unit_id"));
    s.meta.first_date = h5::get_attr_string(root, "first_date");
    s.meta.last_date = h5::get_attr_string(root, "last_date");
    s.meta.date_count = static_cast<std::int32_t>(h5::get_attr_i64(root, "date_count"));
    s.meta.code_version = h5::get_attr_string(root, "code_version");
    s.meta.input_fingerprint = h5::get_attr_string(root, "input_fingerprint");
    s.meta.options_fingerprint = h5::get_attr_string(root, "options_fingerprint");
    if (h5::has_attr(root, "processed_at")) s.meta.processed_at = h5::get_attr_string(root, "processed_at");
    for (const auto& table : h5::list_children(root)) {
      h5::Handle g = h5::open_group(root, table);
      const std::int64_t rows = h5::get_attr_i64(g.id(), "rows");
      if (check == ShardCheck::DatasetLengths)
        for (const auto& col : h5::list_children(g.id()))
          if (static_cast<std::int64_t>(h5::dataset_length(g.id(), col)) != rows)
            throw std::runtime_error(path_ + ": " + table + "/" + col + " has a length different from the table's " +
                                     std::to_string(rows) + " rows");
      s.table_rows[table] = rows;
    }
    return s;
  });
}

ShardDateStatus ShardReader::date_status() const {
  return naming(path_, [&] {
    h5::Handle g = h5::open_group(file_.id(), kDateStatusTable);
    ShardDateStatus s;
    s.processor = h5::read_fixed_strings(g.id(), "processor");
    s.analysis_date = h5::read_fixed_strings(g.id(), "analysis_date");
    s.rows = h5::read_i64(g.id(), "rows");
    s.failures = h5::read_i64(g.id(), "failures");
    s.entities = h5::read_i64(g.id(), "entities");
    const std::size_t n = s.processor.size();
    if (s.analysis_date.size() != n || s.rows.size() != n || s.failures.size() != n || s.entities.size() != n)
      throw std::runtime_error(path_ + ": date_status columns differ in length");
    return s;
  });
}

FailureCountsByDate ShardReader::failure_counts() const {
  return naming(path_, [&] {
    // A unit has tens of thousands of failure records, stored date by date,
    // processor by processor: the (processor, date) entry is looked up once per
    // run of equal keys, and the strings are read packed (a std::string per
    // value and a map key per record were most of rank 0's time per unit).
    h5::Handle g = h5::open_group(file_.id(), kFailuresTable);
    const auto proc = h5::read_fixed_strings_packed(g.id(), "processor");
    const auto date = h5::read_fixed_strings_packed(g.id(), "analysis_date");
    const auto cat = h5::read_fixed_strings_packed(g.id(), "failure_category");
    if (date.size() != proc.size() || cat.size() != proc.size())
      throw std::runtime_error(path_ + ": failures columns differ in length");
    FailureCountsByDate counts;
    CategoryCounts* of_date = nullptr;
    for (std::size_t i = 0; i < proc.size(); ++i) {
      if (i == 0 || proc.at(i) != proc.at(i - 1) || date.at(i) != date.at(i - 1))
        of_date = &counts[{std::string(proc.at(i)), std::string(date.at(i))}];
      const std::string_view c = cat.at(i);
      if (auto it = of_date->find(c); it != of_date->end()) ++it->second;
      else of_date->emplace(std::string(c), 1);
    }
    return counts;
  });
}

std::vector<ShardColumn> ShardReader::columns(const std::string& table) const {
  return naming(path_, [&] {
    h5::Handle g = h5::open_group(file_.id(), table);
    std::vector<ShardColumn> cols;
    for (const auto& name : h5::list_children(g.id())) {
      const h5::DatasetReader ds(g.id(), name);
      cols.push_back({name, ds.file_type(), ds.value_class(), ds.cols()});
    }
    return cols;
  });
}

std::map<std::string, std::size_t> ShardReader::string_widths(const std::string& table) const {
  return naming(path_, [&] {
    h5::Handle g = h5::open_group(file_.id(), table);
    std::map<std::string, std::size_t> widths;
    if (!h5::has_attr(g.id(), kStringWidthsAttr)) return widths;
    for (const auto& entry : h5::get_attr_strings(g.id(), kStringWidthsAttr)) {
      const auto colon = entry.rfind(':');
      widths[entry.substr(0, colon)] = static_cast<std::size_t>(std::stoul(entry.substr(colon + 1)));
    }
    return widths;
  });
}

std::vector<std::pair<std::string, std::vector<std::string>>> ShardReader::table_attributes(
    const std::string& table) const {
  return naming(path_, [&] {
    h5::Handle g = h5::open_group(file_.id(), table);
    std::vector<std::pair<std::string, std::vector<std::string>>> attrs;
    for (const auto& a : h5::list_attrs(g.id()))
      if (a != "rows" && a != kStringWidthsAttr) attrs.emplace_back(a, h5::get_attr_strings(g.id(), a));
    return attrs;
  });
}

}  // namespace nba
