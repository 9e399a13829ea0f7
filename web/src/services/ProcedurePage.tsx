import type { ComponentChildren } from "preact";
import { ApiError } from "../api/client";
import { getProcedure } from "../api/procedures";
import type { Procedure } from "../api/serviceTypes";
import { Breadcrumb } from "../components/Breadcrumb";
import { DetailRow } from "../components/DetailRow";
import { LoadError } from "../components/LoadError";
import { PageHeading } from "../components/PageHeading";
import { levelLabel } from "../dossiers/labels";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import { ChannelsTable } from "./ChannelsTable";
import { ComponentsTable } from "./ComponentsTable";

function Part({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

// Everything about one procedure, as the national database states it, and the way in.
export function ProcedurePage({ code }: { code: string }) {
  const { t } = useI18n();
  const [procedure, reload] = useResource(`procedure:${code}`, (signal) => getProcedure(code, signal));
  const notFound = procedure.status === "error" && procedure.error instanceof ApiError && procedure.error.isNotFound;
  useDocumentTitle(procedure.status === "ready" ? procedure.value.name : t.proceduresHeading);

  return (
    <div class="procedure-page">
      <Breadcrumb href={hrefFor({ name: "procedures", q: "", level: "", sector: "", place: "", placeQ: "" })} label={t.proceduresHeading} />
      <div class="page-title">
        <PageHeading lang={procedure.status === "ready" ? "vi" : undefined}>
          {procedure.status === "ready" ? procedure.value.name : notFound ? t.notFoundHeading : t.loading}
        </PageHeading>
      </div>
      {notFound && <LoadError message={t.errorProcedureNotFound(code)} />}
      {procedure.status === "error" && !notFound && <LoadError onRetry={reload} />}
      {procedure.status === "ready" && <ProcedureDetails procedure={procedure.value} />}
    </div>
  );
}

function ProcedureDetails({ procedure: p }: { procedure: Procedure }) {
  const { t } = useI18n();
  const online = p.channels.some((c) => c.kind === "online");
  return (
    <>
      <dl class="details procedure-facts">
        <DetailRow label={t.fieldProcedureCode}>
          <span class="details__code">{p.code}</span>
        </DetailRow>
        <DetailRow label={t.filterLevel}>{levelLabel(t, p.level)}</DetailRow>
        <DetailRow label={t.filterSector}><span lang="vi">{p.sector}</span></DetailRow>
        <DetailRow label={t.fieldImplementingAgency}><span lang="vi">{p.agency}</span></DetailRow>
        <DetailRow label={t.fieldOnlineLevel}>
          {p.online_level === "full" ? t.onlineFull : t.onlinePartial}
        </DetailRow>
      </dl>
      {online && (
        <p class="procedure-page__start">
          <a class="button" href={hrefFor({ name: "dossierNew", procedure: p.code, place: "", placeQ: "" })}>
            {t.submitOnline}
          </a>
          <span class="details__note">{t.submitOnlineNote}</span>
        </p>
      )}
      <Part id="channels-heading" title={t.channelsHeading}>
        <ChannelsTable channels={p.channels} labelledBy="channels-heading" />
      </Part>
      <Part id="components-heading" title={t.componentsHeading}>
        <ComponentsTable components={p.components} labelledBy="components-heading" />
      </Part>
      {p.conditions !== "" && (
        <Part id="conditions-heading" title={t.conditionsHeading}>
          <p class="prose" lang="vi">
            {p.conditions}
          </p>
        </Part>
      )}
      <Part id="result-kind-heading" title={t.resultKindHeading}>
        <p lang="vi">{p.result}</p>
      </Part>
      {p.legal_basis.length > 0 && (
        <Part id="legal-heading" title={t.legalBasisHeading}>
          <ul class="prose-list">
            {p.legal_basis.map((l) => (
              <li key={l} lang="vi">
                {l}
              </li>
            ))}
          </ul>
        </Part>
      )}
      {p.source_note !== "" && (
        <p class="source-note" data-testid="source-note">
          <span class="source-note__label">{t.sourceNote}</span> <span lang="vi">{p.source_note}</span>
        </p>
      )}
    </>
  );
}
