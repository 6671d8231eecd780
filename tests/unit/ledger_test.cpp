#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "ledger/run_ledger.hpp"
#include "phase3/phase3_import.hpp"
#include "plan/input_fingerprints.hpp"
#include "synth/phase3_writer.hpp"
#include "test_support.hpp"

using namespace nba;

namespace {
LedgerRecord rec(const std::string& date, const std::string& status, std::int64_t rows = 0) {
  LedgerRecord r;
  r.run_id = "r", r.processor = "tdza", r.date = date, r.status = status, r.rows = rows;
  r.code_version = "c", r.input_fingerprint = "i", r.options_fingerprint = "o";
  return r;
}
}  // namespace

TEST(RunLedger, LatestRecordWinsAndAttemptsCount) {
  test::TempDir dir;
  {
    RunLedger l = RunLedger::load(dir.path().string());
    l.append({rec("2024-01-01", "failed")});
    l.append({rec("2024-01-01", "done", 30), rec("2024-01-02", "done", 29)});
  }
  const RunLedger l = RunLedger::load(dir.path().string());
  ASSERT_NE(l.latest("tdza", "2024-01-01"), nullptr);
  EXPECT_EQ(l.latest("tdza", "2024-01-01")->status, "done");
  EXPECT_EQ(l.latest("tdza", "2024-01-01")->attempt, 2);
  EXPECT_EQ(l.latest("tdza", "2024-01-02")->rows, 29);
  EXPECT_EQ(l.latest("psza", "2024-01-01"), nullptr);
}

TEST(RunLedger, TornLastLineFromACrashIsIgnoredAndRepaired) {
  test::TempDir dir;
  RunLedger::load(dir.path().string()).append({rec("2024-01-01", "done", 30)});
  {
    std::ofstream f(dir.file("ledger.jsonl"), std::ios::app);
    f << R"({"run_id":"r","processor":"tdza","date":"2024-01-02","sta)";  // crash mid-write
  }
  RunLedger l = RunLedger::load(dir.path().string());
  EXPECT_EQ(l.torn_lines_ignored(), 1u);
  EXPECT_EQ(l.latest("tdza", "2024-01-02"), nullptr);
  l.append({rec("2024-01-03", "done", 28)});  // appending after a torn line stays readable
  const RunLedger again = RunLedger::load(dir.path().string());
  EXPECT_EQ(again.torn_lines_ignored(), 0u);
  EXPECT_EQ(again.latest("tdza", "2024-01-03")->rows, 28);
}

TEST(RunLedger, CorruptLineInTheMiddleIsAnErrorNamingTheLine) {
  test::TempDir dir;
  RunLedger::load(dir.path().string()).append({rec("2024-01-01", "done")});
  {
    std::ofstream f(dir.file("ledger.jsonl"), std::ios::app);
    f << "garbage\n";
    f << R"({"run_id":"r","processor":"tdza","date":"2024-01-02"})" << "\n";
  }
  try {
    RunLedger::load(dir.path().string());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2);
  }
}

TEST(InputFingerprints, ACorrectionChangesExactlyTheDatesThatCanSeeIt) {
  test::TempDir dir;
  synth::write_phase3_csv(synth::generate_league({3, 2023, 2, 1.0}), dir.file("csv"));
  Phase3Data data = import_phase3_dir(dir.file("csv")).data;
  const InputFingerprints before(data);
  // Change one box score on 2024-02-01.
  Table& pgs = data.table(tables::kPlayerGames);
  const Day fix = *parse_iso_date("2024-02-01");
  auto& dates = pgs.values("game_date");
  const auto row = static_cast<std::size_t>(std::find(dates.begin(), dates.end(), fix) - dates.begin());
  pgs.column("points").values[row] += 1;
  const InputFingerprints after(data);
  for (const char* d : {"2023-11-10", "2024-01-31"}) EXPECT_EQ(before.of(*parse_iso_date(d)), after.of(*parse_iso_date(d))) << d;
  for (const char* d : {"2024-02-01", "2024-02-02", "2024-06-10"}) EXPECT_NE(before.of(*parse_iso_date(d)), after.of(*parse_iso_date(d))) << d;
  // The next season sees the last 200 days before its October 1 (previous-season team windows).
  EXPECT_EQ(before.of(*parse_iso_date("2024-11-20")), after.of(*parse_iso_date("2024-11-20")));
  pgs.column("points").values[row] -= 1;
  EXPECT_EQ(InputFingerprints(data).of(*parse_iso_date("2024-06-10")), before.of(*parse_iso_date("2024-06-10")));
}
