// The storage safety nets: the whole-file CRC the ledger keeps per shard and
// the output-folder lock.
#include <gtest/gtest.h>

#include <fstream>

#include "core/errors.hpp"
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
}  // namespace nba
