import { getProviders, OIDC_START_URL } from "../api/auth";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";

// "Sign in with VNeID" when the server has an identity provider configured; nothing otherwise
// (also when the server is too old to say). A plain link: the sign-in is a full-page redirect.
export function ExternalSignIn() {
  const { t } = useI18n();
  const [providers] = useResource("providers", (signal) => getProviders(signal));
  if (providers.status !== "ready" || !providers.value.oidc) return null;
  return (
    <div class="external-sign-in">
      <a class="button button--secondary external-sign-in__button" href={OIDC_START_URL}>
        {t.signInWith(providers.value.name || "VNeID")}
      </a>
      <p class="divider">
        <span>{t.signInWithPassword}</span>
      </p>
    </div>
  );
}
