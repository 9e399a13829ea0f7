import type { Language } from "./language";

// Number and date formatting shared by every message table.

const numberFormats: Record<Language, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat("vi-VN"),
  en: new Intl.NumberFormat("en-US"),
};

export const fmtVi = (n: number): string => numberFormats.vi.format(n);
export const fmtEn = (n: number): string => numberFormats.en.format(n);
export const plural = (n: number, one: string, many: string): string =>
  `${fmtEn(n)} ${n === 1 ? one : many}`;

const DATE_TIME_VI: Intl.DateTimeFormatOptions = {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
};
const DATE_TIME_EN: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

const dateTimeFormats: Record<Language, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat("vi-VN", DATE_TIME_VI),
  en: new Intl.DateTimeFormat("en-GB", DATE_TIME_EN),
};

// Deadlines and events of Vietnamese agencies are legal times in Vietnam: shown in its time zone
// whatever the reader's, so "due 17:00 on the 27th" reads the same everywhere.
const VIETNAM = "Asia/Ho_Chi_Minh";
const vietnamFormats: Record<Language, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat("vi-VN", { ...DATE_TIME_VI, timeZone: VIETNAM }),
  en: new Intl.DateTimeFormat("en-GB", { ...DATE_TIME_EN, timeZone: VIETNAM }),
};

// Plain dates (YYYY-MM-DD, e.g. a date of birth) are calendar dates: formatted in UTC so no
// time zone can move them to the day before.
const plainDateFormats: Record<Language, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }),
};

// Vietnamese times read "17:00 ngày 03/12/2026"; Intl gives "17:00 03/12/2026", so the parts are joined here.
function formatDate(format: Intl.DateTimeFormat, date: Date): string {
  if (format.resolvedOptions().locale.startsWith("vi") && format.resolvedOptions().hour !== undefined) {
    const parts = format.formatToParts(date);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
    return `${part("hour")}:${part("minute")} ngày ${part("day")}/${part("month")}/${part("year")}`;
  }
  return format.format(date);
}

function formatIso(format: Intl.DateTimeFormat, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatDate(format, date);
}

// Server timestamps are RFC 3339; shown in the reader's time zone. An unparsable value is shown as is.
export const dateTime = (lang: Language, iso: string): string => formatIso(dateTimeFormats[lang], iso);

export const vietnamTime = (lang: Language, iso: string): string => formatIso(vietnamFormats[lang], iso);

export const plainDate = (lang: Language, value: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatIso(plainDateFormats[lang], `${value}T00:00:00Z`) : value;
