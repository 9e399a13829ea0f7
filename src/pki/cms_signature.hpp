#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

// Internal to the pki module: CMS SignedData (RFC 5652) over detached content, as PDF signatures
// embed it.
namespace sen::pki::cms {

// One signer, SHA-256, signed attributes contentType, messageDigest and signingTime (set to
// `signing_time`, not to the machine's clock); the signer certificate and `chain_pem` are included.
Result<std::string> sign_detached(std::string_view content, std::string_view certificate_pem,
                                  std::string_view private_key_pem, std::string_view chain_pem,
                                  std::chrono::system_clock::time_point signing_time);

struct Verification {
  bool intact = false;   // signature over the signed attributes and the content digest both check
  bool trusted = false;  // the signer chains to an anchor at the signing time and may sign
  std::string subject, common_name, organization, serial, certificate_sha256;
  std::optional<std::chrono::system_clock::time_point> signing_time;  // the signingTime attribute
};

// Never fails: unreadable DER gives a Verification with nothing set. The chain is checked at the
// signingTime attribute, else at `claimed_time` (the PDF's /M), else now.
Verification verify_detached(std::string_view der, std::string_view content,
                             const std::vector<std::string>& trust_anchors_pem,
                             std::optional<std::chrono::system_clock::time_point> claimed_time);

}  // namespace sen::pki::cms
