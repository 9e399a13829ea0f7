import { useAnnounceOnChange } from "../a11y/Announcer";
import { getPlace, listPlaces } from "../api/places";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { PlaceMeta } from "../components/PlaceMeta";
import { SearchForm } from "../components/SearchForm";
import { usePagedList } from "../hooks/usePagedList";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, type Route } from "../routing/route";
import { navigate } from "../routing/router";

type AdminRoute = Extract<Route, { name: "admin" }>;

// The chosen place, and a search (GET /places?q=) for another one; results are links, so the
// chosen place is in the address and the back button works.
export function PlacePicker({ route }: { route: AdminRoute }) {
  const { t } = useI18n();
  const [place] = useResource(`place:${route.place}`, (signal) =>
    route.place === "" ? Promise.resolve(null) : getPlace(route.place, signal),
  );
  const q = route.q;
  const results = usePagedList(q === "" ? null : `admin-places:${q}`, (cursor, signal) =>
    listPlaces({ q, cursor }, signal),
  );
  const count = results.status === "ready" ? t.searchCount(results.total) : null;
  useAnnounceOnChange(count);

  return (
    <section class="section" aria-labelledby="admin-place-heading">
      <h2 id="admin-place-heading">{t.adminPlaceHeading}</h2>
      {route.place === "" ? (
        <p>{t.adminPlaceNone}</p>
      ) : (
        <p data-testid="admin-place">
          {t.adminPlaceChosen}{" "}
          {place.status === "ready" && place.value !== null ? (
            <>
              <strong lang="vi">{place.value.name}</strong> <PlaceMeta place={place.value} />
            </>
          ) : (
            <strong>{route.place}</strong>
          )}
        </p>
      )}
      <SearchForm
        id="admin-place-search"
        label={t.adminPlaceSearchLabel}
        hint={t.searchHint}
        buttonLabel={t.searchButton}
        query={q}
        onQuery={(next) => navigate({ ...route, q: next }, { replace: true })}
      />
      {results.status === "loading" && <Loading />}
      {results.status === "error" && <LoadError onRetry={results.reload} />}
      {results.status === "ready" && (
        <>
          <p class="section__count" id="admin-place-results">
            {count}
          </p>
          {results.items.length > 0 && (
            <ul class="place-list" aria-labelledby="admin-place-results">
              {results.items.map((p) => (
                <li key={p.code} class="place-row">
                  <a
                    class="place-row__name"
                    lang="vi"
                    href={hrefFor({ name: "admin", q: "", place: p.code, agency: "" })}
                  >
                    {p.name}
                  </a>
                  <PlaceMeta place={p} />
                  {p.parent_name !== null && p.level === "commune" && (
                    <span class="place-row__parent">
                      {t.inProvince} <span lang="vi">{p.parent_name}</span>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {results.error !== null && <LoadError onRetry={results.loadMore} />}
          {results.hasMore && <LoadMoreButton busy={results.loadingMore} onClick={results.loadMore} />}
        </>
      )}
    </section>
  );
}
