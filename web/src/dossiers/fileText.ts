import type { Messages } from "../i18n/messages";

const TYPE_NAMES: Record<string, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
};

// The server's default when a component lists no types.
export const DEFAULT_TYPES = ["application/pdf", "image/jpeg", "image/png"];

export function typeNames(types: readonly string[]): string[] {
  return (types.length === 0 ? DEFAULT_TYPES : types).map((type) => TYPE_NAMES[type] ?? type);
}

export function fileSizeText(t: Messages, bytes: number): string {
  if (bytes < 1024) return t.sizeBytes(bytes);
  if (bytes < 1024 * 1024) return t.sizeKilobytes(Math.round(bytes / 1024));
  return t.sizeMegabytes(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}
