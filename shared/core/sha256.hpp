#pragma once
// SHA-256 through OpenSSL's libcrypto (it uses the CPU's SHA extensions where
// present): the original's data_hash columns are SHA-256 hex digests.
#include <initializer_list>
#include <string>
#include <string_view>

namespace nba {

// The first `hex_chars` (<= 64) lowercase hex characters of SHA-256(data).
std::string sha256_hex(std::string_view data, std::size_t hex_chars = 64);
// Of the concatenation of `parts` (no copy into one string first).
std::string sha256_hex(std::initializer_list<std::string_view> parts, std::size_t hex_chars);

}  // namespace nba
