import type { TimeLimit } from "../api/serviceTypes";
import type { Messages } from "../i18n/messages";

// "Trong ngày (nhận sau 15:00 trả ngày làm việc tiếp theo)", "7 ngày làm việc", "7 ngày".
export function timeLimitText(t: Messages, limit: TimeLimit): string {
  switch (limit.unit) {
    case "same_day":
      return t.timeLimitSameDay(limit.cutoff_hour ?? null);
    case "working_days":
      return t.timeLimitWorkingDays(limit.value);
    case "calendar_days":
      return t.timeLimitCalendarDays(limit.value);
    default:
      return `${limit.value} ${limit.unit}`;
  }
}

export function feeText(t: Messages, feeVnd: number | null): string {
  if (feeVnd === null) return t.feeUnknown;
  return feeVnd === 0 ? t.feeFree : t.feeAmount(feeVnd);
}
