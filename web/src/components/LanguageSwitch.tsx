import { useI18n } from "../i18n/I18nProvider";
import type { Language } from "../i18n/language";

// Each option is written in its own language so people can find theirs.
const OPTIONS: readonly { lang: Language; label: string }[] = [
  { lang: "vi", label: "Tiếng Việt" },
  { lang: "en", label: "English" },
];

export function LanguageSwitch() {
  const { lang, t, setLang } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={t.languageLabel}>
      {OPTIONS.map((option) => (
        <button
          key={option.lang}
          type="button"
          lang={option.lang}
          aria-pressed={lang === option.lang}
          onClick={() => setLang(option.lang)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
