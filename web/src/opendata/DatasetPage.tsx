import { useState } from "preact/hooks";
import { Chart } from "../data/Chart";
import { DataTable } from "../components/DataTable";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { vietnamTime } from "../i18n/format";
import type { OpenDataRoute } from "../routing/openDataRoutes";
import { hrefFor } from "../routing/route";
import { datasetView, downloadUrl, previewRows, type DatasetView, type Record_ } from "./openDataApi";

type Route = Extract<OpenDataRoute, { name: "openDataset" }>;
const PREVIEW = 20;

// One dataset: what it is (metadata, the dictionary, the disclosure method), its figures (a preview
// table, a chart of its top row over time with the same figures in a table), its files, its
// releases and how to read it through the API.
export function DatasetPage({ route }: { route: Route }) {
  const { t, lang } = useI18n();
  const [data] = useResource(`dataset:${route.id}`, (signal) => datasetView(route.id, signal));
  useDocumentTitle(data.status === "ready" ? (lang === "en" ? data.value.title.en : data.value.title.vi) : t.openDataHeading);
  if (data.status === "loading") return <Loading />;
  if (data.status === "error") return <LoadError />;
  const d = data.value;
  const text = (x: { vi: string; en: string }) => (lang === "en" ? x.en : x.vi);
  const origin = window.location.origin;
  return (
    <div class="open-data-page">
      <p><a href={hrefFor({ name: "openData", q: "", organization: "", group: "", tag: "" })}>{t.openDataBack}</a></p>
      <PageHeading>{text(d.title)}</PageHeading>
      <p>{text(d.description)}</p>
      <dl class="detail-list" data-testid="dataset-metadata">
        <dt>{t.openDataPublisher}</dt><dd>{d.publisher_name}</dd>
        <dt>{t.openDataTheme}</dt><dd>{d.theme_title === null ? "–" : text(d.theme_title)}</dd>
        <dt>{t.openDataKeyword}</dt><dd>{d.keywords.join(", ")}</dd>
        <dt>{t.openDataFrequency}</dt><dd>{t.openDataFrequencyName(d.frequency)}</dd>
        <dt>{t.openDataLicence}</dt><dd><a href={d.licence_url} rel="license">{d.licence_title}</a></dd>
        <dt>{t.openDataContact}</dt><dd><a href={`mailto:${d.contact}`}>{d.contact}</a></dd>
        <dt>{t.openDataIssued}</dt><dd>{vietnamTime(lang, d.created_at)}</dd>
        <dt>{t.openDataModifiedLabel}</dt><dd>{vietnamTime(lang, d.modified_at)}</dd>
        <dt>{t.openDataPrivacy}</dt><dd>{text(d.suppression.method)}</dd>
      </dl>

      <h2 id="downloads">{t.openDataDownloads}</h2>
      <p class="button-row" data-testid="downloads">
        <a class="button" href={downloadUrl(d.name, "csv")} download>CSV</a>
        <a class="button button--secondary" href={downloadUrl(d.name, "xlsx")} download>XLSX</a>
        <a class="button button--secondary" href={downloadUrl(d.name, "json")} download>JSON</a>
      </p>

      <Preview view={d} />
      <TopRowChart view={d} />

      <h2 id="dictionary">{t.openDataDictionary}</h2>
      <DataTable labelledBy="dictionary" testId="dictionary" columns={[t.openDataColumn, t.openDataColumnLabel, t.openDataColumnType, t.openDataColumnUnit, t.openDataColumnDefinition]}>
        {d.columns.map((c) => (
          <tr key={c.id}><td><code>{c.id}</code></td><td>{text(c.label)}</td><td>{c.type}</td><td>{c.unit}</td><td>{text(c.definition)}</td></tr>
        ))}
      </DataTable>
      <h3 id="reasons">{t.openDataReasonsHeading}</h3>
      <DataTable labelledBy="reasons" testId="reasons" columns={[t.openDataReasonCode, t.openDataReason]}>
        {d.suppression.reasons.map((r) => <tr key={r.code}><td>{r.code}</td><td>{text(r.text)}</td></tr>)}
      </DataTable>

      <h2 id="releases">{t.openDataReleases}</h2>
      <DataTable labelledBy="releases" testId="releases" columns={[t.openDataRelease, t.openDataPublished, t.openDataRows, t.openDataDownloads]}>
        {[...d.releases].reverse().map((r) => (
          <tr key={r.number}>
            <td>{r.number}</td>
            <td>{vietnamTime(lang, r.created_at)}</td>
            <td>{r.rows}</td>
            <td>
              <a href={downloadUrl(d.name, "csv", r.number)} download>CSV</a>{" · "}
              <a href={downloadUrl(d.name, "xlsx", r.number)} download>XLSX</a>
              {r.number > 1 && <>{" · "}<a href={`/api/v1/opendata/datasets/${d.name}/diff?from=${r.number - 1}&to=${r.number}`}>{t.openDataDiff}</a></>}
            </td>
          </tr>
        ))}
      </DataTable>

      <h2 id="api">{t.openDataApi}</h2>
      <p>{t.openDataApiIntro}</p>
      <pre class="code-block" data-testid="api-examples"><code>{[
        `curl '${origin}/api/3/action/package_show?id=${d.name}'`,
        `curl '${origin}/api/3/action/datastore_search?resource_id=${d.resource_id}&limit=100'`,
        `curl -O '${origin}${downloadUrl(d.name, "csv")}'`,
        `curl '${origin}/api/v1/opendata/datasets/${d.name}/dcat.jsonld'`,
      ].join("\n")}</code></pre>
    </div>
  );
}

function cellText(v: string | number | null, lang: string): string {
  if (v === null) return "–";
  if (typeof v === "number") return new Intl.NumberFormat(lang === "en" ? "en-US" : "vi-VN").format(v);
  return v;
}

function Preview({ view }: { view: DatasetView }) {
  const { t, lang } = useI18n();
  // Periods and levels as people read them; the files and the API keep the codes.
  const shown = (column: string, v: string | number | null): string => {
    if (typeof v === "string" && v !== "" && column === "period") return t.period(v);
    if (typeof v === "string" && column === "level") return t.openDataLevel(v);
    return cellText(v, lang);
  };
  const [offset, setOffset] = useState(0);
  const [rows] = useResource(`preview:${view.resource_id}:${offset}`, (signal) => previewRows(view.resource_id, offset, PREVIEW, signal));
  return (
    <section>
      <h2 id="preview">{t.openDataPreview}</h2>
      {rows.status === "loading" && <Loading />}
      {rows.status === "error" && <LoadError />}
      {rows.status === "ready" && (
        <>
          <p>{t.openDataPreviewRange(offset + 1, Math.min(offset + PREVIEW, rows.value.total), rows.value.total)}</p>
          <DataTable labelledBy="preview" testId="preview" columns={view.columns.map((c) => (lang === "en" ? c.label.en : c.label.vi))}>
            {rows.value.records.map((r: Record_) => (
              <tr key={r._id}>{view.columns.map((c) => <td key={c.id}>{shown(c.id, r[c.id] ?? null)}</td>)}</tr>
            ))}
          </DataTable>
          <p class="button-row">
            {offset > 0 && <button type="button" class="button button--secondary" onClick={() => setOffset(Math.max(0, offset - PREVIEW))}>{t.openDataPrevious}</button>}
            {offset + PREVIEW < rows.value.total && <button type="button" class="button button--secondary" onClick={() => setOffset(offset + PREVIEW)}>{t.openDataNext}</button>}
          </p>
        </>
      )}
    </section>
  );
}

// The first row of the table (the nation, or the first province) over the periods, as a chart with
// its table beside it.
function TopRowChart({ view }: { view: DatasetView }) {
  const { t, lang } = useI18n();
  const [rows] = useResource(`top:${view.resource_id}`, async (signal) => {
    const first = await previewRows(view.resource_id, 0, 1, signal);
    const place = first.records[0]?.place_code;
    if (place === undefined || place === null) return { name: "", records: [] as Record_[] };
    const params = new URLSearchParams({ resource_id: view.resource_id, filters: JSON.stringify({ place_code: place }), limit: "200" });
    const r = await fetch(`/api/3/action/datastore_search?${params}`, { signal });
    const body = (await r.json()) as { result: { records: Record_[] } };
    return { name: String(first.records[0]?.place_name ?? place), records: body.result.records };
  });
  if (rows.status !== "ready" || rows.value.records.length === 0 || !view.columns.some((c) => c.id === "period")) return null;
  const { name, records } = rows.value;
  const valueColumn = view.columns.find((c) => c.id === "value");
  const label = `${valueColumn === undefined ? "" : lang === "en" ? valueColumn.label.en : valueColumn.label.vi} — ${name}`;
  return (
    <section>
      <h2 id="chart-heading">{label}</h2>
      <Chart testId="dataset-chart" ariaLabel={label} deps={`${view.resource_id}:${records.length}:${lang}`}
        option={(width) => ({
          grid: { left: 56, right: 16, top: 24, bottom: 40 },
          tooltip: { trigger: "axis" },
          xAxis: { type: "category", data: records.map((r) => t.period(String(r.period))), axisLabel: { interval: width < 480 ? "auto" : 0, rotate: width < 480 ? 45 : 0 } },
          yAxis: { type: "value" },
          series: [{ type: "line", name: label, data: records.map((r) => r.value), itemStyle: { color: "#b91c1c" } }],
        })} />
      <DataTable labelledBy="chart-heading" testId="chart-table" class="data-table--tall" columns={[t.openDataPeriod, t.openDataValue]}>
        {records.map((r) => <tr key={r._id}><td>{t.period(String(r.period))}</td><td>{cellText(r.value ?? null, lang)}</td></tr>)}
      </DataTable>
    </section>
  );
}
