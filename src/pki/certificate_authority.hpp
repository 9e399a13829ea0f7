#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace sen::pki {

// A certificate with its private key (PKCS#8 PEM, plaintext: callers seal it before storing) and the
// issuer certificates above it, leaf first. Times are RFC 3339 in UTC.
struct IssuedCertificate {
  std::string certificate_pem;
  std::string private_key_pem;
  std::string chain_pem;  // issuers, nearest first; empty for a root
  std::string subject;    // readable, e.g. "CN=Ủy ban nhân dân Phường Ba Đình, OU=..., O=..., C=VN"
  std::string serial;     // lower-case hex
  std::string not_before;
  std::string not_after;
};

// Keys are ECDSA P-256 with SHA-256 signatures (permitted by Circular 15/2025 and verified by NSS, so
// poppler's pdfsig and Firefox-family readers accept the signed PDFs).
inline constexpr int kMaxValidityDays = 36500;

// A self-signed root: CA:TRUE (path length 0: it signs agency certificates only), keyCertSign, cRLSign.
// An empty organization leaves O out of the subject.
Result<IssuedCertificate> create_root_ca(std::string_view common_name, std::string_view organization,
                                         int validity_days, std::chrono::system_clock::time_point now);

// An end-entity certificate for signing documents on an agency's behalf: digitalSignature and
// nonRepudiation, extended key usage emailProtection (what NSS requires of a document signer) and
// documentSigning (RFC 9336), CA:FALSE. The agency code goes into OU. Validity ends no later than the
// CA's own.
Result<IssuedCertificate> issue_signing_certificate(const IssuedCertificate& ca, std::string_view common_name,
                                                    std::string_view organization,
                                                    std::string_view agency_code, int validity_days,
                                                    std::chrono::system_clock::time_point now);

// Opens a PKCS#12 file (e.g. exported from an agency's existing signing token). The chain is ordered
// from the certificate's issuer upwards as far as the file allows. kInvalidArgument (field "pkcs12")
// for a wrong password, a file that is not PKCS#12, or one without a matching certificate and key.
Result<IssuedCertificate> read_pkcs12(std::string_view p12_bytes, std::string_view password);

}  // namespace sen::pki
