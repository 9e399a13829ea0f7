// Routes of the open-data portal: the catalogue search, a dataset's page and the statistics builder.
export type OpenDataRoute =
  | { name: "openData"; q: string; organization: string; group: string; tag: string }
  | { name: "openDataset"; id: string }
  | { name: "openDataStats"; indicator: string; place: string; level: string; period: string };

const DATASET_PATH = /^\/open-data\/datasets\/([a-z0-9-]{2,100})\/?$/;

export function parseOpenDataRoute(path: string, params: URLSearchParams): OpenDataRoute | null {
  const get = (key: string) => params.get(key) ?? "";
  if (path === "/open-data" || path === "/open-data/")
    return { name: "openData", q: get("q"), organization: get("organization"), group: get("group"), tag: get("tag") };
  if (path === "/open-data/statistics")
    return { name: "openDataStats", indicator: get("indicator"), place: get("place"), level: get("level"), period: get("period") };
  const m = DATASET_PATH.exec(path);
  if (m?.[1] !== undefined) return { name: "openDataset", id: m[1] };
  return null;
}

const NAMES: ReadonlySet<string> = new Set(["openData", "openDataset", "openDataStats"]);

export function isOpenDataRoute(route: { name: string }): route is OpenDataRoute {
  return NAMES.has(route.name);
}

export function openDataHref(route: OpenDataRoute): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string) => {
    if (value !== "") params.set(key, value);
  };
  switch (route.name) {
    case "openData":
      put("q", route.q);
      put("organization", route.organization);
      put("group", route.group);
      put("tag", route.tag);
      return withQuery("#/open-data", params);
    case "openDataset":
      return `#/open-data/datasets/${encodeURIComponent(route.id)}`;
    case "openDataStats":
      put("indicator", route.indicator);
      put("place", route.place);
      put("level", route.level);
      put("period", route.period);
      return withQuery("#/open-data/statistics", params);
  }
}

function withQuery(base: string, params: URLSearchParams): string {
  const qs = params.toString();
  return qs === "" ? base : `${base}?${qs}`;
}
