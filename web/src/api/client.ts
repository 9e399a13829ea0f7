import { csrfToken } from "./csrf";
import type { Problem } from "./types";

export const API_BASE = "/api/v1";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly field: string | undefined;
  // Seconds from a 429's Retry-After header, when given.
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: Problem | null, retryAfter?: number) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.code = problem?.code;
    this.field = problem?.field;
    this.retryAfter = retryAfter;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

type QueryValue = string | number | null | undefined;

export function apiUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs === "" ? "" : `?${qs}`}`;
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
    ...(signal === undefined ? {} : { signal }),
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

// Every state-changing request: JSON body (or raw bytes, for uploads), session cookie, and the
// CSRF header the server requires on non-GET requests made with a cookie.
async function send(method: "POST" | "PUT" | "DELETE", url: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const raw = body instanceof Blob;
  if (raw) headers["Content-Type"] = body.type === "" ? "application/octet-stream" : body.type;
  else if (body !== undefined) headers["Content-Type"] = "application/json";
  const csrf = csrfToken();
  if (csrf !== null) headers["X-CSRF-Token"] = csrf;
  const response = await fetch(url, {
    method,
    headers,
    credentials: "same-origin",
    ...(body === undefined ? {} : { body: raw ? body : JSON.stringify(body) }),
  });
  if (!response.ok) throw await errorOf(response);
  return response;
}

// A file the server builds on request (an export): its bytes and the name the server gives it.
export async function getFile(url: string): Promise<{ blob: Blob; fileName: string | null }> {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw await errorOf(response);
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const match = /filename="([^"]+)"/.exec(disposition);
  return { blob: await response.blob(), fileName: match?.[1] ?? null };
}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  return (await (await send("POST", url, body)).json()) as T;
}

export async function putJson<T>(url: string, body: unknown): Promise<T> {
  return (await (await send("PUT", url, body)).json()) as T;
}

// A file's bytes as the request body (Content-Type from the file); answers JSON.
export async function sendBytes<T>(method: "POST" | "PUT", url: string, file: Blob): Promise<T> {
  return (await (await send(method, url, file)).json()) as T;
}

// For endpoints answering 204 No Content (or whose body is not needed).
export async function sendOnly(method: "POST" | "DELETE", url: string, body?: unknown): Promise<void> {
  await send(method, url, body);
}

async function errorOf(response: Response): Promise<ApiError> {
  const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  return new ApiError(response.status, await readProblem(response), Number.isFinite(retryAfter) ? retryAfter : undefined);
}

async function readProblem(response: Response): Promise<Problem | null> {
  const type = response.headers.get("Content-Type") ?? "";
  if (!type.includes("json")) return null;
  try {
    return (await response.json()) as Problem;
  } catch {
    return null;
  }
}
