// Shard datasets written chunk by chunk, shuffled and deflated here
// (store/hdf5_compressed.hpp), read back through HDF5's own filters.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "store/hdf5_compressed.hpp"
#include "store/hdf5_dataset.hpp"
#include "store/hdf5_file.hpp"
#include "test_support.hpp"

using namespace nba;

namespace {

struct Written {
  test::TempDir dir;
  std::string path = dir.file("c.h5");
};

}  // namespace

TEST(CompressedDataset, NumbersOfEveryShapeReadBackExactly) {
  Written w;
  std::mt19937_64 rng(5);
  // Chunks hold 32768 eight-byte values: sizes around and across one chunk, and none.
  const std::vector<std::size_t> sizes = {0, 1, 32767, 32768, 32769, 100000};
  {
    h5::Handle f = h5::create_file(w.path);
    for (std::size_t n : sizes) {
      std::vector<double> v(n);
      for (auto& x : v) x = static_cast<double>(rng() % 1000) / 7.0;
      h5::write_compressed(f.id(), "f" + std::to_string(n), H5T_IEEE_F64LE, v.data(), n, 0, 8);
      std::vector<std::int64_t> i(n);
      for (auto& x : i) x = static_cast<std::int64_t>(rng());  // incompressible: stored without deflate
      h5::write_compressed(f.id(), "i" + std::to_string(n), H5T_STD_I64LE, i.data(), n, 0, 8);
    }
    std::vector<std::int8_t> m(777 * 64);
    for (auto& x : m) x = static_cast<std::int8_t>(rng() % 9);
    h5::write_compressed(f.id(), "matrix", H5T_STD_I8LE, m.data(), 777, 64, 1);
    f.close_checked(w.path);
  }
  std::mt19937_64 again(5);
  h5::Handle f = h5::open_file_readonly(w.path);
  for (std::size_t n : sizes) {
    std::vector<double> v(n);
    for (auto& x : v) x = static_cast<double>(again() % 1000) / 7.0;
    std::vector<std::int64_t> i(n);
    for (auto& x : i) x = static_cast<std::int64_t>(again());
    EXPECT_EQ(h5::DatasetReader(f.id(), "f" + std::to_string(n)).f64(), v) << n;
    EXPECT_EQ(h5::DatasetReader(f.id(), "i" + std::to_string(n)).i64(), i) << n;
  }
  std::vector<std::int8_t> m(777 * 64);
  for (auto& x : m) x = static_cast<std::int8_t>(again() % 9);
  const h5::DatasetReader matrix(f.id(), "matrix");
  EXPECT_EQ(matrix.cols(), 64u);
  EXPECT_EQ(matrix.i8(), m);
}

TEST(CompressedDataset, FixedStringsShrinkAndReadBack) {
  Written w;
  const std::size_t width = 22, n = 50000;
  std::vector<char> packed(n * width, '\0');
  for (std::size_t r = 0; r < n; ++r) {
    const std::string name = "player" + std::to_string(r % 450);
    std::memcpy(packed.data() + r * width, name.data(), name.size());
  }
  {
    h5::Handle f = h5::create_file(w.path);
    const h5::Handle type = h5::fixed_string_type(width);
    h5::write_compressed(f.id(), "names", type.id(), packed.data(), n, 0, width);
    f.close_checked(w.path);
  }
  EXPECT_LT(std::filesystem::file_size(w.path), n * width / 8);  // 450 names repeated: deflate takes most
  h5::Handle f = h5::open_file_readonly(w.path);
  const h5::FixedStrings read = h5::DatasetReader(f.id(), "names").strings();
  ASSERT_EQ(read.size(), n);
  EXPECT_EQ(read.at(0), "player0");
  EXPECT_EQ(read.at(n - 1), "player" + std::to_string((n - 1) % 450));
}
