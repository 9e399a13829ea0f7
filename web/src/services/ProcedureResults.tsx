import type { ProcedureSummary } from "../api/serviceTypes";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import type { PagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";
import { ProcedureCard } from "./ProcedureCard";

interface Props {
  list: PagedList<ProcedureSummary>;
  testId?: string;
  labelledBy?: string;
  // Show at most this many and no "Xem thêm" (a preview such as the first page's); all by default.
  shown?: number;
  // Where each procedure's name leads (its page by default).
  hrefOf?: (procedure: ProcedureSummary) => string;
}

// A paged list of procedures as cards, with its loading, error and empty states.
export function ProcedureResults({ list, testId, labelledBy, shown, hrefOf }: Props) {
  const { t } = useI18n();
  if (list.status === "loading" || list.status === "idle") return <Loading />;
  if (list.status === "error") return <LoadError onRetry={list.reload} />;
  if (list.items.length === 0) return <p class="notice">{t.proceduresNone}</p>;
  const items = shown === undefined ? list.items : list.items.slice(0, shown);
  return (
    <>
      <ul class="admin-list" aria-labelledby={labelledBy} data-testid={testId}>
        {items.map((p) => (
          <ProcedureCard key={p.code} procedure={p} href={hrefOf?.(p)} />
        ))}
      </ul>
      {shown === undefined && list.error !== null && <LoadError onRetry={list.loadMore} />}
      {shown === undefined && list.hasMore && <LoadMoreButton busy={list.loadingMore} onClick={list.loadMore} />}
    </>
  );
}
