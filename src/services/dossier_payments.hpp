#pragma once

#include "services/dossier_core.hpp"

namespace sen::services {

// Cashless fees: the VietQR payment request, the gateway's confirmation, and the e-receipt.
class DossierPayments {
 public:
  explicit DossierPayments(DossierCore& core) : core_(core), d_(core.d_) {}

  Result<std::string> payment_qr_svg(const identity::Principal& who, const std::string& code);
  // Idempotent per transaction: a retried confirmation is acknowledged and changes nothing.
  Result<boost::json::object> confirm_payment(const PaymentConfirmation& c);
  Result<Download> payment_receipt(const identity::Principal& who, const std::string& code);

 private:
  DossierCore& core_;
  const ServicesDeps& d_;
};

}  // namespace sen::services
