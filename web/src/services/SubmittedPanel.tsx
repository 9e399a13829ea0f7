import { dossierFileUrl } from "../api/dossiers";
import type { Dossier } from "../api/serviceTypes";
import { timeLimitText } from "../dossiers/procedureText";
import { useI18n } from "../i18n/I18nProvider";

// Right after submission: the dossier code large enough to note down, what happens next, when the
// result is due and the receipt (GOV.UK's confirmation page).
export function SubmittedPanel({ dossier: d }: { dossier: Dossier }) {
  const { t } = useI18n();
  const paying = d.status === "awaiting_payment";
  return (
    <section class="confirmation" aria-labelledby="confirmation-heading" data-testid="confirmation">
      <div class="confirmation__panel">
        <h2 id="confirmation-heading" class="confirmation__title">
          {t.confirmationTitle}
        </h2>
        <p class="confirmation__body">
          {t.confirmationCodeLabel}
          <br />
          <strong class="confirmation__code" data-testid="confirmation-code">
            {d.code}
          </strong>
        </p>
      </div>
      <h3>{t.confirmationNextHeading}</h3>
      <ol class="confirmation__steps">
        {paying && <li>{t.confirmationPay}</li>}
        <li>
          {t.confirmationReceive} <span lang="vi">{d.agency.name}</span>.
        </li>
        {d.due_at !== null ? (
          <li>{t.confirmationDue(t.serviceTime(d.due_at))}</li>
        ) : (
          d.time_limit !== null && <li>{t.confirmationDueAfterReceipt(timeLimitText(t, d.time_limit))}</li>
        )}
        <li>{t.confirmationNotified}</li>
      </ol>
      <p>
        <a class="button button--secondary" href={dossierFileUrl.receipt(d.code)} download={`giay-tiep-nhan-${d.code}.pdf`}>
          {t.downloadReceipt}
        </a>
      </p>
    </section>
  );
}
