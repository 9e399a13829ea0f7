// The supported UI languages; Vietnamese is the default.
export type Language = "vi" | "en";

export const LANGUAGES: readonly Language[] = ["vi", "en"];
export const DEFAULT_LANGUAGE: Language = "vi";

const STORAGE_KEY = "sen.lang";

export function isLanguage(value: unknown): value is Language {
  return value === "vi" || value === "en";
}

export function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    // Storage can be unavailable (privacy mode, disabled cookies); fall back quietly.
    return DEFAULT_LANGUAGE;
  }
}

export function storeLanguage(lang: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisting is acceptable; the choice still applies to this page view.
  }
}

export function applyDocumentLanguage(lang: Language): void {
  document.documentElement.lang = lang;
}
