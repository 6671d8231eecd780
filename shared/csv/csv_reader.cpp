#include "csv/csv_reader.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "core/errors.hpp"

namespace nba {

namespace {

std::string read_maybe_gzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw InputError(path, 0, "", std::string("cannot open file: ") + std::strerror(errno));
  gzbuffer(f, 1 << 20);
  std::string out;
  char buf[1 << 16];
  for (;;) {
    const int n = gzread(f, buf, sizeof buf);
    if (n < 0) {
      int code = 0;
      std::string msg = gzerror(f, &code);
      gzclose(f);
      throw InputError(path, 0, "", "corrupt or truncated gzip data: " + msg);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  // gzread reports a truncated stream as end-of-data plus an error state.
  int code = 0;
  const char* msg = gzerror(f, &code);
  if (code != Z_OK && code != Z_STREAM_END) {
    std::string m = msg ? msg : "unknown";
    gzclose(f);
    throw InputError(path, 0, "", "corrupt or truncated gzip data: " + m);
  }
  if (gzclose(f) != Z_OK) throw InputError(path, 0, "", "corrupt or truncated gzip data (close)");
  return out;
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
