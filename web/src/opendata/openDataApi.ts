import type { Text } from "../data/dataApi";

// The open-data catalogue through its CKAN-compatible API (/api/3/action/...), which the portal uses
// as any other client would, and Sen's own dataset view (/api/v1/opendata/datasets/{name}).

export interface CkanResource {
  id: string;
  name: string;
  format: string;
  url: string;
  datastore_active: boolean;
}

export interface CkanPackage {
  name: string;
  title: string;
  title_translated: Text;
  notes_translated: Text;
  metadata_modified: string;
  organization: { name: string; title: string };
  groups: { name: string; title: string }[];
  tags: { name: string }[];
  resources: CkanResource[];
}

export interface FacetItem {
  name: string;
  display_name: string;
  count: number;
}

export interface SearchResult {
  count: number;
  results: CkanPackage[];
  search_facets: Record<string, { items: FacetItem[] }>;
}

export interface Column {
  id: string;
  type: "text" | "int" | "numeric";
  label: Text;
  definition: Text;
  unit: string;
  key: boolean;
}

export interface ReleaseInfo {
  number: number;
  created_at: string;
  rows: number;
  note: string;
}

export interface DatasetView {
  name: string;
  title: Text;
  description: Text;
  publisher: string;
  publisher_name: string;
  theme_title: Text | null;
  keywords: string[];
  frequency: string;
  licence: string;
  licence_title: string;
  licence_url: string;
  contact: string;
  created_at: string;
  modified_at: string;
  columns: Column[];
  releases: ReleaseInfo[];
  suppression: { threshold: number; method: Text; reasons: { code: string; text: Text }[] };
  resource_id: string;
  kind: "live" | "upload";
}

export type Record_ = Record<string, string | number | null> & { _id: number };

async function ckan<T>(action: string, params: Record<string, string>, signal?: AbortSignal): Promise<T> {
  const qs = new URLSearchParams(params).toString();
  const response = await fetch(`/api/3/action/${action}${qs === "" ? "" : `?${qs}`}`, {
    headers: { Accept: "application/json" },
    ...(signal === undefined ? {} : { signal }),
  });
  const body = (await response.json()) as { success: boolean; result: T; error?: { message?: string } };
  if (!body.success) throw new Error(body.error?.message ?? `${action} failed`);
  return body.result;
}

export const PAGE_SIZE = 10;

export function searchDatasets(
  filters: { q: string; organization: string; group: string; tag: string },
  start: number,
  signal?: AbortSignal,
): Promise<SearchResult> {
  const fq = [
    filters.organization !== "" ? `organization:"${filters.organization}"` : "",
    filters.group !== "" ? `groups:"${filters.group}"` : "",
    filters.tag !== "" ? `tags:"${filters.tag}"` : "",
  ].filter((x) => x !== "");
  return ckan<SearchResult>(
    "package_search",
    {
      q: filters.q,
      fq: fq.join(" "),
      rows: String(PAGE_SIZE),
      start: String(start),
      "facet.field": JSON.stringify(["organization", "groups", "tags"]),
    },
    signal,
  );
}

export const datasetView = (name: string, signal?: AbortSignal): Promise<DatasetView> =>
  fetch(`/api/v1/opendata/datasets/${encodeURIComponent(name)}`, { ...(signal === undefined ? {} : { signal }) }).then(
    async (r) => {
      if (!r.ok) throw new Error(`dataset ${name}: ${r.status}`);
      return (await r.json()) as DatasetView;
    },
  );

export const previewRows = (resourceId: string, offset: number, limit: number, signal?: AbortSignal) =>
  ckan<{ records: Record_[]; total: number }>(
    "datastore_search",
    { resource_id: resourceId, offset: String(offset), limit: String(limit) },
    signal,
  );

export const downloadUrl = (name: string, format: "csv" | "json" | "xlsx", release?: number): string =>
  release === undefined
    ? `/api/v1/opendata/datasets/${encodeURIComponent(name)}/data.${format}`
    : `/api/v1/opendata/datasets/${encodeURIComponent(name)}/releases/${release}/data.${format}`;
