import { useEffect } from "preact/hooks";
import { useI18n } from "../i18n/I18nProvider";

export function useDocumentTitle(page: string | null): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = page === null ? `${t.productName} – ${t.tagline}` : t.pageTitle(page);
  }, [page, t]);
}
