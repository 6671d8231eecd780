#include "store/hdf5_compressed.hpp"

#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "store/hdf5_file.hpp"

namespace nba::h5 {

static_assert(std::endian::native == std::endian::little, "chunks are written in the file's little-endian layout");

namespace {

// About 256 KiB of values a chunk: large enough for deflate to find the
// repeats of a column, small enough that a partial read stays cheap.
constexpr std::size_t kChunkBytes = std::size_t{256} << 10;
// Numbers are shuffled (their high bytes line up into runs); fixed strings are
// not: deflate already finds the repeated names, and a byte transpose over a
// 64-byte value cost more than the compression.
bool shuffled_type(hid_t file_type, std::size_t value_size) {
  return H5Tget_class(file_type) != H5T_STRING && value_size > 1;
}

// Eight 8-byte values in, as an 8x8 byte matrix (row i = value i, column j =
// its byte j), transposed in place: a[j] ends holding byte j of every value.
// Three rounds of block swaps (4, 2, then 1 byte wide) in 64-bit registers.
inline void transpose_8x8_bytes(std::uint64_t a[8]) {
  constexpr std::uint64_t kMask[3] = {0x00000000FFFFFFFFull, 0x0000FFFF0000FFFFull, 0x00FF00FF00FF00FFull};
  for (int round = 0, width = 4; round < 3; ++round, width /= 2)
    for (int i = 0; i < 8; ++i)
      if ((i & width) == 0) {
        const unsigned shift = 8u * static_cast<unsigned>(width);
        const std::uint64_t t = ((a[i] >> shift) ^ a[i + width]) & kMask[round];
        a[i] ^= t << shift;
        a[i + width] ^= t;
      }
}

// HDF5's shuffle filter: byte j of value i goes to j * n + i. Eight-byte
// values (every number column) go eight at a time through a register
// transpose; the byte-at-a-time loop was 2 % of a rerun's CPU.
void shuffle(const unsigned char* in, unsigned char* out, std::size_t n, std::size_t size) {
  std::size_t first_scalar = 0;
  if (size == 8) {
    first_scalar = n - n % 8;
    for (std::size_t i = 0; i < first_scalar; i += 8) {
      std::uint64_t a[8];
      std::memcpy(a, in + i * 8, sizeof a);
      transpose_8x8_bytes(a);
      for (std::size_t j = 0; j < 8; ++j) std::memcpy(out + j * n + i, &a[j], 8);
    }
  }
  for (std::size_t j = 0; j < size; ++j) {
    unsigned char* o = out + j * n;
    for (std::size_t i = first_scalar; i < n; ++i) o[i] = in[i * size + j];
  }
}

// zlib-format deflate at ISA-L's level 1 into `out`: the compressed size, 0
// when it would not shrink. `out` keeps its largest size: cut to each chunk's
// compressed size, it was zero-filled again up to the next chunk's size.
std::size_t deflate_zlib(const unsigned char* in, std::size_t size, std::vector<unsigned char>& out,
                         std::uint8_t* level_buf) {
  if (out.size() < size) out.resize(size);
  isal_zstream s;
  isal_deflate_stateless_init(&s);
  s.level = 1;
  s.level_buf = level_buf;
  s.level_buf_size = ISAL_DEF_LVL1_DEFAULT;
  s.gzip_flag = IGZIP_ZLIB;
  s.end_of_stream = 1;
  s.flush = NO_FLUSH;
  s.next_in = const_cast<unsigned char*>(in);
  s.avail_in = static_cast<std::uint32_t>(size);
  s.next_out = out.data();
  s.avail_out = static_cast<std::uint32_t>(size);
  if (isal_deflate_stateless(&s) != COMP_OK) return 0;  // STATELESS_OVERFLOW: no smaller than the input
  return s.total_out;
}

// Reused by every dataset a thread writes: a shard has a few hundred, and
// allocating (and zeroing) igzip's 276 KiB of hash tables for each cost more
// than compressing them.
struct Scratch {
  std::vector<unsigned char> padded, shuffled, packed;
  std::unique_ptr<std::uint8_t[]> level_buf{new std::uint8_t[ISAL_DEF_LVL1_DEFAULT]};
};

}  // namespace

void write_compressed(hid_t parent, const std::string& name, hid_t file_type, const void* data, std::size_t rows,
                      std::size_t cols, std::size_t value_size) {
  const int rank = cols == 0 ? 1 : 2;
  const std::size_t per_row = std::max<std::size_t>(cols, 1), row_bytes = per_row * value_size;
  const std::size_t chunk_rows = std::clamp<std::size_t>(kChunkBytes / std::max<std::size_t>(row_bytes, 1), 1,
                                                         std::max<std::size_t>(rows, 1));
  hsize_t dims[2] = {rows, cols}, chunk[2] = {chunk_rows, cols};
  Handle space(check(H5Screate_simple(rank, dims, nullptr), "dataspace for " + name), H5Sclose);
  Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "create dcpl"), H5Pclose);
  check_status(H5Pset_obj_track_times(dcpl.id(), false), "disable time tracking");
  check_status(H5Pset_chunk(dcpl.id(), rank, chunk), "chunking of " + name);
  const bool shuffle_on = shuffled_type(file_type, value_size);
  if (shuffle_on) check_status(H5Pset_shuffle(dcpl.id()), "shuffle of " + name);
  // Filter mask of a chunk stored as it is: deflate (the pipeline's last filter) not applied.
  const unsigned deflate_skipped = 1u << (shuffle_on ? 1 : 0);
  check_status(H5Pset_deflate(dcpl.id(), 1), "deflate of " + name);
  Handle ds(check(H5Dcreate2(parent, name.c_str(), file_type, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
                  "create dataset " + name),
            H5Dclose);
  // Every chunk is whole on disk, the last one padded with zeros (HDF5's own layout).
  thread_local Scratch scratch;
  const std::size_t chunk_bytes = chunk_rows * row_bytes;
  if (scratch.shuffled.size() < chunk_bytes) scratch.shuffled.resize(chunk_bytes);
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (std::size_t r0 = 0; r0 < rows; r0 += chunk_rows) {
    const std::size_t n = std::min(chunk_rows, rows - r0);
    const unsigned char* chunk_in = bytes + r0 * row_bytes;
    if (n < chunk_rows) {
      scratch.padded.assign(chunk_bytes, 0);
      std::memcpy(scratch.padded.data(), chunk_in, n * row_bytes);
      chunk_in = scratch.padded.data();
    }
    const unsigned char* plain = chunk_in;
    if (shuffle_on) {
      shuffle(chunk_in, scratch.shuffled.data(), chunk_rows * per_row, value_size);
      plain = scratch.shuffled.data();
    }
    const std::size_t packed = deflate_zlib(plain, chunk_bytes, scratch.packed, scratch.level_buf.get());
    const bool compressed = packed > 0;
    const unsigned char* out = compressed ? scratch.packed.data() : plain;
    hsize_t offset[2] = {r0, 0};
    check_status(H5Dwrite_chunk(ds.id(), H5P_DEFAULT, compressed ? 0u : deflate_skipped, offset,
                                compressed ? packed : chunk_bytes, out),
                 "write a chunk of " + name);
  }
  ds.close_checked("dataset " + name);
}

}  // namespace nba::h5
