#pragma once

#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "storage/database.hpp"

namespace sen::identity {

// What an account row holds of its citizen's number: columns username, id_number_hash,
// id_number_sealed and id_number_masked.
struct StoredIdNumber {
  std::string username, hash, sealed, masked;
};

// How identity numbers are kept (Law on Personal Data Protection 2025, Decree 13/2023): never in
// clear. An account stores a keyed hash to find it by number, the number sealed for the few who may
// read it whole (the citizen themselves), and the masked form lists show. Both keys derive from one
// 32-byte key held in a file outside the database (privacy.identity_key_file), so a stolen database
// or backup gives neither the numbers nor a way to test guesses against the hashes.
class IdentityNumberVault {
 public:
  explicit IdentityNumberVault(std::string_view key);  // core/key_seal.hpp's kSealKeyBytes long

  // Keyed BLAKE2b-256, hex: equal numbers give equal keys, so accounts are found by it.
  std::string lookup_key(std::string_view number) const;
  std::string seal(std::string_view number) const;
  Result<std::string> unseal(std::string_view sealed) const;
  // The username a citizen's account is stored under. ':' keeps it apart from every username
  // check_username accepts.
  std::string username(std::string_view number) const;
  // Every stored form at once, for writing an account.
  StoredIdNumber store(std::string_view number) const;

 private:
  std::string hash_key_;
  std::string seal_key_;
};

// Accounts written before identity numbers were sealed hold the number in clear in id_number_hash
// (and as a citizen's username): seals them, in one transaction, audited. Returns how many.
Result<int> seal_clear_identity_numbers(storage::Database& db, const IdentityNumberVault& vault,
                                        const Clock& clock);

}  // namespace sen::identity
