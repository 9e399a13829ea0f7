// Routes of the public services: the catalogue, dossiers (citizens' and officials'), and the
// public tracking and verification pages.
export type WizardStep = "form" | "documents" | "review";
export type QueueScope = "mine" | "all";
// Officials' shortcuts: dossiers past their due time, or due today.
export type QueueDue = "" | "overdue" | "today";

export type ServiceRoute =
  // Catalogue: `place` filters by where one can submit; `placeQ` searches for that place.
  | { name: "procedures"; q: string; level: string; sector: string; place: string; placeQ: string }
  | { name: "procedure"; code: string }
  // A new dossier: `place` chosen so far, `placeQ` the place search, `prefill` form members given by the
  // page that sent the applicant here (`form.<member>=` in the query), e.g. the solution and assessment
  // of a co-funding application.
  | { name: "dossierNew"; procedure: string; place: string; placeQ: string; prefill?: Record<string, string> }
  // `field`: the input to focus on arrival (a "Thay đổi" link of the check-your-answers page).
  | { name: "dossierEdit"; code: string; step: WizardStep; field?: string }
  | { name: "dossiers" }
  // `submitted`: opened right after submitting, to say so.
  | { name: "dossier"; code: string; submitted: boolean }
  | { name: "notifications" }
  | { name: "track"; code: string }
  | { name: "verify" }
  | { name: "workspace"; scope: QueueScope; status: string; q: string; due: QueueDue }
  | { name: "workspaceDossier"; code: string }
  // The one-stop counter: find the procedure of a dossier brought in person or by post (`q`), then
  // register it for the citizen at the officer's agency place (`place`).
  | { name: "counter"; q: string }
  | { name: "counterNew"; procedure: string; place: string };

const CODE = "([0-9A-Za-z][0-9A-Za-z._-]{0,63})";
const PROCEDURE_PATH = new RegExp(`^/procedures/${CODE}/?$`);
const NEW_DOSSIER_PATH = new RegExp(`^/dossiers/new/${CODE}/?$`);
const EDIT_DOSSIER_PATH = new RegExp(`^/dossiers/${CODE}/edit/?$`);
const DOSSIER_PATH = new RegExp(`^/dossiers/${CODE}/?$`);
const WORKSPACE_DOSSIER_PATH = new RegExp(`^/workspace/dossiers/${CODE}/?$`);
const COUNTER_NEW_PATH = new RegExp(`^/workspace/counter/${CODE}/?$`);

const wizardStep = (raw: string | null): WizardStep =>
  raw === "documents" || raw === "review" ? raw : "form";

export function parseServiceRoute(path: string, params: URLSearchParams): ServiceRoute | null {
  const get = (key: string) => params.get(key) ?? "";
  if (path === "/procedures" || path === "/procedures/") {
    return { name: "procedures", q: get("q"), level: get("level"), sector: get("sector"), place: get("place"), placeQ: get("pq") };
  }
  if (path === "/dossiers" || path === "/dossiers/") return { name: "dossiers" };
  if (path === "/notifications") return { name: "notifications" };
  if (path === "/track") return { name: "track", code: get("code") };
  if (path === "/verify") return { name: "verify" };
  if (path === "/workspace" || path === "/workspace/") {
    const due = get("due");
    return {
      name: "workspace",
      scope: get("scope") === "all" ? "all" : "mine",
      status: get("status"),
      q: get("q"),
      due: due === "overdue" || due === "today" ? due : "",
    };
  }
  if (path === "/workspace/counter" || path === "/workspace/counter/") return { name: "counter", q: get("q") };
  let m = NEW_DOSSIER_PATH.exec(path);
  if (m?.[1] !== undefined) {
    const prefill: Record<string, string> = {};
    for (const [key, value] of params) if (key.startsWith("form.")) prefill[key.slice(5)] = value;
    return { name: "dossierNew", procedure: m[1], place: get("place"), placeQ: get("q"), prefill };
  }
  m = EDIT_DOSSIER_PATH.exec(path);
  if (m?.[1] !== undefined) {
    const field = params.get("field");
    return field === null || field === ""
      ? { name: "dossierEdit", code: m[1], step: wizardStep(params.get("step")) }
      : { name: "dossierEdit", code: m[1], step: wizardStep(params.get("step")), field };
  }
  m = DOSSIER_PATH.exec(path);
  if (m?.[1] !== undefined) return { name: "dossier", code: m[1], submitted: params.get("submitted") === "1" };
  m = PROCEDURE_PATH.exec(path);
  if (m?.[1] !== undefined) return { name: "procedure", code: m[1] };
  m = WORKSPACE_DOSSIER_PATH.exec(path);
  if (m?.[1] !== undefined) return { name: "workspaceDossier", code: m[1] };
  m = COUNTER_NEW_PATH.exec(path);
  if (m?.[1] !== undefined) return { name: "counterNew", procedure: m[1], place: get("place") };
  return null;
}

function withParams(base: string, entries: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) if (value !== "") params.set(key, value);
  const qs = params.toString();
  return qs === "" ? base : `${base}?${qs}`;
}

const seg = encodeURIComponent;

export function serviceHref(route: ServiceRoute): string {
  switch (route.name) {
    case "procedures":
      return withParams("#/procedures", {
        q: route.q,
        level: route.level,
        sector: route.sector,
        place: route.place,
        pq: route.placeQ,
      });
    case "procedure":
      return `#/procedures/${seg(route.code)}`;
    case "dossierNew":
      return withParams(`#/dossiers/new/${seg(route.procedure)}`, {
        place: route.place,
        q: route.placeQ,
        ...Object.fromEntries(Object.entries(route.prefill ?? {}).map(([k, v]) => [`form.${k}`, v])),
      });
    case "dossierEdit":
      return withParams(`#/dossiers/${seg(route.code)}/edit`, { step: route.step === "form" ? "" : route.step, field: route.field ?? "" });
    case "dossiers":
      return "#/dossiers";
    case "dossier":
      return withParams(`#/dossiers/${seg(route.code)}`, { submitted: route.submitted ? "1" : "" });
    case "notifications":
      return "#/notifications";
    case "track":
      return withParams("#/track", { code: route.code });
    case "verify":
      return "#/verify";
    case "workspace":
      return withParams("#/workspace", {
        scope: route.scope === "all" ? "all" : "",
        status: route.status,
        q: route.q,
        due: route.due,
      });
    case "workspaceDossier":
      return `#/workspace/dossiers/${seg(route.code)}`;
    case "counter":
      return withParams("#/workspace/counter", { q: route.q });
    case "counterNew":
      return withParams(`#/workspace/counter/${seg(route.procedure)}`, { place: route.place });
  }
}

// Filters and searches within a page do not count as a new page (focus stays where it is).
export function servicePageKey(route: ServiceRoute): string {
  switch (route.name) {
    case "procedures":
    case "dossiers":
    case "notifications":
    case "track":
    case "verify":
    case "workspace":
    case "counter":
      return route.name;
    case "counterNew":
      return `counterNew:${route.procedure}`;
    case "procedure":
      return `procedure:${route.code}`;
    case "dossierEdit":
      return `dossierEdit:${route.code}:${route.step}`;
    case "dossierNew":
      return `dossierNew:${route.procedure}`;
    case "dossier":
    case "workspaceDossier":
      return `${route.name}:${route.code}`;
  }
}
