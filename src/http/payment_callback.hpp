#pragma once

#include <string>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "http/message.hpp"
#include "services/dossier_core.hpp"

namespace sen::http {

// What the payment gateway and Sen share: the HMAC secret (services.payment_hmac_secret; empty turns
// the callback off) and how old a signed callback may be (services.payment_callback_max_age_seconds).
struct PaymentGateway {
  std::string secret;
  int max_age_seconds = 300;
};

// The gateway's callback protocol: `X-Sen-Signature` is the hex HMAC-SHA256 of
// "<X-Sen-Timestamp>.<body>", the timestamp in Unix seconds within max_age of now (so a captured
// callback cannot be replayed later), and the body a JSON object {reference, transaction_id,
// amount_vnd, paid_at?} with no other member. Anything else is an error naming the header or member.
Result<services::PaymentConfirmation> read_payment_callback(const Request& r, const PaymentGateway& gateway,
                                                            const Clock& clock);

}  // namespace sen::http
