import { useI18n } from "../i18n/I18nProvider";
import { analyticsDownload, type AnalyticsQuery } from "./dataApi";

// Every table of figures downloads as CSV and XLSX, with the same query.
export function ExportLinks({ query }: { query: AnalyticsQuery }) {
  const { t, lang } = useI18n();
  return (
    <p class="button-row data-exports">
      <a class="button button--secondary" href={analyticsDownload(query, "csv", lang)} download>{t.dataExportCsv}</a>
      <a class="button button--secondary" href={analyticsDownload(query, "xlsx", lang)} download>{t.dataExportXlsx}</a>
    </p>
  );
}
