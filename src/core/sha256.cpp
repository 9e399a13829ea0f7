#include "core/sha256.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <iterator>

namespace sen {

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::string hex;
  hex.reserve(2 * sizeof digest);
  for (unsigned char b : digest) fmt::format_to(std::back_inserter(hex), "{:02x}", b);
  return hex;
}

}  // namespace sen
