import { getDossier } from "../api/dossiers";
import { getProcedure } from "../api/procedures";
import type { Dossier, Procedure } from "../api/serviceTypes";
import { useResource, type Resource } from "../hooks/useResource";
import { useSignedOutOnResource401 } from "../session/useSignedOutOn401";

// One dossier (a 401 ends the session); `replace` puts the answer of a change in place.
export function useDossier(code: string) {
  const [dossier, reload, replace] = useResource(`dossier:${code}`, (signal) => getDossier(code, signal));
  useSignedOutOnResource401(dossier);
  return { dossier, reload, replace };
}

const never = new Promise<never>(() => undefined);

// The procedure of a dossier, once the dossier is known (its form schema and components).
export function useDossierProcedure(dossier: Resource<Dossier>): [Resource<Procedure>, () => void] {
  const code = dossier.status === "ready" ? dossier.value.procedure.code : "";
  const [procedure, reload] = useResource(`procedure:${code}`, (signal) => (code === "" ? never : getProcedure(code, signal)));
  return [procedure, reload];
}
