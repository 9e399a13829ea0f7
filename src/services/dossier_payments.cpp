// Cashless fees: a VietQR payment request per dossier, the gateway's signed callback, the e-receipt.
#include "services/dossier_payments.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "audit/audit_log.hpp"
#include "documents/qr_code.hpp"
#include "documents/vietqr.hpp"
#include "services/dossier_transition.hpp"
#include "services/papers.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;

}  // namespace

Result<std::string> DossierPayments::payment_qr_svg(const identity::Principal& who, const std::string& code) {
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto l = core_.load_readable(**conn, who, code);
  if (!l) return tl::unexpected(l.error());
  auto payment = load_payment(**conn, code);
  if (!payment) return tl::unexpected(payment.error());
  if (!*payment) return fail(ErrorCode::kNotFound, "This dossier has no payment request", "code");
  auto payload = core_.payment_payload(**payment);
  if (!payload) return tl::unexpected(payload.error());
  return documents::qr_svg(*payload);
}

Result<boost::json::object> DossierPayments::confirm_payment(const PaymentConfirmation& c) {
  const auto now_time = d_.clock.now();
  if (c.paid_at && *c.paid_at > now_time + std::chrono::seconds(d_.config.payment_callback_max_age_seconds)) {
    return fail(ErrorCode::kInvalidArgument, "paid_at is in the future", "paid_at");
  }
  const std::string& reference = c.reference;
  const std::string& transaction = c.transaction_id;
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
    if (c.amount_vnd != pay.amount_vnd) {
      return fail(ErrorCode::kInvalidArgument, fmt::format("amount_vnd must be {}", pay.amount_vnd),
                  "amount_vnd");
    }
    const std::string at = core_.now();
    auto upd = conn.execute(
        "UPDATE payments SET status = 'paid', transaction_id = $2, paid_at = $3 WHERE reference = $1 AND "
        "status = 'pending'",
        {reference, transaction, c.paid_at ? format_rfc3339(*c.paid_at) : at});
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
    if (auto s = core_.save(conn, *d); !s) return s;
    EventRow event = new_event(*d, old, DossierAction::kConfirmPayment, ActorRole::kPaymentGateway, at);
    event.actor_name = "Cổng thanh toán";
    event.fee_vnd = pay.amount_vnd;
    event.paid_online = true;
    event.comment = "Giao dịch " + transaction;
    return core_.record_change(conn, *d, event, {"", "payment-gateway"}, (*p)->name);
  });
  if (!done) return tl::unexpected(done.error());
  return json::object{{"status", outcome}, {"reference", reference}};
}

Result<Download> DossierPayments::payment_receipt(const identity::Principal& who, const std::string& code) {
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto l = core_.load_readable(**conn, who, code);
  if (!l) return tl::unexpected(l.error());
  auto payment = load_payment(**conn, code);
  if (!payment) return tl::unexpected(payment.error());
  if (!*payment || (*payment)->status != "paid") {
    return fail(ErrorCode::kNotFound, "This dossier has no paid fee", "code");
  }
  auto ctx = core_.paper_context(**conn, *l);
  if (!ctx) return tl::unexpected(ctx.error());
  auto pdf = core_.render_paper(payment_receipt_spec(*ctx, **payment));
  if (!pdf) return tl::unexpected(pdf.error());
  return Download{std::move(*pdf), "application/pdf", "bien-lai-" + code + ".pdf"};
}

}  // namespace sen::services
