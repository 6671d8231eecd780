#include <gtest/gtest.h>

#include <zlib.h>

#include <set>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "phase3/phase3_import.hpp"
#include "phase3/schema.hpp"
#include "phase3/table_files.hpp"
#include "synth/league_model.hpp"
#include "synth/phase3_writer.hpp"
#include "test_support.hpp"

using namespace nba;

namespace {

const char* kHeader =
    "game_id,game_date,defending_team_abbr,opponent_team_abbr,points_allowed,opp_three_pt_attempts,"
    "opp_three_pt_makes,opp_paint_attempts,opp_paint_makes,opp_mid_range_attempts,opp_mid_range_makes,"
    "points_in_paint_allowed,defensive_rating,opponent_pace,extra_ignored\n";

std::string row(const std::string& date, const std::string& team, const std::string& rating = "112.5") {
  return "g1," + date + "," + team + ",XYZ,110,35,12,35,20,20,8,40," + rating + ",99.2,whatever\n";
}

struct Imported {
  Table table;
  StringPool strings;
  std::vector<std::string> warnings;
};

Imported import_text(const test::TempDir& dir, const std::string& text) {
  test::write_text(dir.file("tdgs.csv"), text);
  Imported r;
  r.table = import_table_file(phase3_table_spec(tables::kTeamDefense), dir.file("tdgs.csv"), r.strings, r.warnings);
  return r;
}

InputError expect_input_error(const test::TempDir& dir, const std::string& text) {
  try {
    import_text(dir, text);
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError";
  return InputError("", 0, "", "");
}

}  // namespace

TEST(Phase3Import, ParsesTypesAndIgnoresExtraColumns) {
  test::TempDir dir;
  auto r = import_text(dir, std::string(kHeader) + row("2024-01-02", "BOS") + row("2024-01-03", "BOS"));
  EXPECT_EQ(r.table.rows(), 2u);
  EXPECT_EQ(r.table.values("defensive_rating")[0], 11250);  // NUMERIC(6,2) scaled
  EXPECT_EQ(r.table.values("opponent_pace")[0], 992);
  EXPECT_EQ(r.strings.at(r.table.values("defending_team_abbr")[1]), "BOS");
  // optional columns absent from the header import as NULL, with a warning each
  EXPECT_EQ(r.table.values("blocks_paint")[0], kNull);
  EXPECT_FALSE(r.warnings.empty());
}

TEST(Phase3Import, EmptyFieldIsNull) {
  test::TempDir dir;
  auto r = import_text(dir, std::string(kHeader) + row("2024-01-02", "BOS", ""));
  EXPECT_EQ(r.table.values("defensive_rating")[0], kNull);
}

TEST(Phase3Import, MissingRequiredColumnNamesTheColumn) {
  test::TempDir dir;
  std::string header = kHeader;
  header.replace(header.find("opponent_pace,"), 14, "");
  auto e = expect_input_error(dir, header + "g,2024-01-02,BOS,X,1,1,1,1,1,1,1,1,1,x\n");
  EXPECT_EQ(e.column(), "opponent_pace");
  EXPECT_EQ(e.line(), 1);
}

TEST(Phase3Import, UnparsableValueNamesLineAndColumn) {
  test::TempDir dir;
  auto e = expect_input_error(dir, std::string(kHeader) + row("2024-01-02", "BOS") + row("2024-01-03", "BOS", "fast"));
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.column(), "defensive_rating");
  EXPECT_NE(std::string(e.what()).find("'fast'"), std::string::npos);
}

TEST(Phase3Import, BadDateNamesLineAndColumn) {
  test::TempDir dir;
  auto e = expect_input_error(dir, std::string(kHeader) + row("2024-02-30", "BOS"));
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.column(), "game_date");
}

TEST(Phase3Import, DuplicateKeyNamesBothLines) {
  test::TempDir dir;
  auto e = expect_input_error(dir, std::string(kHeader) + row("2024-01-02", "BOS") + row("2024-01-02", "NYK") +
                                       row("2024-01-02", "BOS"));
  EXPECT_EQ(e.line(), 4);
  EXPECT_NE(std::string(e.what()).find("first seen on line 2"), std::string::npos) << e.what();
}

TEST(Phase3Import, WrongFieldCountAndEmptyKeyAndHeaderOnly) {
  test::TempDir dir;
  EXPECT_EQ(expect_input_error(dir, std::string(kHeader) + "g,2024-01-02,BOS\n").line(), 2);
  EXPECT_EQ(expect_input_error(dir, std::string(kHeader) + row("2024-01-02", "")).column(), "defending_team_abbr");
  EXPECT_NE(std::string(expect_input_error(dir, kHeader).what()).find("no rows"), std::string::npos);
}

TEST(Phase3Import, DirectoryImportNamesTheMissingTable) {
  test::TempDir dir;
  try {
    import_phase3_dir(dir.path().string());
    FAIL();
  } catch (const InputError& e) {
    // The schedule is read first (the other tables' dates are checked against it).
    EXPECT_NE(std::string(e.what()).find("missing input table: expected schedule.csv"), std::string::npos)
        << e.what();
  }
}

namespace {

// A small synthetic league as CSV files (one season).
void write_league_csv(const std::string& dir) { synth::write_phase3_csv(synth::generate_league({3, 2023, 1, 0.3}), dir); }

// The tables import_phase3_dir reads on several threads, in schema order.
std::vector<std::string> threaded_tables(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& spec : phase3_table_specs())
    if (spec.name != tables::kSchedule && table_files_exist(dir, spec.name)) names.push_back(spec.name);
  return names;
}

}  // namespace

TEST(Phase3Import, TablesReadInParallelEqualOneSharedPoolReadInOrder) {
  test::TempDir dir;
  const std::string csv = dir.file("csv");
  write_league_csv(csv);
  const Phase3Data got = import_phase3_dir(csv).data;

  // The reference: every table in schema order through one string pool.
  Phase3Data want;
  std::vector<std::string> warnings;
  const TableSpec& schedule_spec = phase3_table_spec(tables::kSchedule);
  Table schedule = import_table_files(schedule_spec, locate_table_files(csv, schedule_spec.name), want.strings, warnings);
  std::set<Day> dates;
  for (auto v : schedule.values("game_date")) dates.insert(static_cast<Day>(v));
  for (const auto& spec : phase3_table_specs()) {
    if (spec.name == schedule_spec.name) {
      want.tables.push_back(schedule);
    } else if (!table_files_exist(csv, spec.name)) {
      want.tables.emplace_back(spec);
    } else {
      want.tables.push_back(import_table_files(spec, locate_table_files(csv, spec.name), want.strings, warnings, &dates));
    }
  }
  finalize_phase3(want);

  ASSERT_GE(threaded_tables(csv).size(), 4u);
  EXPECT_EQ(got.strings.bytes(), want.strings.bytes());
  EXPECT_EQ(got.strings.offsets(), want.strings.offsets());
  ASSERT_EQ(got.tables.size(), want.tables.size());
  for (std::size_t t = 0; t < got.tables.size(); ++t) {
    ASSERT_EQ(got.tables[t].name(), want.tables[t].name());
    EXPECT_EQ(got.tables[t].rows(), want.tables[t].rows()) << got.tables[t].name();
    for (std::size_t c = 0; c < got.tables[t].columns().size(); ++c)
      EXPECT_EQ(got.tables[t].columns()[c].values, want.tables[t].columns()[c].values)
          << got.tables[t].name() << "." << got.tables[t].columns()[c].spec.name;
  }
}

TEST(Phase3Import, WithTwoBadTablesTheErrorNamesTheFirstInSchemaOrder) {
  test::TempDir dir;
  const std::string csv = dir.file("csv");
  write_league_csv(csv);
  const auto names = threaded_tables(csv);
  ASSERT_GE(names.size(), 2u);
  // The last table is damaged too, and is small: a thread may well reach it first.
  for (const auto& name : {names.front(), names.back()}) {
    // A second gzip member: the reader takes a .csv.gz of several members, as gzip does.
    gzFile f = gzopen(locate_table_files(csv, name).front().c_str(), "ab");
    ASSERT_NE(f, nullptr);
    gzputs(f, "only,three,fields\n");
    ASSERT_EQ(gzclose(f), Z_OK);
  }
  for (int attempt = 0; attempt < 5; ++attempt) {
    try {
      import_phase3_dir(csv);
      FAIL() << "expected an InputError";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(names.front()), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).find(names.back()), std::string::npos) << e.what();
    }
  }
}

TEST(StringPool, InternAndFindThroughGrowthSortingAndAssign) {
  StringPool pool;
  std::vector<std::string> words;
  for (int i = 0; i < 50000; ++i) words.push_back("w" + std::to_string(i * 7919 % 100003));
  for (std::size_t i = 0; i < words.size(); ++i) ASSERT_EQ(pool.intern(words[i]), static_cast<std::int64_t>(i));
  EXPECT_EQ(pool.intern(""), static_cast<std::int64_t>(words.size()));  // the empty string is a value too
  for (std::size_t i = 0; i < words.size(); i += 97) {
    EXPECT_EQ(pool.intern(words[i]), static_cast<std::int64_t>(i));
    EXPECT_EQ(pool.find(words[i]), static_cast<std::int64_t>(i));
    EXPECT_EQ(pool.at(static_cast<std::int64_t>(i)), words[i]);
  }
  EXPECT_EQ(pool.find("absent"), -1);
  EXPECT_EQ(pool.find(""), static_cast<std::int64_t>(words.size()));

  const auto remap = pool.finalize_sorted();  // binary search from here
  for (std::size_t i = 0; i < words.size(); i += 97) EXPECT_EQ(pool.find(words[i]), remap[i]);
  const auto sorted_size = static_cast<std::int64_t>(pool.size());
  EXPECT_EQ(pool.intern(words[5]), remap[5]);  // back to hashing: the old ids stay
  EXPECT_EQ(pool.intern("new"), sorted_size);
  EXPECT_EQ(pool.find("new"), sorted_size);

  StringPool assigned;  // an unsorted pool as a store could hold it
  assigned.assign("zebraapple", {0, 5, 10});
  EXPECT_EQ(assigned.find("apple"), 1);
  EXPECT_EQ(assigned.intern("zebra"), 0);
  EXPECT_EQ(assigned.intern("mango"), 2);
}
