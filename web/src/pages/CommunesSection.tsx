import { listChildren } from "../api/places";
import { useAnnounceOnChange } from "../a11y/Announcer";
import { CommuneList } from "../components/CommuneList";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { SearchForm } from "../components/SearchForm";
import { usePagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";
import { navigate } from "../routing/router";

export function CommunesSection({ code, q }: { code: string; q: string }) {
  const { t } = useI18n();
  const list = usePagedList(`children:${code}:${q}`, (cursor, signal) =>
    listChildren(code, { q, cursor }, signal),
  );
  const count = list.status === "ready" ? t.communesCount(list.items.length, list.total) : null;
  useAnnounceOnChange(count);

  return (
    <section class="section" aria-labelledby="communes-heading">
      <div class="section__head">
        <h2 id="communes-heading">{t.communesHeading}</h2>
        {count !== null && (
          <p class="section__count" data-testid="communes-count">
            {count}
          </p>
        )}
      </div>
      <SearchForm
        id="commune-filter"
        label={t.communesFilterLabel}
        buttonLabel={t.searchButton}
        query={q}
        onQuery={(next) => navigate({ name: "province", code, q: next }, { replace: true })}
      />
      {list.status === "loading" && <Loading />}
      {list.status === "error" && <LoadError onRetry={list.reload} />}
      {list.status === "ready" && list.items.length === 0 && <p class="notice">{t.communesNone}</p>}
      {list.status === "ready" && list.items.length > 0 && (
        <>
          <CommuneList communes={list.items} labelledBy="communes-heading" />
          {list.error !== null && <LoadError onRetry={list.loadMore} />}
          {list.hasMore && <LoadMoreButton busy={list.loadingMore} onClick={list.loadMore} />}
        </>
      )}
    </section>
  );
}
