import { useAnnounce } from "../a11y/Announcer";
import { Breadcrumb } from "../components/Breadcrumb";
import { Loading } from "../components/Loading";
import { ActionPanel } from "../dossiers/ActionPanel";
import { DocumentList } from "../dossiers/DocumentList";
import { DossierSummary } from "../dossiers/DossierSummary";
import { DossierUnavailable } from "../dossiers/DossierUnavailable";
import { Timeline } from "../dossiers/Timeline";
import { useDossier } from "../dossiers/useDossier";
import { ActionDone } from "../dossiers/ActionDone";
import { useOnActed } from "../dossiers/useOnActed";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, type Route } from "../routing/route";
import { SignedInPage } from "../session/SignedInPage";
import { useSignedOutOn401 } from "../session/useSignedOutOn401";
import { PaymentPanel } from "./PaymentPanel";
import { RatingSection } from "./RatingSection";
import { ResultPanel } from "./ResultPanel";
import { SubmittedPanel } from "./SubmittedPanel";
import { SupplementNotice } from "./SupplementNotice";

type DossierRoute = Extract<Route, { name: "dossier" }>;

export function DossierPage({ route }: { route: DossierRoute }) {
  const { t } = useI18n();
  return (
    <SignedInPage
      route={route}
      title={t.dossierHeading(route.code)}
      class="dossier-page"
      before={<Breadcrumb href={hrefFor({ name: "dossiers" })} label={t.myDossiersHeading} />}
    >
      <ApplicantDossier route={route} />
    </SignedInPage>
  );
}

// The applicant's view: where the dossier stands, what to do next (pay, supplement, rate),
// what happened so far, and the result once there is one.
function ApplicantDossier({ route }: { route: DossierRoute }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const onSessionError = useSignedOutOn401();
  const { dossier, reload, replace } = useDossier(route.code);
  const { onActed, done } = useOnActed(replace);

  if (dossier.status === "loading") return <Loading />;
  if (dossier.status === "error") return <DossierUnavailable code={route.code} error={dossier.error} onRetry={reload} />;
  const d = dossier.value;
  const withdrawable = d.allowed_actions.filter((a) => a === "withdraw");

  return (
    <>
      <p class="lead" lang="vi">
        {d.procedure.name}
      </p>
      {route.submitted && (d.status === "submitted" || d.status === "awaiting_payment") && <SubmittedPanel dossier={d} />}
      {d.status === "draft" && (
        <div class="notice">
          <p>{t.draftNotice}</p>
          <a class="button" href={hrefFor({ name: "dossierEdit", code: d.code, step: "form" })}>
            {t.continueDraft}
          </a>
        </div>
      )}
      {d.status === "awaiting_supplement" && <SupplementNotice dossier={d} editLink />}
      {/* While the fee is unpaid, paying is the next step: first after the notice. */}
      {d.status === "awaiting_payment" && <PaymentPanel dossier={d} />}
      <ActionDone action={done} status={d.status} />
      <DossierSummary dossier={d} official={false} />
      {d.status !== "awaiting_payment" && <PaymentPanel dossier={d} />}
      <ResultPanel dossier={d} />
      {d.status === "returned" && (
        <RatingSection dossier={d} onSessionError={onSessionError} onRated={(rating) => {
          replace({ ...d, rating });
          announce(t.ratingThanks);
        }} />
      )}
      <section class="section" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t.timelineHeading}</h2>
        {d.events.length === 0 ? <p>{t.timelineEmpty}</p> : <Timeline events={d.events} labelledBy="timeline-heading" />}
      </section>
      <section class="section" aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t.documentsHeading}</h2>
        {d.documents.length === 0 ? (
          <p>{t.documentsNone}</p>
        ) : (
          <DocumentList code={d.code} documents={d.documents} labelledBy="documents-heading" />
        )}
      </section>
      {withdrawable.length > 0 && (
        <ActionPanel
          dossier={d}
          actions={withdrawable}
          heading={t.withdrawHeading}
          onDone={onActed}
          onReload={reload}
          onSessionError={onSessionError}
        />
      )}
    </>
  );
}
