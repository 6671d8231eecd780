#include "csv/csv_reader.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <cstring>
#include <utility>
#include <vector>

#include "core/errors.hpp"

namespace nba {

namespace {

std::string read_whole_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw InputError(path, 0, "", std::string("cannot open file: ") + std::strerror(errno));
  std::string out;
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  const int saved = errno;
  std::fclose(f);
  if (failed) throw InputError(path, 0, "", std::string("cannot read file: ") + std::strerror(saved));
  return out;
}

bool starts_gzip_member(const std::string& bytes, std::size_t at) {
  return at + 1 < bytes.size() && static_cast<unsigned char>(bytes[at]) == 0x1f &&
         static_cast<unsigned char>(bytes[at + 1]) == 0x8b;
}

// Inflates every member of a gzip file (what `cat a.gz b.gz` or a resumed
// download makes) and refuses anything else: a damaged or truncated member, or
// bytes after the last member that are not one. gzFile stopped silently at a
// damaged second member and ignored trailing garbage (issue 20, defect 1).
std::string inflate_gzip_members(const std::string& path, const std::string& in) {
  std::string out;
  out.reserve(in.size() * 4);
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("zlib: inflateInit2 failed");
  // Inflated through a fixed chunk and appended: no zero-filled room in `out`.
  std::vector<Bytef> chunk(std::size_t{1} << 18);
  const auto* base = reinterpret_cast<const Bytef*>(in.data());
  std::size_t member_start = 0;
  int members = 0;
  std::string error;
  while (member_start < in.size()) {
    if (!starts_gzip_member(in, member_start)) {
      error = "bytes after gzip member " + std::to_string(members) + " (from byte offset " +
              std::to_string(member_start) + " of " + std::to_string(in.size()) + ") are not a gzip member";
      break;
    }
    inflateReset(&z);
    z.next_in = const_cast<Bytef*>(base + member_start);
    z.avail_in = 0;
    int rc = Z_OK;
    while (rc == Z_OK) {
      if (z.avail_in == 0) {  // fed in slices: avail_in is 32 bits
        const std::size_t left = in.size() - static_cast<std::size_t>(z.next_in - base);
        if (left == 0) break;  // the file ended inside the member
        z.avail_in = static_cast<uInt>(std::min<std::size_t>(left, std::size_t{1} << 30));
      }
      z.next_out = chunk.data();
      z.avail_out = static_cast<uInt>(chunk.size());
      rc = inflate(&z, Z_NO_FLUSH);
      out.append(reinterpret_cast<const char*>(chunk.data()), chunk.size() - z.avail_out);
      if (rc == Z_BUF_ERROR) rc = Z_OK;  // no input left: handled above
    }
    const std::size_t consumed = static_cast<std::size_t>(z.next_in - base);
    ++members;
    if (rc == Z_STREAM_END) {
      member_start = consumed;
      continue;
    }
    error = "gzip member " + std::to_string(members) + " (from byte offset " + std::to_string(member_start) + ") " +
            (rc == Z_OK ? "is truncated: the file ends at byte offset " + std::to_string(in.size())
                                             : std::string("is corrupt at byte offset ") + std::to_string(consumed) +
                                                   ": " + (z.msg ? z.msg : "zlib error " + std::to_string(rc)));
    break;
  }
  inflateEnd(&z);
  if (!error.empty()) throw InputError(path, 0, "", "corrupt or truncated gzip data: " + error);
  return out;
}

// Gzip is detected by content, not by name; anything else is read as text.
std::string read_maybe_gzip(const std::string& path) {
  std::string bytes = read_whole_file(path);
  if (!starts_gzip_member(bytes, 0)) return bytes;
  return inflate_gzip_members(path, bytes);
}

}  // namespace

CsvReader::CsvReader(std::string path) : path_(std::move(path)) {
  data_ = read_maybe_gzip(path_);
  if (data_.size() >= 3 && static_cast<unsigned char>(data_[0]) == 0xEF &&
      static_cast<unsigned char>(data_[1]) == 0xBB && static_cast<unsigned char>(data_[2]) == 0xBF)
    pos_ = 3;
  if (pos_ >= data_.size()) throw InputError(path_, 0, "", "file is empty (no header row)");
}

bool CsvReader::next() {
  if (pos_ >= data_.size()) return false;
  record_line_ = line_;
  fields_.clear();
  scratch_.clear();
  // Field boundaries are collected as offsets first: scratch_ may reallocate.
  struct Span {
    bool scratch;
    std::size_t begin, end;
  };
  static thread_local std::vector<Span> spans;
  spans.clear();
  const std::size_t n = data_.size();
  for (;;) {
    if (pos_ < n && data_[pos_] == '"') {
      ++pos_;
      const std::size_t sbeg = scratch_.size();
      for (;;) {
        if (pos_ >= n) throw InputError(path_, record_line_, "", "unterminated quoted field");
        const char c = data_[pos_];
        if (c == '"') {
          if (pos_ + 1 < n && data_[pos_ + 1] == '"') {
            scratch_.push_back('"');
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        if (c == '\n') ++line_;
        scratch_.push_back(c);
        ++pos_;
      }
      spans.push_back({true, sbeg, scratch_.size()});
      if (pos_ < n && data_[pos_] != ',' && data_[pos_] != '\n' && data_[pos_] != '\r')
        throw InputError(path_, line_, "", "unexpected character after closing quote");
    } else {
      const std::size_t b = pos_;
      while (pos_ < n && data_[pos_] != ',' && data_[pos_] != '\n' && data_[pos_] != '\r') {
        if (data_[pos_] == '"')
          throw InputError(path_, line_, "", "quote character inside an unquoted field");
        ++pos_;
      }
      spans.push_back({false, b, pos_});
    }
    if (pos_ >= n) break;
    const char c = data_[pos_];
    if (c == ',') {
      ++pos_;
      continue;
    }
    if (c == '\r') {
      ++pos_;
      if (pos_ < n && data_[pos_] == '\n') ++pos_;
    } else {
      ++pos_;
    }
    ++line_;
    break;
  }
  for (const Span& s : spans) {
    const std::string& src = s.scratch ? scratch_ : data_;
    fields_.emplace_back(src.data() + s.begin, s.end - s.begin);
  }
  return true;
}

}  // namespace nba
