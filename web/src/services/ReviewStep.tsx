import { useState } from "preact/hooks";
import { resubmitDossier, submitDossier } from "../api/dossiers";
import type { Dossier, Procedure } from "../api/serviceTypes";
import { DetailRow } from "../components/DetailRow";
import { ErrorSummary } from "../components/ErrorSummary";
import { DocumentList } from "../dossiers/DocumentList";
import { ChangeLink, FormDataList } from "../dossiers/FormDataList";
import { feeText } from "../dossiers/procedureText";
import { errorText, type ErrorText } from "../forms/errorText";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import { serverFault, type ServerFault } from "./serverFieldError";

const DECLARATION_ID = "applicant-declaration";

interface Props {
  dossier: Dossier;
  procedure: Procedure;
  onSubmitted: (dossier: Dossier) => void;
  // Problems with the form or a document: the page takes the applicant to that step.
  onFault: (fault: ServerFault) => void;
  onSessionError: (error: unknown) => boolean;
}

// Step 3: everything at a glance, then submit (or, after a supplement request, resubmit).
export function ReviewStep({ dossier, procedure, onSubmitted, onFault, onSessionError }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorText | null>(null);
  const [declared, setDeclared] = useState(false);
  const [undeclared, setUndeclared] = useState(0);
  const supplement = dossier.status === "awaiting_supplement";
  // Registered at the counter: the receiving officer confirms the paper dossier, not a declaration.
  const atCounter = dossier.channel !== "online";
  const edit = (step: "form" | "documents", field?: string) =>
    hrefFor(field === undefined ? { name: "dossierEdit", code: dossier.code, step } : { name: "dossierEdit", code: dossier.code, step, field });
  const missing = procedure.components.filter(
    (c) => c.required && !dossier.documents.some((d) => d.component === c.id),
  );

  const onSubmit = async () => {
    if (busy) return;
    // The applicant's declaration comes before anything is sent.
    if (!declared) {
      setUndeclared((n) => n + 1);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = supplement
        ? await resubmitDossier(dossier.code)
        : await submitDossier(dossier.code);
      onSubmitted(next);
    } catch (e) {
      if (onSessionError(e)) return;
      const fault = serverFault(e);
      if (fault.at === "request") setError(fault.text);
      else onFault(fault);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section" aria-labelledby="review-step-heading">
      <h2 id="review-step-heading">{t.reviewStepHeading}</h2>
      <ErrorSummary
        errors={undeclared > 0 && !declared ? [{ fieldId: DECLARATION_ID, text: "errorDeclarationMissing" }] : []}
        attempt={undeclared}
        headingLevel={3}
      />
      <p class="section__intro">{t.reviewStepIntro}</p>
      <dl class="details">
        <DetailRow label={t.fieldProcedure}>
          <span lang="vi">{dossier.procedure.name}</span>
        </DetailRow>
        <DetailRow label={t.fieldPlace} action={dossier.status === "draft" ? <ChangeLink href={edit("form")} what={t.fieldPlace} /> : undefined}>
          <span lang="vi">{dossier.place.name}</span>
        </DetailRow>
        <DetailRow label={t.fieldAgency}><span lang="vi">{dossier.agency.name}</span></DetailRow>
        <DetailRow label={t.contactEmailLabel} action={<ChangeLink href={edit("form", "contact_email")} what={t.contactEmailLabel} />}>
          {dossier.contact_email === "" ? t.notGiven : dossier.contact_email}
        </DetailRow>
        <DetailRow label={t.fieldFee}>{feeText(t, dossier.fee_vnd)}</DetailRow>
      </dl>
      <h3>{t.formSectionHeading}</h3>
      <FormDataList schema={procedure.form_schema} form={dossier.form} changeHref={(path) => edit("form", path)} />
      <div class="section__head">
        <h3 id="review-documents-heading">{t.documentsHeading}</h3>
        <ChangeLink href={edit("documents")} what={t.documentsHeading} />
      </div>
      {dossier.documents.length === 0 ? (
        <p>{t.documentsNone}</p>
      ) : (
        <DocumentList code={dossier.code} documents={dossier.documents} labelledBy="review-documents-heading" />
      )}
      {missing.length > 0 && (
        <div class="notice notice--error" data-testid="missing-documents">
          <p>{t.documentsMissing}</p>
          <ul>
            {missing.map((c) => (
              <li key={c.id} lang="vi">
                {c.name}
              </li>
            ))}
          </ul>
        </div>
      )}
      {dossier.fee_vnd > 0 && !supplement && (
        <p class="notice">{(atCounter ? t.counterFeeNotice : t.feeDueNotice)(feeText(t, dossier.fee_vnd))}</p>
      )}
      <h3 id="declaration-heading">{atCounter ? t.counterDeclarationHeading : t.declarationHeading}</h3>
      <div class={undeclared > 0 && !declared ? "field field--error" : "field"}>
        {undeclared > 0 && !declared && (
          <p class="field__error" id={`${DECLARATION_ID}-error`}>
            {t.errorDeclarationMissing}
          </p>
        )}
        <div class="choice">
          <input
            id={DECLARATION_ID}
            class="choice__input"
            type="checkbox"
            checked={declared}
            aria-describedby={undeclared > 0 && !declared ? `${DECLARATION_ID}-error` : undefined}
            onChange={(e) => setDeclared(e.currentTarget.checked)}
          />
          <label class="choice__label" for={DECLARATION_ID}>
            {atCounter ? t.counterDeclarationText : t.declarationText}
          </label>
        </div>
      </div>
      {error !== null && (
        <div class="notice notice--error" role="alert">
          <p>{errorText(t, error)}</p>
        </div>
      )}
      <p class="wizard-next">
        <button type="button" class="button" aria-disabled={busy} onClick={() => void onSubmit()}>
          {busy ? t.submitting : supplement ? t.action_resubmit : t.submitDossier}
        </button>
      </p>
    </section>
  );
}
