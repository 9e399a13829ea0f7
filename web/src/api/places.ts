import { apiUrl, getJson } from "./client";
import type { Page, Place, PlaceLevel } from "./types";

export const PAGE_SIZE = 50;

export interface ListPlacesQuery {
  level?: PlaceLevel;
  parent?: string;
  q?: string;
  cursor?: string | null;
  limit?: number;
}

export function listPlaces(query: ListPlacesQuery, signal?: AbortSignal): Promise<Page<Place>> {
  return getJson(
    apiUrl("/places", {
      level: query.level,
      parent: query.parent,
      q: query.q,
      cursor: query.cursor,
      limit: query.limit ?? PAGE_SIZE,
    }),
    signal,
  );
}

export function getPlace(code: string, signal?: AbortSignal): Promise<Place> {
  return getJson(apiUrl(`/places/${encodeURIComponent(code)}`), signal);
}

export function listChildren(
  code: string,
  query: { q?: string; cursor?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<Page<Place>> {
  return getJson(
    apiUrl(`/places/${encodeURIComponent(code)}/children`, {
      q: query.q,
      cursor: query.cursor,
      limit: query.limit ?? PAGE_SIZE,
    }),
    signal,
  );
}
