#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace sen {

// Secrets at rest (signing keys, identity numbers) are stored sealed with a key that lives in a file
// outside the database, so a copy of the database alone (a backup, a dump) does not give them away.
inline constexpr std::size_t kSealKeyBytes = 32;

// Reads a 32-byte key, or creates it (random, mode 0600, parent directories included) when
// the file does not exist. A file of another size is an error rather than being replaced: replacing
// it would make every sealed key unreadable.
// `name` ("The PKI master key") starts its error messages.
Result<std::string> load_or_create_key(const std::filesystem::path& file, std::string_view name);

// base64(nonce || XSalsa20-Poly1305 box). `master_key` must be kSealKeyBytes long.
std::string seal(std::string_view plaintext, std::string_view master_key);
// kInternal when the text was sealed under another key or was altered.
Result<std::string> unseal(std::string_view sealed, std::string_view master_key);

}  // namespace sen
