#pragma once

#include <string>
#include <string_view>

namespace sen {

// Lower-case hex SHA-256: migration checksums, audit chain links, stored token hashes.
std::string sha256_hex(std::string_view data);

}  // namespace sen
