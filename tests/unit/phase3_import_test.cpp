#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "phase3/phase3_import.hpp"
#include "phase3/schema.hpp"
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
