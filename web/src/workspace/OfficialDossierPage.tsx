import { controlSheetExportUrl } from "../api/dossiers";
import { Breadcrumb } from "../components/Breadcrumb";
import { ExportButtons } from "../components/ExportButtons";
import { Loading } from "../components/Loading";
import { ActionPanel } from "../dossiers/ActionPanel";
import { DocumentList } from "../dossiers/DocumentList";
import { DossierSummary } from "../dossiers/DossierSummary";
import { DossierUnavailable } from "../dossiers/DossierUnavailable";
import { FormDataList } from "../dossiers/FormDataList";
import { actionLabel } from "../dossiers/labels";
import { useDossier, useDossierProcedure } from "../dossiers/useDossier";
import { ActionDone } from "../dossiers/ActionDone";
import { useOnActed } from "../dossiers/useOnActed";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, type Route } from "../routing/route";
import { SignedInPage } from "../session/SignedInPage";
import { useSignedOutOn401 } from "../session/useSignedOutOn401";
import { PaymentPanel } from "../services/PaymentPanel";
import { ResultPanel } from "../services/ResultPanel";
import { ControlSheet } from "./ControlSheet";

type OfficialRoute = Extract<Route, { name: "workspaceDossier" }>;

export function OfficialDossierPage({ route }: { route: OfficialRoute }) {
  const { t } = useI18n();
  return (
    <SignedInPage
      route={route}
      title={t.dossierHeading(route.code)}
      class="dossier-page dossier-page--official"
      before={<Breadcrumb href={hrefFor({ name: "workspace", scope: "mine", status: "", q: "", due: "" })} label={t.workspaceHeading} />}
    >
      <OfficialDossier code={route.code} />
    </SignedInPage>
  );
}

// What an official needs to act, in the order it is read: the current state and step, the
// applicant's form and papers (shown in the page), any result, then the decision; the control
// sheet last.
function OfficialDossier({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const onSessionError = useSignedOutOn401();
  const { dossier, reload, replace } = useDossier(code);
  const { onActed, done, movedTo } = useOnActed(replace);
  const [procedure] = useDossierProcedure(dossier);

  if (movedTo !== null) {
    return (
      <div class="notice notice--success action-done" data-testid="action-done">
        <p>
          <strong>{t.actionDone(actionLabel(t, done ?? "transfer"))}</strong> {t.transferredAway(movedTo.name)}
        </p>
        <a href={hrefFor({ name: "workspace", scope: "mine", status: "", q: "", due: "" })}>{t.backToQueue}</a>
      </div>
    );
  }
  if (dossier.status === "loading") return <Loading />;
  if (dossier.status === "error") return <DossierUnavailable code={code} error={dossier.error} onRetry={reload} />;
  const d = dossier.value;

  return (
    <>
      <p class="lead" lang="vi">
        {d.procedure.name}
      </p>
      <ActionDone action={done} status={d.status} />
      <DossierSummary dossier={d} official />
      <section class="section" aria-labelledby="official-form-heading">
        <h2 id="official-form-heading">{t.formSectionHeading}</h2>
        {procedure.status === "ready" ? (
          <FormDataList schema={procedure.value.form_schema} form={d.form} />
        ) : procedure.status === "error" ? (
          <pre class="form-raw" lang="vi">
            {JSON.stringify(d.form, null, 2)}
          </pre>
        ) : (
          <Loading />
        )}
        {d.contact_email !== "" && (
          <p>
            {t.contactEmailLabel}: <a href={`mailto:${d.contact_email}`}>{d.contact_email}</a>
          </p>
        )}
      </section>
      <section class="section" aria-labelledby="official-documents-heading">
        <h2 id="official-documents-heading">{t.documentsHeading}</h2>
        {d.documents.length === 0 ? (
          <p>{t.documentsNone}</p>
        ) : (
          <DocumentList code={d.code} documents={d.documents} labelledBy="official-documents-heading" preview />
        )}
      </section>
      {d.channel !== "online" && <PaymentPanel dossier={d} />}
      <ResultPanel dossier={d} />
      {d.allowed_actions.length > 0 ? (
        <ActionPanel
          dossier={d}
          actions={d.allowed_actions}
          heading={t.actionsHeading}
          onDone={onActed}
          onReload={reload}
          onSessionError={onSessionError}
        />
      ) : (
        <p class="notice" data-testid="no-actions">
          {t.noActions}
        </p>
      )}
      <section class="section" aria-labelledby="control-sheet-heading">
        <h2 id="control-sheet-heading">{t.controlSheetHeading}</h2>
        {d.events.length === 0 ? (
          <p>{t.timelineEmpty}</p>
        ) : (
          <>
            <ExportButtons
              label={t.controlSheetExportLabel}
              testId="control-sheet-export"
              url={(format) => controlSheetExportUrl(d.code, format, lang)}
            />
            <ControlSheet events={d.events} labelledBy="control-sheet-heading" />
          </>
        )}
      </section>
    </>
  );
}
