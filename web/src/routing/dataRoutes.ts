// Routes of the data brain: the dashboard (an indicator on the map of provinces, or a province's
// communes) and the public page of service-quality figures.
export type DataRoute =
  | { name: "data"; indicator: string; place: string; period: string }
  | { name: "dataQuality"; place: string; period: string };

export function parseDataRoute(path: string, params: URLSearchParams): DataRoute | null {
  const get = (key: string) => params.get(key) ?? "";
  if (path === "/data" || path === "/data/")
    return { name: "data", indicator: get("indicator"), place: get("place"), period: get("period") };
  if (path === "/data/quality") return { name: "dataQuality", place: get("place"), period: get("period") };
  return null;
}

const DATA_NAMES: ReadonlySet<string> = new Set(["data", "dataQuality"]);

export function isDataRoute(route: { name: string }): route is DataRoute {
  return DATA_NAMES.has(route.name);
}

export function dataHref(route: DataRoute): string {
  const params = new URLSearchParams();
  if (route.name === "data" && route.indicator !== "") params.set("indicator", route.indicator);
  if (route.place !== "") params.set("place", route.place);
  if (route.period !== "") params.set("period", route.period);
  const query = params.toString();
  return `#/data${route.name === "dataQuality" ? "/quality" : ""}${query === "" ? "" : `?${query}`}`;
}
