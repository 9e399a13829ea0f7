import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { Loading } from "../components/Loading";
import { returnPath, type Route } from "../routing/route";
import { navigate } from "../routing/router";
import { useSession } from "./SessionProvider";

// Pages about the reader's own data: shown once the session is known (a reload restores the CSRF
// token first). Visitors, and readers whose session has just ended, go to sign-in and come back
// here afterwards.
export function RequireSignIn({ route, children }: { route: Route; children: ComponentChildren }) {
  const { state } = useSession();
  const next = returnPath(route);
  useEffect(() => {
    if (state.status === "signedOut") navigate({ name: "signIn", notice: null, next }, { replace: true });
  }, [state.status, next]);
  return state.status === "signedIn" ? <>{children}</> : <Loading />;
}
