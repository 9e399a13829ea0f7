// Papers a dossier yields: the receipt, the signed result, and public verification of a result PDF
// (the signature, its chain to the platform's trust anchors, and which dossier, revoked or not).
#include "services/dossier_results.hpp"

#include <boost/json.hpp>

#include "core/sha256.hpp"
#include "pki/pdf_signature.hpp"
#include "services/papers.hpp"
#include "services/workflow.hpp"

namespace sen::services {

namespace json = boost::json;

Result<boost::json::object> DossierResults::verify(std::string_view pdf) {
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

Result<Download> DossierResults::receipt(const identity::Principal& who, const std::string& code) {
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto l = core_.load_readable(**conn, who, code);
  if (!l) return tl::unexpected(l.error());
  if (l->dossier.status == DossierStatus::kDraft) {
    return fail(ErrorCode::kConflict, "A receipt is issued once the dossier is submitted", "status");
  }
  auto docs = load_documents(**conn, code);
  if (!docs) return tl::unexpected(docs.error());
  auto ctx = core_.paper_context(**conn, *l);
  if (!ctx) return tl::unexpected(ctx.error());
  auto pdf = core_.render_paper(receipt_spec(*ctx, *docs));
  if (!pdf) return tl::unexpected(pdf.error());
  return Download{std::move(*pdf), "application/pdf", "giay-tiep-nhan-" + code + ".pdf"};
}

Result<Download> DossierResults::result(const identity::Principal& who, const std::string& code) {
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto l = core_.load_readable(**conn, who, code);
  if (!l) return tl::unexpected(l.error());
  auto r = load_result(**conn, code);
  if (!r) return tl::unexpected(r.error());
  if (!*r) return fail(ErrorCode::kNotFound, "This dossier has no result yet", "code");
  auto stored = d_.files.locate((*r)->storage_name);
  if (!stored) return tl::unexpected(stored.error());
  return Download{std::move(*stored), "application/pdf", "ket-qua-" + code + ".pdf"};
}

Result<Download> DossierResults::result_preview(const identity::Principal& who, const std::string& code) {
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto l = core_.load_readable(**conn, who, code);
  if (!l) return tl::unexpected(l.error());
  if (auto may = plan(*l->procedure, workflow_state(l->dossier), DossierAction::kApprove, l->roles); !may) {
    return tl::unexpected(may.error());
  }
  auto ctx = core_.paper_context(**conn, *l);
  if (!ctx) return tl::unexpected(ctx.error());
  auto pdf = core_.render_paper(result_preview_spec(*ctx, who.display_name, format_rfc3339(d_.clock.now())));
  if (!pdf) return tl::unexpected(pdf.error());
  return Download{std::move(*pdf), "application/pdf", "xem-truoc-ket-qua-" + code + ".pdf"};
}

}  // namespace sen::services
