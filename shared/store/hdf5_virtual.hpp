#pragma once
// Virtual datasets (VDS): a dataset whose rows are ranges of datasets in other
// files, read through without copying (the run index, output/run_index.hpp).
#include <cstddef>
#include <string>
#include <vector>

#include "store/hdf5_file.hpp"

namespace nba::h5 {

// Rows [offset, offset + count) of `dataset` (an absolute path inside `file`,
// e.g. "/tdza/team_abbr"), which has `source_rows` rows. `file` is relative to
// the virtual dataset's file or absolute.
struct VirtualPiece {
  std::string file, dataset;
  std::size_t offset = 0, count = 0, source_rows = 0;
};

// Creates `name` under `parent`: the pieces end to end (rows = the sum of
// their counts; `cols` 0 = 1-D, else each row is `cols` values), of file type
// `type`. Rows no source provides read as NaN (floats) or INT64_MIN
// (integers): values that cannot be mistaken for data. No time stamps.
void create_virtual_dataset(hid_t parent, const std::string& name, hid_t type, std::size_t cols,
                            const std::vector<VirtualPiece>& pieces);

}  // namespace nba::h5
