// The storage safety nets: the whole-file CRC the ledger keeps per shard and
// the output-folder lock.
#include <gtest/gtest.h>

#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>

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
}  // namespace nba
