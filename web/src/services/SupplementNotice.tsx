import type { Dossier } from "../api/serviceTypes";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";

// The reason the agency asked for more: the comment of the event that paused the dossier.
export function supplementReason(dossier: Dossier): string {
  const asked = [...dossier.events].reverse().find((e) => e.to_status === "awaiting_supplement");
  return asked?.comment ?? "";
}

// Shown while the dossier waits for the applicant; `editLink` when not already on the edit page.
export function SupplementNotice({ dossier, editLink }: { dossier: Dossier; editLink: boolean }) {
  const { t } = useI18n();
  const reason = supplementReason(dossier);
  return (
    <div class="notice notice--warning" data-testid="supplement-request">
      <h2 class="notice__title">{t.supplementHeading}</h2>
      <p>{t.supplementIntro}</p>
      {reason !== "" && (
        <blockquote class="notice__quote" lang="vi">
          {reason}
        </blockquote>
      )}
      {editLink && (
        <p>
          <a class="button" href={hrefFor({ name: "dossierEdit", code: dossier.code, step: "form" })}>
            {t.supplementEdit}
          </a>
        </p>
      )}
    </div>
  );
}
