import { useState } from "preact/hooks";
import { ApiError, getFile } from "../api/client";
import { useI18n } from "../i18n/I18nProvider";

export type ExportFormat = "csv" | "xlsx";

// Download a table the reader sees as CSV or XLSX. The server builds the file (every page of a list,
// in the reader's language); a refusal (too many rows, say) is shown here rather than saved as a file.
export function ExportButtons({ url, label, testId }: { url: (format: ExportFormat) => string; label: string; testId?: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(format: ExportFormat) {
    if (busy !== null) return;
    setBusy(format);
    setError(null);
    try {
      const { blob, fileName } = await getFile(url(format));
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = fileName ?? `export.${format}`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (e) {
      setError(e instanceof ApiError && e.status !== 500 ? e.message : t.exportFailed);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div class="export-buttons" role="group" aria-label={label} data-testid={testId}>
      <span class="export-buttons__label" aria-hidden="true">
        {t.exportLabel}
      </span>
      {(["csv", "xlsx"] as const).map((format) => (
        <button
          key={format}
          type="button"
          class="button button--secondary button--small"
          aria-disabled={busy !== null}
          onClick={() => void download(format)}
        >
          {busy === format ? t.exportPreparing : format === "csv" ? t.exportCsv : t.exportXlsx}
        </button>
      ))}
      {error !== null && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
