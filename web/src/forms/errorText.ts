import { ApiError } from "../api/client";
import type { Messages, TextKey } from "../i18n/messages";

// A form error kept as data, not text, so it follows a language switch after it was shown.
export type ErrorText = TextKey | { retryAfter: number } | { detail: string };

export function errorText(t: Messages, error: ErrorText): string {
  if (typeof error === "string") return t[error];
  if ("retryAfter" in error) return t.errorTooManyAttempts(error.retryAfter);
  return error.detail;
}

// Failures any form can meet: rate limiting (429 with Retry-After) or anything unexpected.
export function commonError(error: unknown): ErrorText {
  if (error instanceof ApiError && error.status === 429) return { retryAfter: error.retryAfter ?? 60 };
  return "errorRequestFailed";
}
