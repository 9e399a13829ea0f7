import { useAnnounceOnChange } from "../a11y/Announcer";
import { getPlace, listPlaces } from "../api/places";
import type { Place, PlaceLevel } from "../api/types";
import { usePagedList } from "../hooks/usePagedList";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { LoadError } from "./LoadError";
import { LoadMoreButton } from "./LoadMoreButton";
import { Loading } from "./Loading";
import { PlaceMeta } from "./PlaceMeta";
import { SearchForm } from "./SearchForm";

interface Props {
  // Prefix of the element ids: `${id}-search` is the search box, `${id}-results` the count.
  id: string;
  chosen: string;
  q: string;
  level?: PlaceLevel | undefined;
  searchLabel: string;
  noneText: string;
  chosenLabel: string;
  // Shown next to the chosen place, e.g. "choose a place" after a failed submit.
  error?: string | undefined;
  testId?: string;
  onQuery: (q: string) => void;
  // Results are links, so the choice is in the address and the back button works.
  hrefFor: (place: Place) => string;
}

// The chosen place, and a search (GET /places?q=) for another one.
export function PlaceChooser(props: Props) {
  const { t } = useI18n();
  const { id, chosen, q, level } = props;
  const [place] = useResource(`place:${chosen}`, (signal) =>
    chosen === "" ? Promise.resolve(null) : getPlace(chosen, signal),
  );
  const results = usePagedList(q === "" ? null : `${id}:${level ?? ""}:${q}`, (cursor, signal) =>
    listPlaces({ q, cursor, ...(level === undefined ? {} : { level }) }, signal),
  );
  const count = results.status === "ready" ? t.searchCount(results.total) : null;
  useAnnounceOnChange(count);
  const resultsId = `${id}-results`;

  return (
    <>
      {chosen === "" ? (
        <p data-testid={props.testId}>{props.noneText}</p>
      ) : (
        <p data-testid={props.testId}>
          {props.chosenLabel}{" "}
          {place.status === "ready" && place.value !== null ? (
            <>
              <strong lang="vi">{place.value.name}</strong> <PlaceMeta place={place.value} />
            </>
          ) : (
            <strong>{chosen}</strong>
          )}
        </p>
      )}
      {props.error !== undefined && (
        <p id={`${id}-error`} class="field__error">
          <span class="visually-hidden">{t.errorPrefix} </span>
          {props.error}
        </p>
      )}
      <SearchForm
        id={`${id}-search`}
        label={props.searchLabel}
        hint={t.searchHint}
        buttonLabel={t.searchButton}
        query={q}
        onQuery={props.onQuery}
      />
      {results.status === "loading" && <Loading />}
      {results.status === "error" && <LoadError onRetry={results.reload} />}
      {results.status === "ready" && (
        <>
          <p class="section__count" id={resultsId}>
            {count}
          </p>
          {results.items.length > 0 && (
            <ul class="place-list" aria-labelledby={resultsId}>
              {results.items.map((p) => (
                <li key={p.code} class="place-row">
                  <a
                    class="place-row__name"
                    lang="vi"
                    href={props.hrefFor(p)}
                    aria-current={p.code === chosen ? "true" : undefined}
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
    </>
  );
}
