#include "store/hdf5_file.hpp"

#include "store/hdf5_dataset.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace nba::h5 {

namespace {

// The operating system's reason, when the HDF5 error stack carries one (its
// file drivers record "errno = 28, error message = 'No space left on device'"
// deep in the stack): the operator needs "disk full", not "write failed".
std::string os_reason_from_error_stack() {
  std::string reason;
  auto visit = [](unsigned, const H5E_error2_t* e, void* data) -> herr_t {
    auto* out = static_cast<std::string*>(data);
    const std::string desc = e->desc ? e->desc : "";
    const auto at = desc.find("error message = '");
    if (out->empty() && at != std::string::npos) {
      const auto start = at + std::strlen("error message = '");
      *out = desc.substr(start, desc.find('\'', start) - start);
    }
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, visit, &reason);
  H5Eclear2(H5E_DEFAULT);
  return reason;
}

}  // namespace

void fail(const std::string& what) {
  const std::string reason = os_reason_from_error_stack();
  throw std::runtime_error("HDF5: " + what + (reason.empty() ? "" : ": " + reason));
}

hid_t check(hid_t id, const std::string& what) {
  if (id < 0) fail(what);
  return id;
}

void check_status(herr_t s, const std::string& what) {
  if (s < 0) fail(what);
}

namespace {

Handle make_dcpl() {
  Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "create dcpl"), H5Pclose);
  check_status(H5Pset_obj_track_times(dcpl.id(), false), "disable time tracking");
  return dcpl;
}

template <typename T>
void write_1d(hid_t parent, const std::string& name, hid_t file_type, hid_t mem_type, const std::vector<T>& v) {
  hsize_t dims[1] = {v.size()};
  Handle space(check(H5Screate_simple(1, dims, nullptr), "dataspace for " + name), H5Sclose);
  Handle dcpl = make_dcpl();
  Handle ds(check(H5Dcreate2(parent, name.c_str(), file_type, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
                  "create dataset " + name),
            H5Dclose);
  if (!v.empty()) check_status(H5Dwrite(ds.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "write " + name);
  ds.close_checked("dataset " + name);
}

}  // namespace

void set_string_width(hid_t type, std::size_t width) { check_status(H5Tset_size(type, width), "string width"); }

Handle fixed_string_type(std::size_t width) {
  Handle t(check(H5Tcopy(H5T_C_S1), "string type"), H5Tclose);
  check_status(H5Tset_size(t.id(), width), "string size");
  check_status(H5Tset_strpad(t.id(), H5T_STR_NULLPAD), "string pad");
  return t;
}

Handle& Handle::operator=(Handle&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = o.id_;
    closer_ = o.closer_;
    o.id_ = -1;
  }
  return *this;
}

void Handle::reset() {
  if (id_ >= 0 && closer_) closer_(id_);
  id_ = -1;
}

void Handle::close_checked(const std::string& what) {
  if (id_ < 0) return;
  const herr_t s = closer_(id_);
  id_ = -1;
  if (s < 0) fail("closing " + what + " failed");
}

void no_library_cleanup_at_exit() { H5dont_atexit(); }

void silence_hdf5_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

Handle create_file(const std::string& path) {
  Handle fapl(check(H5Pcreate(H5P_FILE_ACCESS), "create fapl"), H5Pclose);
  check_status(H5Pset_libver_bounds(fapl.id(), H5F_LIBVER_V110, H5F_LIBVER_V110), "format bounds");
  return Handle(check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()), "cannot create " + path),
                H5Fclose);
}

Handle open_file_readonly(const std::string& path) {
  return Handle(check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "cannot open " + path), H5Fclose);
}

Handle create_group(hid_t parent, const std::string& name) {
  return Handle(check(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "create group " + name),
                H5Gclose);
}

Handle open_group(hid_t parent, const std::string& name) {
  return Handle(check(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), "open group " + name), H5Gclose);
}

bool exists(hid_t parent, const std::string& name) { return H5Lexists(parent, name.c_str(), H5P_DEFAULT) > 0; }

void write_i64(hid_t p, const std::string& n, const std::vector<std::int64_t>& v) {
  write_1d(p, n, H5T_STD_I64LE, H5T_NATIVE_INT64, v);
}
void write_u8(hid_t p, const std::string& n, const std::vector<std::uint8_t>& v) {
  write_1d(p, n, H5T_STD_U8LE, H5T_NATIVE_UINT8, v);
}
void write_f64(hid_t p, const std::string& n, const std::vector<double>& v) {
  write_1d(p, n, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v);
}

template <typename T>
void write_2d(hid_t parent, const std::string& name, hid_t file_type, hid_t mem_type, const std::vector<T>& v,
              std::size_t cols) {
  hsize_t dims[2] = {cols ? v.size() / cols : 0, cols};
  Handle space(check(H5Screate_simple(2, dims, nullptr), "dataspace for " + name), H5Sclose);
  Handle dcpl = make_dcpl();
  Handle ds(check(H5Dcreate2(parent, name.c_str(), file_type, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
                  "create dataset " + name),
            H5Dclose);
  if (!v.empty()) check_status(H5Dwrite(ds.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "write " + name);
  ds.close_checked("dataset " + name);
}

void write_f64_matrix(hid_t parent, const std::string& name, const std::vector<double>& v, std::size_t cols) {
  write_2d(parent, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v, cols);
}

void write_i8_matrix(hid_t parent, const std::string& name, const std::vector<std::int8_t>& v, std::size_t cols) {
  write_2d(parent, name, H5T_STD_I8LE, H5T_NATIVE_INT8, v, cols);
}

void write_packed_strings(hid_t parent, const std::string& name, const std::vector<char>& packed, std::size_t width) {
  if (width == 0 || packed.size() % width != 0) fail("packed strings of " + name + " are not whole values");
  Handle type = fixed_string_type(width);
  hsize_t dims[1] = {packed.size() / width};
  Handle space(check(H5Screate_simple(1, dims, nullptr), "dataspace for " + name), H5Sclose);
  Handle dcpl = make_dcpl();
  Handle ds(check(H5Dcreate2(parent, name.c_str(), type.id(), space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
                  "create dataset " + name),
            H5Dclose);
  if (!packed.empty())
    check_status(H5Dwrite(ds.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()), "write " + name);
  ds.close_checked("dataset " + name);
}

std::vector<std::int64_t> read_i64(hid_t p, const std::string& n) { return DatasetReader(p, n).i64(); }
std::vector<std::uint8_t> read_u8(hid_t p, const std::string& n) { return DatasetReader(p, n).u8(); }
std::vector<double> read_f64(hid_t p, const std::string& n) { return DatasetReader(p, n).f64(); }

FixedStrings read_fixed_strings_packed(hid_t parent, const std::string& name) {
  return DatasetReader(parent, name).strings();
}

std::vector<std::string> read_fixed_strings(hid_t parent, const std::string& name) {
  const FixedStrings packed = read_fixed_strings_packed(parent, name);
  std::vector<std::string> out(packed.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = std::string(packed.at(i));
  return out;
}

std::size_t dataset_length(hid_t parent, const std::string& name) { return DatasetReader(parent, name).rows(); }

void set_attr(hid_t obj, const std::string& name, const std::string& value) {
  Handle type = fixed_string_type(value.empty() ? 1 : value.size());
  Handle space(check(H5Screate(H5S_SCALAR), "scalar space"), H5Sclose);
  Handle a(check(H5Acreate2(obj, name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT), "attribute " + name),
           H5Aclose);
  std::string v = value.empty() ? std::string(1, '\0') : value;
  check_status(H5Awrite(a.id(), type.id(), v.data()), "write attribute " + name);
}

void set_attr(hid_t obj, const std::string& name, std::int64_t value) {
  Handle space(check(H5Screate(H5S_SCALAR), "scalar space"), H5Sclose);
  Handle a(check(H5Acreate2(obj, name.c_str(), H5T_STD_I64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT), "attribute " + name),
           H5Aclose);
  check_status(H5Awrite(a.id(), H5T_NATIVE_INT64, &value), "write attribute " + name);
}

bool has_attr(hid_t obj, const std::string& name) { return H5Aexists(obj, name.c_str()) > 0; }

void set_attr(hid_t obj, const std::string& name, const std::vector<std::string>& values) {
  std::size_t width = 1;
  for (const auto& v : values) width = std::max(width, v.size());
  std::vector<char> buf(values.size() * width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i) std::memcpy(buf.data() + i * width, values[i].data(), values[i].size());
  Handle type = fixed_string_type(width);
  hsize_t dims[1] = {values.size()};
  // An empty list is an attribute with an empty (null) dataspace: nothing to write.
  Handle space(check(values.empty() ? H5Screate(H5S_NULL) : H5Screate_simple(1, dims, nullptr), "attribute space"),
               H5Sclose);
  Handle a(check(H5Acreate2(obj, name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT), "attribute " + name),
           H5Aclose);
  if (!values.empty()) check_status(H5Awrite(a.id(), type.id(), buf.data()), "write attribute " + name);
}

std::vector<std::string> get_attr_strings(hid_t obj, const std::string& name) {
  Handle a(check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "open attribute " + name), H5Aclose);
  Handle ftype(check(H5Aget_type(a.id()), "attribute type " + name), H5Tclose);
  const std::size_t width = H5Tget_size(ftype.id());
  Handle space(check(H5Aget_space(a.id()), "attribute space " + name), H5Sclose);
  const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.id()));
  if (n == 0) return {};
  Handle mtype = fixed_string_type(width);
  std::vector<char> buf(n * width);
  check_status(H5Aread(a.id(), mtype.id(), buf.data()), "read attribute " + name);
  std::vector<std::string> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = std::string(fixed_width_value(buf.data(), width, i));
  return out;
}

std::vector<std::string> list_attrs(hid_t obj) {
  std::vector<std::string> names;
  H5Aiterate2(
      obj, H5_INDEX_NAME, H5_ITER_INC, nullptr,
      [](hid_t, const char* n, const H5A_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->emplace_back(n);
        return 0;
      },
      &names);
  return names;
}

std::string get_attr_string(hid_t obj, const std::string& name) {
  Handle a(check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "open attribute " + name), H5Aclose);
  Handle ftype(check(H5Aget_type(a.id()), "attribute type " + name), H5Tclose);
  if (H5Tget_class(ftype.id()) != H5T_STRING) fail("attribute " + name + " is not a string");
  const std::size_t width = H5Tget_size(ftype.id());
  Handle mtype = fixed_string_type(width);
  std::string buf(width, '\0');
  check_status(H5Aread(a.id(), mtype.id(), buf.data()), "read attribute " + name);
  return std::string(buf.c_str());
}

std::int64_t get_attr_i64(hid_t obj, const std::string& name) {
  Handle a(check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "open attribute " + name), H5Aclose);
  std::int64_t v = 0;
  check_status(H5Aread(a.id(), H5T_NATIVE_INT64, &v), "read attribute " + name);
  return v;
}

std::vector<std::string> list_children(hid_t group) {
  std::vector<std::string> names;
  H5Literate(
      group, H5_INDEX_NAME, H5_ITER_INC, nullptr,
      [](hid_t, const char* n, const H5L_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->emplace_back(n);
        return 0;
      },
      &names);
  return names;
}

}  // namespace nba::h5
