import { useState } from "preact/hooks";
import { listMyResults } from "../api/dossiers";
import { ErrorSummary } from "../components/ErrorSummary";
import type { FormError } from "../forms/FormError";
import type { Dossier, IssuedResult, Procedure, ProcedureComponent, StoredDocument } from "../api/serviceTypes";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import { DocumentSlot } from "./DocumentSlot";
import type { ServerFault } from "./serverFieldError";

interface Props {
  dossier: Dossier;
  procedure: Procedure;
  fault: ServerFault | null;
  onDocument: (component: ProcedureComponent, document: StoredDocument | null) => void;
  onSessionError: (error: unknown) => boolean;
}

const NONE: IssuedResult[] = [];

// Step 2: one slot per component of the procedure.
export function DocumentsStep({ dossier, procedure, fault, onDocument, onSessionError }: Props) {
  const { t } = useI18n();
  const reusable = procedure.components.some((c) => c.reusable_from.length > 0);
  // Earlier results are only asked for when some component accepts one; a failure just hides the choice.
  const [results] = useResource(`results:${reusable}`, (signal) =>
    reusable ? listMyResults(signal) : Promise.resolve(NONE),
  );
  const mine = results.status === "ready" ? results.value : NONE;
  // Files chosen but not stored (uploading or refused), by component: leaving would lose them.
  const [pending, setPending] = useState<ReadonlyMap<string, { component: ProcedureComponent; file: File }>>(new Map());
  const [blocked, setBlocked] = useState<{ attempt: number; errors: FormError[] }>({ attempt: 0, errors: [] });
  const onPending = (component: ProcedureComponent, file: File | null) =>
    setPending((p) => {
      const next = new Map(p);
      if (file === null) next.delete(component.id);
      else next.set(component.id, { component, file });
      return next;
    });
  const onContinue = (event: Event) => {
    if (pending.size === 0) return;
    event.preventDefault();
    setBlocked((b) => ({
      attempt: b.attempt + 1,
      errors: [...pending.values()].map(({ component, file }) => ({
        fieldId: `document-${component.id}-file`,
        text: { detail: t.errorUploadPending(component.name, file.name) },
      })),
    }));
  };
  const shownErrors = blocked.errors.filter((e) => [...pending.values()].some(({ component }) => e.fieldId === `document-${component.id}-file`));
  return (
    <section class="section" aria-labelledby="documents-step-heading">
      <h2 id="documents-step-heading">{t.documentsStepHeading}</h2>
      <ErrorSummary errors={shownErrors} attempt={blocked.attempt} headingLevel={3} />
      <p class="section__intro">{t.documentsStepIntro}</p>
      {fault?.at === "document" && (
        <div class="notice notice--error">
          <p>{t.submitBlocked}</p>
        </div>
      )}
      <ul class="document-slots">
        {procedure.components.map((component) => (
          <DocumentSlot
            key={component.id}
            code={dossier.code}
            component={component}
            document={dossier.documents.find((d) => d.component === component.id)}
            candidates={mine.filter((r) => component.reusable_from.includes(r.procedure.code))}
            uploadLimit={procedure.upload_limit_bytes}
            fault={fault?.at === "document" && fault.component === component.id ? fault.detail : null}
            onChanged={onDocument}
            onPending={onPending}
            onSessionError={onSessionError}
          />
        ))}
      </ul>
      <p class="wizard-next">
        <a class="button" href={hrefFor({ name: "dossierEdit", code: dossier.code, step: "review" })} onClick={onContinue}>
          {t.continueToReview}
        </a>
      </p>
    </section>
  );
}
