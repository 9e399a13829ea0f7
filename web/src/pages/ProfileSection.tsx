import type { Me } from "../api/types";
import { accountKindLabel } from "../identity/accountKindLabel";
import { useI18n } from "../i18n/I18nProvider";

export function ProfileSection({ me }: { me: Me }) {
  const { t } = useI18n();
  // Citizens' usernames are their (masked) identification numbers: shown once, as the number.
  const showUsername = me.kind !== "citizen";
  return (
    <section class="section" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t.profileHeading}</h2>
      <dl class="details" data-testid="profile">
        <div class="details__row">
          <dt>{t.fieldName}</dt>
          <dd lang="vi">{me.display_name}</dd>
        </div>
        <div class="details__row">
          <dt>{t.fieldKind}</dt>
          <dd>{accountKindLabel(t, me.kind)}</dd>
        </div>
        {showUsername && (
          <div class="details__row">
            <dt>{t.fieldUsername}</dt>
            <dd class="details__code">{me.username}</dd>
          </div>
        )}
        {me.id_number !== undefined && (
          <div class="details__row">
            <dt>{t.fieldIdNumber}</dt>
            <dd>
              <span class="details__code" data-testid="id-number">
                {me.id_number}
              </span>
              <span class="details__note">{t.idNumberMaskedNote}</span>
            </dd>
          </div>
        )}
        {me.enterprise_code !== undefined && (
          <div class="details__row">
            <dt>{t.fieldEnterpriseCode}</dt>
            <dd class="details__code">{me.enterprise_code}</dd>
          </div>
        )}
        {me.agency_code !== undefined && (
          <div class="details__row">
            <dt>{t.fieldAgencyCode}</dt>
            <dd class="details__code">{me.agency_code}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
