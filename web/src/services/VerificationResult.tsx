import type { Verification } from "../api/serviceTypes";
import { DetailRow } from "../components/DetailRow";
import { useI18n } from "../i18n/I18nProvider";

type Verdict = "valid" | "unsigned" | "altered" | "revoked" | "untrusted" | "invalid";

function verdictOf(v: Verification): Verdict {
  if (v.signed === false) return "unsigned";
  if (v.altered) return "altered";
  if (v.revoked) return "revoked";
  if (!v.trusted) return "untrusted";
  return v.valid ? "valid" : "invalid";
}

// The verdict first, in words and colour, then what the signature says about the document.
export function VerificationResult({ name, verification: v }: { name: string; verification: Verification }) {
  const { t } = useI18n();
  const verdict = verdictOf(v);
  const ok = verdict === "valid";
  const headline = {
    valid: t.verifyValid,
    unsigned: t.verifyUnsigned,
    altered: t.verifyAltered,
    revoked: t.verifyRevoked,
    untrusted: t.verifyUntrusted,
    invalid: t.verifyInvalid,
  }[verdict];
  const yesNo = (b: boolean) => (b ? t.yes : t.no);
  // An altered or foreign file may come back with members empty or missing.
  const shown = (value: string | null | undefined) =>
    value === null || value === undefined || value === "" ? t.notGiven : value;
  return (
    <section
      class={ok ? "section verdict verdict--valid" : "section verdict verdict--invalid"}
      aria-labelledby="verify-result-heading"
      data-testid="verification"
      data-verdict={verdict}
    >
      <h2 id="verify-result-heading" tabIndex={-1} class="verdict__headline">
        <span class="verdict__mark" aria-hidden="true">
          {ok ? "✓" : "✗"}
        </span>{" "}
        {headline}
      </h2>
      <p class="verdict__file">{t.verifyFileName(name)}</p>
      <dl class="details">
        <DetailRow label={t.verifyTitle}><span lang="vi">{shown(v.title)}</span></DetailRow>
        <DetailRow label={t.verifyIssuer}><span lang="vi">{shown(v.issuer)}</span></DetailRow>
        <DetailRow label={t.verifyIssuedAt}>
          {v.issued_at ? t.serviceTime(v.issued_at) : t.notGiven}
        </DetailRow>
        <DetailRow label={t.verifyDossier}>
          <span class="details__code">{shown(v.dossier)}</span>
        </DetailRow>
        <DetailRow label={t.verifySigner}>
          <span lang="vi">{shown(v.signer?.subject)}</span>
          {v.signer?.serial && <span class="details__note">{t.verifySerial(v.signer.serial)}</span>}
        </DetailRow>
        {v.reason !== undefined && v.reason !== "" && (
          <DetailRow label={t.verifyReason}>
            <span lang="vi">{v.reason}</span>
          </DetailRow>
        )}
        <DetailRow label={t.verifyChecks}>
          <ul class="verdict__checks">
            <li>{t.verifyCheckSignature(yesNo(v.valid && !v.altered))}</li>
            <li>{t.verifyCheckTrusted(yesNo(v.trusted))}</li>
            <li>{t.verifyCheckRevoked(yesNo(v.revoked))}</li>
            {v.known !== undefined && <li>{t.verifyCheckKnown(yesNo(v.known))}</li>}
          </ul>
        </DetailRow>
      </dl>
    </section>
  );
}
