#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "worker/shard_commit.hpp"
#include "test_support.hpp"

using namespace nba;
namespace fs = std::filesystem;

namespace {
// A unit as write_unit leaves it: a shard under its temporary name.
UncommittedUnit written(const test::TempDir& dir, int id) {
  UncommittedUnit u;
  u.report.unit_id = id;
  u.unit_name = "u" + std::to_string(id);
  u.final_path = dir.file(u.unit_name + ".h5");
  u.tmp_path = u.final_path + ".tmp";
  test::write_text(u.tmp_path, "shard " + std::to_string(id));
  return u;
}

UncommittedUnit failed(int id) {
  UncommittedUnit u;
  u.report.unit_id = id;
  u.report.error = "unit failed";
  return u;
}
}  // namespace

TEST(DeferredCommit, HoldsAUnitUntilTheNextOneAndReportsInOrder) {
  test::TempDir dir;
  std::vector<UnitReport> reports;
  DeferredCommit deferred([&](UnitReport&& r) { reports.push_back(std::move(r)); });
  deferred.hold(written(dir, 1));
  EXPECT_TRUE(deferred.holding());
  EXPECT_TRUE(reports.empty());  // held: not committed, not reported
  EXPECT_FALSE(fs::exists(dir.file("u1.h5")));
  deferred.hold(written(dir, 2));  // a unit still held is committed first
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].unit_id, 1);
  EXPECT_TRUE(reports[0].ok);
  EXPECT_TRUE(fs::exists(dir.file("u1.h5")));
  EXPECT_FALSE(fs::exists(dir.file("u1.h5.tmp")));
  deferred.commit();
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[1].unit_id, 2);
  EXPECT_FALSE(deferred.holding());
  deferred.commit();  // nothing held: nothing happens
  EXPECT_EQ(reports.size(), 2u);
}

TEST(DeferredCommit, AFailedUnitIsReportedAtOnce) {
  std::vector<UnitReport> reports;
  DeferredCommit deferred([&](UnitReport&& r) { reports.push_back(std::move(r)); });
  deferred.hold(failed(3));
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_FALSE(reports[0].ok);
  EXPECT_EQ(reports[0].error, "unit failed");
  EXPECT_FALSE(deferred.holding());
}

TEST(DeferredCommit, DiscardRemovesTheShardWithoutAReport) {
  test::TempDir dir;
  std::vector<UnitReport> reports;
  DeferredCommit deferred([&](UnitReport&& r) { reports.push_back(std::move(r)); });
  deferred.hold(written(dir, 4));
  deferred.discard();
  EXPECT_FALSE(deferred.holding());
  EXPECT_TRUE(reports.empty());
  EXPECT_FALSE(fs::exists(dir.file("u4.h5.tmp")));
  EXPECT_FALSE(fs::exists(dir.file("u4.h5")));
}
