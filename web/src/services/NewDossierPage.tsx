import { useState } from "preact/hooks";
import { useAnnounce } from "../a11y/Announcer";
import { ApiError } from "../api/client";
import { createDossier } from "../api/dossiers";
import { getProcedure } from "../api/procedures";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { PlaceChooser } from "../components/PlaceChooser";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, type Route } from "../routing/route";
import { navigate } from "../routing/router";
import { SignedInPage } from "../session/SignedInPage";
import { useSignedOutOn401 } from "../session/useSignedOutOn401";
import { DossierForm } from "./DossierForm";
import { WizardSteps } from "./WizardSteps";

type NewRoute = Extract<Route, { name: "dossierNew" }>;

const PLACE_ID = "new-dossier-place";

export function NewDossierPage({ route }: { route: NewRoute }) {
  const { t } = useI18n();
  return (
    <SignedInPage route={route} title={t.newDossierHeading} class="dossier-page">
      <NewDossier route={route} />
    </SignedInPage>
  );
}

// Step 1 of the wizard: where to submit, and the form. Saving creates the draft (its code is
// assigned at once) and moves on to the documents.
function NewDossier({ route }: { route: NewRoute }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const onSessionError = useSignedOutOn401();
  const [procedure, reload] = useResource(`procedure:${route.procedure}`, (signal) => getProcedure(route.procedure, signal));
  const [placeMissing, setPlaceMissing] = useState(false);
  const notFound = procedure.status === "error" && procedure.error instanceof ApiError && procedure.error.isNotFound;

  if (procedure.status === "loading") return <Loading />;
  if (procedure.status === "error") {
    return notFound ? <LoadError message={t.errorProcedureNotFound(route.procedure)} /> : <LoadError onRetry={reload} />;
  }
  const p = procedure.value;
  return (
    <>
      <p class="lead" lang="vi" data-testid="procedure-name">
        {p.name}
      </p>
      <WizardSteps current="form" code={null} />
      <section class="section" aria-labelledby="new-dossier-place-heading">
        <h2 id="new-dossier-place-heading">{t.placeSectionHeading}</h2>
        <p class="section__intro">{p.level === "commune" ? t.placeCommuneIntro : t.placeProvinceIntro}</p>
        <PlaceChooser
          id={PLACE_ID}
          testId="chosen-place"
          chosen={route.place}
          q={route.placeQ}
          level={p.level === "commune" ? "commune" : "province"}
          searchLabel={p.level === "commune" ? t.placeCommuneSearchLabel : t.placeProvinceSearchLabel}
          noneText={t.placeNone}
          chosenLabel={t.placeChosen}
          error={placeMissing && route.place === "" ? t.errorPlaceMissing : undefined}
          onQuery={(q) => navigate({ ...route, placeQ: q }, { replace: true })}
          hrefFor={(place) => hrefFor({ ...route, place: place.code })}
        />
      </section>
      <section class="section" aria-labelledby="new-dossier-form-heading">
        <h2 id="new-dossier-form-heading">{t.formSectionHeading}</h2>
        <DossierForm
          schema={p.form_schema}
          form={route.prefill ?? {}}
          contactEmail=""
          submitLabel={t.saveDraftAndContinue}
          busyLabel={t.saving}
          extraCheck={() => {
            const missing = route.place === "";
            setPlaceMissing(missing);
            return missing ? { fieldId: `${PLACE_ID}-search`, text: "errorPlaceMissing" } : null;
          }}
          memberFields={{ place: `${PLACE_ID}-search` }}
          onSessionError={onSessionError}
          onSave={async (form, email) => {
            const dossier = await createDossier({
              procedure: p.code,
              place: route.place,
              form,
              ...(email === "" ? {} : { contact_email: email }),
            });
            announce(t.draftSaved(dossier.code));
            navigate({ name: "dossierEdit", code: dossier.code, step: "documents" });
          }}
        />
      </section>
    </>
  );
}
