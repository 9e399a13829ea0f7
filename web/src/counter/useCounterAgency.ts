import { getAgency } from "../api/admin";
import type { Agency } from "../api/types";
import { type Resource, useResource } from "../hooks/useResource";
import { useSession } from "../session/SessionProvider";

// The agency whose counter the officer works at: the first agency their receiving_officer role is
// granted at. The server decides again on every registration; this only fills in the place.
export function useCounterAgency(): Resource<Agency | null> | null {
  const { state } = useSession();
  const roles = state.status === "signedIn" ? state.roles : null;
  const grant = roles?.find((r) => r.role === "receiving_officer" && r.scope_kind === "agency");
  const code = grant?.scope ?? "";
  const [agency] = useResource(`counter-agency:${code}`, (signal) =>
    code === "" ? Promise.resolve(null) : getAgency(code, signal),
  );
  return roles === null ? null : agency;
}
