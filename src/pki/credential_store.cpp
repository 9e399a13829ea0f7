#include "pki/credential_store.hpp"

#include <fmt/format.h>
#include <openssl/objects.h>
#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit_log.hpp"
#include "core/key_seal.hpp"
#include "pki/certificate_authority.hpp"
#include "pki/openssl_support.hpp"

namespace sen::pki {
namespace {

namespace json = boost::json;

constexpr std::string_view kColumns =
    "id, kind, agency_code, subject, serial, certificate_pem, chain_pem, source, not_before, not_after, "
    "status, created_at";
constexpr std::size_t kMaxReasonBytes = 500;

std::string new_id() {
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  char hex[2 * sizeof raw + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

Credential to_credential(const storage::Row& r) {
  auto text = [&](std::size_t i) { return r.is_null(i) ? std::string() : r.text(i); };
  return Credential{text(0), text(1), text(2), text(3), text(4),  text(5),
                    text(6), text(7), text(8), text(9), text(10), text(11)};
}

storage::Value nullable(const std::string& s) {
  return s.empty() ? storage::Value(nullptr) : storage::Value(s);
}

struct Stored {
  Credential credential;
  std::string sealed_key;
};

// The newest row matching `where` (SQL over kColumns with $1 bound to `param`), with its sealed key.
Result<std::optional<Stored>> find_one(storage::Connection& conn, std::string_view where,
                                       const std::string& param) {
  auto rows = conn.execute(
      fmt::format(
          "SELECT {}, sealed_key FROM pki_credentials WHERE {} ORDER BY created_at DESC, id DESC LIMIT 1",
          kColumns, where),
      {param});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return std::nullopt;
  const auto& row = rows->rows[0];
  return Stored{to_credential(row), row.text(12)};
}

Result<std::optional<Stored>> active_ca(storage::Connection& conn) {
  return find_one(conn, "kind = $1 AND status = 'active'", "ca");
}

// The one way keys reach the database: sealed with the master key.
Status insert(storage::Connection& conn, const Credential& c, std::string_view private_key_pem,
              const std::string& master_key) {
  if (master_key.size() != kSealKeyBytes) return fail_internal("the PKI master key has the wrong size");
  auto r = conn.execute(
      fmt::format("INSERT INTO pki_credentials ({}, sealed_key) VALUES ($1, $2, $3, $4, $5, $6, "
                  "$7, $8, $9, $10, $11, $12, $13)",
                  kColumns),
      {c.id, c.kind, nullable(c.agency_code), c.subject, c.serial, c.certificate_pem, c.chain_pem, c.source,
       c.not_before, c.not_after, c.status, c.created_at, seal(private_key_pem, master_key)});
  if (!r) return tl::unexpected(r.error());
  return {};
}

Status set_status(storage::Connection& conn, const std::string& id, std::string_view status) {
  auto r = conn.execute("UPDATE pki_credentials SET status = $1 WHERE id = $2", {std::string(status), id});
  if (!r) return tl::unexpected(r.error());
  return {};
}

// An agency keeps one active credential: a new one retires the others.
Status retire_agency_credentials(storage::Connection& conn, const std::string& agency_code) {
  auto r = conn.execute(
      "UPDATE pki_credentials SET status = 'retired' WHERE kind = 'agency' AND agency_code = $1 AND "
      "status = 'active'",
      {agency_code});
  if (!r) return tl::unexpected(r.error());
  return {};
}

Status audit_entry(storage::Connection& conn, const Clock& clock, std::string_view actor_id,
                   std::string action, const Credential& c, std::string place_code, json::object summary) {
  summary["serial"] = c.serial;
  summary["subject"] = c.subject;
  auto r = audit::append(conn,
                         audit::Entry{std::string(actor_id), "", std::move(action), "pki_credential", c.id,
                                      std::move(place_code), json::serialize(summary)},
                         clock);
  if (!r) return tl::unexpected(r.error());
  return {};
}

struct Agency {
  std::string name;
  std::string place_code;
  std::string place_name;
};

Result<Agency> find_agency(storage::Connection& conn, const std::string& code) {
  auto rows = conn.execute(
      "SELECT a.name, a.place_code, p.name FROM agencies a JOIN places p ON p.code = a.place_code "
      "WHERE a.code = $1",
      {code});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) {
    return fail(ErrorCode::kNotFound, fmt::format("No agency with code '{}'", code), "agency_code");
  }
  const auto& r = rows->rows[0];
  return Agency{r.text(0), r.text(1), r.text(2)};
}

Credential credential_from(const IssuedCertificate& issued, std::string kind, std::string agency_code,
                           std::string source, std::string created_at) {
  return Credential{new_id(),         std::move(kind),   std::move(agency_code),
                    issued.subject,   issued.serial,     issued.certificate_pem,
                    issued.chain_pem, std::move(source), issued.not_before,
                    issued.not_after, "active",          std::move(created_at)};
}

}  // namespace

CredentialStore::CredentialStore(storage::Database& db, const Clock& clock, std::string master_key)
    : db_(db), clock_(clock), master_key_(std::move(master_key)) {}

std::string CredentialStore::now() const { return format_rfc3339(clock_.now(), 0); }

Result<Credential> CredentialStore::create_ca(std::string_view common_name, int validity_days,
                                              std::string_view actor_id) {
  auto issued = create_root_ca(common_name, "", validity_days, clock_.now());
  if (!issued) return tl::unexpected(issued.error());
  Credential c = credential_from(*issued, "ca", "", "platform", now());
  auto created = db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    auto existing = active_ca(conn);
    if (!existing) return tl::unexpected(existing.error());
    if (*existing) return fail(ErrorCode::kConflict, "A platform CA already exists; rotate it instead");
    if (auto s = insert(conn, c, issued->private_key_pem, master_key_); !s) return tl::unexpected(s.error());
    return audit_entry(conn, clock_, actor_id, "pki.ca.create", c, "", {{"not_after", c.not_after}}).map([] {
      return 1;
    });
  });
  if (!created) return tl::unexpected(created.error());
  return c;
}

Result<Credential> CredentialStore::rotate_ca(int validity_days, std::string_view actor_id) {
  Credential c;
  auto rotated = db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    auto old = active_ca(conn);
    if (!old) return tl::unexpected(old.error());
    if (!*old) return fail(ErrorCode::kConflict, std::string(kNoPlatformCa));
    auto old_cert = ossl::read_certificate((*old)->credential.certificate_pem);
    if (!old_cert) return tl::unexpected(old_cert.error());
    const std::string name = ossl::name_entry(X509_get_subject_name(old_cert->get()), NID_commonName);
    auto issued = create_root_ca(name, "", validity_days, clock_.now());
    if (!issued) return tl::unexpected(issued.error());
    c = credential_from(*issued, "ca", "", "platform", now());
    if (auto s = set_status(conn, (*old)->credential.id, "retired"); !s) return tl::unexpected(s.error());
    if (auto s = insert(conn, c, issued->private_key_pem, master_key_); !s) return tl::unexpected(s.error());
    return audit_entry(conn, clock_, actor_id, "pki.ca.rotate", c, "",
                       {{"not_after", c.not_after}, {"previous_serial", (*old)->credential.serial}})
        .map([] { return 1; });
  });
  if (!rotated) return tl::unexpected(rotated.error());
  return c;
}

Result<Credential> CredentialStore::issue_agency(std::string_view agency_code, std::string_view agency_name,
                                                 int validity_days, std::string_view actor_id) {
  const std::string code(agency_code);
  Credential c;
  auto issued_ok = db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    auto agency = find_agency(conn, code);
    if (!agency) return tl::unexpected(agency.error());
    auto ca = active_ca(conn);
    if (!ca) return tl::unexpected(ca.error());
    if (!*ca) return fail(ErrorCode::kConflict, std::string(kNoPlatformCa));
    auto ca_key = unseal((*ca)->sealed_key, master_key_);
    if (!ca_key) return tl::unexpected(ca_key.error());
    const IssuedCertificate ca_cert{(*ca)->credential.certificate_pem, *ca_key, (*ca)->credential.chain_pem};
    auto issued = issue_signing_certificate(ca_cert, agency_name.empty() ? agency->name : agency_name,
                                            agency->place_name, code, validity_days, clock_.now());
    if (!issued) return tl::unexpected(issued.error());
    c = credential_from(*issued, "agency", code, "platform", now());
    if (auto s = retire_agency_credentials(conn, code); !s) return tl::unexpected(s.error());
    if (auto s = insert(conn, c, issued->private_key_pem, master_key_); !s) return tl::unexpected(s.error());
    return audit_entry(
               conn, clock_, actor_id, "pki.agency.issue", c, agency->place_code,
               {{"agency", code}, {"not_after", c.not_after}, {"ca_serial", (*ca)->credential.serial}})
        .map([] { return 1; });
  });
  if (!issued_ok) return tl::unexpected(issued_ok.error());
  return c;
}

Result<Credential> CredentialStore::import_pkcs12(std::string_view agency_code, std::string_view p12,
                                                  std::string_view password, std::string_view actor_id) {
  auto issued = read_pkcs12(p12, password);
  if (!issued) return tl::unexpected(issued.error());
  const auto at = clock_.now();
  const auto from = parse_rfc3339(issued->not_before), until = parse_rfc3339(issued->not_after);
  if (!from || !until || at < *from || at >= *until) {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("The certificate is not valid now (valid from {} to {})", issued->not_before,
                            issued->not_after),
                "pkcs12");
  }
  const std::string code(agency_code);
  Credential c = credential_from(*issued, "agency", code, "imported", now());
  auto imported = db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    auto agency = find_agency(conn, code);
    if (!agency) return tl::unexpected(agency.error());
    if (auto s = retire_agency_credentials(conn, code); !s) return tl::unexpected(s.error());
    if (auto s = insert(conn, c, issued->private_key_pem, master_key_); !s) return tl::unexpected(s.error());
    return audit_entry(conn, clock_, actor_id, "pki.agency.import", c, agency->place_code,
                       {{"agency", code}, {"not_after", c.not_after}})
        .map([] { return 1; });
  });
  if (!imported) return tl::unexpected(imported.error());
  return c;
}

Result<Signer> CredentialStore::active_signer(std::string_view agency_code) {
  const std::string code(agency_code);
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto found = find_one(**conn, "kind = 'agency' AND agency_code = $1 AND status = 'active'", code);
  if (!found) return tl::unexpected(found.error());
  if (!*found) {
    return fail(ErrorCode::kNotFound, fmt::format("Agency '{}' has no signing certificate", code),
                "agency_code");
  }
  const Credential& c = (*found)->credential;
  const auto until = parse_rfc3339(c.not_after);
  if (!until || clock_.now() >= *until) {
    return fail(ErrorCode::kConflict,
                fmt::format("The signing certificate of agency '{}' expired at {}; issue a new one", code,
                            c.not_after));
  }
  auto key = unseal((*found)->sealed_key, master_key_);
  if (!key) return tl::unexpected(key.error());
  return Signer{c, SigningKey{c.certificate_pem, std::move(*key), c.chain_pem}};
}

Result<Credential> CredentialStore::get(std::string_view id) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto found = find_one(**conn, "id = $1", std::string(id));
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail(ErrorCode::kNotFound, "No such credential");
  return (*found)->credential;
}

Result<std::vector<Credential>> CredentialStore::list() {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows =
      (*conn)->execute(fmt::format("SELECT {} FROM pki_credentials ORDER BY created_at, id", kColumns));
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Credential> out;
  for (const auto& r : rows->rows) out.push_back(to_credential(r));
  return out;
}

Result<std::vector<std::string>> CredentialStore::trust_anchors_pem() {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(
      "SELECT kind, certificate_pem, chain_pem FROM pki_credentials WHERE status <> 'revoked' AND "
      "(kind = 'ca' OR source = 'imported') ORDER BY created_at, id");
  if (!rows) return tl::unexpected(rows.error());
  std::vector<std::string> out;
  for (const auto& r : rows->rows) {
    std::string anchor = r.text(1);
    if (r.text(0) != "ca") {
      auto chain = ossl::read_certificates(r.text(2));
      if (!chain) return tl::unexpected(chain.error());
      if (chain->empty()) continue;  // nothing above the certificate to trust
      anchor = ossl::certificate_pem(chain->back().get());
    }
    if (std::find(out.begin(), out.end(), anchor) == out.end()) out.push_back(std::move(anchor));
  }
  return out;
}

Status CredentialStore::revoke(std::string_view id, std::string_view reason, std::string_view actor_id) {
  if (reason.empty() || reason.size() > kMaxReasonBytes) {
    return fail(ErrorCode::kInvalidArgument, "reason must have 1 to 500 characters", "reason");
  }
  const std::string credential_id(id);
  auto revoked = db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    auto found = find_one(conn, "id = $1", credential_id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return fail(ErrorCode::kNotFound, "No such credential");
    const Credential& c = (*found)->credential;
    if (c.status == "revoked") return fail(ErrorCode::kConflict, "This credential is already revoked");
    if (auto s = set_status(conn, c.id, "revoked"); !s) return tl::unexpected(s.error());
    std::int64_t cascaded = 0;
    if (c.kind == "ca") {
      // Agency certificates carry their issuing CA as their chain.
      auto r = conn.execute(
          "UPDATE pki_credentials SET status = 'revoked' WHERE kind = 'agency' AND source = 'platform' AND "
          "status <> 'revoked' AND chain_pem = $1",
          {c.certificate_pem + c.chain_pem});
      if (!r) return tl::unexpected(r.error());
      cascaded = r->affected_rows;
    }
    std::string place;  // an agency removed since keeps its credentials revocable
    if (c.kind == "agency") {
      auto agency = find_agency(conn, c.agency_code);
      if (agency) place = agency->place_code;
    }
    return audit_entry(conn, clock_, actor_id, "pki.revoke", c, place,
                       {{"reason", std::string(reason)}, {"also_revoked", cascaded}})
        .map([] { return 1; });
  });
  if (!revoked) return tl::unexpected(revoked.error());
  return {};
}

}  // namespace sen::pki
