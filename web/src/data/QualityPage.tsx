import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import type { DataRoute } from "../routing/dataRoutes";
import { hrefFor } from "../routing/route";
import { listIndicators, queryAnalytics, type AnalyticsQuery, type Row } from "./dataApi";
import { ExportLinks } from "./ExportLinks";
import { periodChoices } from "./periods";

type Route = Extract<DataRoute, { name: "dataQuality" }>;
const INDICATORS = ["online_dossier_rate", "on_time_rate", "online_payment_rate", "digitised_result_rate", "satisfaction_rate"];

// The public page of service-quality figures (Decision 766) per province, or per commune of one.
export function QualityPage({ route }: { route: Route }) {
  const { t, lang } = useI18n();
  useDocumentTitle(t.qualityHeading);
  const period = route.period !== "" ? route.period : (periodChoices()[1] ?? "");
  const place = route.place !== "" ? route.place : "VN";
  const query: AnalyticsQuery = { indicator: INDICATORS.join(","), place, level: "children", period };
  const [data] = useResource(`quality:${place}:${period}`, async (signal) => {
    const [rows, indicators] = await Promise.all([queryAnalytics(query, signal), listIndicators(signal)]);
    return { rows: rows.rows, indicators: indicators.items };
  });
  if (data.status === "loading") return <Loading />;
  if (data.status === "error") return <LoadError />;
  const byPlace = new Map<string, Map<string, Row>>();
  for (const r of data.value.rows) {
    if (!byPlace.has(r.place)) byPlace.set(r.place, new Map());
    byPlace.get(r.place)?.set(r.indicator, r);
  }
  const label = (id: string) => {
    const i = data.value.indicators.find((x) => x.id === id);
    return i === undefined ? id : lang === "en" ? i.name.en : i.name.vi;
  };
  return (
    <div class="data-page">
      <PageHeading>{t.qualityHeading}</PageHeading>
      <p>{t.qualityIntro}</p>
      <p>{t.period(period)}{place !== "VN" && <> · <a href={hrefFor({ name: "dataQuality", place: "", period })}>{t.dataBackToNation}</a></>}</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t.qualityHeading}>
        <table class="data-table" data-testid="quality-table">
          <thead>
            <tr>
              <th scope="col">{t.dataPlace}</th>
              {INDICATORS.map((i) => <th scope="col" key={i}>{label(i)}</th>)}
            </tr>
          </thead>
          <tbody>
            {[...byPlace.entries()].map(([code, cells]) => {
              const first = cells.values().next().value as Row;
              return (
                <tr key={code}>
                  <th scope="row">
                    {first.level === "province" ? (
                      <a href={hrefFor({ name: "dataQuality", place: code, period })}>{first.place_name}</a>
                    ) : (
                      first.place_name
                    )}
                  </th>
                  {INDICATORS.map((i) => <td key={i}>{t.dataValue(cells.get(i)?.value ?? null, "percent")}</td>)}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ExportLinks query={query} />
    </div>
  );
}
