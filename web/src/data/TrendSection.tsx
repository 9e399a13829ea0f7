import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { Chart } from "./Chart";
import { queryAnalytics, type AnalyticsQuery, type Indicator } from "./dataApi";
import { ExportLinks } from "./ExportLinks";
import { monthsBefore } from "./periods";
import { useTick } from "./useTick";

// A place's last 24 months against the target path: a line chart and the same figures in a table.
export function TrendSection({ indicator, place, placeName, period }: { indicator: Indicator; place: string; placeName: string; period: string }) {
  const { t, lang } = useI18n();
  const tick = useTick(5000);
  const months = monthsBefore(period);
  const query: AnalyticsQuery = { indicator: indicator.id, place, period: months.join(",") };
  const [rows] = useResource(`trend:${indicator.id}:${place}:${period}:${tick}`, (signal) => queryAnalytics(query, signal));
  const name = lang === "en" ? indicator.name.en : indicator.name.vi;
  if (rows.status === "loading") return <Loading />;
  if (rows.status === "error") return <LoadError />;
  const list = rows.value.rows;
  const hasTarget = list.some((r) => r.expected !== undefined);
  return (
    <section class="data-section" aria-labelledby="data-trend-heading">
      <h2 id="data-trend-heading">{t.dataTrendHeading(placeName)}</h2>
      <div class="data-split">
        <Chart
          testId="trend-chart"
          ariaLabel={t.dataTrendLabel(name, placeName)}
          deps={JSON.stringify([list.map((r) => r.value), lang])}
          option={(width) => ({
            grid: { left: 48, right: 16, top: 32, bottom: 40 },
            tooltip: { trigger: "axis" },
            legend: { top: 0 },
            xAxis: { type: "category", data: list.map((r) => `${r.period.slice(5)}/${r.period.slice(2, 4)}`), axisLabel: { interval: width < 480 ? 5 : 2 } },
            yAxis: { type: "value" },
            series: [
              { type: "line", name, data: list.map((r) => r.value), itemStyle: { color: "#b91c1c" } },
              ...(hasTarget
                ? [{ type: "line", name: t.dataColExpected, data: list.map((r) => r.expected ?? null), lineStyle: { type: "dashed" }, itemStyle: { color: "#1d4ed8" } }]
                : []),
            ],
          })}
        />
        <div class="table-scroll data-table--tall" tabIndex={0} role="region" aria-label={t.dataTrendHeading(placeName)}>
          <table class="data-table" data-testid="trend-table">
            <caption class="visually-hidden">{t.dataTrendHeading(placeName)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.dataColMonth}</th>
                <th scope="col">{t.dataColValue}</th>
                {hasTarget && <th scope="col">{t.dataColExpected}</th>}
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.period}>
                  <th scope="row">{t.period(r.period)}</th>
                  <td>{t.dataValue(r.value, indicator.unit)}</td>
                  {hasTarget && <td>{r.expected === undefined ? "–" : t.dataValue(r.expected, indicator.unit)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <ExportLinks query={query} />
    </section>
  );
}
