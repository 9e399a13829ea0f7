import { useAnnounceOnChange } from "../a11y/Announcer";
import { listDossiers } from "../api/dossiers";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { DueDate } from "../dossiers/DueDate";
import { StatusBadge } from "../dossiers/StatusBadge";
import { usePagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, type Route } from "../routing/route";
import { SignedInPage } from "../session/SignedInPage";
import { useSignedOutOnResource401 } from "../session/useSignedOutOn401";
import { DataTable } from "../components/DataTable";

export function MyDossiersPage({ route }: { route: Route }) {
  const { t } = useI18n();
  return (
    <SignedInPage route={route} title={t.myDossiersHeading}>
      <MyDossiers />
    </SignedInPage>
  );
}

const HEADING_ID = "my-dossiers-count";

function MyDossiers() {
  const { t } = useI18n();
  const list = usePagedList("my-dossiers", (after, signal) => listDossiers({}, after, signal));
  useSignedOutOnResource401(list);
  const count =
    list.status !== "ready" ? null : list.total === null ? t.dossierShown(list.items.length) : t.dossierCount(list.total);
  useAnnounceOnChange(count);

  if (list.status === "loading" || list.status === "idle") return <Loading />;
  if (list.status === "error") return <LoadError onRetry={list.reload} />;
  if (list.items.length === 0) {
    return (
      <div class="notice">
        <p>{t.myDossiersNone}</p>
        <a href={hrefFor({ name: "procedures", q: "", level: "", sector: "", place: "", placeQ: "" })}>{t.findProcedure}</a>
      </div>
    );
  }
  return (
    <>
      <p class="section__count" id={HEADING_ID}>
        {count}
      </p>
      <DataTable labelledBy={HEADING_ID} testId="my-dossiers" columns={[t.colCode, t.colProcedure, t.colStatus, t.colDueAt]}>
        {list.items.map((d) => (
          <tr key={d.code} class={d.overdue ? "data-table__row--overdue" : undefined}>
            <th scope="row">
              <a
                href={
                  d.status === "draft"
                    ? hrefFor({ name: "dossierEdit", code: d.code, step: "form" })
                    : hrefFor({ name: "dossier", code: d.code, submitted: false })
                }
                class="data-table__code"
              >
                {d.code}
              </a>
            </th>
            <td lang="vi">{d.procedure.name}</td>
            <td>
              <StatusBadge status={d.status} />
            </td>
            <td>
              <DueDate at={d.due_at} overdue={d.overdue} />
            </td>
          </tr>
        ))}
      </DataTable>
      {list.error !== null && <LoadError onRetry={list.loadMore} />}
      {list.hasMore && <LoadMoreButton busy={list.loadingMore} onClick={list.loadMore} />}
    </>
  );
}
