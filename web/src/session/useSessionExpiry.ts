import { useCallback } from "preact/hooks";
import { ApiError } from "../api/client";
import { navigate } from "../routing/router";
import { useSession } from "./SessionProvider";

// Returns a handler for request failures on signed-in pages: a 401 means the session ended
// (expired, signed out elsewhere, revoked), so forget it and go to sign-in. True when handled.
export function useSessionExpiry(): (error: unknown) => boolean {
  const { signedOut } = useSession();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError) || !error.isUnauthenticated) return false;
      signedOut();
      navigate({ name: "signIn", notice: null }, { replace: true });
      return true;
    },
    [signedOut],
  );
}
