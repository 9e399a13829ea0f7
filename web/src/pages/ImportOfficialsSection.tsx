import { useState } from "preact/hooks";
import { useAnnounce } from "../a11y/Announcer";
import { importOfficials } from "../api/admin";
import { ApiError } from "../api/client";
import type { ImportResult } from "../api/types";
import { DataTable } from "../components/DataTable";
import { ErrorSummary } from "../components/ErrorSummary";
import { FileField } from "../components/FileField";
import { Notice } from "../components/Notice";
import { SubmitButton } from "../components/SubmitButton";
import { commonError, errorText, type ErrorText } from "../forms/errorText";
import { useI18n } from "../i18n/I18nProvider";

const HEADING_ID = "admin-import-heading";
const ERRORS_HEADING_ID = "admin-import-errors";
const FILE_ID = "admin-import-file";

// Upload a CSV, see every row's problems (a dry run writes nothing), then confirm to import the valid
// rows. Agencies and roles outside the administrator's reach show up as row problems.
export function ImportOfficialsSection({ onSessionError }: { onSessionError: (error: unknown) => boolean }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const [error, setError] = useState<ErrorText | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    if (busy) return;
    if (file === null) {
      setError("errorImportFileMissing");
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await importOfficials(file, dryRun);
      if (dryRun) {
        setChecked(result);
        setImported(null);
        announce(t.importSummary(result.rows, result.valid));
      } else {
        setChecked(null);
        setImported(result.created.length);
        announce(t.importDone(result.created.length));
      }
    } catch (e) {
      if (onSessionError(e)) return;
      setError(e instanceof ApiError && e.status === 400 ? { detail: e.message } : commonError(e));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section" aria-labelledby={HEADING_ID} data-testid="import-officials">
      <h2 id={HEADING_ID} tabIndex={-1}>
        {t.importHeading}
      </h2>
      <p class="lead">{t.importIntro}</p>
      {imported !== null && <Notice kind="success">{t.importDone(imported)}</Notice>}
      <ErrorSummary
        errors={error === null ? [] : [{ fieldId: error === "errorImportFileMissing" ? FILE_ID : null, text: error }]}
        attempt={attempt}
        headingLevel={3}
      />
      <form
        class="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void run(true);
        }}
      >
        <FileField
          id={FILE_ID}
          label={t.importFileLabel}
          accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          error={error === "errorImportFileMissing" ? errorText(t, error) : undefined}
          onChange={(f) => {
            setFile(f);
            setChecked(null);
          }}
        />
        <SubmitButton label={t.importCheck} busyLabel={t.importChecking} busy={busy && checked === null} />
      </form>
      {checked !== null && (
        <div class="import-result" data-testid="import-result">
          <p>{t.importSummary(checked.rows, checked.valid)}</p>
          {checked.errors.length > 0 && (
            <>
              <h3 id={ERRORS_HEADING_ID}>{t.importErrorsHeading}</h3>
              <DataTable
                labelledBy={ERRORS_HEADING_ID}
                columns={[t.importRowColumn, t.importColumnColumn, t.importProblemColumn]}
                testId="import-errors"
              >
                {checked.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.row}</td>
                    <td>
                      <span class="details__code">{e.column}</span>
                    </td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </DataTable>
            </>
          )}
          {checked.valid > 0 && (
            <button type="button" class="button" aria-disabled={busy} onClick={() => void run(false)}>
              {busy ? t.adminActionBusy : t.importConfirm(checked.valid)}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
