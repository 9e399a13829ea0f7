import { getProcedure } from "../api/procedures";
import type { ProcedureSummary } from "../api/serviceTypes";
import { queryAnalytics } from "../data/dataApi";

const SHOWN = 6;

// The procedures with the most dossiers received nationwide this month and the twelve before it,
// from the data brain's public figures (most first). None before any dossier has been received.
export async function mostUsedProcedures(signal: AbortSignal): Promise<ProcedureSummary[]> {
  const answers = await Promise.all(
    ["LAST_12_MONTHS", "THIS_MONTH"].map((period) =>
      queryAnalytics({ indicator: "dossiers_received", place: "VN", period, by: "procedure" }, signal),
    ),
  );
  const totals = new Map<string, number>();
  for (const row of answers.flatMap((a) => a.rows)) {
    if (row.category === undefined || row.value === null) continue;
    totals.set(row.category, (totals.get(row.category) ?? 0) + row.value);
  }
  const codes = [...totals.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, SHOWN)
    .map(([code]) => code);
  return Promise.all(codes.map((code) => getProcedure(code, signal)));
}
