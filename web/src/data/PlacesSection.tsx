import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import { Chart } from "./Chart";
import { queryAnalytics, type AnalyticsQuery, type Indicator } from "./dataApi";
import { ExportLinks } from "./ExportLinks";
import { useTick } from "./useTick";

interface Props {
  indicator: Indicator;
  place: string;  // VN: the provinces on a map; a province: its communes
  placeName: string;
  period: string;
}

// The indicator for every province (on a map) or every commune of a province, with a table of the same
// figures, the target path and status, drill-down links and downloads.
export function PlacesSection({ indicator, place, placeName, period }: Props) {
  const { t, lang } = useI18n();
  const tick = useTick(5000);
  const query: AnalyticsQuery = { indicator: indicator.id, place, level: "children", period };
  const [rows] = useResource(`places:${indicator.id}:${place}:${period}:${tick}`, (signal) => queryAnalytics(query, signal));
  const name = lang === "en" ? indicator.name.en : indicator.name.vi;
  const national = place === "VN";
  if (rows.status === "loading") return <Loading />;
  if (rows.status === "error") return <LoadError />;
  const list = rows.value.rows;
  const values = list.map((r) => r.value).filter((v): v is number => v !== null);
  return (
    <section class="data-section" aria-labelledby="data-places-heading">
      <h2 id="data-places-heading">{national ? t.dataByProvince : t.dataByCommune(placeName)}</h2>
      <div class={national ? "data-split" : ""}>
        {national && (
          <figure class="data-figure">
            <Chart
              map
              testId="province-map"
              ariaLabel={t.dataMapLabel(name, t.period(period))}
              deps={JSON.stringify([list.map((r) => r.value), lang])}
              option={() => ({
                tooltip: { trigger: "item", formatter: (p: { data?: { label?: string } }) => p.data?.label ?? "" },
                visualMap: {
                  min: values.length > 0 ? Math.floor(Math.min(...values)) : 0,
                  max: values.length > 0 ? Math.ceil(Math.max(...values)) : 100,
                  calculable: false,
                  orient: "horizontal",
                  left: "center",
                  bottom: 0,
                  inRange: { color: indicator.higher_is_better ? ["#b91c1c", "#fde68a", "#15803d"] : ["#15803d", "#fde68a", "#b91c1c"] },
                },
                series: [
                  {
                    type: "map",
                    map: "vn",
                    nameProperty: "code",
                    roam: false,
                    data: list.map((r) => ({ name: r.place, value: r.value ?? undefined, label: `${r.place_name}: ${t.dataValue(r.value, indicator.unit)}` })),
                  },
                ],
              })}
            />
            <figcaption class="data-credit">{t.dataMapCredit}</figcaption>
          </figure>
        )}
        <div class="table-scroll data-table--tall" tabIndex={0} role="region" aria-label={`${name} — ${t.period(period)}`}>
          <table class="data-table" data-testid="places-table">
            <caption class="visually-hidden">{`${name} — ${t.period(period)}`}</caption>
            <thead>
              <tr>
                <th scope="col">{t.dataPlace}</th>
                <th scope="col">{t.dataColValue}</th>
                {indicator.denominator !== null && <th scope="col">{t.dataColNumerator}</th>}
                {indicator.denominator !== null && <th scope="col">{t.dataColDenominator}</th>}
                <th scope="col">{t.dataColExpected}</th>
                <th scope="col">{t.dataColStatus}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.place} data-place={r.place} data-status={r.status ?? ""}>
                  <th scope="row">
                    {national ? (
                      <a href={hrefFor({ name: "data", indicator: indicator.id, place: r.place, period })} aria-label={t.dataDrill(r.place_name)}>
                        {r.place_name}
                      </a>
                    ) : (
                      r.place_name
                    )}
                    {r.mapped && <span title={t.dataMapped}> *</span>}
                  </th>
                  <td data-testid="value">{t.dataValue(r.value, indicator.unit)}</td>
                  {indicator.denominator !== null && <td>{t.dataCount(r.numerator)}</td>}
                  {indicator.denominator !== null && <td>{t.dataCount(r.denominator)}</td>}
                  <td>{r.expected === undefined ? "–" : t.dataValue(r.expected, indicator.unit)}</td>
                  <td class={`data-status data-status--${r.status ?? "none"}`}>{t.dataStatus(r.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {list.some((r) => r.mapped) && <p class="hint">* {t.dataMapped}</p>}
      <ExportLinks query={query} />
    </section>
  );
}
