#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace sen::pki {

// What the signature dictionary says about the signing (shown by PDF readers). UTF-8.
struct SignatureFields {
  std::string name;
  std::string reason;
  std::string location;
  std::string contact_info;
};

struct SigningKey {
  std::string certificate_pem;
  std::string private_key_pem;
  std::string chain_pem;  // issuer certificates, may be empty
};

// Signs a PDF the way PDF readers check it: an incremental update appends an invisible signature
// field on the first page and a CMS detached signature (SubFilter adbe.pkcs7.detached, SHA-256, the
// signer certificate and chain included) over every byte except the signature itself. /M and the CMS
// signingTime carry `signing_time`. The original bytes are kept unchanged at the start of the result.
// kInvalidArgument (field "pdf") for input that is not a PDF, is encrypted, or whose newest
// cross-reference section is a stream rather than a classic table.
Result<std::string> sign_pdf(std::string_view pdf, const SigningKey& key, const SignatureFields& fields,
                             std::chrono::system_clock::time_point signing_time);

struct PdfVerification {
  bool has_signature = false;
  bool intact = false;             // the CMS signature checks and its digest matches the signed bytes
  bool covers_whole_file = false;  // the signed ranges reach the end of the file: nothing was appended
  bool trusted = false;            // the signer chains to a trust anchor at the signing time and may sign
  std::string signer_subject;      // e.g. "CN=Ủy ban nhân dân Phường Ba Đình, OU=..., O=..., C=VN"
  std::string signer_common_name, signer_organization;
  std::string signer_serial;       // lower-case hex
  std::string certificate_sha256;  // lower-case hex of the signer certificate's DER
  std::string signing_time;        // RFC 3339 (+07:00) from the CMS signingTime, else /M
  std::string reason, name;
};

// Checks the signature that covers the most of the file (the newest one). Never throws: a file without
// a usable signature gives has_signature=false; text that is not a PDF gives kInvalidArgument (field
// "pdf").
Result<PdfVerification> verify_pdf(std::string_view pdf, const std::vector<std::string>& trust_anchors_pem);

}  // namespace sen::pki
