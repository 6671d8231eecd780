#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "engine/unit_output.hpp"
#include "output/run_index.hpp"
#include "output/shard_file.hpp"
#include "output/shard_reader.hpp"
#include "core/errors.hpp"
#include "store/file_checksum.hpp"
#include "store/hdf5_file.hpp"
#include "test_support.hpp"

using namespace nba;
namespace fs = std::filesystem;

namespace {
struct R {
  std::string team;
  double v;
  std::int64_t n;
};

OutputTable table(const std::vector<R>& rows) {
  OutputTable t("demo");
  t.add_str("team", 8, rows, [](const R& r) { return r.team; });
  t.add_f64("value", rows, [](const R& r) { return r.v; });
  t.add_i64("games", rows, [](const R& r) { return r.n; });
  return t;
}

ShardMeta meta(int id, const char* first, const char* last) {
  return {id, first, last, 1, "test", "in", "opt", "2026-01-01T00:00:00+00:00"};
}
}  // namespace

TEST(OutputTable, RowsGivenPerDateGiveTheSameColumnsAsOneVector) {
  auto describe_into = [](OutputTable& t) {
    return [&t](const auto& block) {
      t.add_str("team", 8, block, [](const R& r) { return r.team; });
      t.add_f64("value", block, [](const R& r) { return r.v; });
      t.add_i64("games", block, [](const R& r) { return r.n; });
    };
  };
  std::vector<R> all;
  for (int i = 0; i < 150; ++i) all.push_back({"T" + std::to_string(i % 30), i * 0.25, i});
  // Batch sizes around the 64-row block, an empty date among them.
  std::vector<std::vector<R>> batches;
  std::size_t next = 0;
  for (std::size_t size : {1u, 0u, 63u, 64u, 22u}) {
    batches.emplace_back(all.begin() + static_cast<std::ptrdiff_t>(next),
                         all.begin() + static_cast<std::ptrdiff_t>(next + size));
    next += size;
  }
  ASSERT_EQ(next, all.size());
  OutputTable whole("demo"), per_date("demo");
  whole.add_rows(all, describe_into(whole));
  per_date.add_rows(RowBatches<R>(batches), describe_into(per_date));
  ASSERT_EQ(per_date.rows(), all.size());
  for (const char* name : {"team", "value", "games"}) {
    EXPECT_EQ(per_date.column(name).fixed, whole.column(name).fixed) << name;
    EXPECT_EQ(per_date.column(name).f64, whole.column(name).f64) << name;
    EXPECT_EQ(per_date.column(name).i64, whole.column(name).i64) << name;
  }
  EXPECT_EQ(per_date.column("team").str_at(149), "T29");
  // Only empty dates: the columns still exist, with no rows.
  const std::vector<std::vector<R>> none(3);
  OutputTable empty("demo");
  empty.add_rows(RowBatches<R>(none), describe_into(empty));
  EXPECT_EQ(empty.columns().size(), 3u);
  EXPECT_EQ(empty.rows(), 0u);
}

TEST(Shard, WritesAtomicallyAndReadsBackItsSummary) {
  test::TempDir dir;
  const auto path = dir.file("s1.h5");
  write_shard(path, {table({{"BOS", 1.5, 3}, {"NYK", std::nan(""), 4}})}, meta(7, "2024-01-01", "2024-01-02"));
  for (const auto& e : fs::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << "temp file left behind";
  const auto s = read_shard_summary(path);
  EXPECT_EQ(s.meta.unit_id, 7);
  EXPECT_EQ(s.meta.first_date, "2024-01-01");
  EXPECT_EQ(s.table_rows.at("demo"), 2);
}

TEST(ShardReader, ReadsDateStatusFailureCountsAndWhereEachDatesRowsLie) {
  test::TempDir dir;
  const auto path = dir.file("s.h5");
  // Two dates, two processors; rows of every table stored date by date, processors in DAG order.
  const std::vector<DateStatus> statuses = {{"tdza", 19800, "done", 3, 1, 4},
                                            {"psza", 19800, "done", 5, 0, 5},
                                            {"tdza", 19801, "zero_rows", 0, 2, 2},
                                            {"psza", 19801, "done", 4, 1, 5}};
  const std::vector<FailureRecord> failures = {{"tdza", 19800, "BOS", "INSUFFICIENT_DATA", "few games"},
                                               {"tdza", 19801, "BOS", "INSUFFICIENT_DATA", "few games"},
                                               {"tdza", 19801, "NYK", "PROCESSING_ERROR", "x"},
                                               {"psza", 19801, "tatum", "INSUFFICIENT_DATA", "y"}};
  write_shard(path, {failures_table(failures), date_status_table(statuses)}, meta(3, "2024-03-18", "2024-03-19"));
  const ShardReader shard(path);
  const ShardDateStatus s = shard.date_status();
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s.processor[3], "psza");
  EXPECT_EQ(s.analysis_date[2], "2024-03-19");
  EXPECT_EQ(s.entities[3], 5);
  const FailureCountsByDate counts = shard.failure_counts();
  EXPECT_EQ(counts.at({"tdza", "2024-03-19"}).at("INSUFFICIENT_DATA"), 1);
  EXPECT_EQ(counts.at({"tdza", "2024-03-19"}).at("PROCESSING_ERROR"), 1);
  EXPECT_EQ(counts.at({"psza", "2024-03-19"}).at("INSUFFICIENT_DATA"), 1);
  EXPECT_EQ(counts.count({"psza", "2024-03-18"}), 0u);
  const ShardRowRanges r = row_ranges(s);
  EXPECT_EQ(r.table_rows.at("tdza"), 3);
  EXPECT_EQ(r.table_rows.at("psza"), 9);
  EXPECT_EQ(r.table_rows.at("failures"), 4);
  EXPECT_EQ(r.table_rows.at("date_status"), 4);
  EXPECT_EQ(r.at.at("2024-03-19").at("psza"), std::make_pair(std::int64_t{5}, std::int64_t{4}));
  EXPECT_EQ(r.at.at("2024-03-19").at("tdza"), std::make_pair(std::int64_t{3}, std::int64_t{0}));
  EXPECT_EQ(r.at.at("2024-03-19").at("failures/tdza"), std::make_pair(std::int64_t{1}, std::int64_t{2}));
  EXPECT_EQ(r.at.at("2024-03-19").at("date_status/psza"), std::make_pair(std::int64_t{3}, std::int64_t{1}));
  EXPECT_TRUE(r.holds("psza", "2024-03-18"));
  EXPECT_FALSE(r.holds("pdc", "2024-03-18"));
  EXPECT_FALSE(r.holds("psza", "2024-03-20"));
  // Errors name the shard.
  try {
    shard.columns("pcf");
    FAIL() << "a table the shard lacks must be an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

TEST(Shard, FailedWriteLeavesNoFileUnderTheFinalName) {
  test::TempDir dir;
  const auto path = dir.file("missing-dir/s.h5");
  EXPECT_THROW(write_shard(path, {table({{"BOS", 1, 1}})}, meta(0, "a", "b")), std::runtime_error);
  EXPECT_FALSE(fs::exists(path));
  // A value wider than its column is an error, never a silent truncation.
  EXPECT_THROW(write_shard(dir.file("w.h5"), {table({{"TOOLONGNAME", 1, 1}})}, meta(0, "a", "b")), std::runtime_error);
  EXPECT_FALSE(fs::exists(dir.file("w.h5")));
}

TEST(Shard, TruncatedShardFailsValidation) {
  test::TempDir dir;
  const auto path = dir.file("s.h5");
  write_shard(path, {table({{"BOS", 1, 1}})}, meta(0, "a", "b"));
  fs::resize_file(path, fs::file_size(path) / 2);
  EXPECT_THROW(read_shard_summary(path), std::runtime_error);
  EXPECT_THROW(read_shard_summary(path, ShardCheck::Attributes), std::runtime_error);  // rank 0's lighter check too
}

TEST(Shard, ColumnsOfUnequalLengthAreNeverWritten) {
  // The guarantee that lets rank 0 skip the per-dataset length check.
  struct R {
    double x;
  };
  const std::vector<R> three{{1}, {2}, {3}}, two{{1}, {2}};
  OutputTable t("demo");
  t.add_f64("a", three, [](const R& r) { return r.x; });
  t.add_f64("b", two, [](const R& r) { return r.x; });
  test::TempDir dir;
  EXPECT_THROW(write_shard(dir.file("u.h5"), {t}, meta(0, "a", "b")), std::logic_error);
  EXPECT_FALSE(fs::exists(dir.file("u.h5")));
}

TEST(RunIndex, VirtualDatasetsConcatenateSegmentsInOrder) {
  test::TempDir dir;
  fs::create_directories(dir.path() / "shards");
  write_shard(dir.file("shards/a.h5"), {table({{"BOS", 1.25, 1}, {"NYK", 2.5, 2}})}, meta(0, "2024-01-01", "2024-01-01"));
  write_shard(dir.file("shards/c.h5"), {table({{"LAL", std::nan(""), 3}})}, meta(2, "2024-01-03", "2024-01-03"));
  const IndexTables tables = {{"demo", {{"shards/a.h5", 0, 2, 2}, {"shards/c.h5", 0, 1, 1}}}};
  write_run_index(dir.path().string(), tables, {{"run_id", "r1"}},
                  {{"shards/a.h5", file_crc32_hex(dir.file("shards/a.h5"))},
                   {"shards/c.h5", file_crc32_hex(dir.file("shards/c.h5"))}});

  h5::Handle f = h5::open_file_readonly(dir.file("index.h5"));
  h5::Handle g = h5::open_group(f.id(), "demo");
  EXPECT_EQ(h5::read_fixed_strings(g.id(), "team"), (std::vector<std::string>{"BOS", "NYK", "LAL"}));
  const auto v = h5::read_f64(g.id(), "value");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[1], 2.5);
  EXPECT_TRUE(std::isnan(v[2]));
  EXPECT_EQ(h5::read_i64(g.id(), "games"), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(h5::get_attr_string(f.id(), "run_id"), "r1");

  const auto digest = digest_index(dir.file("index.h5"));
  ASSERT_EQ(digest.size(), 3u);
  EXPECT_EQ(digest[0].rows, 3u);

  // The same rows from other shards and partial segments -> identical digest.
  test::TempDir other;
  fs::create_directories(other.path() / "shards");
  write_shard(other.file("shards/x.h5"), {table({{"XXX", 9, 9}, {"BOS", 1.25, 1}})}, meta(0, "2024-01-01", "2024-01-01"));
  write_shard(other.file("shards/y.h5"), {table({{"NYK", 2.5, 2}, {"LAL", std::nan(""), 3}})},
              meta(1, "2024-01-02", "2024-01-03"));
  write_run_index(other.path().string(),
                  {{"demo", {{"shards/x.h5", 1, 1, 2}, {"shards/y.h5", 0, 2, 2}}}}, {}, {});
  const auto digest2 = digest_index(other.file("index.h5"));
  for (std::size_t i = 0; i < digest.size(); ++i) EXPECT_EQ(digest[i].hash, digest2[i].hash) << digest[i].dataset;
}

TEST(RunIndex, ShardsWriteStringsAsWideAsTheirLongestValueAndTheIndexTakesTheWidest) {
  test::TempDir dir;
  fs::create_directories(dir.path() / "shards");
  write_shard(dir.file("shards/a.h5"), {table({{"LA", 1, 1}, {"", 2, 2}})}, meta(0, "2024-01-01", "2024-01-01"));
  write_shard(dir.file("shards/b.h5"), {table({{"PHOENIX", 3, 3}})}, meta(1, "2024-01-02", "2024-01-02"));
  {
    h5::Handle f = h5::open_file_readonly(dir.file("shards/a.h5"));
    h5::Handle g = h5::open_group(f.id(), "demo");
    EXPECT_EQ(h5::read_fixed_strings_packed(g.id(), "team").width, 2u);  // the column allows 8
  }
  write_run_index(dir.path().string(), {{"demo", {{"shards/a.h5", 0, 2, 2}, {"shards/b.h5", 0, 1, 1}}}}, {}, {});
  h5::Handle f = h5::open_file_readonly(dir.file("index.h5"));
  h5::Handle g = h5::open_group(f.id(), "demo");
  const auto team = h5::read_fixed_strings_packed(g.id(), "team");
  EXPECT_EQ(team.width, 7u);
  EXPECT_EQ(h5::read_fixed_strings(g.id(), "team"), (std::vector<std::string>{"LA", "", "PHOENIX"}));
  EXPECT_FALSE(h5::has_attr(g.id(), kStringWidthsAttr));  // shard bookkeeping, not a table attribute

  // Another partition of the same rows: other shard widths, the same digest.
  test::TempDir other;
  fs::create_directories(other.path() / "shards");
  write_shard(other.file("shards/x.h5"), {table({{"LA", 1, 1}, {"", 2, 2}, {"PHOENIX", 3, 3}})},
              meta(0, "2024-01-01", "2024-01-02"));
  write_run_index(other.path().string(), {{"demo", {{"shards/x.h5", 0, 3, 3}}}}, {}, {});
  const auto d1 = digest_index(dir.file("index.h5")), d2 = digest_index(other.file("index.h5"));
  ASSERT_EQ(d1.size(), d2.size());
  for (std::size_t i = 0; i < d1.size(); ++i) EXPECT_EQ(d1[i].hash, d2[i].hash) << d1[i].dataset;
}

// Issue 20, defect 6: a virtual dataset reads whatever its source holds now, so
// the index keeps each shard's CRC-32 and readers find a changed or lost shard.
TEST(RunIndex, NamesSourcesChangedOrLostSinceItWasBuilt) {
  test::TempDir dir;
  fs::create_directories(dir.path() / "shards");
  write_shard(dir.file("shards/a.h5"), {table({{"BOS", 1.25, 1}})}, meta(0, "2024-01-01", "2024-01-01"));
  write_shard(dir.file("shards/b.h5"), {table({{"NYK", 2.5, 2}})}, meta(1, "2024-01-02", "2024-01-02"));
  write_shard(dir.file("shards/c.h5"), {table({{"LAL", 3.5, 3}})}, meta(2, "2024-01-03", "2024-01-03"));
  std::vector<IndexSource> sources;
  for (const char* s : {"shards/a.h5", "shards/b.h5", "shards/c.h5"}) sources.push_back({s, file_crc32_hex(dir.file(s))});
  write_run_index(dir.path().string(),
                  {{"demo", {{"shards/a.h5", 0, 1, 1}, {"shards/b.h5", 0, 1, 1}, {"shards/c.h5", 0, 1, 1}}}}, {},
                  sources);
  EXPECT_TRUE(damaged_index_sources(dir.file("index.h5")).empty());

  {  // one byte of b's raw data flipped (HDF5 itself would read it without complaint)
    std::fstream f(dir.file("shards/b.h5"), std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(fs::file_size(dir.file("shards/b.h5")) / 2));
    const char c = static_cast<char>(f.peek());
    f.seekp(f.tellg());
    f.put(static_cast<char>(c ^ 1));
  }
  fs::remove(dir.file("shards/c.h5"));
  const auto damaged = damaged_index_sources(dir.file("index.h5"));
  ASSERT_EQ(damaged.size(), 2u);
  EXPECT_EQ(damaged[0].relative_path, "shards/b.h5");
  EXPECT_NE(damaged[0].problem.find("bytes changed"), std::string::npos) << damaged[0].problem;
  EXPECT_EQ(damaged[1].relative_path, "shards/c.h5");
  EXPECT_NE(damaged[1].problem.find("cannot be read"), std::string::npos) << damaged[1].problem;

  // An index without the checksums cannot vouch for anything.
  write_run_index(dir.path().string(), {{"demo", {{"shards/a.h5", 0, 1, 1}}}}, {}, {});
  {
    h5::Handle f(H5Fopen(dir.file("index.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
    ASSERT_GE(H5Adelete(f.id(), "source_crc32"), 0);
  }
  EXPECT_THROW(damaged_index_sources(dir.file("index.h5")), InputError);
}
