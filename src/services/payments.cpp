// Cashless fees: a VietQR payment request per dossier, the gateway's signed callback, the e-receipt.
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>
#include <charconv>

#include "audit/audit_log.hpp"
#include "documents/qr_code.hpp"
#include "documents/vietqr.hpp"
#include "services/dossier_service.hpp"
#include "services/dossier_transition.hpp"
#include "services/papers.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", mac[i]);
  return hex;
}

Error unauthenticated(std::string message) {
  return Error{ErrorCode::kUnauthenticated, std::move(message), "X-Sen-Signature", {}};
}

}  // namespace

Result<std::string> DossierService::payment_payload(const PaymentRow& payment) const {
  return documents::vietqr_payload({d_.config.payment_bank_bin, d_.config.payment_account, payment.amount_vnd,
                                    payment.reference, d_.config.payment_account_name, ""});
}

Result<std::string> DossierService::payment_qr_svg(const identity::Principal& who, const std::string& code) {
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto l = load_readable(**conn, who, code);
  if (!l) return tl::unexpected(l.error());
  auto payment = load_payment(**conn, code);
  if (!payment) return tl::unexpected(payment.error());
  if (!*payment) return fail(ErrorCode::kNotFound, "This dossier has no payment request", "code");
  auto payload = payment_payload(**payment);
  if (!payload) return tl::unexpected(payload.error());
  return documents::qr_svg(*payload);
}

Result<boost::json::object> DossierService::payment_callback(std::string_view body,
                                                             std::string_view timestamp,
                                                             std::string_view signature) {
  if (d_.config.payment_hmac_secret.empty()) {
    return fail(ErrorCode::kUnavailable, "Payment callbacks are not configured");
  }
  // The signature covers the timestamp, so a captured callback cannot be replayed later with a new one.
  const std::string expected =
      hmac_sha256_hex(d_.config.payment_hmac_secret, std::string(timestamp) + "." + std::string(body));
  if (signature.size() != expected.size() ||
      CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return tl::unexpected(unauthenticated("The callback's signature does not match"));
  }
  long long sent = 0;
  auto [ptr, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), sent);
  const long long now_s =
      std::chrono::duration_cast<std::chrono::seconds>(d_.clock.now().time_since_epoch()).count();
  if (ec != std::errc() || ptr != timestamp.data() + timestamp.size() ||
      std::llabs(now_s - sent) > d_.config.payment_callback_max_age_seconds) {
    return fail(ErrorCode::kUnauthenticated, "The callback is too old or its timestamp is invalid",
                "X-Sen-Timestamp");
  }
  boost::system::error_code jec;
  const json::value parsed = json::parse(body, jec);
  if (jec || !parsed.is_object())
    return fail(ErrorCode::kMalformedJson, "The body is not a JSON object", "body");
  const auto& o = parsed.as_object();
  auto text = [&](std::string_view k) -> std::string {
    const auto* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  const std::string reference = text("reference");
  const std::string transaction = text("transaction_id");
  const auto* amount = o.if_contains("amount_vnd");
  if (reference.empty()) return fail(ErrorCode::kInvalidArgument, "reference is required", "reference");
  if (transaction.empty() || transaction.size() > 64) {
    return fail(ErrorCode::kInvalidArgument, "transaction_id is required (at most 64 characters)",
                "transaction_id");
  }
  if (amount == nullptr || !amount->is_int64()) {
    return fail(ErrorCode::kInvalidArgument, "amount_vnd must be an integer", "amount_vnd");
  }
  std::string outcome;
  auto done = d_.db.write_transaction([&](storage::Connection& conn) -> Status {
    auto rows = conn.execute("SELECT dossier_code FROM payments WHERE reference = $1", {reference});
    if (!rows) return tl::unexpected(rows.error());
    if (rows->rows.empty()) return fail(ErrorCode::kNotFound, "No payment with this reference", "reference");
    auto payment = load_payment(conn, rows->rows.front().text(0));
    if (!payment) return tl::unexpected(payment.error());
    const PaymentRow& pay = **payment;
    if (pay.status == "paid") {
      if (pay.transaction_id == transaction) {
        outcome = "already_processed";  // the gateway retried: acknowledge, change nothing
        return {};
      }
      return fail(ErrorCode::kConflict, "This payment was already made by another transaction",
                  "transaction_id");
    }
    if (amount->as_int64() != pay.amount_vnd) {
      return fail(ErrorCode::kInvalidArgument, fmt::format("amount_vnd must be {}", pay.amount_vnd),
                  "amount_vnd");
    }
    const std::string at = now();
    auto upd = conn.execute(
        "UPDATE payments SET status = 'paid', transaction_id = $2, paid_at = $3 WHERE reference = $1 AND "
        "status = 'pending'",
        {reference, transaction, at});
    if (!upd) return tl::unexpected(upd.error());
    auto d = load_dossier(conn, pay.dossier_code);
    if (!d) return tl::unexpected(d.error());
    auto p = d_.catalog.get(d->procedure_code);
    if (!p) return tl::unexpected(p.error());
    outcome = "paid";
    // Paid after the applicant withdrew: the payment is kept, the dossier stays as it is.
    auto planned =
        plan(**p, workflow_state(*d), DossierAction::kConfirmPayment, {ActorRole::kPaymentGateway});
    if (!planned)
      return planned.error().code == ErrorCode::kConflict ? Status{} : tl::unexpected(planned.error());
    const Dossier old = *d;
    if (auto s = apply_transition(*d, **p, *planned, d_.clock.now(), d_.calendar); !s) return s;
    ++d->version;
    if (auto s = save(conn, *d); !s) return s;
    EventRow event = new_event(*d, old, DossierAction::kConfirmPayment, ActorRole::kPaymentGateway, at);
    event.actor_name = "Cổng thanh toán";
    event.fee_vnd = pay.amount_vnd;
    event.paid_online = true;
    event.comment = "Giao dịch " + transaction;
    return record_change(conn, *d, event, {"", "payment-gateway"}, (*p)->name);
  });
  if (!done) return tl::unexpected(done.error());
  return json::object{{"status", outcome}, {"reference", reference}};
}

Result<Download> DossierService::payment_receipt(const identity::Principal& who, const std::string& code) {
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto l = load_readable(**conn, who, code);
  if (!l) return tl::unexpected(l.error());
  auto payment = load_payment(**conn, code);
  if (!payment) return tl::unexpected(payment.error());
  if (!*payment || (*payment)->status != "paid") {
    return fail(ErrorCode::kNotFound, "This dossier has no paid fee", "code");
  }
  auto ctx = paper_context(**conn, *l);
  if (!ctx) return tl::unexpected(ctx.error());
  auto pdf = render_paper(payment_receipt_spec(*ctx, **payment));
  if (!pdf) return tl::unexpected(pdf.error());
  return Download{std::move(*pdf), "application/pdf", "bien-lai-" + code + ".pdf"};
}

}  // namespace sen::services
