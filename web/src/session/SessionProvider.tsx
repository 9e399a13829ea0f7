import { createContext, type ComponentChildren } from "preact";
import { useCallback, useContext, useEffect, useMemo, useState } from "preact/hooks";
import { getMe } from "../api/auth";
import { ApiError, isAbortError } from "../api/client";
import { setCsrfToken } from "../api/csrf";
import type { RoleGrant } from "../api/types";
import { hasSignedInHint, setSignedInHint } from "./signedInHint";

export type SessionState =
  | { status: "checking" }
  | { status: "signedOut" }
  // `roles` is null until /me has answered (a login response does not carry them).
  | { status: "signedIn"; displayName: string; roles: RoleGrant[] | null };

interface Session {
  state: SessionState;
  // `csrf` and `roles` are undefined when the caller has none to give (the current ones stay).
  signedIn: (displayName: string, csrf: string | undefined, roles?: RoleGrant[]) => void;
  signedOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

// Who is signed in, for the header and the identity pages.
export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [state, setState] = useState<SessionState>(() =>
    hasSignedInHint() ? { status: "checking" } : { status: "signedOut" },
  );

  const signedIn = useCallback((displayName: string, csrf: string | undefined, roles?: RoleGrant[]) => {
    if (csrf !== undefined) setCsrfToken(csrf);
    setSignedInHint(true);
    setState((s) => ({
      status: "signedIn",
      displayName,
      roles: roles ?? (s.status === "signedIn" ? s.roles : null),
    }));
  }, []);

  const signedOut = useCallback(() => {
    setCsrfToken(null);
    setSignedInHint(false);
    setState({ status: "signedOut" });
  }, []);

  // After a reload only the cookie survives: ask the server who we are (and for the CSRF token).
  useEffect(() => {
    if (!hasSignedInHint()) return;
    const controller = new AbortController();
    getMe(controller.signal).then(
      (me) => signedIn(me.display_name, me.csrf_token, me.roles),
      (error: unknown) => {
        if (isAbortError(error)) return;
        if (error instanceof ApiError && error.isUnauthenticated) signedOut();
        // Other failures (offline, server error) say nothing about the session; keep the hint.
        else setState({ status: "signedOut" });
      },
    );
    return () => controller.abort();
  }, [signedIn, signedOut]);

  // Right after a login the roles are unknown; the navigation needs them (administration link).
  const rolesUnknown = state.status === "signedIn" && state.roles === null;
  useEffect(() => {
    if (!rolesUnknown) return;
    const controller = new AbortController();
    getMe(controller.signal).then(
      (me) => signedIn(me.display_name, undefined, me.roles),
      () => undefined, // the pages that need /me report its failures themselves
    );
    return () => controller.abort();
  }, [rolesUnknown, signedIn]);

  const value = useMemo<Session>(() => ({ state, signedIn, signedOut }), [state, signedIn, signedOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (ctx === null) throw new Error("useSession must be used inside <SessionProvider>");
  return ctx;
}
