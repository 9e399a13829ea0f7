import { useState } from "preact/hooks";
import { listChildren } from "../api/places";
import { DataTable } from "../components/DataTable";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import { SelectField } from "../components/SelectField";
import { Chart } from "../data/Chart";
import { ExportLinks } from "../data/ExportLinks";
import { listIndicators, queryAnalytics, type AnalyticsQuery } from "../data/dataApi";
import { periodChoices } from "../data/periods";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import type { OpenDataRoute } from "../routing/openDataRoutes";
import { navigate } from "../routing/router";

type Route = Extract<OpenDataRoute, { name: "openDataStats" }>;
type PeriodKind = "months" | "quarters" | "years";

function periodsOf(kind: PeriodKind): string[] {
  const all = periodChoices();
  if (kind === "months") return all.filter((p) => /^\d{4}-\d{2}$/.test(p)).reverse();
  if (kind === "quarters") return all.filter((p) => p.includes("-Q")).reverse();
  return all.filter((p) => /^\d{4}$/.test(p)).reverse();
}

function kindOf(period: string): PeriodKind {
  if (period.includes("-Q")) return "quarters";
  if (/^\d{4}(,|$)/.test(period)) return "years";
  return "months";
}

// The statistics builder: a visitor picks a published indicator, the places (the provinces, or the
// communes of one province) and the periods, and gets a table, a chart and the same table to download,
// the way the customs statistics platform works. Figures come from the public analytics API.
export function StatisticsPage({ route }: { route: Route }) {
  const { t, lang } = useI18n();
  useDocumentTitle(t.openDataStatsHeading);
  const [meta] = useResource("stats:meta", async (signal) => {
    const [indicators, provinces] = await Promise.all([listIndicators(signal), listChildren("VN", { limit: 100 }, signal)]);
    return { indicators: indicators.items, provinces: provinces.items };
  });
  const [indicator, setIndicator] = useState(route.indicator);
  const [place, setPlace] = useState(route.place === "" ? "VN" : route.place);
  const [kind, setKind] = useState<PeriodKind>(route.period === "" ? "months" : kindOf(route.period));
  if (meta.status === "loading") return <Loading />;
  if (meta.status === "error") return <LoadError />;
  const chosen = indicator === "" ? (meta.value.indicators[0]?.id ?? "") : indicator;
  const text = (x: { vi: string; en: string }) => (lang === "en" ? x.en : x.vi);
  return (
    <div class="open-data-page">
      <PageHeading>{t.openDataStatsHeading}</PageHeading>
      <p>{t.openDataStatsIntro}</p>
      <form class="stats-form" onSubmit={(event) => {
        event.preventDefault();
        navigate({ name: "openDataStats", indicator: chosen, place, level: "children", period: periodsOf(kind).join(",") });
      }}>
        <SelectField id="stats-indicator" label={t.dataIndicatorLabel} value={chosen} onChange={setIndicator}
          options={meta.value.indicators.map((i) => ({ value: i.id, label: text(i.name) }))} />
        <SelectField id="stats-place" label={t.openDataStatsPlaces} value={place} onChange={setPlace}
          options={[{ value: "VN", label: t.openDataStatsProvinces }, ...meta.value.provinces.map((p) => ({ value: p.code, label: t.openDataStatsCommunesOf(p.name) }))]} />
        <SelectField id="stats-periods" label={t.openDataStatsPeriods} value={kind} onChange={(v) => setKind(v as PeriodKind)}
          options={[{ value: "months", label: t.openDataStatsMonths }, { value: "quarters", label: t.openDataStatsQuarters }, { value: "years", label: t.openDataStatsYears }]} />
        <button type="submit" class="button">{t.openDataStatsBuild}</button>
      </form>
      {route.indicator !== "" && route.period !== "" && (
        <StatisticsTable query={{ indicator: route.indicator, place: route.place === "" ? "VN" : route.place, level: "children", period: route.period }}
          unit={meta.value.indicators.find((i) => i.id === route.indicator)?.unit ?? ""}
          title={text(meta.value.indicators.find((i) => i.id === route.indicator)?.name ?? { vi: route.indicator, en: route.indicator })} />
      )}
    </div>
  );
}

function StatisticsTable({ query, unit, title }: { query: AnalyticsQuery; unit: string; title: string }) {
  const { t } = useI18n();
  const [data] = useResource(`stats:${JSON.stringify(query)}`, (signal) => queryAnalytics(query, signal));
  if (data.status === "loading") return <Loading />;
  if (data.status === "error") return <LoadError />;
  const periods = query.period.split(",");
  const places = new Map<string, { name: string; values: Map<string, number | null> }>();
  for (const r of data.value.rows) {
    if (!places.has(r.place)) places.set(r.place, { name: r.place_name, values: new Map() });
    places.get(r.place)?.values.set(r.period, r.value);
  }
  const last = periods[periods.length - 1] ?? "";
  const list = [...places.entries()];
  return (
    <section>
      <h2 id="stats-result">{title}</h2>
      <Chart testId="stats-chart" ariaLabel={`${title} — ${t.period(last)}`} deps={`${JSON.stringify(query)}`}
        option={(width) => ({
          grid: { left: width < 480 ? 90 : 160, right: 16, top: 8, bottom: 24 },
          tooltip: { trigger: "axis" },
          xAxis: { type: "value" },
          yAxis: { type: "category", data: list.map(([, p]) => p.name), axisLabel: { fontSize: 10 } },
          series: [{ type: "bar", name: t.period(last), data: list.map(([, p]) => p.values.get(last) ?? null), itemStyle: { color: "#b91c1c" } }],
        })} />
      <DataTable labelledBy="stats-result" testId="stats-table" columns={[t.dataPlace, ...periods.map((p) => t.period(p))]}>
        {list.map(([code, p]) => (
          <tr key={code}>
            <th scope="row">{p.name}</th>
            {periods.map((period) => <td key={period}>{t.dataValue(p.values.get(period) ?? null, unit)}</td>)}
          </tr>
        ))}
      </DataTable>
      <ExportLinks query={query} />
    </section>
  );
}
