import { createContext, type ComponentChildren } from "preact";
import { useCallback, useContext, useEffect, useMemo, useState } from "preact/hooks";
import {
  applyDocumentLanguage,
  readStoredLanguage,
  storeLanguage,
  type Language,
} from "./language";
import { MESSAGES, type Messages } from "./messages";

interface I18n {
  lang: Language;
  t: Messages;
  setLang: (lang: Language) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Language>(readStoredLanguage);

  // <html lang> drives screen reader pronunciation and hyphenation, so keep it in sync.
  useEffect(() => applyDocumentLanguage(lang), [lang]);

  const setLang = useCallback((next: Language) => {
    storeLanguage(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => ({ lang, t: MESSAGES[lang], setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (ctx === null) throw new Error("useI18n must be used inside <I18nProvider>");
  return ctx;
}
