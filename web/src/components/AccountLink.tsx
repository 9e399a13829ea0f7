import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, type Route } from "../routing/route";
import { useSession } from "../session/SessionProvider";

// "Sign in" for visitors, the person's name (to their account) once signed in; nothing while
// a remembered session is being checked, so the header does not flicker between the two.
export function AccountLink({ route }: { route: Route }) {
  const { t } = useI18n();
  const { state } = useSession();
  if (state.status === "checking") return null;
  if (state.status === "signedOut") {
    return (
      <a
        class="account-link"
        href={hrefFor({ name: "signIn", notice: null })}
        aria-current={route.name === "signIn" ? "page" : undefined}
      >
        {t.signInLink}
      </a>
    );
  }
  return (
    <a
      class="account-link"
      href={hrefFor({ name: "account" })}
      aria-current={route.name === "account" ? "page" : undefined}
      data-testid="account-link"
    >
      <span class="visually-hidden">{t.accountLinkPrefix} </span>
      <span lang="vi">{state.displayName}</span>
    </a>
  );
}
