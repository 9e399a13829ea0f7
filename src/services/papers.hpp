#pragma once

#include <string>
#include <vector>

#include "documents/pdf_document.hpp"
#include "services/dossier.hpp"
#include "services/procedure.hpp"

namespace sen::services {

// What the server prints for a dossier, as document specifications for the PDF renderer.
struct PaperContext {
  const Dossier& dossier;
  const Procedure& procedure;
  std::string agency_name;
  std::string place_name;
  std::string public_url;
};

// "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" with a QR code to the public tracking page.
documents::DocumentSpec receipt_spec(const PaperContext& c, const std::vector<DocumentRow>& documents);
// The result document the approving leader signs, with a QR code to the verification page.
documents::DocumentSpec result_spec(const PaperContext& c, const std::string& signer_name,
                                    const std::string& issued_at);
// The same document before it is signed, for the leader to read first: no signature, no
// verification code, and "preview, not valid" in the number line and on every page.
documents::DocumentSpec result_preview_spec(const PaperContext& c, const std::string& signer_name,
                                            const std::string& at);
// "Biên lai thu phí, lệ phí điện tử" once the fee is paid.
documents::DocumentSpec payment_receipt_spec(const PaperContext& c, const PaymentRow& payment);

// "08:00 ngày 26/11/2026", Vietnam's time, from an RFC 3339 time.
std::string display_time(const std::string& rfc3339);

}  // namespace sen::services
