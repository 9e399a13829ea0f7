#include "identity/identity_vault.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <cassert>

#include "audit/audit_log.hpp"
#include "core/key_seal.hpp"
#include "identity/identity_number.hpp"

namespace sen::identity {
namespace {

static_assert(crypto_kdf_KEYBYTES == kSealKeyBytes);

enum class Subkey : std::uint64_t { kLookup = 1, kSeal = 2 };

std::string derive(std::string_view key, Subkey which) {
  assert(key.size() == crypto_kdf_KEYBYTES);
  std::string out(32, '\0');
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                             static_cast<std::uint64_t>(which), "sen-idno",
                             reinterpret_cast<const unsigned char*>(key.data()));
  return out;
}

}  // namespace

IdentityNumberVault::IdentityNumberVault(std::string_view key)
    : hash_key_(derive(key, Subkey::kLookup)), seal_key_(derive(key, Subkey::kSeal)) {}

std::string IdentityNumberVault::lookup_key(std::string_view number) const {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(number.data()),
                     number.size(), reinterpret_cast<const unsigned char*>(hash_key_.data()),
                     hash_key_.size());
  std::string hex(sizeof digest * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
  hex.pop_back();
  return hex;
}

std::string IdentityNumberVault::seal(std::string_view number) const { return sen::seal(number, seal_key_); }

Result<std::string> IdentityNumberVault::unseal(std::string_view sealed) const {
  return sen::unseal(sealed, seal_key_);
}

std::string IdentityNumberVault::username(std::string_view number) const {
  return "id:" + lookup_key(number);
}

StoredIdNumber IdentityNumberVault::store(std::string_view number) const {
  std::string hash = lookup_key(number);
  return {"id:" + hash, std::move(hash), seal(number), mask_id_number(number)};
}

Result<int> seal_clear_identity_numbers(storage::Database& db, const IdentityNumberVault& vault,
                                        const Clock& clock) {
  static constexpr std::string_view kClear =
      "SELECT id, username, id_number_hash FROM accounts "
      "WHERE id_number_hash IS NOT NULL AND id_number_sealed IS NULL ORDER BY id";
  // Every start asks; only an installation older than migration 0014 has anything to seal, so the
  // question is a read, not a write transaction.
  {
    auto conn = db.acquire();
    if (!conn) return tl::unexpected(conn.error());
    auto any = (*conn)->execute(std::string(kClear) + " LIMIT 1");
    if (!any) return tl::unexpected(any.error());
    if (any->rows.empty()) return 0;
  }
  return db.write_transaction([&](storage::Connection& conn) -> Result<int> {
    auto rows = conn.execute(std::string(kClear));
    if (!rows) return tl::unexpected(rows.error());
    for (const auto& r : rows->rows) {
      const std::string number = r.text(2);
      const StoredIdNumber stored = vault.store(number);
      auto done = conn.execute(
          "UPDATE accounts SET id_number_hash = $1, id_number_sealed = $2, id_number_masked = $3, "
          "username = $4 WHERE id = $5",
          {stored.hash, stored.sealed, stored.masked, r.text(1) == number ? stored.username : r.text(1),
           r.text(0)});
      if (!done) return tl::unexpected(done.error());
    }
    const int sealed = static_cast<int>(rows->rows.size());
    if (sealed == 0) return 0;
    const boost::json::object summary{{"accounts", sealed}};
    auto a = audit::append(
        conn, {"", "", "privacy.seal_identity_numbers", "accounts", "", "", boost::json::serialize(summary)},
        clock);
    if (!a) return tl::unexpected(a.error());
    return sealed;
  });
}

}  // namespace sen::identity
