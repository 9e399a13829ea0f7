#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "pki/pdf_signature.hpp"
#include "storage/database.hpp"

namespace sen::pki {

// A row of pki_credentials without its sealed key. Times are RFC 3339 (UTC).
struct Credential {
  std::string id;
  std::string kind;  // ca | agency
  std::string agency_code;
  std::string subject;
  std::string serial;
  std::string certificate_pem;
  std::string chain_pem;
  std::string source;  // platform | imported
  std::string not_before;
  std::string not_after;
  std::string status;  // active | retired | revoked
  std::string created_at;
};

struct Signer {
  Credential credential;
  SigningKey key;
};

// The platform CA and the agencies' signing credentials. Private keys are sealed with the master key
// before they reach the database and exist in plaintext only in memory. Every change commits together
// with its audit entry (pki.ca.create, pki.ca.rotate, pki.agency.issue, pki.agency.import, pki.revoke),
// whose summary names serials and subjects, never key material. Blocking: call off the network threads.
class CredentialStore {
 public:
  CredentialStore(storage::Database& db, const Clock& clock, std::string master_key);

  // kConflict while an active CA exists (rotate it instead).
  Result<Credential> create_ca(std::string_view common_name, int validity_days, std::string_view actor_id);
  // A new CA with the same common name becomes active; the old one is retired, and stays a trust anchor
  // so documents signed under it keep verifying.
  Result<Credential> rotate_ca(int validity_days, std::string_view actor_id);
  // A certificate signed by the active CA for an agency of the agencies table (kNotFound otherwise);
  // an empty name takes the agency's name from there, the organization is the agency's place. The
  // agency's previous active credential is retired. kConflict without an active CA.
  Result<Credential> issue_agency(std::string_view agency_code, std::string_view agency_name,
                                  int validity_days, std::string_view actor_id);
  // An agency's own certificate and key (source "imported"); the key must match the certificate and the
  // certificate must be valid now. The agency's previous active credential is retired.
  Result<Credential> import_pkcs12(std::string_view agency_code, std::string_view p12,
                                   std::string_view password, std::string_view actor_id);

  // The agency's active credential with its unsealed key. kNotFound if it has none, kConflict if it
  // has expired.
  Result<Signer> active_signer(std::string_view agency_code);
  Result<Credential> get(std::string_view id);
  Result<std::vector<Credential>> list();  // oldest first
  // Every CA that is not revoked, plus the top certificate of each imported chain that is not revoked.
  Result<std::vector<std::string>> trust_anchors_pem();
  // Revoking a CA also revokes the agency credentials it issued (their documents stop verifying as
  // trusted). kConflict if already revoked.
  Status revoke(std::string_view id, std::string_view reason, std::string_view actor_id);

 private:
  std::string now() const;

  storage::Database& db_;
  const Clock& clock_;
  std::string master_key_;
};

inline constexpr std::string_view kNoPlatformCa = "No platform CA: run `sen pki init-ca`";

}  // namespace sen::pki
