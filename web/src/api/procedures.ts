import { apiUrl, getJson } from "./client";
import type { Procedure, ProcedureSummary, Sector } from "./serviceTypes";
import type { Page } from "./types";

const PAGE_SIZE = 50;
// Lists page with `cursor` (the `next` of the previous page), like every other list of the API;
// the contract's text says `after`.

export interface ProcedureQuery {
  q: string;
  level: string;
  sector: string;
  place: string;
}

export function listProcedures(query: ProcedureQuery, after: string | null, signal?: AbortSignal): Promise<Page<ProcedureSummary>> {
  return getJson(apiUrl("/procedures", { ...query, cursor: after, limit: PAGE_SIZE }), signal);
}

export async function listSectors(signal?: AbortSignal): Promise<Sector[]> {
  return (await getJson<{ items: Sector[] }>(apiUrl("/procedures/sectors"), signal)).items;
}

export function getProcedure(code: string, signal?: AbortSignal): Promise<Procedure> {
  return getJson(apiUrl(`/procedures/${encodeURIComponent(code)}`), signal);
}
