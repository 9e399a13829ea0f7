// Days the auditor picks, turned into the instants the server filters on. Vietnam keeps one
// offset all year (UTC+7), so a day runs from 00:00+07:00 to the next day's 00:00+07:00.
export const dayStart = (day: string): string => `${day}T00:00:00+07:00`;

// Exclusive: the start of the following day, so the chosen day is included.
export function dayEnd(day: string): string {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return dayStart(next);
}
