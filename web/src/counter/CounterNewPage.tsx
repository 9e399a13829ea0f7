import { useState } from "preact/hooks";
import { useAnnounce } from "../a11y/Announcer";
import { ApiError } from "../api/client";
import { registerAtCounter } from "../api/dossiers";
import { getProcedure } from "../api/procedures";
import { ChoiceGroup } from "../components/ChoiceGroup";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { TextField } from "../components/TextField";
import { channelLabel } from "../dossiers/labels";
import type { FormError } from "../forms/FormError";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import type { Route } from "../routing/route";
import { navigate } from "../routing/router";
import { DossierForm } from "../services/DossierForm";
import { SignedInPage } from "../session/SignedInPage";
import { useSignedOutOn401 } from "../session/useSignedOutOn401";

type CounterNewRoute = Extract<Route, { name: "counterNew" }>;
type CounterChannel = "direct" | "postal";

const ID_NUMBER_ID = "counter-id-number";
const NAME_ID = "counter-name";
const CHANNELS: readonly CounterChannel[] = ["direct", "postal"];
const ID_NUMBER = /^\d{12}$/;

export function CounterNewPage({ route }: { route: CounterNewRoute }) {
  const { t } = useI18n();
  return (
    <SignedInPage route={route} title={t.counterNewHeading} class="dossier-page">
      <CounterNew route={route} />
    </SignedInPage>
  );
}

// The counter's second step: who brought the dossier and how, and its form. Saving registers the
// draft for the citizen and moves on to scanning its papers; the wizard after that is the applicant's
// own, worked by the officer.
function CounterNew({ route }: { route: CounterNewRoute }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const onSessionError = useSignedOutOn401();
  const [procedure, reload] = useResource(`procedure:${route.procedure}`, (signal) => getProcedure(route.procedure, signal));
  const [channel, setChannel] = useState<CounterChannel>("direct");
  const [idNumber, setIdNumber] = useState("");
  const [name, setName] = useState("");
  const [checked, setChecked] = useState(false);

  if (procedure.status === "loading") return <Loading />;
  if (procedure.status === "error") {
    const notFound = procedure.error instanceof ApiError && procedure.error.isNotFound;
    return notFound ? <LoadError message={t.errorProcedureNotFound(route.procedure)} /> : <LoadError onRetry={reload} />;
  }
  const p = procedure.value;
  const offered = CHANNELS.filter((c) => p.channels.some((pc) => pc.kind === c));
  const chosen = offered.includes(channel) ? channel : (offered[0] ?? "direct");
  const idError = checked && !ID_NUMBER.test(idNumber.trim()) ? t.errorCounterIdNumber : undefined;
  const nameError = checked && name.trim() === "" ? t.errorCounterName : undefined;
  return (
    <>
      <p class="lead" lang="vi" data-testid="procedure-name">
        {p.name}
      </p>
      <section class="section" aria-labelledby="counter-applicant-heading">
        <h2 id="counter-applicant-heading">{t.counterApplicantHeading}</h2>
        <p class="section__intro">{t.counterApplicantIntro}</p>
        <ChoiceGroup<CounterChannel>
          name="counter-channel"
          legend={t.counterChannelLegend}
          choices={offered.map((c) => ({ value: c, label: channelLabel(t, c) }))}
          value={chosen}
          onChange={setChannel}
        />
        <TextField
          id={ID_NUMBER_ID}
          label={t.counterIdNumberLabel}
          hint={t.counterIdNumberHint}
          error={idError}
          required
          value={idNumber}
          onInput={setIdNumber}
          inputMode="numeric"
          autocomplete="off"
        />
        <TextField
          id={NAME_ID}
          label={t.counterNameLabel}
          error={nameError}
          required
          value={name}
          onInput={setName}
          autocomplete="off"
        />
      </section>
      <section class="section" aria-labelledby="counter-form-heading">
        <h2 id="counter-form-heading">{t.formSectionHeading}</h2>
        <DossierForm
          schema={p.form_schema}
          form={{}}
          contactEmail=""
          submitLabel={t.counterSave}
          busyLabel={t.saving}
          extraCheck={(): FormError | null => {
            setChecked(true);
            if (!ID_NUMBER.test(idNumber.trim())) return { fieldId: ID_NUMBER_ID, text: "errorCounterIdNumber" };
            if (name.trim() === "") return { fieldId: NAME_ID, text: "errorCounterName" };
            return null;
          }}
          memberFields={{ "applicant.id_number": ID_NUMBER_ID, "applicant.name": NAME_ID, channel: `counter-channel-${chosen}` }}
          onSessionError={onSessionError}
          onSave={async (form, email) => {
            const dossier = await registerAtCounter({
              procedure: p.code,
              place: route.place,
              channel: chosen,
              applicant: { id_number: idNumber.trim(), name: name.trim() },
              form,
              ...(email === "" ? {} : { contact_email: email }),
            });
            announce(t.counterRegistered(dossier.code));
            navigate({ name: "dossierEdit", code: dossier.code, step: "documents" });
          }}
        />
      </section>
    </>
  );
}
