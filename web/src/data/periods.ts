// The periods a reader picks from: the last twelve months, this year's and last year's quarters, the
// year to date and the last two years. Months are Vietnam's: the platform's periods are.
export function periodChoices(now = new Date()): string[] {
  const local = new Date(now.getTime() + 7 * 3600 * 1000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const out: string[] = [];
  for (let back = 0; back < 12; back++) {
    const m = ((month - 1 - back + 120) % 12) + 1;
    const y = year - (back >= month ? 1 : 0);
    out.push(`${y}-${String(m).padStart(2, "0")}`);
  }
  out.push(`${year}-YTD`);
  for (const y of [year, year - 1])
    for (let q = 4; q >= 1; q--) if (y < year || (q - 1) * 3 < month) out.push(`${y}-Q${q}`);
  out.push(`${year}`, `${year - 1}`);
  return out;
}

// The 24 months up to `period`'s last month, for a trend.
export function monthsBefore(period: string, count = 24): string[] {
  const [y, part] = period.split("-");
  let year = Number(y);
  let month = part === undefined || part === "YTD" ? (part === "YTD" ? new Date().getUTCMonth() + 1 : 12) : part.startsWith("Q") ? Number(part.slice(1)) * 3 : Number(part);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.unshift(`${year}-${String(month).padStart(2, "0")}`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return out;
}
