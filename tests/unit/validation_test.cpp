// `validate`'s checks on hand-built index tables: each seeded defect is found,
// and a clean output has none.
#include <gtest/gtest.h>

#include <cmath>

#include "processors/mlfs/feature_tags.hpp"
#include "test_support.hpp"
#include "validate/output_validation.hpp"

using namespace nba;

namespace {

constexpr int kPlayers = 60;  // >= 50 rows a date: the variance check applies
const Day kDay = *parse_iso_date("2024-01-10");
const std::string kDate = "2024-01-10";

IndexColumn strings(const std::string& name, std::vector<std::string> v) {
  IndexColumn c;
  c.name = name, c.kind = IndexColumn::Str, c.s = std::move(v);
  return c;
}

std::string player(int i) { return "player" + std::to_string(100 + i); }

struct Fixture {
  std::vector<Phase3Expectation> expected;
  ValidationOutput output;
  test::TempDir dir;
  RunLedger ledger = RunLedger::load(dir.path().string());  // empty; appends go to dir/ledger.jsonl

  Fixture() {
    Phase3Expectation e{kDay, false, 30, {}, {}, {}};
    for (int i = 0; i < kPlayers; ++i) e.players.push_back(player(i));
    e.psza_players = e.players;
    e.teams = {"BOS", "NYK"};
    expected.push_back(e);
    // Every player table: one row per player except player 0, who has a failure record.
    std::vector<std::string> dates, names;
    for (int i = 1; i < kPlayers; ++i) dates.push_back(kDate), names.push_back(player(i));
    for (const char* p : {"psza", "pdc", "pcf", "mlfs"}) {
      IndexTable t;
      t.name = p;
      t.columns = {strings(std::string(p) == "pdc" ? "cache_date" : std::string(p) == "mlfs" ? "game_date" : "analysis_date", dates),
                   strings("player_lookup", names)};
      output.tables[p] = t;
    }
    IndexTable tdza;
    tdza.name = "tdza";
    tdza.columns = {strings("analysis_date", {kDate, kDate}), strings("team_abbr", {"BOS", "NYK"})};
    output.tables["tdza"] = tdza;
    // MLFS features that vary between players, tagged as computed.
    IndexColumn f, tags;
    f.name = "features", f.kind = IndexColumn::F64Matrix, f.width = mlfs::kFeatures;
    tags.name = "feature_sources", tags.kind = IndexColumn::I8Matrix, tags.width = mlfs::kFeatures;
    for (int r = 0; r + 1 < kPlayers; ++r)
      for (int i = 0; i < mlfs::kFeatures; ++i) {
        const auto& range = mlfs::feature_range(i);
        f.f.push_back(range.lo + (range.hi - range.lo) * (r % 7) / 7.0);
        tags.i8.push_back(static_cast<std::int8_t>(mlfs::Source::Phase4));
      }
    output.tables["mlfs"].columns.push_back(f);
    output.tables["mlfs"].columns.push_back(tags);
    output.failures.name = "failures";
    output.failures.columns = {strings("processor", {"psza", "pdc", "pcf", "mlfs"}),
                               strings("analysis_date", {kDate, kDate, kDate, kDate}),
                               strings("entity_id", {player(0), player(0), player(0), player(0)}),
                               strings("failure_category", {"INSUFFICIENT_DATA", "INSUFFICIENT_DATA",
                                                            "INSUFFICIENT_DATA", "FILTERED_NO_RECENT_GAMES"})};
    std::vector<LedgerRecord> records;
    for (const char* p : {"tdza", "psza", "pdc", "pcf", "mlfs"}) {
      LedgerRecord r;
      r.processor = p, r.date = kDate, r.status = ledger_status::kDone, r.rows = 1, r.entities = 1;
      records.push_back(r);
    }
    ledger.append(records);
    output.ledger = &ledger;
  }

  IndexColumn& column(const std::string& table, const std::string& name) {
    for (auto& c : output.tables.at(table).columns)
      if (c.name == name) return c;
    throw std::out_of_range(name);
  }
  double& feature(int row, int i) { return column("mlfs", "features").f[static_cast<std::size_t>(row * mlfs::kFeatures + i)]; }

  ValidationReport run() const { return validate_output(expected, output); }
};

std::vector<std::string> checks(const ValidationReport& r, const std::string& severity) {
  std::vector<std::string> out;
  for (const auto& f : r.findings)
    if (f.severity == severity) out.push_back(f.check + " " + f.table);
  return out;
}

}  // namespace

TEST(Validation, CleanOutputHasNoFindings) {
  Fixture fx;
  const ValidationReport r = fx.run();
  EXPECT_TRUE(r.findings.empty()) << r.findings.front().check << ": " << r.findings.front().detail;
  ASSERT_EQ(r.dates.size(), 1u);
  EXPECT_EQ(r.dates[0].flag, "OK");
  EXPECT_EQ(r.dates[0].rows.at("mlfs"), kPlayers - 1);
  EXPECT_EQ(r.dates[0].categories.at("INSUFFICIENT_DATA"), 3);
}

TEST(Validation, APlayerWithNeitherRowNorFailureIsFound) {
  Fixture fx;
  for (auto& c : fx.output.tables.at("pcf").columns) c.s.pop_back();  // the last player's row lost
  const ValidationReport r = fx.run();
  EXPECT_EQ(checks(r, "error"), std::vector<std::string>{"unaccounted_entity pcf"});
  EXPECT_NE(r.findings[0].detail.find(player(kPlayers - 1)), std::string::npos) << r.findings[0].detail;
  EXPECT_EQ(r.dates[0].flag, "FINDINGS");
  EXPECT_TRUE(r.has_errors());
}

TEST(Validation, DuplicateKeysAndRequiredNullsAreFound) {
  Fixture fx;
  fx.column("psza", "player_lookup").s[1] = player(1);  // player 2's row now says player 1
  IndexColumn game_id = strings("game_id", std::vector<std::string>(kPlayers - 1, "20240110_BOS_NYK"));
  game_id.s[7] = "";  // PCF's game_id is REQUIRED
  fx.output.tables.at("pcf").columns.push_back(game_id);
  const ValidationReport r = fx.run();
  const auto errors = checks(r, "error");
  EXPECT_NE(std::find(errors.begin(), errors.end(), "duplicate_key psza"), errors.end());
  EXPECT_NE(std::find(errors.begin(), errors.end(), "unaccounted_entity psza"), errors.end());  // player 2 lost
  EXPECT_NE(std::find(errors.begin(), errors.end(), "null_required pcf"), errors.end());
}

TEST(Validation, FeatureRangesFollowTheOriginal) {
  Fixture fx;
  fx.feature(3, 5) = 150.0;   // fatigue_score above 100: HEAD refuses such a row -> error
  fx.feature(4, 22) = 80.0;   // team_pace below 90: HEAD writes it with a range warning -> warning
  fx.feature(5, 22) = NAN;    // NaN passes, as in HEAD
  const ValidationReport r = fx.run();
  EXPECT_EQ(checks(r, "error"), std::vector<std::string>{"feature_range mlfs"});
  EXPECT_EQ(checks(r, "warning"), std::vector<std::string>{"feature_range mlfs"});
  EXPECT_NE(r.findings[0].detail.find("fatigue_score"), std::string::npos);
}

TEST(Validation, AConstantComputedFeatureIsAnErrorAConstantDefaultAWarning) {
  Fixture fx;
  for (int row = 0; row + 1 < kPlayers; ++row) fx.feature(row, 13) = 112.0;  // opponent_def_rating, phase4 tags
  ValidationReport r = fx.run();
  EXPECT_EQ(checks(r, "error"), std::vector<std::string>{"constant_feature mlfs"});
  EXPECT_NE(r.findings[0].detail.find("opponent_def_rating is 112"), std::string::npos) << r.findings[0].detail;

  auto& tags = fx.column("mlfs", "feature_sources").i8;
  for (int row = 0; row + 1 < kPlayers; ++row) tags[static_cast<std::size_t>(row * mlfs::kFeatures + 13)] = 1;  // default
  r = fx.run();
  EXPECT_TRUE(checks(r, "error").empty());
  EXPECT_EQ(checks(r, "warning"), std::vector<std::string>{"constant_feature mlfs"});

  // Computed, but TDZA had rows for 2 of its 30 teams that day (early season): a warning.
  Fixture early;
  for (int row = 0; row + 1 < kPlayers; ++row) early.feature(row, 6) = 0.0;
  LedgerRecord tdza;
  tdza.processor = "tdza", tdza.date = kDate, tdza.status = ledger_status::kDone, tdza.rows = 2, tdza.entities = 30;
  early.ledger.append({tdza});
  r = early.run();
  EXPECT_TRUE(checks(r, "error").empty());
  ASSERT_EQ(checks(r, "warning"), std::vector<std::string>{"constant_feature mlfs"});
  EXPECT_NE(r.findings[0].detail.find("tdza has rows for 2 of 30 entities"), std::string::npos) << r.findings[0].detail;

  // Fewer than 50 rows on the date: not judged (HEAD's batch minimum).
  Fixture small;
  for (auto& c : small.output.tables.at("mlfs").columns) {
    if (c.kind == IndexColumn::Str) c.s.resize(40);
    if (c.kind == IndexColumn::F64Matrix) c.f.resize(40 * c.width, 112.0);
    if (c.kind == IndexColumn::I8Matrix) c.i8.resize(40 * c.width);
  }
  small.expected[0].players.resize(41);
  EXPECT_TRUE(checks(small.run(), "error").empty());
}

TEST(Validation, DatesNotDoneAreErrorsExceptBootstrap) {
  Fixture fx;
  LedgerRecord failed;
  failed.processor = "pdc", failed.date = kDate, failed.status = ledger_status::kFailed, failed.error = "disk full";
  fx.ledger.append({failed});
  ValidationReport r = fx.run();
  EXPECT_EQ(checks(r, "error"), std::vector<std::string>{"date_not_done pdc"});
  EXPECT_NE(r.findings[0].detail.find("disk full"), std::string::npos);
  EXPECT_EQ(r.dates[0].flag, "INCOMPLETE");

  fx.expected[0].bootstrap = true;  // skipped on a bootstrap date: expected
  r = fx.run();
  EXPECT_TRUE(checks(r, "error").empty());
  EXPECT_EQ(r.dates[0].flag, "BOOTSTRAP");
}
