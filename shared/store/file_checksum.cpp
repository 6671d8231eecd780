#include "store/file_checksum.hpp"

#include <isa-l/crc.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace nba {

std::string file_crc32_hex(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw std::runtime_error("cannot open " + path + " to checksum it: " + std::strerror(errno));
  std::vector<unsigned char> buf(1 << 20);
  // ISA-L's crc32_gzip_refl is zlib's crc32 (same polynomial, reflection and
  // chaining from 0), with carry-less-multiply folding where the CPU has it.
  std::uint32_t crc = 0;
  for (;;) {
    const std::size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
    if (n > 0) crc = crc32_gzip_refl(crc, buf.data(), n);
    if (n < buf.size()) break;
  }
  if (std::ferror(f.get())) throw std::runtime_error("cannot read " + path + " to checksum it: " + std::strerror(errno));
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08lx", static_cast<unsigned long>(crc));
  return hex;
}

}  // namespace nba
