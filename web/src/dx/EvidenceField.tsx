import { useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { useI18n } from "../i18n/I18nProvider";
import { attachEvidence, type Assessment } from "./dxApi";

// Evidence of one answer: choosing a file uploads it at once (no separate button to forget), and what
// is attached is shown with its size.
export function EvidenceField({ assessment, item, onAttached }: { assessment: Assessment; item: string; onAttached: (a: Assessment) => void }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const id = `evidence-${item}`;
  const attached = assessment.evidence[item];
  const size = (n: number) => `${new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 1 }).format(n / 1024)} KB`;
  const onChange = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file === undefined) return;
    setBusy(true);
    setError("");
    try {
      onAttached(await attachEvidence(assessment.id, item, file));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t.errorGeneric);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="field dx-evidence">
      <label class="field__label" for={id}>{t.evidenceLabel}</label>
      <p class="field__hint">{t.evidenceNeeded}</p>
      {error && <p class="field__error" role="alert">{error}</p>}
      <input id={id} type="file" accept="application/pdf,image/jpeg,image/png" onChange={onChange} data-testid={`evidence-${item}`} />
      <p role="status" class="field__hint">
        {busy ? t.evidenceUploading : attached ? t.evidenceAttached(size(attached.size_bytes)) : ""}
      </p>
    </div>
  );
}
