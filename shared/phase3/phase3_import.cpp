#include "phase3/phase3_import.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "core/civil_date.hpp"
#include "core/errors.hpp"
#include "core/parallel_jobs.hpp"
#include "csv/csv_reader.hpp"
#include "phase3/table_files.hpp"
#include "phase3/value_parser.hpp"

namespace nba {

namespace fs = std::filesystem;

namespace {

// The value as a message shows it: at most 40 bytes, control and non-ASCII
// bytes escaped (the value may be binary or not UTF-8).
std::string printable(std::string_view s) {
  std::string out;
  for (const char ch : s.substr(0, 40)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7f) {
      out += ch;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  if (s.size() > 40) out += "...";
  return "'" + out + "'";
}

// Where a row came from: its file (index into the table's paths) and line.
struct RowOrigin {
  std::uint32_t file;
  long line;
};

void check_unique_key(const TableSpec& spec, const Table& t, const std::vector<RowOrigin>& origins,
                      const std::vector<std::string>& paths, const StringPool& strings) {
  if (spec.key.empty()) return;
  std::vector<const std::vector<std::int64_t>*> keys;
  for (const auto& k : spec.key) keys.push_back(&t.values(k));
  std::vector<std::size_t> order(t.rows());
  std::iota(order.begin(), order.end(), 0);
  auto less = [&](std::size_t a, std::size_t b) {
    for (auto* k : keys)
      if ((*k)[a] != (*k)[b]) return (*k)[a] < (*k)[b];
    return a < b;
  };
  std::sort(order.begin(), order.end(), less);
  for (std::size_t i = 1; i < order.size(); ++i) {
    const std::size_t a = order[i - 1], b = order[i];
    bool same = true;
    for (auto* k : keys) same = same && (*k)[a] == (*k)[b];
    if (!same) continue;
    std::string key_text;
    for (std::size_t k = 0; k < spec.key.size(); ++k) {
      const Column& c = t.column(spec.key[k]);
      const std::int64_t v = c.values[b];
      std::string shown = c.spec.type == ColumnType::String ? std::string(strings.at(v))
                          : c.spec.type == ColumnType::Date ? format_iso_date(static_cast<Day>(v))
                                                            : std::to_string(v);
      key_text += (k ? ", " : "") + spec.key[k] + "=" + shown;
    }
    const RowOrigin first = origins[a], again = origins[b];
    throw InputError(paths[again.file], again.line, spec.key.front(),
                     "duplicate key (" + key_text + "), first seen " +
                         (first.file == again.file ? std::string() : "in " + paths[first.file] + " ") + "on line " +
                         std::to_string(first.line));
  }
}

// The table's ValueRules, resolved to column positions once per file.
class RowRules {
 public:
  RowRules(const TableSpec& spec, const std::set<Day>* schedule_dates) : spec_(spec), schedule_(schedule_dates) {
    for (const auto& n : spec.rules.non_negative) non_negative_.push_back(index(n));
    for (const auto& [part, whole] : spec.rules.part_of) part_of_.emplace_back(index(part), index(whole));
    for (const auto& [n, bound] : spec.rules.at_most) {
      const int scale = spec.columns[index(n)].scale;
      at_most_.emplace_back(index(n), static_cast<std::int64_t>(bound * std::pow(10.0, scale)));
    }
    if (spec.rules.date_in_schedule && schedule_) date_ = index("game_date");
  }

  // `row` holds the parsed values of one row, in spec column order.
  void check(const std::vector<std::int64_t>& row, const std::string& path, long line) const {
    for (std::size_t c : non_negative_)
      if (row[c] != kNull && row[c] < 0) throw error(path, line, c, "is negative: " + text(c, row[c]));
    for (auto [c, bound] : at_most_)
      if (row[c] != kNull && row[c] > bound)
        throw error(path, line, c, "is implausibly large: " + text(c, row[c]) + " (at most " + text(c, bound) + ")");
    for (auto [part, whole] : part_of_)
      if (row[part] != kNull && row[whole] != kNull && row[part] > row[whole])
        throw error(path, line, part,
                    text(part, row[part]) + " exceeds " + spec_.columns[whole].name + " " + text(whole, row[whole]));
    if (date_ && row[*date_] != kNull && !schedule_->count(static_cast<Day>(row[*date_])))
      throw error(path, line, *date_,
                  format_iso_date(static_cast<Day>(row[*date_])) +
                      " is not a game date of the schedule (no season has games that day)");
  }

 private:
  std::size_t index(const std::string& name) const {
    for (std::size_t c = 0; c < spec_.columns.size(); ++c)
      if (spec_.columns[c].name == name) return c;
    throw std::logic_error("rule names unknown column " + name + " of " + spec_.name);
  }
  std::string text(std::size_t c, std::int64_t v) const {
    const int scale = spec_.columns[c].scale;
    if (scale == 0) return std::to_string(v);
    return std::to_string(static_cast<double>(v) / std::pow(10.0, scale));
  }
  InputError error(const std::string& path, long line, std::size_t c, const std::string& what) const {
    return InputError(path, line, spec_.columns[c].name, what);
  }

  const TableSpec& spec_;
  const std::set<Day>* schedule_;
  std::vector<std::size_t> non_negative_;
  std::vector<std::pair<std::size_t, std::size_t>> part_of_;
  std::vector<std::pair<std::size_t, std::int64_t>> at_most_;
  std::optional<std::size_t> date_;
};

}  // namespace

void check_input_directory(const std::string& dir) {
  std::error_code ec;
  const fs::file_status st = fs::status(dir, ec);
  if (ec && ec != std::errc::no_such_file_or_directory)
    throw InputError(dir, 0, "", "cannot read input directory: " + ec.message());
  if (!fs::exists(st)) throw InputError(dir, 0, "", "input directory does not exist");
  if (!fs::is_directory(st))
    throw InputError(dir, 0, "", "is a file, not a directory: --from takes the folder holding <table>.csv[.gz]");
}

namespace {

// One table's header, checked once against the schema and then required of
// every further shard (bq extract writes it in each file).
struct TableHeader {
  std::string path;  // the file it was first read from
  std::vector<std::string> names;
  std::vector<int> source_index;  // per schema column: position in the file, -1 = absent
};

TableHeader read_header(const TableSpec& spec, CsvReader& csv, const std::string& path,
                        std::vector<std::string>& warnings) {
  if (!csv.next()) throw InputError(path, 1, "", "file is empty (no header row)");
  TableHeader h{path, std::vector<std::string>(csv.fields().begin(), csv.fields().end()), {}};
  for (std::size_t i = 0; i < h.names.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (h.names[i] == h.names[j] && !h.names[i].empty())
        throw InputError(path, 1, h.names[i], "column appears twice in the header");
  h.source_index.assign(spec.columns.size(), -1);
  for (std::size_t c = 0; c < spec.columns.size(); ++c) {
    auto it = std::find(h.names.begin(), h.names.end(), spec.columns[c].name);
    if (it != h.names.end()) {
      h.source_index[c] = static_cast<int>(it - h.names.begin());
    } else if (spec.columns[c].required) {
      throw InputError(path, 1, spec.columns[c].name,
                       "required column missing from header (table " + spec.name + ")");
    } else {
      warnings.push_back(path + ": optional column '" + spec.columns[c].name + "' absent; imported as NULL");
    }
  }
  return h;
}

// Appends the rows of one file (its header already read) to `table`.
class RowAppender {
 public:
  RowAppender(const TableSpec& spec, const TableHeader& header, const std::set<Day>* schedule_dates, Table& table,
              StringPool& strings)
      : spec_(spec), header_(header), rules_(spec, schedule_dates), table_(table), strings_(strings),
        row_(spec.columns.size()), not_null_(spec.columns.size(), false) {
    for (std::size_t c = 0; c < spec.columns.size(); ++c)
      not_null_[c] = std::find(spec.key.begin(), spec.key.end(), spec.columns[c].name) != spec.key.end();
  }

  void append_file(CsvReader& csv, const std::string& path, std::uint32_t file, std::vector<RowOrigin>& origins) {
    const std::size_t ncols = spec_.columns.size();
    while (csv.next()) {
      const auto& f = csv.fields();
      if (f.size() != header_.names.size())
        throw InputError(path, csv.line(), "",
                         "expected " + std::to_string(header_.names.size()) + " fields (as in the header), found " +
                             std::to_string(f.size()));
      for (std::size_t c = 0; c < ncols; ++c)
        row_[c] = header_.source_index[c] < 0
                      ? kNull
                      : parse(f[static_cast<std::size_t>(header_.source_index[c])], c, path, csv.line());
      rules_.check(row_, path, csv.line());
      for (std::size_t c = 0; c < ncols; ++c) table_.columns()[c].values.push_back(row_[c]);
      origins.push_back({file, csv.line()});
    }
  }

 private:
  std::int64_t parse(std::string_view s, std::size_t c, const std::string& path, long line) {
    const ColumnSpec& cs = spec_.columns[c];
    std::int64_t v = kNull;
    if (s.empty()) {
      if (not_null_[c]) throw InputError(path, line, cs.name, "key column is empty (NULL)");
      return v;
    }
    bool ok = true;
    switch (cs.type) {
      case ColumnType::String:
        if (const std::string problem = text_field_problem(s); !problem.empty())
          throw InputError(path, line, cs.name, printable(s) + " " + problem);
        if (cs.max_length && s.size() > cs.max_length)
          throw InputError(path, line, cs.name,
                           printable(s) + " is longer than " + std::to_string(cs.max_length) + " characters");
        v = strings_.intern(s);
        break;
      case ColumnType::Int64: ok = parse_int64_field(s, v); break;
      case ColumnType::Numeric: ok = parse_numeric_field(s, cs.scale, v); break;
      case ColumnType::Bool: ok = parse_bool_field(s, v); break;
      case ColumnType::Timestamp: ok = parse_timestamp_field(s, v); break;
      case ColumnType::Float64: ok = parse_float64_field(s, v); break;
      case ColumnType::Date: {
        auto d = parse_iso_date(s);
        ok = d.has_value();
        if (ok) v = *d;
        break;
      }
    }
    if (!ok)
      throw InputError(path, line, cs.name, "cannot parse " + printable(s) + " as " + std::string(column_type_name(cs.type)));
    return v;
  }

  const TableSpec& spec_;
  const TableHeader& header_;
  const RowRules rules_;
  Table& table_;
  StringPool& strings_;
  std::vector<std::int64_t> row_;
  std::vector<bool> not_null_;
};

}  // namespace

Table import_table_files(const TableSpec& spec, const std::vector<std::string>& paths, StringPool& strings,
                         std::vector<std::string>& warnings, const std::set<Day>* schedule_dates) {
  if (paths.empty()) throw std::logic_error("import_table_files: no file for table " + spec.name);
  Table table(spec);
  std::optional<TableHeader> header;
  std::optional<RowAppender> rows;
  std::vector<RowOrigin> origins;
  for (std::uint32_t file = 0; file < paths.size(); ++file) {
    const std::string& path = paths[file];
    CsvReader csv(path);
    if (!header) {
      header = read_header(spec, csv, path, warnings);
      rows.emplace(spec, *header, schedule_dates, table, strings);
    } else {
      if (!csv.next()) throw InputError(path, 1, "", "file is empty (no header row)");
      if (!std::equal(csv.fields().begin(), csv.fields().end(), header->names.begin(), header->names.end()))
        throw InputError(path, 1, "",
                         "header differs from the header of " + header->path +
                             " (every shard of table " + spec.name + " must have the same columns in the same order)");
    }
    rows->append_file(csv, path, file, origins);
  }
  table.set_rows(origins.size());
  if (origins.empty())
    throw InputError(paths.size() == 1 ? paths.front() : paths.front() + " (and " + std::to_string(paths.size() - 1) + " more shards)",
                     0, "", "table " + spec.name + " has a header but no rows");
  check_unique_key(spec, table, origins, paths, strings);
  return table;
}

Table import_table_file(const TableSpec& spec, const std::string& path, StringPool& strings,
                        std::vector<std::string>& warnings, const std::set<Day>* schedule_dates) {
  return import_table_files(spec, {path}, strings, warnings, schedule_dates);
}

void finalize_phase3(Phase3Data& data) {
  const std::vector<std::int64_t> remap = data.strings.finalize_sorted();
  for (auto& t : data.tables)
    for (auto& c : t.columns())
      if (c.spec.type == ColumnType::String)
        for (auto& v : c.values)
          if (v != kNull) v = remap[static_cast<std::size_t>(v)];
}

namespace {

// Moves a table parsed with its own string pool onto `global`'s ids.
void adopt_strings(Table& table, const StringPool& local, StringPool& global) {
  std::vector<std::int64_t> to_global(local.size());
  for (std::size_t i = 0; i < local.size(); ++i) to_global[i] = global.intern(local.at(static_cast<std::int64_t>(i)));
  for (auto& c : table.columns())
    if (c.spec.type == ColumnType::String)
      for (auto& v : c.values)
        if (v != kNull) v = to_global[static_cast<std::size_t>(v)];
}

}  // namespace

ImportResult import_phase3_dir(const std::string& dir) {
  check_input_directory(dir);
  ImportResult result;
  // The schedule first: the game tables' dates are checked against it.
  const TableSpec& schedule_spec = phase3_table_spec(tables::kSchedule);
  Table schedule = import_table_files(schedule_spec, locate_table_files(dir, schedule_spec.name), result.data.strings,
                                      result.warnings);
  std::set<Day> schedule_dates;
  for (auto v : schedule.values("game_date")) schedule_dates.insert(static_cast<Day>(v));

  // The other tables in parallel, each with its own string pool (merged below,
  // in table order, so ids and messages do not depend on the threads).
  const auto& specs = phase3_table_specs();
  struct Parsed {
    Table table;
    StringPool strings;
    std::vector<std::string> warnings;
    std::vector<std::string> paths;
    std::uintmax_t bytes = 0;  // of its files: the order the threads take them in
  };
  std::vector<Parsed> parsed(specs.size());
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto& spec = specs[i];
    if (spec.name == schedule_spec.name) continue;
    if (spec.optional && !table_files_exist(dir, spec.name)) {
      parsed[i].warnings.push_back(dir + ": optional table " + spec.name +
                                   " absent; the features that read it take the original's no-data values");
      parsed[i].table = Table(spec);
      parsed[i].table.set_rows(0);
      continue;
    }
    parsed[i].paths = locate_table_files(dir, spec.name);
    for (const auto& path : parsed[i].paths) parsed[i].bytes += fs::file_size(path);
    order.push_back(i);
  }
  // Largest files first: the long tables start at once and the small ones fill in.
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return parsed[a].bytes > parsed[b].bytes; });
  run_jobs(order, [&](std::size_t i) {
    Parsed& p = parsed[i];
    p.table = import_table_files(specs[i], p.paths, p.strings, p.warnings, &schedule_dates);
  });

  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].name == schedule_spec.name) {
      result.data.tables.push_back(std::move(schedule));
      continue;
    }
    Parsed& p = parsed[i];
    adopt_strings(p.table, p.strings, result.data.strings);
    result.warnings.insert(result.warnings.end(), p.warnings.begin(), p.warnings.end());
    result.data.tables.push_back(std::move(p.table));
  }
  finalize_phase3(result.data);
  return result;
}

}  // namespace nba
