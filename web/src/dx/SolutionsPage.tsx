import { useState } from "preact/hooks";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { usePagedList } from "../hooks/usePagedList";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import { navigate } from "../routing/router";
import type { DxRoute } from "../routing/dxRoutes";
import { getProgramme, listSolutions } from "./dxApi";
import { formatVnd, tr } from "./text";

// The public list of approved solutions, by industry and words, and the way to apply to be on it.
export function SolutionsPage({ route }: { route: Extract<DxRoute, { name: "dxSolutions" }> }) {
  const { t, lang } = useI18n();
  useDocumentTitle(t.sHeading);
  const [programme] = useResource("dx-programme", (signal) => getProgramme(signal));
  const [q, setQ] = useState(route.q);
  const [industry, setIndustry] = useState(route.industry);
  const list = usePagedList(`solutions:${route.industry}:${route.q}`, (cursor, signal) =>
    listSolutions(route.industry, route.q, cursor, signal),
  );
  return (
    <div class="dx-solutions">
      <PageHeading>{t.sHeading}</PageHeading>
      <form
        class="dx-filter"
        onSubmit={(e) => {
          e.preventDefault();
          navigate({ name: "dxSolutions", industry, q: q.trim() });
        }}
      >
        <div class="field">
          <label class="field__label" for="dx-sol-industry">{t.sIndustry}</label>
          <select id="dx-sol-industry" class="field__input" value={industry} onChange={(e) => setIndustry((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t.sAll}</option>
            {programme.status === "ready" &&
              Object.entries(programme.value.industries).map(([id, name]) => <option key={id} value={id}>{tr(lang, name)}</option>)}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="dx-sol-q">{t.sSearch}</label>
          <input id="dx-sol-q" class="field__input" type="search" value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="button">{t.sFilter}</button>
      </form>
      {list.status === "loading" || list.status === "idle" ? (
        <Loading />
      ) : list.status === "error" ? (
        <LoadError onRetry={list.reload} />
      ) : (
        <>
          <p role="status">{t.sCount(list.total)}</p>
          <ul class="dx-frameworks">
            {list.items.map((s) => (
              <li key={s.id} class="dx-card" data-solution={s.id}>
                <h2>{s.name}</h2>
                <p>{s.description}</p>
                <dl class="details">
                  <div class="details__row"><dt>{t.sProvider}</dt><dd>{s.provider}</dd></div>
                  <div class="details__row"><dt>{t.sIndustry}</dt><dd>{tr(lang, s.industry?.name)}</dd></div>
                  <div class="details__row"><dt>{t.sCategory}</dt><dd>{tr(lang, s.category?.name)}</dd></div>
                  <div class="details__row"><dt>{t.sPrice}</dt><dd>{formatVnd(lang, s.price_range.min_vnd)} – {formatVnd(lang, s.price_range.max_vnd)}</dd></div>
                </dl>
                <p>{s.ai_integrated ? `${t.sAi} · ` : ""}{t.sGain(s.productivity_gain_percent)}</p>
              </li>
            ))}
          </ul>
          {list.hasMore && <LoadMoreButton busy={list.loadingMore} onClick={list.loadMore} />}
        </>
      )}
      {programme.status === "ready" && (
        <p>
          <a class="button button--secondary" href={hrefFor({ name: "procedure", code: programme.value.solution_procedure })}>
            {t.sApply}
          </a>
        </p>
      )}
    </div>
  );
}
