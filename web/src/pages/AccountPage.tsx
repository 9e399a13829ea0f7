import { useEffect } from "preact/hooks";
import { getMe } from "../api/auth";
import { ApiError } from "../api/client";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { Notice } from "../components/Notice";
import { PageHeading } from "../components/PageHeading";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { useSession } from "../session/SessionProvider";
import { useSessionExpiry } from "../session/useSessionExpiry";
import { isApplicant } from "../workspace/workspaceRoles";
import { ChangePasswordSection } from "./ChangePasswordSection";
import { DossierReadsSection } from "./DossierReadsSection";
import { ProfileSection } from "./ProfileSection";
import { RolesSection } from "./RolesSection";
import { SignOutButton } from "./SignOutButton";
import { TokensSection } from "./TokensSection";

export function AccountPage() {
  const { t } = useI18n();
  useDocumentTitle(t.accountHeading);
  const { signedIn } = useSession();
  const onSessionError = useSessionExpiry();
  const [me, reload] = useResource("me", (signal) => getMe(signal));
  const unauthenticated = me.status === "error" && me.error instanceof ApiError && me.error.isUnauthenticated;

  // /me also hands back the CSRF token, which is how a reloaded page can make changes again.
  useEffect(() => {
    if (me.status === "ready") signedIn(me.value.display_name, me.value.csrf_token, me.value.roles);
    else if (me.status === "error") onSessionError(me.error);
  }, [me, signedIn, onSessionError]);

  return (
    <div class="account-page">
      <div class="page-title page-title--with-action">
        <PageHeading>{t.accountHeading}</PageHeading>
        {me.status === "ready" && <SignOutButton />}
      </div>
      {(me.status === "loading" || unauthenticated) && <Loading />}
      {me.status === "error" && !unauthenticated && <LoadError onRetry={reload} />}
      {me.status === "ready" && me.value.password_change_required && (
        <>
          {/* Until the one-time password is replaced, the session can do nothing else. */}
          <Notice kind="error">{t.passwordChangeRequired}</Notice>
          <ChangePasswordSection onChanged={reload} onSessionError={onSessionError} />
        </>
      )}
      {me.status === "ready" && !me.value.password_change_required && (
        <>
          <ProfileSection me={me.value} />
          <RolesSection roles={me.value.roles} />
          {isApplicant(me.value.roles) && <DossierReadsSection />}
          <TokensSection />
          <ChangePasswordSection onChanged={() => undefined} onSessionError={onSessionError} />
        </>
      )}
    </div>
  );
}
