#include "store/hdf5_virtual.hpp"

#include <cstdint>
#include <limits>

namespace nba::h5 {

namespace {

void set_fill(hid_t dcpl, hid_t type) {
  if (H5Tget_class(type) == H5T_FLOAT) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    check_status(H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &nan), "fill value");
  } else if (H5Tget_class(type) == H5T_INTEGER) {
    const std::int64_t v = std::numeric_limits<std::int64_t>::min();
    check_status(H5Pset_fill_value(dcpl, H5T_NATIVE_INT64, &v), "fill value");
  }
}

}  // namespace

void create_virtual_dataset(hid_t parent, const std::string& name, hid_t type, std::size_t cols,
                            const std::vector<VirtualPiece>& pieces) {
  const int rank = cols ? 2 : 1;
  hsize_t total = 0;
  for (const auto& p : pieces) total += p.count;
  hsize_t dims[2] = {total, cols};
  Handle vspace(check(H5Screate_simple(rank, dims, nullptr), "dataspace of " + name), H5Sclose);
  Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "create dcpl"), H5Pclose);
  check_status(H5Pset_obj_track_times(dcpl.id(), false), "disable time tracking");
  set_fill(dcpl.id(), type);
  hsize_t at = 0;
  for (const auto& p : pieces) {
    if (p.count == 0) continue;
    hsize_t vstart[2] = {at, 0}, count[2] = {p.count, cols};
    check_status(H5Sselect_hyperslab(vspace.id(), H5S_SELECT_SET, vstart, nullptr, count, nullptr), "select");
    hsize_t sdims[2] = {p.source_rows, cols};
    Handle src(check(H5Screate_simple(rank, sdims, nullptr), "source dataspace"), H5Sclose);
    // A piece that is its whole source keeps the "all" selection: HDF5 copies
    // each mapping into every dataset it creates, and a hyperslab copy costs more.
    if (p.offset != 0 || p.count != p.source_rows) {
      hsize_t sstart[2] = {p.offset, 0};
      check_status(H5Sselect_hyperslab(src.id(), H5S_SELECT_SET, sstart, nullptr, count, nullptr), "select source");
    }
    check_status(H5Pset_virtual(dcpl.id(), vspace.id(), p.file.c_str(), p.dataset.c_str(), src.id()),
                 "map " + p.file + p.dataset);
    at += p.count;
  }
  check_status(H5Sselect_all(vspace.id()), "select all");
  Handle ds(check(H5Dcreate2(parent, name.c_str(), type, vspace.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
                  "create virtual dataset " + name),
            H5Dclose);
}

}  // namespace nba::h5
