#pragma once
// Chunked datasets with HDF5's own shuffle + deflate filters, the chunks
// compressed here with ISA-L's igzip (zlib format, the bytes HDF5's deflate
// filter reads) and written with H5Dwrite_chunk: stock h5py and HDF5 1.10 read
// them without a plugin, at a fraction of zlib's compression time (decision 56).
#include <hdf5.h>

#include <cstddef>
#include <string>

namespace nba::h5 {

// `rows` x `cols` values of `value_size` bytes each, already in the file's byte
// layout (little-endian numbers, NUL-padded fixed strings), as a dataset of
// `file_type` (rank 1 when cols == 0, else 2).
void write_compressed(hid_t parent, const std::string& name, hid_t file_type, const void* data, std::size_t rows,
                      std::size_t cols, std::size_t value_size);

}  // namespace nba::h5
