#include "store/hdf5_dataset.hpp"

namespace nba::h5 {

DatasetReader::DatasetReader(hid_t parent, const std::string& name, const std::string& vds_prefix) : name_(name) {
  Handle dapl(check(H5Pcreate(H5P_DATASET_ACCESS), "access list for " + name), H5Pclose);
  if (!vds_prefix.empty()) check_status(H5Pset_virtual_prefix(dapl.id(), vds_prefix.c_str()), "virtual prefix");
  dataset_ = Handle(check(H5Dopen2(parent, name.c_str(), dapl.id()), "open dataset " + name), H5Dclose);
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

void DatasetReader::read_into(hid_t mem_type, void* buffer) const {
  if (values() > 0)
    check_status(H5Dread(dataset_.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer), "read " + name_);
}

std::vector<double> DatasetReader::f64() const {
  std::vector<double> v(values());
  read_into(H5T_NATIVE_DOUBLE, v.data());
  return v;
}

std::vector<std::int64_t> DatasetReader::i64() const {
  std::vector<std::int64_t> v(values());
  read_into(H5T_NATIVE_INT64, v.data());
  return v;
}

std::vector<std::int8_t> DatasetReader::i8() const {
  std::vector<std::int8_t> v(values());
  read_into(H5T_NATIVE_INT8, v.data());
  return v;
}

FixedStrings DatasetReader::strings() const {
  if (class_ != ValueClass::String) fail(name_ + " is not a fixed-length string dataset");
  FixedStrings out;
  out.width = element_size();
  out.bytes.resize(values() * out.width);
  const Handle mem = fixed_string_type(out.width);
  read_into(mem.id(), out.bytes.data());
  return out;
}

std::vector<std::uint8_t> DatasetReader::raw_bytes() const {
  std::vector<std::uint8_t> bytes(values() * element_size());
  read_into(type_.id(), bytes.data());
  return bytes;
}

}  // namespace nba::h5
