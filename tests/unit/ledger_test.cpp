#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "calendar/season_calendar.hpp"
#include "core/errors.hpp"
#include "core/fingerprint.hpp"
#include "ledger/run_ledger.hpp"
#include "phase3/phase3_import.hpp"
#include "plan/input_fingerprints.hpp"
#include "plan/store_writing.hpp"
#include "store/hdf5_file.hpp"
#include "store/input_store.hpp"
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
  // The next season reads the whole previous one (one-year windows), the one after does not.
  EXPECT_NE(before.of(*parse_iso_date("2024-11-20")), after.of(*parse_iso_date("2024-11-20")));
  EXPECT_EQ(before.of(*parse_iso_date("2025-11-20")), after.of(*parse_iso_date("2025-11-20")));
  pgs.column("points").values[row] -= 1;
  EXPECT_EQ(InputFingerprints(data).of(*parse_iso_date("2024-06-10")), before.of(*parse_iso_date("2024-06-10")));
}

// Rank 0 plans from the store's /planning hashes and two tables (decision 47):
// they must give exactly what the full tables give, and a damaged hash must be
// refused, not planned from.
TEST(PlanningInput, GivesTheFullTablesFingerprintsAndCalendarAndRefusesADamagedHash) {
  test::TempDir dir;
  synth::write_phase3_csv(synth::generate_league({3, 2023, 2, 1.0}), dir.file("csv"));
  const Phase3Data data = import_phase3_dir(dir.file("csv")).data;
  const std::string store = dir.file("store.h5");
  const std::string fingerprint = write_store_of(store, data);

  PlanningInput in = read_planning_input(store);
  EXPECT_EQ(in.fingerprint_hex, fingerprint);
  const InputFingerprints full(data);
  ASSERT_GT(full.day_hashes().size(), 100u);
  EXPECT_EQ(in.day_hashes, full.day_hashes());
  const InputFingerprints planned(std::move(in.day_hashes), std::move(in.season_reach));
  for (const char* d : {"2023-11-10", "2024-02-01", "2024-06-10", "2024-11-20"})
    EXPECT_EQ(planned.of(*parse_iso_date(d)), full.of(*parse_iso_date(d))) << d;
  const SeasonCalendar from_planning = build_season_calendar(in.schedule_dates, in.schedule_is_regular, in.player_game_dates);
  const SeasonCalendar from_data = build_season_calendar(data);
  EXPECT_EQ(from_planning.game_dates(), from_data.game_dates());
  EXPECT_EQ(from_planning.opening_night(2023), from_data.opening_night(2023));
  EXPECT_EQ(from_planning.opening_night(2024), from_data.opening_night(2024));

  {  // one day's hash changed in place, its checksum not
    h5::Handle f(H5Fopen(store.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
    h5::Handle ds(H5Dopen2(f.id(), "/planning/day_hash", H5P_DEFAULT), H5Dclose);
    std::vector<std::int64_t> hashes(full.day_hashes().size());
    ASSERT_GE(H5Dread(ds.id(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, hashes.data()), 0);
    hashes[hashes.size() / 2] ^= 1;
    ASSERT_GE(H5Dwrite(ds.id(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, hashes.data()), 0);
  }
  try {
    read_planning_input(store);
    FAIL() << "a damaged per-day hash was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("per-day input hashes do not match their checksum"), std::string::npos)
        << e.what();
  }
}

// A write that fails part-way (disk full; here a file-size limit, which fails
// the same write() with EFBIG after a partial one) leaves the ledger ending on
// its last whole line, and the in-memory state unchanged.
TEST(RunLedger, AFailedAppendIsCutBackToTheLastWholeLine) {
  test::TempDir dir;
  RunLedger l = RunLedger::load(dir.path().string());
  l.append({rec("2024-01-01", "done", 30), rec("2024-01-02", "done", 29)});
  const auto path = dir.path() / "ledger.jsonl";
  const auto whole = std::filesystem::file_size(path);

  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit tight = saved;
  tight.rlim_cur = static_cast<rlim_t>(whole + 40);  // room for part of one more line
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &tight), 0);
  std::string error;
  try {
    l.append({rec("2024-01-03", "done", 28), rec("2024-01-04", "done", 27)});
  } catch (const std::exception& e) {
    error = e.what();
  }
  setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);

  EXPECT_NE(error.find("cannot append to ledger"), std::string::npos) << error;
  EXPECT_EQ(std::filesystem::file_size(path), whole);  // the partial batch was cut back off
  EXPECT_EQ(l.latest("tdza", "2024-01-03"), nullptr);
  l.append({rec("2024-01-03", "done", 28)});  // the next append lands on a whole line
  const RunLedger reloaded = RunLedger::load(dir.path().string());
  EXPECT_EQ(reloaded.torn_lines_ignored(), 0u);
  EXPECT_EQ(reloaded.latest("tdza", "2024-01-02")->rows, 29);
  EXPECT_EQ(reloaded.latest("tdza", "2024-01-03")->rows, 28);
  EXPECT_EQ(reloaded.latest("tdza", "2024-01-04"), nullptr);
}
