import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import type { DxRoute } from "../routing/dxRoutes";
import { getFramework, type FrameworkNode, type Item } from "./dxApi";
import { tr } from "./text";

// A framework as published: what it is based on and what is not confirmed, its tree with every
// item's points and options, its levels, gates and recommendations, and its versions. Public; the
// national administrators' viewer too.
export function FrameworkPage({ route }: { route: Extract<DxRoute, { name: "dxFramework" }> }) {
  const { t, lang } = useI18n();
  const [state] = useResource(`fw:${route.id}:${route.version ?? ""}`, (signal) => getFramework(route.id, route.version, signal));
  useDocumentTitle(state.status === "ready" ? tr(lang, state.value.name) : t.dxFrameworksHeading);
  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <LoadError />;
  const f = state.value;
  return (
    <div class="dx-framework">
      <PageHeading>{tr(lang, f.name)}</PageHeading>
      <nav aria-label={t.fwVersionPicker} class="dx-versions">
        {t.fwVersionPicker}:{" "}
        {f.versions.map((v) => (
          <a key={v.version} href={hrefFor({ name: "dxFramework", id: f.id, version: v.version })} aria-current={v.version === f.version ? "page" : undefined}>
            {t.dxVersion(v.version)}
          </a>
        ))}
      </nav>
      <dl class="details">
        <div class="details__row"><dt>{t.fwIssuer}</dt><dd>{f.issuer}</dd></div>
        <div class="details__row"><dt>{t.fwLegalBasis}</dt><dd>{f.legal_basis.join("; ")}</dd></div>
      </dl>
      <div class="notice notice--warning" data-testid="fw-notes">
        <h2>{t.fwNotes}</h2>
        <p>{tr(lang, f.notes)}</p>
      </div>
      <h2>{t.fwTree}</h2>
      <ul class="dx-tree">{f.nodes.map((n) => <NodeView key={n.id} node={n} />)}</ul>
      {Object.keys(f.catalogues).length > 0 && (
        <details>
          <summary>{t.fwCatalogue}</summary>
          {Object.entries(f.catalogues).map(([industry, c]) => (
            <div key={industry}>
              <h3>{tr(lang, f.industries.find((i) => i.id === industry)?.name)}</h3>
              <ul>{c.tools.map((tool) => <li key={tool.id}>{tr(lang, tool.name)} — {t.fwPoints(tool.points)}</li>)}</ul>
            </div>
          ))}
        </details>
      )}
      {f.levels !== null && (
        <>
          <h2>{t.fwLevels}</h2>
          <ul>{f.levels.bands.map((b) => <li key={b.id}><strong>{tr(lang, b.name)}</strong>: {t.fwBand(b.from, b.to)}</li>)}</ul>
          {f.levels.gates.length > 0 && (
            <>
              <h3>{t.fwGates}</h3>
              <ul>{f.levels.gates.map((g) => <li key={g.id}>{tr(lang, g.name)} → {tr(lang, f.levels?.bands.find((b) => b.id === g.cap)?.name)}</li>)}</ul>
            </>
          )}
        </>
      )}
      {f.recommendations.length > 0 && (
        <>
          <h2>{t.fwRecommendations}</h2>
          <ul>{f.recommendations.map((r) => <li key={r.id}>{tr(lang, r.text)}</li>)}</ul>
        </>
      )}
      <h2>{t.fwSources}</h2>
      <ul class="dx-sources">{f.sources.map((s) => <li key={s}>{s}</li>)}</ul>
    </div>
  );
}

function NodeView({ node }: { node: FrameworkNode }) {
  const { t, lang } = useI18n();
  const share = node.max_points !== undefined ? t.fwPoints(node.max_points) : node.weight !== undefined ? t.fwWeight(node.weight) : "";
  return (
    <li>
      <details open={node.kind === "pillar" || node.kind === "group"}>
        <summary>{tr(lang, node.name)}{share ? ` — ${share}` : ""}</summary>
        {(node.children ?? []).length > 0 && <ul>{node.children?.map((c) => <NodeView key={c.id} node={c} />)}</ul>}
        {(node.items ?? []).length > 0 && <ul>{node.items?.map((i) => <ItemView key={i.id} item={i} />)}</ul>}
      </details>
    </li>
  );
}

function ItemView({ item }: { item: Item }) {
  const { t, lang } = useI18n();
  const share = item.max_points !== undefined ? t.fwPoints(item.max_points) : item.weight !== undefined ? t.fwWeight(item.weight) : "";
  const tags = [
    share,
    item.source === "assessor" ? t.fwByAssessor : item.source === "automatic" ? t.fwAutomatic : "",
    item.evidence_required ? t.fwEvidence : "",
  ].filter((x) => x !== "");
  return (
    <li data-item={item.id}>
      {tr(lang, item.text)} <span class="dx-tag">({tags.join(", ")})</span>
      {item.options && (
        <ul>{item.options.map((o) => <li key={o.id}>{tr(lang, o.label)} — {new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB").format(o.score)}</li>)}</ul>
      )}
    </li>
  );
}
