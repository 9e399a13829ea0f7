#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace sen::pki {

// Private keys are stored sealed with a master key that lives in a file outside the database, so a
// copy of the database alone (a backup, a dump) does not give away the keys.
inline constexpr std::size_t kMasterKeyBytes = 32;

// Reads the 32-byte master key, or creates it (random, mode 0600, parent directories included) when
// the file does not exist. A file of another size is an error rather than being replaced: replacing
// it would make every sealed key unreadable.
Result<std::string> load_or_create_master_key(const std::filesystem::path& file);

// base64(nonce || XSalsa20-Poly1305 box). `master_key` must be kMasterKeyBytes long.
std::string seal(std::string_view plaintext, std::string_view master_key);
// kInternal when the text was sealed under another key or was altered.
Result<std::string> unseal(std::string_view sealed, std::string_view master_key);

}  // namespace sen::pki
