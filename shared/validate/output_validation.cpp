#include "validate/output_validation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/null_value.hpp"
#include "output/bq_schema.hpp"
#include "processors/mlfs/feature_tags.hpp"
#include "processors/processor_table.hpp"

namespace nba {

namespace {

// HEAD's validate_batch_variance: the features it watches for a value that is
// the same for every player of a date (ZERO_VARIANCE: population std < 1e-4 and
// one distinct value at 4 places), on dates with >= 50 rows and >= 25 values.
constexpr int kVarianceWatched[] = {0, 1, 2, 3, 5, 6, 13, 14, 22, 23, 24, 25, 31, 32, 38, 41, 42, 43, 47, 48};
constexpr std::size_t kVarianceMinRows = 50, kVarianceMinValues = 25;
constexpr int kCriticalRangeFeature = 5;  // fatigue_score: HEAD refuses to write the row

std::string list_some(const std::vector<std::string>& items, std::size_t n = 5) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < n; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > n) out += ", ... (" + std::to_string(items.size()) + ")";
  return out;
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

bool is_null(const IndexColumn& c, std::size_t r) {
  switch (c.kind) {
    case IndexColumn::Str: return c.s[r].empty();
    case IndexColumn::F64: return std::isnan(c.f[r]);
    case IndexColumn::I64:
    case IndexColumn::Bool: return c.i[r] == kNull;
    default: return false;  // arrays: never NULL in BigQuery
  }
}

// Row positions of each date of a table (the index stores rows in date order).
std::map<std::string, std::vector<std::size_t>> rows_by_date(const IndexTable& t, const char* date_column) {
  std::map<std::string, std::vector<std::size_t>> out;
  if (const IndexColumn* d = t.find(date_column))
    for (std::size_t r = 0; r < d->s.size(); ++r) out[d->s[r]].push_back(r);
  return out;
}

class Validator {
 public:
  Validator(const std::vector<Phase3Expectation>& expected, const ValidationOutput& out) : expected_(expected), out_(out) {
    for (const auto& e : expected) in_range_.insert(format_iso_date(e.date));
  }

  ValidationReport run() {
    index_failures();
    for (const auto& keys : validated_tables()) check_table(keys);
    check_mlfs_values();
    for (const auto& e : expected_) report_.dates.push_back(date_line(e));
    return std::move(report_);
  }

 private:
  void add(const char* severity, const char* check, const std::string& table, const std::string& date,
           const std::string& detail) {
    report_.findings.push_back({severity, check, table, date, detail});
    if (!date.empty() && std::string(severity) == "error") dates_with_errors_.insert(date);
  }

  void index_failures() {
    const IndexTable& f = out_.failures;
    const IndexColumn *p = f.find("processor"), *d = f.find("analysis_date"), *e = f.find("entity_id"),
                      *c = f.find("failure_category");
    if (!p || !d || !e || !c) return;
    for (std::size_t r = 0; r < f.rows(); ++r) {
      failed_[{p->s[r], d->s[r]}].insert(e->s[r]);
      ++categories_[d->s[r]][c->s[r]];
    }
  }

  const IndexTable* table(const std::string& processor) const {
    auto it = out_.tables.find(processor);
    return it == out_.tables.end() ? nullptr : &it->second;
  }

  void check_table(const TableKeys& keys) {
    const IndexTable* t = table(keys.processor);
    if (!t || t->rows() == 0) return;
    const IndexColumn& entity = t->at(keys.entity);
    for (auto& [date, rows] : rows_by_date(*t, keys.date)) {
      if (!in_range_.count(date)) continue;
      std::map<std::string, int> seen;
      std::vector<std::string> twice;
      for (std::size_t r : rows)
        if (++seen[entity.s[r]] == 2) twice.push_back(entity.s[r]);
      if (!twice.empty())
        add("error", "duplicate_key", keys.processor, date,
            std::to_string(twice.size()) + " " + keys.entity + " with more than one row: " + list_some(twice));
      auto& present = entities_[keys.processor][date];
      for (const auto& [name, n] : seen) present.insert(name);
      at_[keys.processor][date] = std::move(rows);
    }
    check_required(*t, keys.processor);
  }

  // REQUIRED columns of the original's schema that the index stores.
  void check_required(const IndexTable& t, const std::string& processor) {
    const auto bq = bq_table_of(processor);
    if (!bq) return;
    const IndexColumn* date = t.date_column();
    for (const BqField& f : bq_schema(*bq)) {
      if (!f.required()) continue;
      const IndexColumn* c = t.find(f.name);
      if (!c) continue;  // rendered by export (processed_at, the JSON texts, ...)
      std::map<std::string, std::size_t> nulls;
      for (std::size_t r = 0; r < c->rows(); ++r)
        if (is_null(*c, r) && (!date || in_range_.count(date->s[r]))) ++nulls[date ? date->s[r] : ""];
      for (const auto& [d, n] : nulls)
        add("error", "null_required", processor, d, std::to_string(n) + " NULL value(s) in REQUIRED column " + f.name);
    }
  }

  void check_mlfs_values() {
    const IndexTable* t = table("mlfs");
    if (!t || t->rows() == 0 || !t->find("features")) return;
    const IndexColumn& features = t->at("features");
    for (const auto& [date, rows] : at_["mlfs"]) {  // in-range dates only
      // Out of HEAD's validate_feature_ranges bounds (inclusive; NaN passes, as there).
      std::map<int, std::vector<std::string>> outside;
      for (std::size_t r : rows)
        for (int i = 0; i < mlfs::kFeatures; ++i) {
          const double v = features.f[r * features.width + static_cast<std::size_t>(i)];
          const auto& range = mlfs::feature_range(i);
          if (!std::isnan(v) && (v < range.lo || v > range.hi)) outside[i].push_back(number_text(v));
        }
      for (const auto& [i, values] : outside) {
        const auto& range = mlfs::feature_range(i);
        add(i == kCriticalRangeFeature ? "error" : "warning", "feature_range", "mlfs", date,
            "feature " + std::to_string(i) + " " + std::string(range.name) + " outside [" + std::string(range.lo_text) +
                ", " + std::string(range.hi_text) + "] in " + std::to_string(values.size()) +
                " row(s): " + list_some(values, 3));
      }
      if (rows.size() < kVarianceMinRows) continue;
      for (const int i : kVarianceWatched) {
        std::vector<double> values;
        for (std::size_t r : rows) {
          const double v = features.f[r * features.width + static_cast<std::size_t>(i)];
          if (!std::isnan(v)) values.push_back(v);
        }
        if (values.size() < kVarianceMinValues) continue;
        double mean = 0, var = 0;
        for (double v : values) mean += v;
        mean /= static_cast<double>(values.size());
        for (double v : values) var += (v - mean) * (v - mean);
        const double std_dev = std::sqrt(var / static_cast<double>(values.size()));
        std::set<double> distinct;
        for (double v : values) distinct.insert(std::round(v * 1e4) / 1e4);
        if (std_dev < 1e-4 && distinct.size() == 1) {
          // Expected where MLFS had nothing to vary on: every value a default,
          // or a same-date upstream table with rows for fewer than half its
          // entities (bootstrap dates, early season before teams have 15
          // games). Then a warning; a computed constant is an error.
          std::string why = sparse_upstream(date);
          if (why.empty() && all_defaults(*t, rows, i)) why = "every value a default";
          add(why.empty() ? "error" : "warning", "constant_feature", "mlfs", date,
              "feature " + std::to_string(i) + " " + std::string(mlfs::feature_range(i).name) + " is " +
                  number_text(values.front()) + " for all " + std::to_string(values.size()) + " players" +
                  (why.empty() ? "" : " (" + why + ")"));
        }
      }
    }
  }

  // Whether every row's tag of feature i is default-like (the stored feature_sources).
  static bool all_defaults(const IndexTable& t, const std::vector<std::size_t>& rows, int i) {
    const IndexColumn* tags = t.find("feature_sources");
    if (!tags) return false;
    return std::all_of(rows.begin(), rows.end(), [&](std::size_t r) {
      return mlfs::is_default_like(static_cast<mlfs::Source>(tags->i8[r * tags->width + static_cast<std::size_t>(i)]));
    });
  }

  std::int64_t rows_on(const std::string& processor, const std::string& date) const {
    const auto t = at_.find(processor);
    if (t == at_.end()) return 0;
    const auto d = t->second.find(date);
    return d == t->second.end() ? 0 : static_cast<std::int64_t>(d->second.size());
  }

  // The same-date upstream tables MLFS reads that have rows for fewer than half
  // of their entities on `date` (none at all on a bootstrap date), as text.
  std::string sparse_upstream(const std::string& date) const {
    std::string out;
    for (const char* p : {"tdza", "psza", "pdc", "pcf"}) {
      const std::int64_t rows = rows_on(p, date);
      const LedgerRecord* r = out_.ledger ? out_.ledger->latest(p, date) : nullptr;
      const std::int64_t entities = r && r->status == ledger_status::kDone ? r->entities : 0;
      if (rows == 0 || 2 * rows < entities)
        out += (out.empty() ? "" : ", ") + std::string(p) + " has rows for " + std::to_string(rows) + " of " +
               std::to_string(entities) + " entities";
    }
    return out;
  }

  DateLine date_line(const Phase3Expectation& e) {
    DateLine line{e.date, e.bootstrap, e.games, e.players.size(), e.teams.size(), {}, {}, {}, {}, ""};
    const std::string date = format_iso_date(e.date);
    bool all_done = true;
    for (const auto& keys : validated_tables()) {
      const std::string p = keys.processor;
      const LedgerRecord* r = out_.ledger ? out_.ledger->latest(p, date) : nullptr;
      const std::string status = r ? r->status : "missing";
      line.status[p] = status;
      line.rows[p] = rows_on(p, date);
      line.entities[p] = r ? r->entities : 0;
      if (status != ledger_status::kDone) {
        if (!e.bootstrap) {
          all_done = false;
          add("error", "date_not_done", p, date,
              status + (r && !r->error.empty() ? ": " + r->error : std::string()) +
                  " (run --gaps or --retry-failed to compute it)");
        }
        continue;
      }
      check_entities(p, date, p == "tdza" ? e.teams : p == "psza" ? e.psza_players : e.players);
    }
    if (auto it = categories_.find(date); it != categories_.end())
      line.categories.insert(it->second.begin(), it->second.end());
    line.flag = e.bootstrap ? "BOOTSTRAP" : !all_done ? "INCOMPLETE" : dates_with_errors_.count(date) ? "FINDINGS" : "OK";
    return line;
  }

  // Every expected entity has a row or a failure record naming why (the
  // original's validate_backfill_coverage --reconcile).
  void check_entities(const std::string& p, const std::string& date, const std::vector<std::string>& expected) {
    const auto& rows = entities_[p][date];
    const auto failed = failed_.find({p, date});
    std::vector<std::string> unaccounted;
    for (const auto& name : expected)
      if (!rows.count(name) && (failed == failed_.end() || !failed->second.count(name))) unaccounted.push_back(name);
    if (!unaccounted.empty())
      add("error", "unaccounted_entity", p, date,
          std::to_string(unaccounted.size()) + " of " + std::to_string(expected.size()) +
              " expected entities have neither a row nor a failure record: " + list_some(unaccounted));
  }

  const std::vector<Phase3Expectation>& expected_;
  const ValidationOutput& out_;
  ValidationReport report_;
  std::map<std::pair<std::string, std::string>, std::set<std::string>> failed_;  // (processor, date) -> entities
  std::map<std::string, std::map<std::string, std::int64_t>> categories_;       // date -> category -> n
  // processor -> in-range date -> its row positions in the index table
  std::map<std::string, std::map<std::string, std::vector<std::size_t>>> at_;
  std::map<std::string, std::map<std::string, std::set<std::string>>> entities_;
  std::set<std::string> dates_with_errors_;
  std::set<std::string> in_range_;  // the selected dates, as the index spells them
};

}  // namespace

bool ValidationReport::has_errors() const {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == "error"; });
}

const std::vector<TableKeys>& validated_tables() {
  static const std::vector<TableKeys> keys = {{"tdza", "analysis_date", "team_abbr"},
                                              {"psza", "analysis_date", "player_lookup"},
                                              {"pdc", "cache_date", "player_lookup"},
                                              {"pcf", "analysis_date", "player_lookup"},
                                              {"mlfs", "game_date", "player_lookup"}};
  return keys;
}

ValidationReport validate_output(const std::vector<Phase3Expectation>& expected, const ValidationOutput& output) {
  return Validator(expected, output).run();
}

}  // namespace nba
