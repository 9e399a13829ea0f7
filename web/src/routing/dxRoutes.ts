// Routes of the digital-transformation programme: frameworks, self-assessment, results, history,
// the assessor's queue and the solutions register.
export type DxRoute =
  | { name: "dx" }
  | { name: "dxFramework"; id: string; version: number | null }
  // A new assessment of `framework`, or an existing draft at `page` (0: the subject, 1..n: pillars, n+1: review).
  | { name: "dxAssess"; framework: string; id: string; page: number }
  | { name: "dxResult"; id: string }
  | { name: "dxHistory" }
  | { name: "dxReview" }
  | { name: "dxSolutions"; industry: string; q: string };

const ID = "([0-9A-Za-z][0-9A-Za-z_-]{0,63})";
const FRAMEWORK_PATH = new RegExp(`^/dx/frameworks/${ID}/?$`);
const EDIT_PATH = new RegExp(`^/dx/assessments/${ID}/edit/?$`);
const RESULT_PATH = new RegExp(`^/dx/assessments/${ID}/?$`);

export function parseDxRoute(path: string, params: URLSearchParams): DxRoute | null {
  const get = (key: string) => params.get(key) ?? "";
  if (path === "/dx" || path === "/dx/") return { name: "dx" };
  if (path === "/dx/assessments" || path === "/dx/assessments/") return { name: "dxHistory" };
  if (path === "/dx/review") return { name: "dxReview" };
  if (path === "/dx/solutions") return { name: "dxSolutions", industry: get("industry"), q: get("q") };
  if (path === "/dx/assess") return { name: "dxAssess", framework: get("framework"), id: "", page: 0 };
  let m = FRAMEWORK_PATH.exec(path);
  if (m?.[1] !== undefined) {
    const v = Number.parseInt(get("version"), 10);
    return { name: "dxFramework", id: m[1], version: Number.isInteger(v) && v > 0 ? v : null };
  }
  m = EDIT_PATH.exec(path);
  if (m?.[1] !== undefined) {
    const page = Number.parseInt(get("page"), 10);
    return { name: "dxAssess", framework: "", id: m[1], page: Number.isInteger(page) && page > 0 ? page : 1 };
  }
  m = RESULT_PATH.exec(path);
  if (m?.[1] !== undefined) return { name: "dxResult", id: m[1] };
  return null;
}

const DX_NAMES: ReadonlySet<string> = new Set(["dx", "dxFramework", "dxAssess", "dxResult", "dxHistory", "dxReview", "dxSolutions"]);

export function isDxRoute(route: { name: string }): route is DxRoute {
  return DX_NAMES.has(route.name);
}

export function dxHref(route: DxRoute): string {
  switch (route.name) {
    case "dx":
      return "#/dx";
    case "dxFramework":
      return `#/dx/frameworks/${encodeURIComponent(route.id)}${route.version === null ? "" : `?version=${route.version}`}`;
    case "dxAssess":
      return route.id === ""
        ? `#/dx/assess?framework=${encodeURIComponent(route.framework)}`
        : `#/dx/assessments/${encodeURIComponent(route.id)}/edit?page=${route.page}`;
    case "dxResult":
      return `#/dx/assessments/${encodeURIComponent(route.id)}`;
    case "dxHistory":
      return "#/dx/assessments";
    case "dxReview":
      return "#/dx/review";
    case "dxSolutions": {
      const params = new URLSearchParams();
      if (route.industry !== "") params.set("industry", route.industry);
      if (route.q !== "") params.set("q", route.q);
      const qs = params.toString();
      return qs === "" ? "#/dx/solutions" : `#/dx/solutions?${qs}`;
    }
  }
}

export function dxPageKey(route: DxRoute): string {
  switch (route.name) {
    case "dxFramework":
      return `dxFramework:${route.id}:${route.version ?? ""}`;
    case "dxAssess":
      return `dxAssess:${route.id}:${route.page}`;
    case "dxResult":
      return `dxResult:${route.id}`;
    default:
      return route.name;
  }
}
