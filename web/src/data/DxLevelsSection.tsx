import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { Chart } from "./Chart";
import { dxProgramme, queryAnalytics, type AnalyticsQuery } from "./dataApi";
import { ExportLinks } from "./ExportLinks";

const LEVELS = ["starting", "accelerating", "optimizing", "elite"];

// Enterprises by their latest DX level at a place, against the national 2030 targets.
export function DxLevelsSection({ place, period }: { place: string; period: string }) {
  const { t } = useI18n();
  const query: AnalyticsQuery = { indicator: "enterprises_at_level", place, period, by: "level" };
  const [data] = useResource(`dx:${place}:${period}`, async (signal) => {
    const [rows, programme] = await Promise.all([queryAnalytics(query, signal), dxProgramme(signal)]);
    return { rows: rows.rows, targets: programme.targets_2030.levels };
  });
  if (data.status === "loading") return <Loading />;
  if (data.status === "error") return <LoadError />;
  const count = (level: string) => data.value.rows.find((r) => r.category === level)?.value ?? 0;
  return (
    <section class="data-section" aria-labelledby="data-dx-heading">
      <h2 id="data-dx-heading">{t.dataDxHeading}</h2>
      <div class="data-split">
        <Chart
          testId="dx-chart"
          ariaLabel={t.dataDxLabel}
          deps={JSON.stringify(data.value.rows.map((r) => r.value))}
          option={() => ({
            grid: { left: 64, right: 16, top: 32, bottom: 32 },
            legend: { top: 0 },
            tooltip: { trigger: "axis" },
            xAxis: { type: "category", data: LEVELS.map(t.dxLevelName) },
            yAxis: { type: "value" },
            series: [
              { type: "bar", name: t.dataEnterprises, data: LEVELS.map(count), itemStyle: { color: "#b91c1c" } },
              ...(place === "VN" ? [{ type: "bar", name: t.dataTarget2030, data: LEVELS.map((l) => data.value.targets[l] ?? 0), itemStyle: { color: "#9ca3af" } }] : []),
            ],
          })}
        />
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t.dataDxLabel}>
          <table class="data-table" data-testid="dx-table">
            <thead>
              <tr>
                <th scope="col">{t.dataLevel}</th>
                <th scope="col">{t.dataEnterprises}</th>
                {place === "VN" && <th scope="col">{t.dataTarget2030}</th>}
              </tr>
            </thead>
            <tbody>
              {LEVELS.map((l) => (
                <tr key={l}>
                  <th scope="row">{t.dxLevelName(l)}</th>
                  <td>{t.dataCount(count(l))}</td>
                  {place === "VN" && <td>{t.dataCount(data.value.targets[l] ?? null)}</td>}
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
