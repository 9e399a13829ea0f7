import { useState } from "preact/hooks";
import { useAnnounce } from "../a11y/Announcer";
import { saveDossierForm } from "../api/dossiers";
import type { Dossier, Procedure, ProcedureComponent, StoredDocument } from "../api/serviceTypes";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { DossierUnavailable } from "../dossiers/DossierUnavailable";
import { useDossier, useDossierProcedure } from "../dossiers/useDossier";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, type Route } from "../routing/route";
import { navigate } from "../routing/router";
import { SignedInPage } from "../session/SignedInPage";
import { useSignedOutOn401 } from "../session/useSignedOutOn401";
import { DocumentsStep } from "./DocumentsStep";
import { DossierForm } from "./DossierForm";
import { ReviewStep } from "./ReviewStep";
import type { ServerFault } from "./serverFieldError";
import { SupplementNotice } from "./SupplementNotice";
import { WizardSteps } from "./WizardSteps";

type EditRoute = Extract<Route, { name: "dossierEdit" }>;

const EDITABLE = new Set(["draft", "awaiting_supplement"]);

export function EditDossierPage({ route }: { route: EditRoute }) {
  const { t } = useI18n();
  return (
    <SignedInPage route={route} title={t.dossierHeading(route.code)} class="dossier-page">
      <EditDossier route={route} />
    </SignedInPage>
  );
}

// Steps 1 to 3 for an existing draft, or for a dossier sent back for a supplement.
function EditDossier({ route }: { route: EditRoute }) {
  const { t } = useI18n();
  const onSessionError = useSignedOutOn401();
  const { dossier, reload, replace } = useDossier(route.code);
  const [procedure, reloadProcedure] = useDossierProcedure(dossier);

  if (dossier.status === "error") return <DossierUnavailable code={route.code} error={dossier.error} onRetry={reload} />;
  if (procedure.status === "error") return <LoadError onRetry={reloadProcedure} />;
  if (dossier.status === "loading" || procedure.status === "loading") return <Loading />;
  const d = dossier.value;
  if (!EDITABLE.has(d.status)) {
    return (
      <div class="notice">
        <p>{t.dossierNotEditable}</p>
        <p>
          <a href={hrefFor({ name: "dossier", code: d.code, submitted: false })}>{t.viewDossier}</a>
        </p>
      </div>
    );
  }
  return <Wizard route={route} dossier={d} procedure={procedure.value} replace={replace} onSessionError={onSessionError} />;
}

interface WizardProps {
  route: EditRoute;
  dossier: Dossier;
  procedure: Procedure;
  replace: (dossier: Dossier) => void;
  onSessionError: (error: unknown) => boolean;
}

function Wizard({ route, dossier, procedure, replace, onSessionError }: WizardProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  // The server's complaint at submission, carried to the step that can fix it.
  const [fault, setFault] = useState<ServerFault | null>(null);
  const onDocument = (component: ProcedureComponent, document: StoredDocument | null) => {
    const others = dossier.documents.filter((d) => d.component !== component.id);
    // An upload's answer has no name or time: the component's name, and now, until the next reload.
    const stored =
      document === null
        ? []
        : [{ ...document, name: document.name ?? component.name, added_at: document.added_at ?? new Date().toISOString() }];
    replace({ ...dossier, documents: [...others, ...stored] });
    if (fault?.at === "document" && fault.component === component.id) setFault(null);
  };
  return (
    <>
      <p class="lead" lang="vi" data-testid="procedure-name">
        {dossier.procedure.name}
      </p>
      {dossier.status === "awaiting_supplement" && <SupplementNotice dossier={dossier} editLink={false} />}
      <WizardSteps current={route.step} code={dossier.code} />
      {route.step === "form" && (
        <section class="section" aria-labelledby="form-step-heading">
          <h2 id="form-step-heading">{t.formSectionHeading}</h2>
          <p class="section__intro">
            {t.fieldPlace}: <span lang="vi">{dossier.place.name}</span>
          </p>
          <DossierForm
            schema={procedure.form_schema}
            form={dossier.form}
            contactEmail={dossier.contact_email}
            submitLabel={t.saveAndContinue}
            busyLabel={t.saving}
            initialFault={fault !== null && fault.at !== "document" ? fault : null}
            focusField={route.field}
            onSessionError={onSessionError}
            onSave={async (form, email) => {
              replace(await saveDossierForm(dossier.code, form, email));
              setFault(null);
              announce(t.formSaved);
              navigate({ ...route, step: "documents" });
            }}
          />
        </section>
      )}
      {route.step === "documents" && (
        <DocumentsStep
          dossier={dossier}
          procedure={procedure}
          fault={fault}
          onDocument={onDocument}
          onSessionError={onSessionError}
        />
      )}
      {route.step === "review" && (
        <ReviewStep
          dossier={dossier}
          procedure={procedure}
          onSessionError={onSessionError}
          onFault={(f) => {
            setFault(f);
            announce(t.submitBlocked);
            navigate({ ...route, step: f.at === "document" ? "documents" : "form" });
          }}
          onSubmitted={(next) => {
            // At the counter the officer goes on with the dossier: the fee, acceptance, the receipt.
            if (next.channel !== "online") {
              announce(t.counterSubmitted(next.code));
              navigate({ name: "workspaceDossier", code: next.code });
            } else navigate({ name: "dossier", code: next.code, submitted: true });
          }}
        />
      )}
    </>
  );
}
