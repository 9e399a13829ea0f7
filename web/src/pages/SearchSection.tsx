import { listPlaces } from "../api/places";
import { useAnnounceOnChange } from "../a11y/Announcer";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { SearchResultList } from "../components/SearchResultList";
import { usePagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";

// Provinces and communes matching `q`; the server folds diacritics.
export function SearchSection({ q }: { q: string }) {
  const { t } = useI18n();
  const list = usePagedList(`search:${q}`, (cursor, signal) => listPlaces({ q, cursor }, signal));
  const count = list.status === "ready" ? t.searchCount(list.total) : null;
  useAnnounceOnChange(count);

  return (
    <section class="section" aria-labelledby="search-heading">
      <div class="section__head">
        <h2 id="search-heading">{t.searchResultsHeading(q)}</h2>
        {count !== null && (
          <p class="section__count" data-testid="search-count">
            {count}
          </p>
        )}
      </div>
      {list.status === "loading" && <Loading />}
      {list.status === "error" && <LoadError onRetry={list.reload} />}
      {list.status === "ready" && list.items.length === 0 && (
        <p class="notice">{t.searchNoResults}</p>
      )}
      {list.status === "ready" && list.items.length > 0 && (
        <>
          <SearchResultList places={list.items} labelledBy="search-heading" />
          {list.error !== null && <LoadError onRetry={list.loadMore} />}
          {list.hasMore && <LoadMoreButton busy={list.loadingMore} onClick={list.loadMore} />}
        </>
      )}
    </section>
  );
}
