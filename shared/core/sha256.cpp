#include "core/sha256.hpp"

// SHA256_Init/Update/Final, deprecated in OpenSSL 3 in favour of EVP: through
// EVP each digest paid a context reset and provider dispatch, about a fifth of
// the hashing time on rows of a few hundred bytes (bench/REPORT.md).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <stdexcept>

namespace nba {

std::string sha256_hex(std::string_view data, std::size_t hex_chars) { return sha256_hex({data}, hex_chars); }

std::string sha256_hex(std::initializer_list<std::string_view> parts, std::size_t hex_chars) {
  SHA256_CTX ctx;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  bool ok = SHA256_Init(&ctx) == 1;
  for (const auto part : parts) ok = ok && SHA256_Update(&ctx, part.data(), part.size()) == 1;
  if (!ok || SHA256_Final(digest, &ctx) != 1) throw std::runtime_error("OpenSSL SHA-256 failed");
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  out.reserve(hex_chars);
  for (unsigned int i = 0; i < SHA256_DIGEST_LENGTH && out.size() < hex_chars; ++i) {
    out += kHex[digest[i] >> 4];
    if (out.size() < hex_chars) out += kHex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace nba
