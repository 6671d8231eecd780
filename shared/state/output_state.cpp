#include "state/output_state.hpp"

#include <filesystem>
#include <iomanip>
#include <set>

#include "engine/unit_tables.hpp"
#include "processors/processor_table.hpp"
#include "output/run_index.hpp"
#include "output/shard_reader.hpp"
#include "store/file_checksum.hpp"

namespace nba {

namespace fs = std::filesystem;

const char* condition_name(Condition c) {
  switch (c) {
    case Condition::Fresh: return "fresh";
    case Condition::Stale: return "stale";
    case Condition::Failed: return "failed";
    case Condition::Missing: return "missing";
  }
  return "?";
}

OutputState::OutputState(std::string out_dir, std::string code_version, std::string options_fingerprint,
                         const InputFingerprints& fingerprints)
    : out_dir_(std::move(out_dir)),
      code_version_(std::move(code_version)),
      options_fingerprint_(std::move(options_fingerprint)),
      fingerprints_(fingerprints),
      ledger_(RunLedger::load(out_dir_)) {}

bool OutputState::shard_ok(const LedgerRecord& r) const {
  auto it = shard_checks_.find(r.shard);
  if (it == shard_checks_.end()) {
    ShardCheck check;
    const std::string path = (fs::path(out_dir_) / r.shard).string();
    try {
      const ShardReader shard(path);
      shard.summary();
      check.rows = row_ranges(shard.date_status());
      check.crc32 = file_crc32_hex(path);
      check.opens = true;
    } catch (const std::exception&) {
      check.opens = false;  // missing, truncated or corrupt: the dates it holds must be recomputed
    }
    it = shard_checks_.emplace(r.shard, std::move(check)).first;
  }
  const ShardCheck& c = it->second;
  return c.opens && (r.shard_crc32.empty() || r.shard_crc32 == c.crc32) &&
         (c.rows ? c.rows->holds(r.processor, r.date) : c.held.count({r.processor, r.date}) > 0);
}

void OutputState::record(const std::string& shard_written, std::vector<LedgerRecord> records) {
  shard_checks_.erase(shard_written);
  std::map<std::string, ShardCheck> accepted;
  // Rank 0 checked the shard's identity against the unit before these records.
  for (const auto& r : records)
    if (r.status == ledger_status::kDone && !r.shard.empty()) {
      ShardCheck& check = accepted[r.shard];
      check.opens = true;
      check.crc32 = r.shard_crc32;
      check.held.emplace(r.processor, r.date);
    }
  ledger_.append(std::move(records));
  for (auto& [shard, check] : accepted) shard_checks_[shard] = std::move(check);
}

Condition OutputState::condition(const std::string& processor, Day d) const {
  const LedgerRecord* r = ledger_.latest(processor, format_iso_date(d));
  if (!r) return Condition::Missing;
  if (r->status == ledger_status::kFailed) return Condition::Failed;
  if (r->status != ledger_status::kDone) return Condition::Missing;
  if (!shard_ok(*r)) return Condition::Missing;
  if (r->input_fingerprint != fingerprints_.of(d) || r->options_fingerprint != options_fingerprint_ ||
      r->code_version != code_version_)
    return Condition::Stale;
  return Condition::Fresh;
}

Condition OutputState::condition(Day d, const std::vector<std::string>& processors) const {
  Condition worst = Condition::Fresh;
  for (const auto& p : processors.empty() ? processor_names() : processors) {
    const Condition c = condition(p, d);
    if (static_cast<int>(c) > static_cast<int>(worst)) worst = c;
  }
  return worst;
}

namespace {

void add_segment(std::vector<IndexSegment>& segments, const std::string& shard, std::pair<std::int64_t, std::int64_t> at,
                 std::int64_t source_rows) {
  if (at.second == 0) return;
  // Extend the previous segment when this range continues it in the same shard.
  if (!segments.empty() && segments.back().relative_path == shard &&
      segments.back().offset + segments.back().count == at.first) {
    segments.back().count += at.second;
    return;
  }
  segments.push_back({shard, at.first, at.second, source_rows});
}

}  // namespace

std::size_t OutputState::rebuild_index(const std::vector<std::pair<std::string, std::string>>& root_attrs) {
  // processor -> date -> shard of its latest done record (in a valid shard).
  std::map<std::string, std::map<std::string, std::string>> shard_of;
  std::set<std::string> dates;
  for (const auto& [key, r] : ledger_.latest_all())
    if (r.status == ledger_status::kDone && shard_ok(r)) {
      shard_of[r.processor][r.date] = r.shard;
      dates.insert(r.date);
    }
  // Row ranges of each shard mapped: kept from the shard's check at planning,
  // or read now (shards this run wrote).
  std::set<std::string> mapped;
  auto shard_dates = [&](const std::string& shard) -> const ShardRowRanges& {
    mapped.insert(shard);
    auto& check = shard_checks_[shard];  // every shard read here passed shard_ok
    if (!check.rows) check.rows = row_ranges(ShardReader((fs::path(out_dir_) / shard).string()).date_status());
    return *check.rows;
  };
  IndexTables index;
  for (const auto& p : processor_names()) {
    std::vector<IndexSegment> segments;
    for (const auto& [date, shard] : shard_of[p]) {
      const ShardRowRanges& sd = shard_dates(shard);
      add_segment(segments, shard, sd.at.at(date).at(p), sd.table_rows.at(p));
    }
    index.emplace_back(p, std::move(segments));
  }
  for (const std::string table : {kFailuresTable, kDateStatusTable}) {
    std::vector<IndexSegment> segments;
    for (const auto& date : dates)
      for (const auto& p : processor_names()) {
        auto it = shard_of[p].find(date);
        if (it == shard_of[p].end()) continue;
        const ShardRowRanges& sd = shard_dates(it->second);
        add_segment(segments, it->second, sd.at.at(date).at(table + "/" + p), sd.table_rows.at(table));
      }
    index.emplace_back(table, std::move(segments));
  }
  std::vector<IndexSource> sources;
  for (const auto& shard : mapped) {
    auto& check = shard_checks_[shard];
    if (check.crc32.empty()) check.crc32 = file_crc32_hex((fs::path(out_dir_) / shard).string());
    sources.push_back({shard, check.crc32});
  }
  write_run_index(out_dir_, index, root_attrs, sources);
  return dates.size();
}

std::vector<SeasonCoverage> coverage(const OutputState& state, const SeasonCalendar& calendar, std::optional<Day> from,
                                     std::optional<Day> to) {
  std::map<int, SeasonCoverage> seasons;
  for (Day d : calendar.game_dates()) {
    if ((from && d < *from) || (to && d > *to)) continue;
    SeasonCoverage& s = seasons[season_year_of(d)];
    s.season = season_year_of(d);
    ++s.game_dates;
    const bool bootstrap = calendar.is_bootstrap(d);
    s.bootstrap += bootstrap;
    for (const auto& p : processor_names()) {
      ProcessorCoverage& c = s.processors[p];
      const Condition condition = state.condition(p, d);
      if (bootstrap) {  // not expected; counted when --include-bootstrap computed it
        if (condition != Condition::Fresh) continue;
        ++c.bootstrap_done;
      }
      switch (condition) {
        case Condition::Fresh: {
          const LedgerRecord* r = state.ledger().latest(p, format_iso_date(d));
          c.rows += r->rows;
          for (const auto& [cat, n] : r->failures) c.failure_records += n;
          if (bootstrap) break;
          ++c.done;
          c.zero_rows += r->rows == 0;
          break;
        }
        case Condition::Stale: ++c.stale; break;
        case Condition::Failed: ++c.failed; break;
        case Condition::Missing: ++c.missing; break;
      }
    }
  }
  std::vector<SeasonCoverage> out;
  for (auto& [k, v] : seasons) out.push_back(v);
  return out;
}

void print_coverage(std::ostream& os, const std::vector<SeasonCoverage>& seasons) {
  os << "Coverage per season (dates with games; bootstrap = first 14 days after opening night; boot-done = of\n"
        "those, computed by run --include-bootstrap)\n";
  for (const auto& p : processor_names()) {
    os << "\n" << std::left << std::setw(9) << p << std::right << std::setw(7) << "dates" << std::setw(11)
       << "bootstrap" << std::setw(11) << "boot-done" << std::setw(7) << "done" << std::setw(11) << "zero-rows" << std::setw(7) << "stale"
       << std::setw(8) << "failed" << std::setw(9) << "missing" << std::setw(10) << "rows" << std::setw(11)
       << "failures" << "\n";
    SeasonCoverage total;
    auto line = [&](const std::string& label, const SeasonCoverage& s) {
      const ProcessorCoverage c = s.processors.count(p) ? s.processors.at(p) : ProcessorCoverage{};
      os << std::left << std::setw(9) << label << std::right << std::setw(7) << s.game_dates << std::setw(11)
         << s.bootstrap << std::setw(11) << c.bootstrap_done << std::setw(7) << c.done << std::setw(11) << c.zero_rows << std::setw(7) << c.stale
         << std::setw(8) << c.failed << std::setw(9) << c.missing << std::setw(10) << c.rows << std::setw(11)
         << c.failure_records << "\n";
    };
    for (const auto& s : seasons) {
      line(season_label(s.season), s);
      total.game_dates += s.game_dates, total.bootstrap += s.bootstrap;
      if (s.processors.count(p)) {
        auto& t = total.processors[p];
        const auto& c = s.processors.at(p);
        t.done += c.done, t.zero_rows += c.zero_rows, t.stale += c.stale, t.failed += c.failed;
        t.bootstrap_done += c.bootstrap_done;
        t.missing += c.missing, t.rows += c.rows, t.failure_records += c.failure_records;
      }
    }
    line("total", total);
  }
}

std::vector<Gap> find_gaps(const OutputState& state, const SeasonCalendar& calendar, std::optional<Day> from,
                           std::optional<Day> to) {
  std::vector<Gap> gaps;
  for (Day d : calendar.game_dates()) {
    if ((from && d < *from) || (to && d > *to) || calendar.is_bootstrap(d)) continue;
    Gap g{d, Condition::Fresh, {}, {}};
    for (const auto& p : processor_names()) {
      const Condition c = state.condition(p, d);
      if (c == Condition::Fresh) continue;
      g.processors.push_back(p);
      if (static_cast<int>(c) > static_cast<int>(g.condition)) g.condition = c;
      if (c == Condition::Failed && g.error.empty()) g.error = state.ledger().latest(p, format_iso_date(d))->error;
    }
    if (!g.processors.empty()) gaps.push_back(std::move(g));
  }
  return gaps;
}

}  // namespace nba
