import { apiUrl, getJson, postJson } from "../api/client";
import type { Page } from "../api/types";

// Shapes of the data brain's API (/api/v1/indicators, /analytics, /alerts).

export interface Text {
  vi: string;
  en: string;
}

export interface Target {
  indicator: string;
  place: string;
  baseline: { period: string; value: number };
  target: { period: string; value: number };
  at_risk_margin: number;
  note: string;
}

export interface Indicator {
  id: string;
  name: Text;
  definition: Text;
  numerator: string;
  denominator: string | null;
  unit: string;
  higher_is_better: boolean;
  group: string;
  dimensions: string[];
  targets: Target[];
}

export type TrackStatus = "on_track" | "at_risk" | "off_track";

export interface Row {
  indicator: string;
  place: string;
  place_name: string;
  level: "nation" | "province" | "commune";
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  mapped: boolean;
  category?: string;
  expected?: number;
  status: TrackStatus | null;
}

export interface Alert {
  id: string;
  rule: string;
  name: Text | null;
  kind: string | null;
  indicator: string;
  place: string;
  place_name: string;
  period: string;
  severity: "info" | "warning" | "critical";
  state: "open" | "acknowledged" | "resolved";
  value: number | null;
  expected: number | null;
  raised_at: string;
  comment: string;
}

export interface AnalyticsQuery {
  indicator: string;
  place: string;
  level?: "children" | "province" | "commune";
  period: string;
  by?: string;
}

export const listIndicators = (signal?: AbortSignal) =>
  getJson<Page<Indicator>>(apiUrl("/indicators"), signal);

export const queryAnalytics = (q: AnalyticsQuery, signal?: AbortSignal) =>
  getJson<{ rows: Row[]; mapping?: string }>(apiUrl("/analytics", { ...q }), signal);

// The same query as a download (CSV or XLSX) in the reader's language.
export const analyticsDownload = (q: AnalyticsQuery, format: "csv" | "xlsx", lang: string) =>
  apiUrl("/analytics", { ...q, format, lang });

export const listAlerts = (place: string, state: string, signal?: AbortSignal) =>
  getJson<Page<Alert>>(apiUrl("/alerts", { place, state, limit: 20 }), signal);

export const changeAlert = (id: string, action: "ack" | "resolve", comment: string) =>
  postJson<{ id: string; state: string }>(apiUrl(`/alerts/${encodeURIComponent(id)}/${action}`), { comment });

export const dxProgramme = (signal?: AbortSignal) =>
  getJson<{ targets_2030: { framework: string; levels: Record<string, number> } }>(apiUrl("/dx-programme"), signal);
