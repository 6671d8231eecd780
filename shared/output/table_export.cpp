#include "output/table_export.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <span>
#include <vector>

#include "core/errors.hpp"
#include "core/python_text.hpp"
#include "output/bq_schema.hpp"
#include "output/export_rules.hpp"
#include "output/index_table.hpp"
#include "output/run_index.hpp"
#include "processors/mlfs/record_columns.hpp"
#include "processors/pcf_context.hpp"
#include "store/hdf5_dataset.hpp"
#include "store/hdf5_file.hpp"

namespace nba {

namespace {

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

// One value of a stored column as the schema type wants it in NDJSON
// (docs/output-format.md): NUMERIC and FLOAT as Python's shortest repr (the
// stored NUMERIC values are already at the column's scale), INTEGER as digits,
// NULL as null, arrays as arrays (ARRAY<FLOAT64> cannot hold NULL: 0.0, as HEAD
// writes).
void append_value(std::string& out, const BqField& f, const IndexColumn& c, std::size_t r, const std::string& table) {
  auto mismatch = [&] {
    return std::logic_error("export " + table + ": stored column " + c.name + " cannot be written as " + f.type +
                            (f.repeated() ? " REPEATED" : ""));
  };
  auto number = [&](double v) {
    if (!std::isfinite(v)) out += "null";
    else append_py_float(out, v);
  };
  switch (c.kind) {
    case IndexColumn::Str:
      if (f.repeated() || (f.type != "STRING" && f.type != "DATE" && f.type != "TIMESTAMP")) throw mismatch();
      if (c.s[r].empty()) out += "null";
      else append_py_json_string(out, c.s[r]);
      return;
    case IndexColumn::F64:
      if (f.repeated()) throw mismatch();
      if (f.type == "INTEGER") {
        const double v = c.f[r];
        if (std::isnan(v)) out += "null";
        else if (v != std::floor(v)) throw std::logic_error("export " + table + ": " + c.name + " holds a fraction");
        else out += std::to_string(static_cast<std::int64_t>(v));
      } else if (f.type == "FLOAT" || f.type == "NUMERIC") {
        number(c.f[r]);
      } else {
        throw mismatch();
      }
      return;
    case IndexColumn::I64:
      if (f.repeated() || (f.type != "INTEGER" && f.type != "FLOAT" && f.type != "NUMERIC")) throw mismatch();
      out += std::to_string(c.i[r]);
      return;
    case IndexColumn::Bool:
      if (f.repeated() || f.type != "BOOLEAN") throw mismatch();
      out += c.i[r] ? "true" : "false";
      return;
    case IndexColumn::F64Matrix:
      if (!f.repeated() || f.type != "FLOAT") throw mismatch();
      out += '[';
      for (std::size_t k = 0; k < c.width; ++k) {
        const double v = c.f[r * c.width + k];
        if (k) out += ", ";
        append_py_float(out, std::isfinite(v) ? v : 0.0);
      }
      out += ']';
      return;
    case IndexColumn::I8Matrix: throw mismatch();  // tag matrices are internal (MLFS renders its own)
  }
}

// NDJSON with exactly the schema's columns, in its order.
std::size_t export_schema_ndjson(const std::string& index_path, const std::string& table,
                                 const std::vector<IndexColumn>& cols, const std::vector<std::size_t>& selected,
                                 std::ostream& os) {
  const auto& schema = bq_schema(*bq_table_of(table));
  std::map<std::string, const IndexColumn*, std::less<>> by_name;
  for (const auto& c : cols) by_name[c.name] = &c;
  auto stored = [&](std::string_view name) -> const IndexColumn* {
    const auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : it->second;
  };
  // A schema column's own stored dataset (internal columns never stand for one).
  auto stored_as_itself = [&](std::string_view name) {
    return internal_only_column(table, name) ? nullptr : stored(name);
  };
  std::set<std::string_view> in_schema;
  for (const auto& f : schema) in_schema.insert(f.name);
  for (const auto& c : cols)
    if (!in_schema.count(c.name) && !internal_only_column(table, c.name))
      throw std::logic_error("export " + table + ": stored column " + c.name + " is not in the table's schema");
  struct Plan {
    const BqField* field;
    ExportRule rule;
    const IndexColumn* column;  // Stored, CopyOf, MidnightOf, ArrayWidth
    mlfs::DerivedColumn derived{};  // MlfsRecord
  };
  std::vector<Plan> plan;
  bool needs_processed_at = false;
  for (const auto& f : schema) {
    if (const IndexColumn* c = stored_as_itself(f.name)) {
      plan.push_back({&f, {}, c});
      continue;
    }
    const auto rule = backfill_rule(table, f.name);
    if (!rule) throw std::logic_error("export " + table + ": no value for schema column " + f.name);
    const IndexColumn* c = rule->arg.empty() || rule->source == ColumnSource::Constant ? nullptr : stored(rule->arg);
    if (!rule->arg.empty() && rule->source != ColumnSource::Constant && !c)
      throw std::logic_error("export " + table + ": " + f.name + " needs stored column " + std::string(rule->arg));
    needs_processed_at = needs_processed_at || rule->source == ColumnSource::ProcessedAt;
    plan.push_back({&f, *rule, c});
    if (rule->source == ColumnSource::MlfsRecord) plan.back().derived = *mlfs::RecordColumns::resolve(f.name);
  }
  const RowStamps processed_at = needs_processed_at ? row_processed_at(index_path, table) : RowStamps();
  // PCF's context JSON: the row's stored context_* values, read once per row.
  auto column = [&](std::string_view name) -> const IndexColumn& {
    if (const IndexColumn* c = stored(name)) return *c;
    throw std::logic_error("export " + table + ": no stored column " + std::string(name));
  };
  pcf::ContextShown shown;
  std::size_t shown_row = static_cast<std::size_t>(-1);
  auto context_of = [&](std::size_t r) -> const pcf::ContextShown& {
    if (shown_row == r) return shown;
    shown = pcf::context_from_columns(
        [&](std::string_view n) {
          const IndexColumn& c = column(n);
          return c.kind == IndexColumn::F64 ? c.f[r] : static_cast<double>(c.i[r]);
        },
        [&](std::string_view n) { return column(n).s[r]; });
    shown_row = r;
    return shown;
  };
  // MLFS's derived record columns: the row's stored vector and tags, scored
  // once per row; the stored columns they read are looked up once.
  struct RecordSource {
    const IndexColumn *player, *player_id, *date, *game, *opponent, *home, *rest, *features, *tags, *days_before,
        *upstream, *found, *expected;
  };
  std::optional<RecordSource> from;
  std::optional<mlfs::StoredRecord> record;
  std::optional<mlfs::RecordColumns> record_columns;
  std::size_t record_row = static_cast<std::size_t>(-1);
  auto record_of = [&](std::size_t r) -> const mlfs::RecordColumns& {
    if (record_row == r) return *record_columns;
    if (!from)
      from = RecordSource{&column("player_lookup"), &column("universal_player_id"), &column("game_date"),
                          &column("game_id"), &column("opponent_team_abbr"), &column("is_home"), &column("days_rest"),
                          &column("features"), &column("feature_sources"), &column("last_10_days_before"),
                          &column("upstream_incomplete"), &column("actual_games_count"), &column("games_expected")};
    const RecordSource& c = *from;
    const auto span_of = [r](const auto& values, std::size_t width) { return std::span(values.data() + r * width, width); };
    record_columns.reset();
    record = mlfs::StoredRecord{c.player->s[r],  c.player_id->s[r], c.date->s[r], c.game->s[r], c.opponent->s[r],
                                c.home->i[r] != 0, c.rest->f[r],
                                span_of(c.features->f, c.features->width), span_of(c.tags->i8, c.tags->width),
                                span_of(c.days_before->i8, c.days_before->width), c.upstream->i[r], c.found->i[r],
                                c.expected->i[r], *parse_iso_date(c.date->s[r])};
    record_columns.emplace(*record);
    record_row = r;
    return *record_columns;
  };
  std::string line;
  for (const std::size_t r : selected) {
    line = "{";
    for (const auto& p : plan) {
      if (line.size() > 1) line += ", ";
      append_py_json_string(line, p.field->name);
      line += ": ";
      switch (p.rule.source) {
        case ColumnSource::Stored: append_value(line, *p.field, *p.column, r, table); break;
        case ColumnSource::CopyOf: append_value(line, *p.field, *p.column, r, table); break;
        case ColumnSource::Constant: line += p.rule.arg; break;
        case ColumnSource::ProcessedAt:
          if (r >= processed_at.size() || processed_at[r].empty())
            throw std::runtime_error(index_path + ": the shard of row " + std::to_string(r) + " of " + table +
                                     " records no processed_at (written by an older build: rerun those dates)");
          append_py_json_string(line, processed_at[r]);
          break;
        case ColumnSource::MidnightOf: append_py_json_string(line, p.column->s[r] + " 00:00:00"); break;
        case ColumnSource::ArrayWidth: line += std::to_string(p.column->width); break;
        case ColumnSource::PcfContext: append_py_json_string(line, pcf::context_json(p.field->name, context_of(r))); break;
        case ColumnSource::MlfsRecord: record_of(r).append(line, p.derived); break;
      }
    }
    line += "}\n";
    os << line;
  }
  return selected.size();
}

}  // namespace

std::size_t export_table(const std::string& index_path, const std::string& table, std::optional<std::string> start,
                         std::optional<std::string> end, ExportFormat format, std::ostream& os) {
  IndexTable t = read_index_table(index_path, table);
  const std::vector<IndexColumn>& cols = t.columns;
  const IndexColumn* date = t.date_column();
  const std::size_t rows = t.rows();
  std::vector<std::size_t> selected;
  for (std::size_t r = 0; r < rows; ++r)
    if (!date || !((start && date->s[r] < *start) || (end && date->s[r] > *end))) selected.push_back(r);

  if (format == ExportFormat::Ndjson && bq_table_of(table))
    return export_schema_ndjson(index_path, table, cols, selected, os);

  // CSV (for inspection: BigQuery's CSV loads cannot fill the tables' REPEATED
  // columns), and NDJSON of tables outside the original's schemas (failures):
  // the stored columns as they are.
  if (format == ExportFormat::Csv)
    for (const auto& c : cols)
      if (c.kind == IndexColumn::F64Matrix || c.kind == IndexColumn::I8Matrix)
        throw UsageError("table " + table + " has array columns (" + c.name +
                         "); CSV cannot hold arrays: use --format ndjson");
  if (format == ExportFormat::Csv) {
    for (std::size_t k = 0; k < cols.size(); ++k) os << (k ? "," : "") << cols[k].name;
    os << "\n";
  }
  for (const std::size_t r : selected) {
    if (format == ExportFormat::Csv) {
      for (std::size_t k = 0; k < cols.size(); ++k) {
        const auto& c = cols[k];
        if (k) os << ",";
        switch (c.kind) {
          case IndexColumn::Str: os << csv_quote(c.s[r]); break;
          case IndexColumn::F64: if (!std::isnan(c.f[r])) os << shortest(c.f[r]); break;
          case IndexColumn::I64: os << c.i[r]; break;
          case IndexColumn::Bool: os << (c.i[r] ? "true" : "false"); break;
          default: break;
        }
      }
      os << "\n";
      continue;
    }
    std::string line = "{";
    for (const auto& c : cols) {
      if (line.size() > 1) line += ", ";
      append_py_json_string(line, c.name);
      line += ": ";
      switch (c.kind) {
        case IndexColumn::Str:
          if (c.s[r].empty()) line += "null";
          else append_py_json_string(line, c.s[r]);
          break;
        case IndexColumn::F64:
          if (std::isnan(c.f[r])) line += "null";
          else append_py_float(line, c.f[r]);
          break;
        case IndexColumn::I64: line += std::to_string(c.i[r]); break;
        case IndexColumn::Bool: line += c.i[r] ? "true" : "false"; break;
        default: throw std::logic_error("table " + table + ": array column " + c.name + " outside a schema export");
      }
    }
    os << line << "}\n";
  }
  return selected.size();
}

}  // namespace nba
