import { useState } from "preact/hooks";
import { useAnnounce } from "../a11y/Announcer";
import { logout } from "../api/auth";
import { ApiError } from "../api/client";
import { useI18n } from "../i18n/I18nProvider";
import { navigate } from "../routing/router";
import { useSession } from "../session/SessionProvider";

export function SignOutButton() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { signedOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const onClick = async () => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try {
      await logout();
    } catch (error) {
      // 401: the session had already ended, which is what signing out wants.
      if (!(error instanceof ApiError && error.isUnauthenticated)) {
        setFailed(true);
        setBusy(false);
        return;
      }
    }
    signedOut();
    announce(t.signedOut);
    navigate({ name: "home", q: "" });
  };

  return (
    <div class="sign-out">
      <button type="button" class="button button--secondary" aria-disabled={busy} onClick={() => void onClick()}>
        {busy ? t.signingOut : t.signOut}
      </button>
      {failed && (
        <p class="field__error" role="alert">
          {t.errorRequestFailed}
        </p>
      )}
    </div>
  );
}
