import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { type Acted, actOnDossier, dossierFileUrl } from "../api/dossiers";
import type { ActionTerms, Dossier } from "../api/serviceTypes";
import { useFormErrors } from "../admin/useFormErrors";
import { ErrorSummary } from "../components/ErrorSummary";
import { TextAreaField } from "../components/TextAreaField";
import { FilePreview } from "../components/FilePreview";
import { commonError, errorText } from "../forms/errorText";
import { useI18n } from "../i18n/I18nProvider";
import { AgencyPicker } from "./AgencyPicker";
import { actionLabel } from "./labels";

interface Props {
  dossier: Dossier;
  // The actions to offer, from the dossier's allowed_actions.
  actions: readonly string[];
  heading: string;
  onDone: (acted: Acted, action: string) => void;
  // Someone else acted first (409): reload to see where the dossier stands now.
  onReload: () => void;
  onSessionError: (error: unknown) => boolean;
}

type ActionField = "comment" | "target";
const FIELDS: readonly ActionField[] = ["comment", "target"];
const fieldId = (f: ActionField) => `action-${f}`;
const FORM_ID = "action-form";
const NO_TERMS: ActionTerms = {
  needs_reason: false,
  needs_target_agency: false,
  ends_without_result: false,
  issues_result: false,
  comment_max_chars: 0,
};

// One button per allowed action; choosing one opens a short form for the comment (the reason,
// where the action needs one) and, for a transfer, the receiving agency.
export function ActionPanel({ dossier, actions, heading, onDone, onReload, onSessionError }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  const [comment, setComment] = useState("");
  const [target, setTarget] = useState("");
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const errors = useFormErrors(fieldId);
  const openers = useRef<Record<string, HTMLButtonElement | null>>({});
  // What each action asks for, as the server's lifecycle table says.
  const terms = (action: string): ActionTerms => dossier.action_terms[action] ?? NO_TERMS;

  useEffect(() => {
    if (open !== null) document.getElementById(fieldId("comment"))?.focus();
  }, [open]);

  const choose = (action: string) => {
    setOpen(action);
    setComment("");
    setTarget("");
    setConflict(false);
    errors.clear();
  };
  const close = () => {
    const action = open;
    setOpen(null);
    errors.clear();
    if (action !== null) openers.current[action]?.focus();
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy || open === null) return;
    const reason = comment.trim();
    const code = target;
    const missing: Partial<
      Record<ActionField, "errorReasonMissing" | "errorCommentTooLong" | "errorTargetAgencyMissing">
    > = {};
    const asked = terms(open);
    if (asked.needs_reason && reason === "") missing.comment = "errorReasonMissing";
    else if (asked.comment_max_chars > 0 && [...reason].length > asked.comment_max_chars) missing.comment = "errorCommentTooLong";
    if (asked.needs_target_agency && code === "") missing.target = "errorTargetAgencyMissing";
    if (Object.keys(missing).length > 0) return errors.fail(missing);
    setBusy(true);
    try {
      const next = await actOnDossier(dossier.code, {
        action: open,
        comment: reason,
        ...(terms(open).needs_target_agency ? { target_agency: code } : {}),
      });
      const done = open;
      setOpen(null);
      errors.clear();
      onDone(next, done);
    } catch (error) {
      if (onSessionError(error)) return;
      if (error instanceof ApiError && error.status === 409) {
        setOpen(null);
        errors.clear();
        setConflict(true);
      } else if (error instanceof ApiError && error.field === "comment") {
        errors.fail({ comment: reason === "" ? "errorReasonMissing" : { detail: error.message } });
      } else if (error instanceof ApiError && error.field === "target_agency") {
        errors.fail({ target: { detail: t.errorTargetAgencyRefused(error.message) } });
      } else if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
        errors.fail({}, "errorAdminNotAllowed");
      } else {
        errors.fail({}, error instanceof ApiError && error.status === 400 ? { detail: error.message } : commonError(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const err = (f: ActionField) => (errors.fields[f] !== undefined ? errorText(t, errors.fields[f]) : undefined);
  return (
    <section class="section action-panel" aria-labelledby="actions-heading" data-testid="actions">
      <h2 id="actions-heading">{heading}</h2>
      {conflict && (
        <div class="notice notice--error" role="alert" data-testid="conflict">
          <p>{t.errorActedFirst}</p>
          <button type="button" class="button button--secondary" onClick={onReload}>
            {t.reloadDossier}
          </button>
        </div>
      )}
      <div class="button-row">
        {actions.map((action) => (
          <button
            key={action}
            ref={(el) => {
              openers.current[action] = el;
            }}
            type="button"
            class={terms(action).ends_without_result ? "button button--secondary button--danger" : "button button--secondary"}
            aria-expanded={open === action}
            aria-controls={open === action ? FORM_ID : undefined}
            onClick={() => (open === action ? close() : choose(action))}
          >
            {actionLabel(t, action)}
          </button>
        ))}
      </div>
      {open !== null && (
        <form id={FORM_ID} class="form action-form" noValidate onSubmit={onSubmit}>
          <h3 class="action-form__title">{actionLabel(t, open)}</h3>
          <ErrorSummary headingLevel={4} attempt={errors.attempt} errors={errors.summary(FIELDS)} />
          {terms(open).issues_result && (
            <section class="result-preview" aria-labelledby="result-preview-heading" data-testid="result-preview">
              <h4 id="result-preview-heading">{t.resultPreviewHeading}</h4>
              <p class="field__hint">{t.resultPreviewHint}</p>
              <FilePreview
                url={dossierFileUrl.resultPreview(dossier.code)}
                contentType="application/pdf"
                title={t.resultPreviewTitle(dossier.code)}
              />
              <p>
                <a href={dossierFileUrl.resultPreview(dossier.code)} download>
                  {t.resultPreviewDownload}
                </a>
              </p>
            </section>
          )}
          <TextAreaField
            id={fieldId("comment")}
            label={terms(open).needs_reason ? t.reasonLabel : t.commentLabel}
            hint={terms(open).needs_reason ? t.reasonHint : t.commentHint}
            error={err("comment")}
            required={terms(open).needs_reason}
            value={comment}
            onInput={setComment}
          />
          {terms(open).needs_target_agency && (
            <AgencyPicker id={fieldId("target")} error={err("target")} value={target} onChange={setTarget} />
          )}
          <div class="button-row">
            <button type="submit" class="button" aria-disabled={busy}>
              {busy ? t.acting : t.confirmAction(actionLabel(t, open))}
            </button>
            <button type="button" class="button button--secondary" onClick={close}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
