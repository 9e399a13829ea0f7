import type { InfoTopic } from "../i18n/portalMessages";
import { dataHref, isDataRoute, parseDataRoute, type DataRoute } from "./dataRoutes";
import { dxHref, dxPageKey, isDxRoute, parseDxRoute, type DxRoute } from "./dxRoutes";
import { isOpenDataRoute, openDataHref, parseOpenDataRoute, type OpenDataRoute } from "./openDataRoutes";
import { parseServiceRoute, serviceHref, servicePageKey, type ServiceRoute } from "./serviceRoutes";

// Hash routes keep pages linkable (#/places/01) without needing an SPA fallback on the server.
export type Route =
  // The first page: `q` searches procedures.
  | { name: "home"; q: string }
  | { name: "places"; q: string }
  | { name: "info"; topic: InfoTopic }
  | { name: "province"; code: string; q: string }
  // `notice`: why the sign-in page was opened (after sign-up, or the provider's redirect on failure).
  // `next`: the page (hash path and query, without "#") to return to after signing in.
  | { name: "signIn"; notice: SignInNotice; next?: string }
  | { name: "signUp" }
  | { name: "account" }
  // Administration: `q` searches places, `place` lists its agencies, `agency` its officials.
  | { name: "admin"; q: string; place: string; agency: string }
  // The audit log, filtered; `from` and `to` are days (YYYY-MM-DD), `to` included.
  | AuditRoute
  | { name: "notFound"; path: string }
  | ServiceRoute
  | DxRoute
  | DataRoute
  | OpenDataRoute;

export interface AuditRoute {
  name: "audit";
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  from: string;
  to: string;
}

const AUDIT_PARAMS = [
  ["actor", "actor"],
  ["action", "action"],
  ["objectType", "object_type"],
  ["objectId", "object_id"],
  ["from", "from"],
  ["to", "to"],
] as const;

export type SignInNotice = "registered" | "externalFailed" | null;

const INFO_PATHS: readonly (readonly [InfoTopic, string])[] = [
  ["contact", "/contact"],
  ["privacy", "/privacy"],
  ["accessibility", "/accessibility"],
];

const PROVINCE_PATH = /^\/places\/([0-9A-Za-z]{1,16})\/?$/;

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  // Plain in-page anchors such as #main (skip link opened in a new tab) are not routes.
  if (raw !== "" && !raw.startsWith("/")) return { name: "home", q: "" };
  const queryStart = raw.indexOf("?");
  const path = (queryStart < 0 ? raw : raw.slice(0, queryStart)) || "/";
  const params = new URLSearchParams(queryStart < 0 ? "" : raw.slice(queryStart + 1));
  const q = params.get("q") ?? "";

  if (path === "/") return { name: "home", q };
  if (path === "/places" || path === "/places/") return { name: "places", q };
  const info = INFO_PATHS.find(([, p]) => p === path);
  if (info !== undefined) return { name: "info", topic: info[0] };
  const match = PROVINCE_PATH.exec(path);
  if (match?.[1] !== undefined) return { name: "province", code: match[1], q };
  if (path === "/sign-in") {
    const next = params.get("next");
    return next !== null && isReturnPath(next)
      ? { name: "signIn", notice: signInNotice(params), next }
      : { name: "signIn", notice: signInNotice(params) };
  }
  if (path === "/sign-up") return { name: "signUp" };
  if (path === "/account") return { name: "account" };
  if (path === "/admin" || path === "/admin/") {
    return { name: "admin", q, place: params.get("place") ?? "", agency: params.get("agency") ?? "" };
  }
  if (path === "/audit") {
    const route: AuditRoute = { name: "audit", actor: "", action: "", objectType: "", objectId: "", from: "", to: "" };
    for (const [key, param] of AUDIT_PARAMS) route[key] = params.get(param) ?? "";
    return route;
  }
  return (
    parseServiceRoute(path, params) ?? parseDxRoute(path, params) ?? parseDataRoute(path, params) ?? parseOpenDataRoute(path, params) ?? { name: "notFound", path }
  );
}

export function hrefFor(route: Route): string {
  if (isDxRoute(route)) return dxHref(route);
  if (isDataRoute(route)) return dataHref(route);
  if (isOpenDataRoute(route)) return openDataHref(route);
  switch (route.name) {
    case "home":
      return withQuery("#/", route.q);
    case "places":
      return withQuery("#/places", route.q);
    case "info":
      return `#${INFO_PATHS.find(([topic]) => topic === route.topic)?.[1] ?? "/"}`;
    case "province":
      return withQuery(`#/places/${encodeURIComponent(route.code)}`, route.q);
    case "signIn": {
      const params = new URLSearchParams();
      if (route.notice === "registered") params.set("registered", "1");
      if (route.notice === "externalFailed") params.set("error", "external");
      if (route.next !== undefined) params.set("next", route.next);
      const qs = params.toString();
      return qs === "" ? "#/sign-in" : `#/sign-in?${qs}`;
    }
    case "signUp":
      return "#/sign-up";
    case "account":
      return "#/account";
    case "admin": {
      const params = new URLSearchParams();
      if (route.q !== "") params.set("q", route.q);
      if (route.place !== "") params.set("place", route.place);
      if (route.agency !== "") params.set("agency", route.agency);
      const qs = params.toString();
      return qs === "" ? "#/admin" : `#/admin?${qs}`;
    }
    case "audit": {
      const params = new URLSearchParams();
      for (const [key, param] of AUDIT_PARAMS) if (route[key] !== "") params.set(param, route[key]);
      const qs = params.toString();
      return qs === "" ? "#/audit" : `#/audit?${qs}`;
    }
    case "notFound":
      return `#${route.path}`;
    default:
      return serviceHref(route);
  }
}

// Only pages of this app are returned to (a path such as "/dossiers/new/1.001193").
function isReturnPath(next: string): boolean {
  return next.startsWith("/") && !next.startsWith("/sign-in");
}

// Where the sign-in page should send the reader back to, for the current route.
export function returnPath(route: Route): string {
  return hrefFor(route).replace(/^#/, "");
}

// The server's external sign-in callback redirects to #/sign-in?error=external on failure.
function signInNotice(params: URLSearchParams): SignInNotice {
  if (params.get("registered") === "1") return "registered";
  if (params.get("error") === "external") return "externalFailed";
  return null;
}

function withQuery(base: string, q: string): string {
  return q === "" ? base : `${base}?${new URLSearchParams({ q }).toString()}`;
}

// Identifies the page (not its query), so focus and scroll move only on real page changes.
export function pageKey(route: Route): string {
  if (isDxRoute(route)) return dxPageKey(route);
  if (isDataRoute(route)) return `${route.name}:${route.place}`;
  if (isOpenDataRoute(route)) return route.name === "openDataset" ? `openDataset:${route.id}` : route.name;
  switch (route.name) {
    case "home":
    case "places":
      return route.name;
    case "info":
      return `info:${route.topic}`;
    case "province":
      return `province:${route.code}`;
    case "signIn":
    case "signUp":
    case "account":
    case "admin":
    case "audit":
      return route.name;
    case "notFound":
      return `notFound:${route.path}`;
    default:
      return servicePageKey(route);
  }
}
