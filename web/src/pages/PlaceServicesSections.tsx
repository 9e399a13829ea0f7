import { listAgencies } from "../api/admin";
import { listProcedures } from "../api/procedures";
import type { Agency } from "../api/types";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { usePagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";
import { ProcedureResults } from "../services/ProcedureResults";

// A place's agencies, with how to reach them, and the procedures handled there: what a person
// looks up before going to the commune's office.
export function PlaceServicesSections({ code }: { code: string }) {
  return (
    <>
      <AgenciesSection code={code} />
      <ProceduresHereSection code={code} />
    </>
  );
}

function AgenciesSection({ code }: { code: string }) {
  const { t } = useI18n();
  const list = usePagedList(`place-agencies:${code}`, (cursor, signal) => listAgencies(code, cursor, signal));
  return (
    <section class="section" aria-labelledby="place-agencies-heading">
      <h2 id="place-agencies-heading">{t.placeAgenciesHeading}</h2>
      {list.status === "loading" && <Loading />}
      {list.status === "error" && <LoadError onRetry={list.reload} />}
      {list.status === "ready" && list.items.length === 0 && <p class="notice">{t.placeAgenciesNone}</p>}
      {list.status === "ready" && list.items.length > 0 && (
        <>
          <ul class="agency-cards" data-testid="place-agencies">
            {list.items.map((a) => (
              <AgencyCard key={a.code} agency={a} />
            ))}
          </ul>
          {list.hasMore && <LoadMoreButton busy={list.loadingMore} onClick={list.loadMore} />}
        </>
      )}
    </section>
  );
}

function AgencyCard({ agency }: { agency: Agency }) {
  const { t } = useI18n();
  const rows: [string, string | undefined, "tel" | "mail" | null][] = [
    [t.agencyAddress, agency.address, null],
    [t.agencyPhone, agency.phone, "tel"],
    [t.agencyEmail, agency.email, "mail"],
    [t.agencyOfficeHours, agency.office_hours, null],
  ];
  return (
    <li class="agency-card">
      <h3 class="agency-card__name" lang="vi">
        {agency.name}
      </h3>
      <dl class="agency-card__details">
        {rows.map(([label, value, link]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              {value === undefined || value === "" ? (
                <span class="agency-card__missing">{t.agencyNotRecorded}</span>
              ) : link === "tel" ? (
                <a href={`tel:${value.replace(/[^\d+]/g, "")}`}>{value}</a>
              ) : link === "mail" ? (
                <a href={`mailto:${value}`}>{value}</a>
              ) : (
                value
              )}
            </dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

function ProceduresHereSection({ code }: { code: string }) {
  const { t } = useI18n();
  const query = { q: "", level: "", sector: "", place: code };
  const list = usePagedList(`place-procedures:${code}`, (after, signal) => listProcedures(query, after, signal));
  return (
    <section class="section" aria-labelledby="place-procedures-heading">
      <div class="section__head">
        <h2 id="place-procedures-heading">{t.placeProceduresHeading}</h2>
        {list.status === "ready" && (
          <p class="section__count" data-testid="place-procedure-count">
            {t.procedureCount(list.total)}
          </p>
        )}
      </div>
      <ProcedureResults list={list} testId="place-procedures" labelledBy="place-procedures-heading" />
    </section>
  );
}
