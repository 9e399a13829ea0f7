import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { usePagedList, type FetchPage } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";
import { dateTime } from "../i18n/format";
import { hrefFor } from "../routing/route";
import type { Page } from "../api/types";
import type { AssessmentSummary } from "./dxApi";
import { tr } from "./text";

// Assessments as a table, paged with cursors to the end; with `progress`, each row of a framework
// assessed before shows the change since the previous one.
export function AssessmentList({ listKey, label, fetchPage, empty, progress }: {
  listKey: string;
  // Names the table's scrollable region (keyboard users scroll it with the arrow keys).
  label: string;
  fetchPage: FetchPage<Page<AssessmentSummary>>;
  empty: string;
  progress: boolean;
}) {
  const { t, lang } = useI18n();
  const list = usePagedList(listKey, fetchPage);
  if (list.status === "loading" || list.status === "idle") return <Loading />;
  if (list.status === "error") return <LoadError onRetry={list.reload} />;
  if (list.items.length === 0) return <p>{empty}</p>;
  const previous = new Map<string, number>();
  const change = (a: AssessmentSummary): number | null => {
    if (a.score === null || a.status === "draft") return null;
    const before = previous.get(a.framework.code);
    previous.set(a.framework.code, a.score);
    return before === undefined ? null : a.score - before;
  };
  const rows = list.items.map((a) => ({ a, delta: progress ? change(a) : null }));
  return (
    <>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={label}>
        <table class="data-table" data-testid="dx-assessments">
          <thead>
            <tr>
              <th scope="col">{t.hDate}</th>
              <th scope="col">{t.hFramework}</th>
              <th scope="col">{t.hScore}</th>
              <th scope="col">{t.hLevel}</th>
              <th scope="col">{t.hStatus}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ a, delta }) => (
              <tr key={a.id}>
                <td><a href={hrefFor({ name: "dxResult", id: a.id })}>{dateTime(lang, a.submitted_at ?? a.created_at)}</a></td>
                <td>{tr(lang, a.framework.name)} · {a.subject.name}</td>
                <td>
                  {a.score === null ? "—" : t.rScoreOf(a.score, a.max_score)}
                  {delta !== null && <><br /><span class="field__hint">{t.hChange(delta)}</span></>}
                </td>
                <td>{a.level ? tr(lang, a.level.name) : "—"}</td>
                <td>{t.rStatus(a.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.hasMore && <LoadMoreButton busy={list.loadingMore} onClick={list.loadMore} />}
    </>
  );
}
