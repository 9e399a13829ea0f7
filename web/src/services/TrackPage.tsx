import { useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { trackDossier } from "../api/publicChecks";
import type { TrackResult } from "../api/serviceTypes";
import { useFormErrors } from "../admin/useFormErrors";
import { DetailRow } from "../components/DetailRow";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { SubmitButton } from "../components/SubmitButton";
import { TextField } from "../components/TextField";
import { DueDate } from "../dossiers/DueDate";
import { StatusBadge } from "../dossiers/StatusBadge";
import { Timeline } from "../dossiers/Timeline";
import { timelinessLabel } from "../dossiers/labels";
import { commonError, errorText } from "../forms/errorText";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useI18n } from "../i18n/I18nProvider";
import { normalizeIdNumber } from "../identity/signUpForm";

type TrackField = "code" | "idNumber";
const FIELDS: readonly TrackField[] = ["code", "idNumber"];
const fieldId = (f: TrackField) => `track-${f}`;

// Public: anyone with the dossier code (printed on the receipt, which links here with ?code=)
// and the applicant's identification number sees where the dossier stands.
export function TrackPage({ code }: { code: string }) {
  const { t } = useI18n();
  useDocumentTitle(t.trackHeading);
  return (
    <div class="form-page track-page">
      <PageHeading>{t.trackHeading}</PageHeading>
      <p class="lead">{t.trackIntro}</p>
      <TrackPanel initialCode={code} />
    </div>
  );
}

// The tracking form and its answer, on this page and on the first page.
export function TrackPanel({ initialCode }: { initialCode: string }) {
  const { t } = useI18n();
  const [code, setCode] = useState(initialCode);
  const [idNumber, setIdNumber] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TrackResult | null>(null);
  const errors = useFormErrors(fieldId);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const c = code.trim();
    const id = normalizeIdNumber(idNumber);
    const missing: Partial<Record<TrackField, "errorTrackCodeMissing" | "errorIdNumberMissing" | "errorIdNumberFormat">> = {};
    if (c === "") missing.code = "errorTrackCodeMissing";
    if (id === "") missing.idNumber = "errorIdNumberMissing";
    else if (!/^\d{12}$/.test(id)) missing.idNumber = "errorIdNumberFormat";
    if (Object.keys(missing).length > 0) {
      setResult(null);
      return errors.fail(missing);
    }
    setBusy(true);
    try {
      setResult(await trackDossier(c, id));
      errors.clear();
      window.setTimeout(() => document.getElementById("track-result-heading")?.focus(), 0);
    } catch (error) {
      setResult(null);
      // One answer for an unknown code and a wrong number: nothing to probe.
      errors.fail({}, error instanceof ApiError && error.isNotFound ? "errorTrackNotFound" : commonError(error));
    } finally {
      setBusy(false);
    }
  };

  const err = (f: TrackField) => (errors.fields[f] !== undefined ? errorText(t, errors.fields[f]) : undefined);
  return (
    <>
      <ErrorSummary attempt={errors.attempt} errors={errors.summary(FIELDS)} />
      <form class="form" noValidate onSubmit={onSubmit}>
        <TextField id={fieldId("code")} label={t.trackCodeLabel} hint={t.trackCodeHint} error={err("code")} value={code} onInput={setCode} autocomplete="off" />
        <TextField
          id={fieldId("idNumber")}
          label={t.idNumberLabel}
          hint={t.trackIdHint}
          error={err("idNumber")}
          value={idNumber}
          onInput={setIdNumber}
          inputMode="numeric"
          autocomplete="off"
        />
        <SubmitButton label={t.trackButton} busyLabel={t.searching} busy={busy} />
      </form>
      {result !== null && <TrackResultView result={result} />}
    </>
  );
}

function TrackResultView({ result }: { result: TrackResult }) {
  const { t } = useI18n();
  return (
    <section class="section" aria-labelledby="track-result-heading" data-testid="track-result">
      <h2 id="track-result-heading" tabIndex={-1}>
        {t.dossierHeading(result.code)}
      </h2>
      <dl class="details">
        <DetailRow label={t.fieldProcedure}>
          <span lang="vi">{result.procedure.name}</span>
        </DetailRow>
        <DetailRow label={t.fieldStatus}>
          <StatusBadge status={result.status} />
        </DetailRow>
        {result.received_at !== null && (
          <DetailRow label={t.fieldReceivedAt}>{t.serviceTime(result.received_at)}</DetailRow>
        )}
        <DetailRow label={t.fieldDueAt}>
          <DueDate at={result.due_at} overdue={result.overdue} />
          {result.timeliness !== null && <span class="details__note">{timelinessLabel(t, result.timeliness)}</span>}
        </DetailRow>
      </dl>
      <h3 id="track-timeline-heading">{t.timelineHeading}</h3>
      <Timeline events={result.events} labelledBy="track-timeline-heading" />
    </section>
  );
}
