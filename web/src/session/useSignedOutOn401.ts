import { useCallback, useEffect } from "preact/hooks";
import { ApiError } from "../api/client";
import { useSession } from "./SessionProvider";

// For pages inside <RequireSignIn>: a 401 means the session ended, so forget it; RequireSignIn
// then sends the reader to sign-in and back. True when the failure was handled.
export function useSignedOutOn401(): (error: unknown) => boolean {
  const { signedOut } = useSession();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError) || !error.isUnauthenticated) return false;
      signedOut();
      return true;
    },
    [signedOut],
  );
}

// The same for a loaded resource: a 401 while loading ends the session.
export function useSignedOutOnResource401(resource: { status: string; error?: unknown }): void {
  const onError = useSignedOutOn401();
  const error = resource.status === "error" ? resource.error : null;
  useEffect(() => {
    if (error !== null) onError(error);
  }, [error, onError]);
}
