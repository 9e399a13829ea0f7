#include "pki/certificate_authority.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <span>

#include "core/clock.hpp"
#include "pki/openssl_support.hpp"

namespace sen::pki {
namespace {

using ossl::CertPtr;
using ossl::KeyPtr;

// Verifiers whose clocks run a little behind would otherwise see a not-yet-valid certificate.
constexpr auto kBackdate = std::chrono::hours(1);

struct NamePart {
  int nid;
  std::string_view value;
  std::string_view field;
};

Status check_validity_days(int days) {
  if (days < 1 || days > kMaxValidityDays) {
    return fail(ErrorCode::kInvalidArgument, "validity_days must be between 1 and 36500", "validity_days");
  }
  return {};
}

// X.509 caps CN, O and OU at 64 characters; OpenSSL enforces that and rejects invalid UTF-8.
Result<ossl::Owned<X509_NAME, X509_NAME_free>> make_name(std::initializer_list<NamePart> parts) {
  ossl::Owned<X509_NAME, X509_NAME_free> name(X509_NAME_new());
  for (const auto& p : parts) {
    if (p.value.empty()) continue;
    if (X509_NAME_add_entry_by_NID(name.get(), p.nid, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(p.value.data()),
                                   static_cast<int>(p.value.size()), -1, 0) != 1) {
      ERR_clear_error();
      return fail(ErrorCode::kInvalidArgument,
                  std::string(p.field) + " must be valid UTF-8 of at most 64 characters",
                  std::string(p.field));
    }
  }
  return name;
}

Result<KeyPtr> generate_key() {
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return ossl::failure("generating a P-256 key");
  return key;
}

Status set_random_serial(X509* cert) {
  // 16 random bytes with the top bit clear: positive, unpredictable and within RFC 5280's 20 octets.
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return ossl::failure("random serial");
  bytes[0] &= 0x7f;
  ossl::Owned<BIGNUM, BN_free> bn(BN_bin2bn(bytes, sizeof bytes, nullptr));
  if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert))) return ossl::failure("serial");
  return {};
}

Status add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  ossl::Owned<X509_EXTENSION, X509_EXTENSION_free> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) {
    return ossl::failure(std::string("adding extension ") + OBJ_nid2sn(nid));
  }
  return {};
}

std::string utc(std::chrono::system_clock::time_point t) { return format_rfc3339(t, 0); }

IssuedCertificate describe(X509* cert, std::string key_pem, std::string chain_pem) {
  return IssuedCertificate{ossl::certificate_pem(cert),
                           std::move(key_pem),
                           std::move(chain_pem),
                           ossl::readable_name(X509_get_subject_name(cert)),
                           ossl::serial_hex(cert),
                           utc(ossl::to_time_point(X509_get0_notBefore(cert))),
                           utc(ossl::to_time_point(X509_get0_notAfter(cert)))};
}

struct CertificateSpec {
  X509_NAME* subject;
  EVP_PKEY* subject_key;
  X509* issuer;  // null: self-signed
  EVP_PKEY* issuer_key;
  std::chrono::system_clock::time_point not_before, not_after;
  bool ca;
};

Result<CertPtr> build_certificate(const CertificateSpec& s) {
  CertPtr cert(X509_new());
  X509* self = cert.get();
  X509* issuer = s.issuer != nullptr ? s.issuer : self;
  if (X509_set_version(self, X509_VERSION_3) != 1 || X509_set_subject_name(self, s.subject) != 1 ||
      X509_set_issuer_name(self, s.issuer != nullptr ? X509_get_subject_name(s.issuer) : s.subject) != 1 ||
      X509_set_pubkey(self, s.subject_key) != 1 ||
      !ASN1_TIME_set(X509_getm_notBefore(self), std::chrono::system_clock::to_time_t(s.not_before)) ||
      !ASN1_TIME_set(X509_getm_notAfter(self), std::chrono::system_clock::to_time_t(s.not_after))) {
    return ossl::failure("filling a certificate");
  }
  if (auto r = set_random_serial(self); !r) return tl::unexpected(r.error());
  // The subject key identifier comes first: the authority key identifier of a root copies it.
  static constexpr std::pair<int, const char*> kCaExtensions[] = {
      {NID_subject_key_identifier, "hash"},
      {NID_authority_key_identifier, "keyid:always"},
      {NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
      {NID_key_usage, "critical,keyCertSign,cRLSign"}};
  static constexpr std::pair<int, const char*> kSignerExtensions[] = {
      {NID_subject_key_identifier, "hash"},
      {NID_authority_key_identifier, "keyid:always"},
      {NID_basic_constraints, "critical,CA:FALSE"},
      {NID_key_usage, "critical,digitalSignature,nonRepudiation"},
      {NID_ext_key_usage, "emailProtection,1.3.6.1.5.5.7.3.36"}};
  using Extensions = std::span<const std::pair<int, const char*>>;
  const Extensions extensions = s.ca ? Extensions(kCaExtensions) : Extensions(kSignerExtensions);
  for (const auto& [nid, value] : extensions) {
    if (auto r = add_extension(self, issuer, nid, value); !r) return tl::unexpected(r.error());
  }
  if (X509_sign(self, s.issuer_key, EVP_sha256()) <= 0) return ossl::failure("signing a certificate");
  return cert;
}

// Leaf's issuer first, then that certificate's issuer, ...; certificates outside the path go last.
std::string ordered_chain(X509* leaf, STACK_OF(X509) * extra) {
  std::vector<X509*> rest;
  for (int i = 0; i < sk_X509_num(extra); ++i) rest.push_back(sk_X509_value(extra, i));
  std::string pem;
  X509* current = leaf;
  for (bool found = true; found && !rest.empty();) {
    auto it = std::find_if(rest.begin(), rest.end(), [&](X509* c) {
      return c != current && X509_check_issued(c, current) == X509_V_OK;
    });
    found = it != rest.end();
    if (found) {
      current = *it;
      pem += ossl::certificate_pem(current);
      rest.erase(it);
    }
  }
  for (X509* c : rest) pem += ossl::certificate_pem(c);
  return pem;
}

}  // namespace

Result<IssuedCertificate> create_root_ca(std::string_view common_name, std::string_view organization,
                                         int validity_days, std::chrono::system_clock::time_point now) {
  if (auto r = check_validity_days(validity_days); !r) return tl::unexpected(r.error());
  if (common_name.empty()) return fail(ErrorCode::kInvalidArgument, "common_name is required", "common_name");
  auto name = make_name({{NID_countryName, "VN", "country"},
                         {NID_organizationName, organization, "organization"},
                         {NID_commonName, common_name, "common_name"}});
  if (!name) return tl::unexpected(name.error());
  auto key = generate_key();
  if (!key) return tl::unexpected(key.error());
  auto cert = build_certificate({name->get(), key->get(), nullptr, key->get(), now - kBackdate,
                                 now + std::chrono::days(validity_days), true});
  if (!cert) return tl::unexpected(cert.error());
  return describe(cert->get(), ossl::private_key_pem(key->get()), "");
}

Result<IssuedCertificate> issue_signing_certificate(const IssuedCertificate& ca, std::string_view common_name,
                                                    std::string_view organization,
                                                    std::string_view agency_code, int validity_days,
                                                    std::chrono::system_clock::time_point now) {
  if (auto r = check_validity_days(validity_days); !r) return tl::unexpected(r.error());
  if (common_name.empty()) return fail(ErrorCode::kInvalidArgument, "common_name is required", "common_name");
  auto ca_cert = ossl::read_certificate(ca.certificate_pem);
  if (!ca_cert) return tl::unexpected(ca_cert.error());
  auto ca_key = ossl::read_private_key(ca.private_key_pem);
  if (!ca_key) return tl::unexpected(ca_key.error());
  auto name = make_name({{NID_countryName, "VN", "country"},
                         {NID_organizationName, organization, "organization"},
                         {NID_organizationalUnitName, agency_code, "agency_code"},
                         {NID_commonName, common_name, "common_name"}});
  if (!name) return tl::unexpected(name.error());
  auto key = generate_key();
  if (!key) return tl::unexpected(key.error());
  const auto ca_end = ossl::to_time_point(X509_get0_notAfter(ca_cert->get()));
  if (ca_end <= now) return fail(ErrorCode::kConflict, "The CA certificate has expired");
  const auto not_after = std::min(now + std::chrono::days(validity_days), ca_end);
  auto cert = build_certificate(
      {name->get(), key->get(), ca_cert->get(), ca_key->get(), now - kBackdate, not_after, false});
  if (!cert) return tl::unexpected(cert.error());
  return describe(cert->get(), ossl::private_key_pem(key->get()), ca.certificate_pem + ca.chain_pem);
}

Result<IssuedCertificate> read_pkcs12(std::string_view p12_bytes, std::string_view password) {
  // Files exported by older tools (and many tokens) encrypt with RC2, which OpenSSL 3 keeps in the
  // legacy provider; the default provider stays available beside it. The provider is unloaded at exit,
  // before OpenSSL's own clean-up, so leak checkers find nothing left behind.
  static const ossl::Owned<OSSL_PROVIDER, OSSL_PROVIDER_unload> legacy(
      OSSL_PROVIDER_try_load(nullptr, "legacy", 1));
  const auto unreadable = [] {
    ERR_clear_error();
    return fail(ErrorCode::kInvalidArgument, "wrong password or not a PKCS#12 file", "pkcs12");
  };
  auto bio = ossl::memory_bio(p12_bytes);
  ossl::Owned<PKCS12, PKCS12_free> p12(d2i_PKCS12_bio(bio.get(), nullptr));
  if (!p12) return unreadable();
  const std::string pass(password);
  EVP_PKEY* raw_key = nullptr;
  X509* raw_cert = nullptr;
  STACK_OF(X509)* raw_chain = nullptr;
  if (PKCS12_parse(p12.get(), pass.c_str(), &raw_key, &raw_cert, &raw_chain) != 1) return unreadable();
  KeyPtr key(raw_key);
  CertPtr cert(raw_cert);
  ossl::CertStackPtr chain(raw_chain);
  if (!key || !cert) {
    return fail(ErrorCode::kInvalidArgument, "The PKCS#12 file holds no certificate with its private key",
                "pkcs12");
  }
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return fail(ErrorCode::kInvalidArgument, "The private key does not match the certificate", "pkcs12");
  }
  return describe(cert.get(), ossl::private_key_pem(key.get()), ordered_chain(cert.get(), chain.get()));
}

}  // namespace sen::pki
