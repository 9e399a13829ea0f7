#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace sen::identity {

// Argon2id cost; the defaults take about 50-100 ms per hash on the reference 2-core machine.
struct PasswordCost {
  unsigned long long ops = 2;
  std::size_t memory_bytes = 64ull * 1024 * 1024;
};

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 128;

// Length 10-128 characters, not containing the username, not a well-known password, not one repeated
// character (NIST SP 800-63B: length and blocklists rather than composition rules).
Status check_password_policy(std::string_view password, std::string_view username);

Result<std::string> hash_password(std::string_view password, const PasswordCost& cost);
bool verify_password(const std::string& hash, std::string_view password);

// A hash of a random password at the given cost: verified against when the account does not exist,
// so that answering takes the same time either way.
const std::string& decoy_hash(const PasswordCost& cost);

}  // namespace sen::identity
