import { useI18n } from "../i18n/I18nProvider";

// A way back up to the page this one belongs to ("← My applications").
export function Breadcrumb({ href, label }: { href: string; label: string }) {
  const { t } = useI18n();
  return (
    <nav class="breadcrumb" aria-label={t.breadcrumbLabel}>
      <a href={href}>{label}</a>
    </nav>
  );
}
