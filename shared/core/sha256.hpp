#pragma once
// SHA-256 through OpenSSL's libcrypto (it uses the CPU's SHA extensions where
// present): the original's data_hash columns are SHA-256 hex digests.
#include <string>
#include <string_view>

namespace nba {

// The first `hex_chars` (<= 64) lowercase hex characters of SHA-256(data).
std::string sha256_hex(std::string_view data, std::size_t hex_chars = 64);

}  // namespace nba
