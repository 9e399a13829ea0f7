import { getPlace } from "../api/places";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import type { DataRoute } from "../routing/dataRoutes";
import { hrefFor } from "../routing/route";
import { navigate } from "../routing/router";
import { AlertsFeed } from "./AlertsFeed";
import { listIndicators, type Indicator } from "./dataApi";
import { DxLevelsSection } from "./DxLevelsSection";
import { periodChoices } from "./periods";
import { PlacesSection } from "./PlacesSection";
import { TrendSection } from "./TrendSection";

type Route = Extract<DataRoute, { name: "data" }>;

// The national overview: an indicator on the map of provinces with the table beside it, a province's
// communes on drill-down, the place's last 24 months against its target path, the alerts feed and the
// DX levels against the 2030 targets.
export function DashboardPage({ route }: { route: Route }) {
  const { t, lang } = useI18n();
  useDocumentTitle(t.dataHeading);
  const periods = periodChoices();
  const period = route.period !== "" ? route.period : (periods[1] ?? "");
  const place = route.place !== "" ? route.place : "VN";
  const [indicators] = useResource("indicators", (signal) => listIndicators(signal));
  const [placeInfo] = useResource(`place:${place}`, (signal) =>
    place === "VN" ? Promise.resolve(null) : getPlace(place, signal),
  );
  if (indicators.status === "loading" || placeInfo.status === "loading") return <Loading />;
  if (indicators.status === "error" || placeInfo.status === "error") return <LoadError />;
  const list = indicators.value.items;
  const indicator: Indicator | undefined =
    list.find((i) => i.id === route.indicator) ?? list.find((i) => i.id === "on_time_rate") ?? list[0];
  if (indicator === undefined) return <LoadError />;
  const placeName = placeInfo.value === null ? t.dataNation : placeInfo.value.name;
  const name = (i: Indicator) => (lang === "en" ? i.name.en : i.name.vi);
  const show = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    navigate({ name: "data", indicator: String(form.get("indicator")), place, period: String(form.get("period")) });
  };
  return (
    <div class="data-page">
      <PageHeading>{t.dataHeading}</PageHeading>
      <p>{t.dataIntro}</p>
      <p><a href={hrefFor({ name: "dataQuality", place: "", period })}>{t.qualityLink}</a></p>
      <form class="data-controls" onSubmit={show}>
        <label>
          {t.dataIndicatorLabel}
          <select name="indicator" value={indicator.id} data-testid="indicator-select">
            {list.filter((i) => i.id !== "enterprises_at_level").map((i) => (
              <option key={i.id} value={i.id}>{name(i)}</option>
            ))}
          </select>
        </label>
        <label>
          {t.dataPeriodLabel}
          <select name="period" value={period}>
            {(periods.includes(period) ? periods : [period, ...periods]).map((p) => (
              <option key={p} value={p}>{t.period(p)}</option>
            ))}
          </select>
        </label>
        <button type="submit" class="button">{t.dataShow}</button>
      </form>
      {place !== "VN" && (
        <nav aria-label={t.breadcrumbLabel} class="breadcrumb">
          <a href={hrefFor({ name: "data", indicator: indicator.id, place: "", period })}>{t.dataBackToNation}</a> › {placeName}
        </nav>
      )}
      <details class="data-definition">
        <summary>{t.dataDefinition}: {name(indicator)}</summary>
        <p>{lang === "en" ? indicator.definition.en : indicator.definition.vi}</p>
      </details>
      {placeInfo.value?.level !== "commune" && <PlacesSection indicator={indicator} place={place} placeName={placeName} period={period} />}
      <TrendSection indicator={indicator} place={place} placeName={placeName} period={period} />
      <AlertsFeed place={place} indicators={list} />
      <DxLevelsSection place={place} period={period} />
    </div>
  );
}
