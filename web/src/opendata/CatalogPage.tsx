import { useState } from "preact/hooks";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import { SearchForm } from "../components/SearchForm";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { vietnamTime } from "../i18n/format";
import type { OpenDataRoute } from "../routing/openDataRoutes";
import { hrefFor } from "../routing/route";
import { navigate } from "../routing/router";
import { PAGE_SIZE, searchDatasets, type CkanPackage, type SearchResult } from "./openDataApi";

type Route = Extract<OpenDataRoute, { name: "openData" }>;
const FACETS = [
  { field: "organization", key: "organization" },
  { field: "groups", key: "group" },
  { field: "tags", key: "tag" },
] as const;

// The open-data catalogue: a search (with or without diacritics) narrowed by publisher, theme and
// keyword, each with its count, as the CKAN-compatible API answers it.
export function CatalogPage({ route }: { route: Route }) {
  const { t, lang } = useI18n();
  useDocumentTitle(t.openDataHeading);
  const filters = { q: route.q, organization: route.organization, group: route.group, tag: route.tag };
  const key = JSON.stringify(filters);
  const [more, setMore] = useState<{ key: string; pages: CkanPackage[][] }>({ key, pages: [] });
  const [data] = useResource(`open-data:${key}`, (signal) => searchDatasets(filters, 0, signal));
  const extra = more.key === key ? more.pages.flat() : [];
  const go = (change: Partial<Route>) => navigate({ ...route, ...change });

  return (
    <div class="open-data-page">
      <PageHeading>{t.openDataHeading}</PageHeading>
      <p>{t.openDataIntro}</p>
      <p>
        <a href={hrefFor({ name: "openDataStats", indicator: "", place: "", level: "", period: "" })}>{t.openDataStatsLink}</a>
        {" · "}
        <a href="/api/v1/opendata/catalog.jsonld">{t.openDataDcatLink}</a>
      </p>
      <SearchForm id="open-data-search" label={t.openDataSearchLabel} hint={t.openDataSearchHint} buttonLabel={t.searchButton}
        query={route.q} onQuery={(q) => go({ q })} />
      {data.status === "loading" && <Loading />}
      {data.status === "error" && <LoadError />}
      {data.status === "ready" && (
        <div class="open-data-layout">
          <Facets result={data.value} route={route} />
          <section aria-labelledby="open-data-results">
            <h2 id="open-data-results" class="visually-hidden">{t.openDataResults}</h2>
            <p role="status" data-testid="open-data-count">{t.openDataCount(data.value.count)}</p>
            <ul class="result-list" data-testid="open-data-results">
              {[...data.value.results, ...extra].map((p) => (
                <li key={p.name} class="result-item">
                  <h3><a href={hrefFor({ name: "openDataset", id: p.name })}>{lang === "en" ? p.title_translated.en : p.title_translated.vi}</a></h3>
                  <p>{lang === "en" ? p.notes_translated.en : p.notes_translated.vi}</p>
                  <p class="meta">
                    {p.organization.title} · {p.groups.map((g) => g.title).join(", ")} ·{" "}
                    {t.openDataModified(vietnamTime(lang, `${p.metadata_modified.slice(0, 19)}Z`))} ·{" "}
                    {p.resources.map((r) => r.format).join(", ")}
                  </p>
                </li>
              ))}
            </ul>
            {data.value.results.length + extra.length < data.value.count && (
              <button type="button" class="button button--secondary" onClick={() => {
                const start = data.value.results.length + extra.length;
                void searchDatasets(filters, start).then((page) =>
                  setMore((m) => ({ key, pages: [...(m.key === key ? m.pages : []), page.results] })));
              }}>{t.loadMore}</button>
            )}
            {data.value.count > PAGE_SIZE && <p class="hint">{t.openDataShown(data.value.results.length + extra.length, data.value.count)}</p>}
          </section>
        </div>
      )}
    </div>
  );
}

function Facets({ result, route }: { result: SearchResult; route: Route }) {
  const { t } = useI18n();
  const titles: Record<string, string> = { organization: t.openDataPublisher, groups: t.openDataTheme, tags: t.openDataKeyword };
  return (
    <aside class="facets" aria-label={t.openDataFacets}>
      {FACETS.map(({ field, key }) => {
        const items = result.search_facets[field]?.items ?? [];
        const chosen = route[key];
        return (
          <section key={field} class="facet">
            <h2>{titles[field]}</h2>
            <ul>
              {chosen !== "" && (
                <li><a href={hrefFor({ ...route, [key]: "" })}>{t.openDataAll}</a></li>
              )}
              {items.map((i) => (
                <li key={i.name}>
                  <a href={hrefFor({ ...route, [key]: i.name })} aria-current={chosen === i.name ? "true" : undefined}>
                    {i.display_name} ({i.count})
                  </a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}
