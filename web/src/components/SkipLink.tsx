import { useI18n } from "../i18n/I18nProvider";

export const MAIN_ID = "main";

// First focusable element on the page; jumps past header and navigation.
export function SkipLink() {
  const { t } = useI18n();
  const onClick = (event: MouseEvent) => {
    // With hash routing, href="#main" would change the route, so move focus directly.
    event.preventDefault();
    document.getElementById(MAIN_ID)?.focus();
  };
  return (
    <a class="skip-link" href={`#${MAIN_ID}`} onClick={onClick}>
      {t.skipToContent}
    </a>
  );
}
