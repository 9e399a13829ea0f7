import type { RoleGrant } from "../api/types";
import { roleLabel, scopeLabel } from "../identity/roleLabel";
import { useI18n } from "../i18n/I18nProvider";

export function RolesSection({ roles }: { roles: RoleGrant[] }) {
  const { t } = useI18n();
  return (
    <section class="section" aria-labelledby="roles-heading">
      <h2 id="roles-heading">{t.rolesHeading}</h2>
      {roles.length === 0 ? (
        <p class="notice">{t.rolesNone}</p>
      ) : (
        <ul class="role-list" aria-labelledby="roles-heading" data-testid="roles">
          {roles.map((grant) => (
            <li key={`${grant.role}:${grant.scope_kind}:${grant.scope}`} class="role-list__item">
              <span class="role-list__name">{roleLabel(t, grant.role)}</span>
              <span class="role-list__scope">
                {t.scopeLabel}: {scopeLabel(t, grant)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
