#include "store/hdf5_dataset.hpp"

namespace nba::h5 {

DatasetReader::DatasetReader(hid_t parent, const std::string& name, const std::string& vds_prefix) : name_(name) {
  Handle dapl;  // only a virtual dataset read through a prefix needs an access list
  if (!vds_prefix.empty()) {
    dapl = Handle(check(H5Pcreate(H5P_DATASET_ACCESS), "access list for " + name), H5Pclose);
    check_status(H5Pset_virtual_prefix(dapl.id(), vds_prefix.c_str()), "virtual prefix");
  }
  dataset_ = Handle(check(H5Dopen2(parent, name.c_str(), vds_prefix.empty() ? H5P_DEFAULT : dapl.id()),
                          "open dataset " + name),
                    H5Dclose);
  type_ = Handle(check(H5Dget_type(dataset_.id()), "type of " + name), H5Tclose);
  switch (H5Tget_class(type_.id())) {
    case H5T_INTEGER: class_ = ValueClass::Integer; break;
    case H5T_FLOAT: class_ = ValueClass::Float; break;
    case H5T_STRING: class_ = H5Tis_variable_str(type_.id()) > 0 ? ValueClass::Other : ValueClass::String; break;
    default: class_ = ValueClass::Other;
  }
  Handle space(check(H5Dget_space(dataset_.id()), "dataspace of " + name), H5Sclose);
  hsize_t dims[2] = {0, 0};
  const int rank = H5Sget_simple_extent_ndims(space.id());
  if (rank < 1 || rank > 2) fail(name + " is not a 1-D or 2-D dataset");
  check(H5Sget_simple_extent_dims(space.id(), dims, nullptr), "dims of " + name);
  rows_ = static_cast<std::size_t>(dims[0]);
  cols_ = rank == 2 ? static_cast<std::size_t>(dims[1]) : 0;
}

std::size_t DatasetReader::element_size() const { return H5Tget_size(type_.id()); }

Handle DatasetReader::file_type() const { return Handle(check(H5Tcopy(type_.id()), "copy type of " + name_), H5Tclose); }

template <typename T>
std::vector<T> DatasetReader::read_as(hid_t mem_type, std::size_t per_value) const {
  std::vector<T> v(values() * per_value);
  if (!v.empty())
    check_status(H5Dread(dataset_.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "read " + name_);
  return v;
}

template <typename T>
std::vector<T> DatasetReader::read_rows_as(hid_t mem_type, std::size_t begin, std::size_t count) const {
  if (cols_ != 0 || begin > rows_ || count > rows_ - begin)
    fail(name_ + ": rows " + std::to_string(begin) + "+" + std::to_string(count) + " are not in a 1-D dataset of " +
         std::to_string(rows_));
  std::vector<T> v(count);
  if (v.empty()) return v;
  Handle file_space(check(H5Dget_space(dataset_.id()), "dataspace of " + name_), H5Sclose);
  const hsize_t start[1] = {begin}, n[1] = {count};
  check_status(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start, nullptr, n, nullptr), "select " + name_);
  Handle mem_space(check(H5Screate_simple(1, n, nullptr), "memory space for " + name_), H5Sclose);
  check_status(H5Dread(dataset_.id(), mem_type, mem_space.id(), file_space.id(), H5P_DEFAULT, v.data()),
               "read " + name_);
  return v;
}

std::vector<std::int64_t> DatasetReader::i64_rows(std::size_t begin, std::size_t count) const {
  return read_rows_as<std::int64_t>(H5T_NATIVE_INT64, begin, count);
}
std::vector<std::uint8_t> DatasetReader::u8_rows(std::size_t begin, std::size_t count) const {
  return read_rows_as<std::uint8_t>(H5T_NATIVE_UINT8, begin, count);
}

std::vector<double> DatasetReader::f64() const { return read_as<double>(H5T_NATIVE_DOUBLE); }
std::vector<std::int64_t> DatasetReader::i64() const { return read_as<std::int64_t>(H5T_NATIVE_INT64); }
std::vector<std::int8_t> DatasetReader::i8() const { return read_as<std::int8_t>(H5T_NATIVE_INT8); }
std::vector<std::uint8_t> DatasetReader::u8() const { return read_as<std::uint8_t>(H5T_NATIVE_UINT8); }

FixedStrings DatasetReader::strings() const {
  if (class_ != ValueClass::String) fail(name_ + " is not a fixed-length string dataset");
  FixedStrings out;
  out.width = element_size();
  const Handle mem = fixed_string_type(out.width);
  out.bytes = read_as<char>(mem.id(), out.width);
  return out;
}

std::vector<std::uint8_t> DatasetReader::raw_bytes() const {
  return read_as<std::uint8_t>(type_.id(), element_size());
}

}  // namespace nba::h5
