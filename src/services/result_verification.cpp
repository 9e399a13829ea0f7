// Public verification of a result PDF: the signature, its chain to the platform's trust anchors, and
// what the platform knows of the document (which dossier, revoked or not).
#include <boost/json.hpp>

#include "core/sha256.hpp"
#include "pki/pdf_signature.hpp"
#include "services/dossier_service.hpp"

namespace sen::services {

namespace json = boost::json;

Result<boost::json::object> DossierService::verify(std::string_view pdf) {
  if (pdf.substr(0, 5) != "%PDF-") return fail(ErrorCode::kInvalidArgument, "The file is not a PDF", "body");
  auto anchors = d_.credentials.trust_anchors_pem();
  if (!anchors) return tl::unexpected(anchors.error());
  auto check = pki::verify_pdf(pdf, *anchors);
  if (!check) return tl::unexpected(check.error());
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto known = find_result_by_sha256(**conn, sha256_hex(pdf));
  if (!known) return tl::unexpected(known.error());
  const bool altered = check->has_signature && (!check->intact || !check->covers_whole_file);
  const bool revoked = *known && (*known)->revoked_at.has_value();
  const bool valid = check->has_signature && !altered && check->trusted && !revoked;
  json::value dossier = nullptr, title = nullptr, issued_at = nullptr;
  if (*known) {
    dossier = json::value((*known)->dossier_code);
    title = json::value((*known)->title);
    issued_at = json::value((*known)->issued_at);
  } else if (check->has_signature) {
    issued_at = json::value(check->signing_time);
  }
  return json::object{
      {"valid", valid},
      {"signed", check->has_signature},
      {"altered", altered},
      {"trusted", check->trusted},
      {"revoked", revoked},
      {"known", known->has_value()},
      {"issuer", check->signer_common_name.empty() ? check->signer_organization : check->signer_common_name},
      {"issued_at", issued_at},
      {"dossier", dossier},
      {"title", title},
      {"reason", check->reason},
      {"signer", json::object{{"subject", check->signer_subject},
                              {"serial", check->signer_serial},
                              {"certificate_sha256", check->certificate_sha256}}}};
}

}  // namespace sen::services
