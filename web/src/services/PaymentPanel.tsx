import { dossierFileUrl } from "../api/dossiers";
import type { Dossier } from "../api/serviceTypes";
import { DetailRow } from "../components/DetailRow";
import { feeText } from "../dossiers/procedureText";
import { useI18n } from "../i18n/I18nProvider";

// The fee: while unpaid, the VietQR code to scan in a banking app and the transfer reference;
// once paid, the e-receipt.
export function PaymentPanel({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const payment = dossier.payment;
  if (payment === null) return null;
  const paid = payment.status === "paid";
  return (
    <section class="section payment-panel" aria-labelledby="payment-heading" data-testid="payment">
      <h2 id="payment-heading">{t.paymentHeading}</h2>
      <dl class="details">
        <DetailRow label={t.paymentAmount}>{feeText(t, payment.amount_vnd)}</DetailRow>
        <DetailRow label={t.paymentReference}>
          <span class="details__code" data-testid="payment-reference">{payment.reference}</span>
        </DetailRow>
        <DetailRow label={t.paymentStatus}>
          {paid && payment.paid_at !== null ? t.paymentPaidAt(t.serviceTime(payment.paid_at)) : t.paymentPending}
        </DetailRow>
      </dl>
      {paid ? (
        <p>
          <a href={dossierFileUrl.paymentReceipt(dossier.code)} download={`bien-lai-${dossier.code}.pdf`}>
            {t.paymentReceipt}
          </a>
        </p>
      ) : (
        <div class="payment-panel__qr">
          <img
            src={dossierFileUrl.paymentQr(dossier.code)}
            width="240"
            height="240"
            alt={t.paymentQrAlt(feeText(t, payment.amount_vnd), payment.reference)}
          />
          <p class="section__intro">{t.paymentQrHint}</p>
        </div>
      )}
    </section>
  );
}
