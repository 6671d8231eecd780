#pragma once
// Thin RAII layer over the HDF5 C API: just what the input store, shards and the
// index need. Every failure throws std::runtime_error naming the file and object;
// HDF5's own error-stack printing is switched off so messages stay readable.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/fixed_width.hpp"

namespace nba::h5 {

class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, herr_t (*closer)(hid_t)) : id_(id), closer_(closer) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : id_(o.id_), closer_(o.closer_) { o.id_ = -1; }
  Handle& operator=(Handle&& o) noexcept;
  ~Handle() { reset(); }
  hid_t id() const { return id_; }
  void reset();
  // Closes and reports failure (a failed close of a file can mean lost data).
  void close_checked(const std::string& what);

 private:
  hid_t id_ = -1;
  herr_t (*closer_)(hid_t) = nullptr;
};

void silence_hdf5_errors();

// Error checks for the C API: throw std::runtime_error("HDF5: <what>[: <the
// operating system's reason>]") on a negative id or status.
[[noreturn]] void fail(const std::string& what);
hid_t check(hid_t id, const std::string& what);
void check_status(herr_t status, const std::string& what);

// Call first thing in main. HDF5 closes whatever is still open when the process
// exits; a file whose close failed (a full disk) stays registered half-closed,
// and that exit-time close crashed (exit 139, issue 20 defect 4). Every file
// this program writes is closed and checked explicitly, so nothing is lost.
void no_library_cleanup_at_exit();

Handle create_file(const std::string& path);  // truncates
Handle open_file_readonly(const std::string& path);
Handle create_group(hid_t parent, const std::string& name);
Handle open_group(hid_t parent, const std::string& name);
bool exists(hid_t parent, const std::string& name);

// Datasets are 1-D, contiguous, without object time stamps so that identical
// content gives identical bytes.
void write_i64(hid_t parent, const std::string& name, const std::vector<std::int64_t>& v);
void write_u8(hid_t parent, const std::string& name, const std::vector<std::uint8_t>& v);
void write_f64(hid_t parent, const std::string& name, const std::vector<double>& v);
void write_f64_matrix(hid_t parent, const std::string& name, const std::vector<double>& v, std::size_t cols);
void write_i8_matrix(hid_t parent, const std::string& name, const std::vector<std::int8_t>& v, std::size_t cols);
// The file type of fixed-length, NUL-padded strings of `width` bytes.
Handle fixed_string_type(std::size_t width);
// Makes the string type `type` (a copy the caller owns) `width` bytes wide.
void set_string_width(hid_t type, std::size_t width);
// Fixed-length, NUL-padded ASCII strings, already packed `width` bytes each
// (OutColumn::fixed, which refuses values longer than width).
void write_packed_strings(hid_t parent, const std::string& name, const std::vector<char>& packed, std::size_t width);

std::vector<std::int64_t> read_i64(hid_t parent, const std::string& name);
std::vector<std::uint8_t> read_u8(hid_t parent, const std::string& name);
std::vector<double> read_f64(hid_t parent, const std::string& name);
std::vector<std::string> read_fixed_strings(hid_t parent, const std::string& name);
// The same values as read (`width` bytes each, NUL-padded), without a
// std::string per value: for long columns that are only compared or counted.
struct FixedStrings {
  std::size_t width = 0;
  std::vector<char> bytes;
  std::size_t size() const { return width ? bytes.size() / width : 0; }
  std::string_view at(std::size_t i) const { return fixed_width_value(bytes.data(), width, i); }
};
FixedStrings read_fixed_strings_packed(hid_t parent, const std::string& name);
std::size_t dataset_length(hid_t parent, const std::string& name);

void set_attr(hid_t obj, const std::string& name, const std::string& value);
void set_attr(hid_t obj, const std::string& name, std::int64_t value);
std::string get_attr_string(hid_t obj, const std::string& name);
std::int64_t get_attr_i64(hid_t obj, const std::string& name);
bool has_attr(hid_t obj, const std::string& name);
// 1-D fixed-length string array attributes (h5py: obj.attrs[name] -> array of bytes).
void set_attr(hid_t obj, const std::string& name, const std::vector<std::string>& values);
std::vector<std::string> get_attr_strings(hid_t obj, const std::string& name);
std::vector<std::string> list_attrs(hid_t obj);

// Names of the links directly under a group, in creation-independent (name) order.
std::vector<std::string> list_children(hid_t group);

}  // namespace nba::h5
