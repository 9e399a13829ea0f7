import { dossierFileUrl } from "../api/dossiers";
import type { Dossier } from "../api/serviceTypes";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";

// The signed result: download it, and check its signature on the public verification page.
export function ResultPanel({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const result = dossier.result;
  if (result === null) return null;
  return (
    <section class="section result-panel" aria-labelledby="result-heading" data-testid="result">
      <h2 id="result-heading">{t.resultHeading}</h2>
      {result.revoked === true && (
        <div class="notice notice--error">
          <p>{t.resultRevoked}</p>
        </div>
      )}
      <p>
        <strong lang="vi">{result.title}</strong>
        <span class="details__note">{t.issuedAt(t.serviceTime(result.issued_at))}</span>
      </p>
      <div class="button-row">
        <a class="button" href={dossierFileUrl.result(dossier.code)} download={`ket-qua-${dossier.code}.pdf`}>
          {t.downloadResult}
        </a>
        <a class="button button--secondary" href={hrefFor({ name: "verify" })}>
          {t.verifySignatureLink}
        </a>
      </div>
    </section>
  );
}
