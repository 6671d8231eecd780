// The storage safety nets: the whole-file CRC the ledger keeps per shard and
// the output-folder lock.
#include <gtest/gtest.h>

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "core/errors.hpp"
#include "store/atomic_file.hpp"
#include "store/file_checksum.hpp"
#include "store/output_lock.hpp"
#include "test_support.hpp"

namespace nba {
namespace {

TEST(FileChecksum, MatchesTheStandardCrc32CheckValue) {
  test::TempDir dir;
  test::write_text(dir.file("a"), "123456789");
  EXPECT_EQ(file_crc32_hex(dir.file("a")), "cbf43926");  // the CRC-32 check value
  test::write_text(dir.file("b"), "123456780");
  EXPECT_NE(file_crc32_hex(dir.file("b")), "cbf43926");
  test::write_text(dir.file("empty"), "");
  EXPECT_EQ(file_crc32_hex(dir.file("empty")), "00000000");
}

TEST(FileChecksum, EqualsZlibsCrc32AcrossLengthsAndReadBoundaries) {
  // Ledgers written before the switch to ISA-L hold zlib's values: they must
  // still match. Lengths cover the folding kernels' tails and the 1 MiB read
  // buffer's boundary.
  test::TempDir dir;
  std::mt19937 rng(35);
  for (std::size_t n : {std::size_t{1}, std::size_t{15}, std::size_t{16}, std::size_t{63}, std::size_t{64},
                        std::size_t{255}, std::size_t{4097}, std::size_t{1} << 20, (std::size_t{1} << 20) + 7,
                        std::size_t{3} << 20}) {
    std::string bytes(n, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    test::write_text(dir.file("r"), bytes);
    char want[9];
    std::snprintf(want, sizeof want, "%08lx",
                  crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
    EXPECT_EQ(file_crc32_hex(dir.file("r")), want) << n << " bytes";
  }
}

TEST(FileChecksum, MissingFileNamesThePath) {
  try {
    file_crc32_hex("/nonexistent/shard.h5");
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/shard.h5"), std::string::npos) << e.what();
  }
}

TEST(OutputLock, SecondHolderIsRefusedWithTheFirstOnesDescription) {
  test::TempDir dir;
  {
    OutputLock first(dir.path().string(), "run-one");
    try {
      OutputLock second(dir.path().string(), "run-two");
      FAIL() << "a second lock on the same folder was granted";
    } catch (const UsageError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("is in use by another run"), std::string::npos) << what;
      EXPECT_NE(what.find("run run-one (pid " + std::to_string(::getpid())), std::string::npos) << what;
    }
  }
  // Released with its holder: the next run gets it.
  EXPECT_NO_THROW(OutputLock again(dir.path().string(), "run-three"));
}

}  // namespace
TEST(AbandonedTempFiles, OnlyNamesTempPathForMakes) {
  EXPECT_TRUE(is_temp_file_name("index.h5.tmp.vm.9457"));
  EXPECT_TRUE(is_temp_file_name("u0003.h5.tmp.node-7.cluster.example.org.123"));
  EXPECT_TRUE(is_temp_file_name(std::filesystem::path(temp_path_for("/x/manifest.json")).filename().string()));
  EXPECT_FALSE(is_temp_file_name("index.h5"));
  EXPECT_FALSE(is_temp_file_name("notes.tmp.txt"));       // no pid
  EXPECT_FALSE(is_temp_file_name("a.h5.tmp.123"));        // no host
  EXPECT_FALSE(is_temp_file_name("a.h5.tmp.host.12x"));   // pid not a number
  EXPECT_FALSE(is_temp_file_name(".tmp.host.12"));        // no final name
}

// Issue 20, defect 12: a killed worker's shard and a killed index rebuild's
// index stayed forever; the next run removes them, and nothing else.
TEST(AbandonedTempFiles, RemovesThemBelowTheFolderAndKeepsEverythingElse) {
  test::TempDir dir;
  namespace fs = std::filesystem;
  fs::create_directories(dir.path() / "shards" / "2023-24");
  const std::vector<std::string> abandoned = {"index.h5.tmp.vm.9457", "shards/2023-24/u0001.h5.tmp.node2.77"};
  const std::vector<std::string> kept = {"index.h5", "ledger.jsonl", "shards/2023-24/u0001.h5", "notes.tmp.txt"};
  for (const auto& f : abandoned) test::write_text(dir.file(f), "x");
  for (const auto& f : kept) test::write_text(dir.file(f), "x");
  test::TempDir outside;  // a link out of the folder is not followed
  test::write_text(outside.file("other.h5.tmp.vm.1"), "x");
  fs::create_directory_symlink(outside.path(), dir.path() / "link");

  auto removed = remove_abandoned_temp_files(dir.path().string());
  std::sort(removed.begin(), removed.end());
  EXPECT_EQ(removed, (std::vector<std::string>{dir.file(abandoned[0]), dir.file(abandoned[1])}));
  for (const auto& f : abandoned) EXPECT_FALSE(fs::exists(dir.file(f))) << f;
  for (const auto& f : kept) EXPECT_TRUE(fs::exists(dir.file(f))) << f;
  EXPECT_TRUE(fs::exists(outside.file("other.h5.tmp.vm.1")));
}

// The up-front check of a file the program writes later (--store, --exit-code-file).
TEST(OutputFilePath, AcceptsANewFileAndRefusesDirectoriesAndMissingFolders) {
  test::TempDir dir;
  EXPECT_NO_THROW(check_output_file_path("--x", dir.file("new.txt"), "a file", false));  // not there yet: fine
  EXPECT_THROW(check_output_file_path("--x", dir.path().string(), "a file", false), UsageError);
  EXPECT_THROW(check_output_file_path("--x", dir.file("no/such/new.txt"), "a file", false), UsageError);
  EXPECT_NO_THROW(check_output_file_path("--x", dir.file("made/here/new.txt"), "a file", true));
  EXPECT_TRUE(std::filesystem::is_directory(dir.file("made/here")));
}

}  // namespace nba
