import { useI18n } from "../i18n/I18nProvider";

export function Loading() {
  const { t } = useI18n();
  return <p class="loading">{t.loading}</p>;
}
