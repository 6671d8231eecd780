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
#include "csv/csv_reader.hpp"
#include "phase3/value_parser.hpp"

namespace nba {

namespace fs = std::filesystem;

namespace {

std::string locate_table_file(const std::string& dir, const std::string& table) {
  const fs::path plain = fs::path(dir) / (table + ".csv");
  const fs::path gz = fs::path(dir) / (table + ".csv.gz");
  // error_code forms: a symlink loop or an unreadable folder is bad input, not a crash.
  std::error_code ec_plain, ec_gz;
  const bool has_plain = fs::exists(plain, ec_plain), has_gz = fs::exists(gz, ec_gz);
  for (const auto& [p, ec] : {std::pair{&plain, ec_plain}, std::pair{&gz, ec_gz}})
    if (ec) throw InputError(p->string(), 0, "", "cannot read table file: " + ec.message());
  if (has_plain && has_gz)
    throw InputError(dir, 0, "",
                     "both " + plain.filename().string() + " and " + gz.filename().string() +
                         " exist; keep one so the input is unambiguous");
  if (!has_plain && !has_gz)
    throw InputError(dir, 0, "", "missing input table: expected " + table + ".csv or " + table + ".csv.gz");
  return (has_gz ? gz : plain).string();
}

bool table_file_exists(const std::string& dir, const std::string& table) {
  std::error_code ec;
  return fs::exists(fs::path(dir) / (table + ".csv"), ec) || fs::exists(fs::path(dir) / (table + ".csv.gz"), ec);
}

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

void check_unique_key(const TableSpec& spec, const Table& t, const std::vector<long>& lines,
                      const std::string& path, const StringPool& strings) {
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
    throw InputError(path, lines[b], spec.key.front(),
                     "duplicate key (" + key_text + "), first seen on line " + std::to_string(lines[a]));
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

Table import_table_file(const TableSpec& spec, const std::string& path, StringPool& strings,
                        std::vector<std::string>& warnings, const std::set<Day>* schedule_dates) {
  CsvReader csv(path);
  if (!csv.next()) throw InputError(path, 1, "", "file is empty (no header row)");
  std::vector<std::string> header(csv.fields().begin(), csv.fields().end());
  for (std::size_t i = 0; i < header.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (header[i] == header[j] && !header[i].empty())
        throw InputError(path, 1, header[i], "column appears twice in the header");

  Table table(spec);
  const std::size_t ncols = spec.columns.size();
  std::vector<int> source_index(ncols, -1);
  for (std::size_t c = 0; c < ncols; ++c) {
    auto it = std::find(header.begin(), header.end(), spec.columns[c].name);
    if (it != header.end()) {
      source_index[c] = static_cast<int>(it - header.begin());
    } else if (spec.columns[c].required) {
      throw InputError(path, 1, spec.columns[c].name,
                       "required column missing from header (table " + spec.name + ")");
    } else {
      warnings.push_back(path + ": optional column '" + spec.columns[c].name + "' absent; imported as NULL");
    }
  }
  std::vector<bool> not_null(ncols, false);
  for (std::size_t c = 0; c < ncols; ++c)
    not_null[c] = std::find(spec.key.begin(), spec.key.end(), spec.columns[c].name) != spec.key.end();

  const RowRules rules(spec, schedule_dates);
  std::vector<std::int64_t> row(ncols);
  std::vector<long> lines;
  std::size_t rows = 0;
  while (csv.next()) {
    const auto& f = csv.fields();
    if (f.size() != header.size())
      throw InputError(path, csv.line(), "",
                       "expected " + std::to_string(header.size()) + " fields (as in the header), found " +
                           std::to_string(f.size()));
    for (std::size_t c = 0; c < ncols; ++c) {
      const ColumnSpec& cs = spec.columns[c];
      std::int64_t v = kNull;
      if (source_index[c] >= 0) {
        const std::string_view s = f[static_cast<std::size_t>(source_index[c])];
        if (s.empty()) {
          if (not_null[c]) throw InputError(path, csv.line(), cs.name, "key column is empty (NULL)");
        } else {
          bool ok = true;
          switch (cs.type) {
            case ColumnType::String:
              if (const std::string problem = text_field_problem(s); !problem.empty())
                throw InputError(path, csv.line(), cs.name, printable(s) + " " + problem);
              if (cs.max_length && s.size() > cs.max_length)
                throw InputError(path, csv.line(), cs.name,
                                 printable(s) + " is longer than " + std::to_string(cs.max_length) + " characters");
              v = strings.intern(s);
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
            throw InputError(path, csv.line(), cs.name,
                             "cannot parse " + printable(s) + " as " + std::string(column_type_name(cs.type)));
        }
      }
      row[c] = v;
    }
    rules.check(row, path, csv.line());
    for (std::size_t c = 0; c < ncols; ++c) table.columns()[c].values.push_back(row[c]);
    lines.push_back(csv.line());
    ++rows;
  }
  table.set_rows(rows);
  if (rows == 0) throw InputError(path, 0, "", "table " + spec.name + " has a header but no rows");
  check_unique_key(spec, table, lines, path, strings);
  return table;
}

void finalize_phase3(Phase3Data& data) {
  const std::vector<std::int64_t> remap = data.strings.finalize_sorted();
  for (auto& t : data.tables)
    for (auto& c : t.columns())
      if (c.spec.type == ColumnType::String)
        for (auto& v : c.values)
          if (v != kNull) v = remap[static_cast<std::size_t>(v)];
  data.fingerprint = compute_fingerprint(data);
}

ImportResult import_phase3_dir(const std::string& dir) {
  check_input_directory(dir);
  ImportResult result;
  // The schedule first: the game tables' dates are checked against it.
  const TableSpec& schedule_spec = phase3_table_spec(tables::kSchedule);
  Table schedule = import_table_file(schedule_spec, locate_table_file(dir, schedule_spec.name), result.data.strings,
                                     result.warnings);
  std::set<Day> schedule_dates;
  for (auto v : schedule.values("game_date")) schedule_dates.insert(static_cast<Day>(v));
  for (const auto& spec : phase3_table_specs()) {
    if (spec.name == schedule_spec.name) {
      result.data.tables.push_back(std::move(schedule));
      continue;
    }
    if (spec.optional && !table_file_exists(dir, spec.name)) {
      result.warnings.push_back(dir + ": optional table " + spec.name +
                                " absent; the features that read it take the original's no-data values");
      Table empty(spec);
      empty.set_rows(0);
      result.data.tables.push_back(std::move(empty));
      continue;
    }
    const std::string path = locate_table_file(dir, spec.name);
    result.data.tables.push_back(import_table_file(spec, path, result.data.strings, result.warnings, &schedule_dates));
  }
  finalize_phase3(result.data);
  return result;
}

}  // namespace nba
