import { useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { verifyPdf } from "../api/publicChecks";
import type { Verification } from "../api/serviceTypes";
import { ErrorSummary } from "../components/ErrorSummary";
import { FileField } from "../components/FileField";
import { PageHeading } from "../components/PageHeading";
import { SubmitButton } from "../components/SubmitButton";
import { commonError, errorText, type ErrorText } from "../forms/errorText";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useI18n } from "../i18n/I18nProvider";
import { VerificationResult } from "./VerificationResult";

const FILE_ID = "verify-file";

// Public: is this PDF a result the platform issued, unchanged, signed by a trusted key and not
// revoked? The file goes to the server as is (POST /verify) and is not kept.
export function VerifyPage() {
  const { t } = useI18n();
  useDocumentTitle(t.verifyHeading);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorText | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ name: string; verification: Verification } | null>(null);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (file === null) {
      setError("errorVerifyFileMissing");
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const verification = await verifyPdf(file);
      setResult({ name: file.name, verification });
      window.setTimeout(() => document.getElementById("verify-result-heading")?.focus(), 0);
    } catch (e) {
      setResult(null);
      setError(
        e instanceof ApiError && (e.status === 400 || e.status === 404 || e.status === 415 || e.status === 422)
          ? { detail: t.errorVerifyUnreadable(e.message) }
          : e instanceof ApiError && e.status === 413
            ? "errorFileTooLarge"
            : commonError(e),
      );
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="form-page verify-page">
      <PageHeading>{t.verifyHeading}</PageHeading>
      <p class="lead">{t.verifyIntro}</p>
      <ErrorSummary attempt={attempt} errors={error === null ? [] : [{ fieldId: FILE_ID, text: error }]} />
      <form class="form" noValidate onSubmit={onSubmit}>
        <FileField
          id={FILE_ID}
          label={t.verifyFileLabel}
          hint={t.verifyFileHint}
          error={error !== null ? errorText(t, error) : undefined}
          accept="application/pdf,.pdf"
          onChange={(f) => {
            setFile(f);
            setResult(null);
          }}
        />
        <SubmitButton label={t.verifyButton} busyLabel={t.verifying} busy={busy} />
      </form>
      {result !== null && <VerificationResult name={result.name} verification={result.verification} />}
    </div>
  );
}
