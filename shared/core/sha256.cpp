#include "core/sha256.hpp"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace nba {

std::string sha256_hex(std::string_view data, std::size_t hex_chars) { return sha256_hex({data}, hex_chars); }

std::string sha256_hex(std::initializer_list<std::string_view> parts, std::size_t hex_chars) {
  // Fetched once: EVP_sha256() would look the algorithm up again on every call.
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  bool ok = md && ctx && EVP_DigestInit_ex2(ctx.get(), md, nullptr) == 1;
  for (const auto part : parts) ok = ok && EVP_DigestUpdate(ctx.get(), part.data(), part.size()) == 1;
  if (!ok || EVP_DigestFinal_ex(ctx.get(), digest, &len) != 1) throw std::runtime_error("OpenSSL SHA-256 failed");
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  out.reserve(hex_chars);
  for (unsigned int i = 0; i < len && out.size() < hex_chars; ++i) {
    out += kHex[digest[i] >> 4];
    if (out.size() < hex_chars) out += kHex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace nba
