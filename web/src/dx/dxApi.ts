import { apiUrl, getJson, postJson, putJson, sendBytes } from "../api/client";
import type { Page } from "../api/types";

// Shapes of the digital-transformation API (/api/v1/frameworks, /assessments, /solutions).

export interface Text {
  vi: string;
  en: string;
}

export interface Option {
  id: string;
  label: Text;
  score: number;
}

export type ItemKind = "single_choice" | "multiple_choice" | "numeric" | "checklist" | "computed";

export interface Item {
  id: string;
  kind: ItemKind;
  text: Text;
  help?: Text;
  source: "self_report" | "assessor" | "automatic";
  evidence_required: boolean;
  weight?: number;
  max_points?: number;
  options?: Option[];
  min?: number;
  max?: number;
  unit?: string;
  metric?: string;
  target?: number;
}

export interface FrameworkNode {
  id: string;
  kind: string;
  name: Text;
  aggregate: string;
  weight?: number;
  max_points?: number;
  children?: FrameworkNode[];
  items?: Item[];
}

export interface Tool {
  id: string;
  category: string;
  name: Text;
  points: number;
}

export interface Catalogue {
  tools: Tool[];
  links: { tools: [string, string]; points: number }[];
}

export interface Band {
  id: string;
  name: Text;
  from: number;
  to: number;
}

export interface Framework {
  id: string;
  code: string;
  version: number;
  supersedes: number | null;
  name: Text;
  notes: Text;
  issuer: string;
  legal_basis: string[];
  sources: string[];
  subject_type: "enterprise" | "agency" | "commune" | "province";
  applies_to: { sizes: string[]; industries: string[] };
  scale: { max: number };
  industries: { id: string; name: Text }[];
  catalogues: Record<string, Catalogue>;
  nodes: FrameworkNode[];
  views: { id: string; name: Text; nodes: string[] }[];
  levels: {
    bands: Band[];
    gates: { id: string; name: Text; cap: string; pillar_min_percent?: number; node?: string; item?: string }[];
  } | null;
  recommendations: { id: string; node: string; below_percent: number; text: Text }[];
  versions: { version: number; supersedes: number | null }[];
}

export interface FrameworkSummary {
  id: string;
  version: number;
  name: Text;
  issuer: string;
  subject_type: string;
  sizes: string[];
  industries: { id: string; name: Text }[];
  max_score: number;
  items: number;
  versions: { version: number }[];
}

export type Answer = string | string[] | number;
export type Answers = Record<string, Answer>;

export interface Named {
  id: string;
  name: Text;
}

export interface Solution {
  id: string;
  name: string;
  provider: string;
  description: string;
  industry: Named | null;
  category: Named | null;
  price_range: { min_vnd: number; max_vnd: number };
  productivity_gain_percent: number;
  ai_integrated: boolean;
  website: string;
  approved_at: string;
}

export interface PillarScore {
  id: string;
  name: Text;
  percent: number | null;
  points: number;
  max_points: number;
}

export type Benchmark =
  | null
  | { shown: false; min_peers: number }
  | { shown: true; peers: number; percentile: number; median: number };

export interface AssessmentSummary {
  id: string;
  framework: { code: string; version: number; name: Text | null };
  status: "draft" | "submitted" | "confirmed";
  subject: { name: string; industry: string; size: string; place: string };
  score: number | null;
  max_score: number;
  level: Named | null;
  created_at: string;
  submitted_at: string | null;
  reviewed_at: string | null;
}

export interface Assessment extends AssessmentSummary {
  framework: { code: string; version: number; name: Text | null; scored_with: number };
  subject: AssessmentSummary["subject"] & { industry_name?: Text; place_name?: string };
  version: number;
  pillars: PillarScore[];
  band: Named | null;
  gates_failed: Named[];
  next_level_gap: { level: Named; points: number; blocked_by: Named[] } | null;
  recommendations: { id: string; node: Named; percent: number | null; text: Text; solutions: Solution[] }[];
  benchmark: Benchmark;
  answers: Answers;
  reviewed_answers: Answers | null;
  self?: { score: number | null; level: string };
  review_note?: string;
  unanswered?: string[];
  allowed_actions: string[];
  evidence: Record<string, { content_type: string; size_bytes: number; added_at: string }>;
  evidence_missing?: string[];
}

export const listFrameworks = (signal: AbortSignal) => getJson<Page<FrameworkSummary>>(apiUrl("/frameworks"), signal);
export const getFramework = (id: string, version: number | null, signal: AbortSignal) =>
  getJson<Framework>(apiUrl(`/frameworks/${encodeURIComponent(id)}`, { version }), signal);
export const getAssessment = (id: string, signal: AbortSignal) =>
  getJson<Assessment>(apiUrl(`/assessments/${encodeURIComponent(id)}`), signal);
export const listMyAssessments = (cursor: string | null, signal: AbortSignal) =>
  getJson<Page<AssessmentSummary>>(apiUrl("/assessments", { cursor, limit: 50 }), signal);
export const listReviewQueue = (cursor: string | null, signal: AbortSignal) =>
  getJson<Page<AssessmentSummary>>(apiUrl("/assessments/review-queue", { cursor, limit: 50 }), signal);
export const listSolutions = (industry: string, q: string, cursor: string | null, signal: AbortSignal) =>
  getJson<Page<Solution>>(apiUrl("/solutions", { industry, q, cursor, limit: 50 }), signal);

export interface NewAssessment {
  framework: string;
  industry: string;
  size: string;
  place: string;
  answers: Answers;
}
export const createAssessment = (body: NewAssessment) => postJson<Assessment>(apiUrl("/assessments"), body);
export const saveAssessment = (id: string, answers: Answers, submit: boolean) =>
  putJson<Assessment>(apiUrl(`/assessments/${encodeURIComponent(id)}`), { answers, submit });
export const reviewAssessment = (id: string, note: string, answers: Answers | null) =>
  postJson<Assessment>(apiUrl(`/assessments/${encodeURIComponent(id)}/review`), answers === null ? { note } : { note, answers });
export const reportUrl = (id: string) => apiUrl(`/assessments/${encodeURIComponent(id)}/report.pdf`);
export const evidenceUrl = (id: string, item: string) =>
  apiUrl(`/assessments/${encodeURIComponent(id)}/evidence/${encodeURIComponent(item)}`);
export const attachEvidence = (id: string, item: string, file: Blob) => sendBytes<Assessment>("PUT", evidenceUrl(id, item), file);
export interface Programme {
  solution_procedure: string;
  support_procedure: string;
  industries: Record<string, Text>;
  categories: Record<string, Text>;
}
export const getProgramme = (signal: AbortSignal) => getJson<Programme>(apiUrl("/dx-programme"), signal);
