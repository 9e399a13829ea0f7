import { dossierFileUrl } from "../api/dossiers";
import type { Dossier } from "../api/serviceTypes";
import { DetailRow } from "../components/DetailRow";
import { useI18n } from "../i18n/I18nProvider";
import { DueDate } from "./DueDate";
import { feeText, timeLimitText } from "./procedureText";
import { StatusBadge } from "./StatusBadge";
import { channelLabel, timelinessLabel } from "./labels";

export const STATUS_HEADING_ID = "dossier-status-heading";

// Where a dossier stands: status, dates, place and agency; for officials also the applicant and
// the current step. The heading takes focus after an action changes the status.
export function DossierSummary({ dossier, official }: { dossier: Dossier; official: boolean }) {
  const { t } = useI18n();
  const d = dossier;
  return (
    <section class="section dossier-summary" aria-labelledby={STATUS_HEADING_ID}>
      <h2 id={STATUS_HEADING_ID} tabIndex={-1}>
        {t.dossierStatusHeading}
      </h2>
      <dl class="details">
        <DetailRow label={t.fieldStatus} testId="dossier-status">
          <StatusBadge status={d.status} />
          {d.paused && (
            <>
              {" "}
              <span class="tag tag--paused">{t.paused}</span>
            </>
          )}
        </DetailRow>
        <DetailRow label={t.fieldProcedure}>
          <span lang="vi">{d.procedure.name}</span> <span class="details__note">{t.codeValue(d.procedure.code)}</span>
        </DetailRow>
        {official && (
          <DetailRow label={t.fieldApplicant}>
            <span lang="vi">{d.applicant.name}</span>
          </DetailRow>
        )}
        <DetailRow label={t.fieldChannel} testId="dossier-channel">
          {channelLabel(t, d.channel)}
        </DetailRow>
        <DetailRow label={t.fieldPlace}>
          <span lang="vi">{d.place.name}</span>
        </DetailRow>
        <DetailRow label={t.fieldAgency}>
          <span lang="vi">{d.agency.name}</span>
        </DetailRow>
        {official && d.step !== null && (
          <DetailRow label={t.fieldStep}>
            <span lang="vi">{d.step.name}</span>
            {d.step.due_at !== null && <span class="details__note">{t.stepDue(t.serviceTime(d.step.due_at))}</span>}
          </DetailRow>
        )}
        {d.submitted_at !== null && <DetailRow label={t.fieldSubmittedAt}>{t.serviceTime(d.submitted_at)}</DetailRow>}
        {d.received_at !== null && <DetailRow label={t.fieldReceivedAt}>{t.serviceTime(d.received_at)}</DetailRow>}
        {d.submitted_at !== null && (
          <DetailRow label={t.fieldDueAt} testId="dossier-due">
            <DueDate at={d.due_at} overdue={d.overdue} />
          </DetailRow>
        )}
        {d.finished_at !== null && (
          <DetailRow label={t.fieldFinishedAt}>
            {t.serviceTime(d.finished_at)}
            {d.timeliness !== null && <span class="details__note">{timelinessLabel(t, d.timeliness)}</span>}
          </DetailRow>
        )}
        {d.time_limit !== null && <DetailRow label={t.colTimeLimit}>{timeLimitText(t, d.time_limit)}</DetailRow>}
        <DetailRow label={t.fieldFee}>{feeText(t, d.fee_vnd)}</DetailRow>
      </dl>
      {d.submitted_at !== null && (
        <p class="dossier-summary__links">
          <a href={dossierFileUrl.receipt(d.code)} download={`giay-tiep-nhan-${d.code}.pdf`}>
            {t.downloadReceipt}
          </a>
        </p>
      )}
    </section>
  );
}
