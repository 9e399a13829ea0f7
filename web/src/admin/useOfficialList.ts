import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { listOfficials } from "../api/admin";
import { isAbortError } from "../api/client";
import type { Official, RoleGrant } from "../api/types";

export interface OfficialList {
  status: "loading" | "ready" | "error";
  items: Official[];
  total: number;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  reload: () => void;
  // Local edits after a successful request, so the list (and focus in it) stays in place.
  added: (official: Official) => void;
  granted: (accountId: string, grant: RoleGrant) => void;
  revoked: (accountId: string, grantId: string) => void;
  locked: (accountId: string, locked: boolean) => void;
}

interface State {
  status: OfficialList["status"];
  items: Official[];
  total: number;
  next: string | null;
  error: unknown;
  loadingMore: boolean;
}

export function useOfficialList(agency: string, onError: (error: unknown) => void): OfficialList {
  const [state, setState] = useState<State>({ status: "loading", items: [], total: 0, next: null, error: null, loadingMore: false });
  const [generation, setGeneration] = useState(0);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  const controllerRef = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    controllerRef.current = controller;
    setState((s) => ({ ...s, status: "loading", error: null }));
    listOfficials(agency, null, controller.signal).then(
      (page) => setState({ status: "ready", items: page.items, total: page.total, next: page.next, error: null, loadingMore: false }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        onErrorRef.current(error);
        setState({ status: "error", items: [], total: 0, next: null, error, loadingMore: false });
      },
    );
    return () => controller.abort();
  }, [agency, generation]);

  const stateRef = useRef(state);
  stateRef.current = state;
  const loadMore = useCallback(() => {
    const s = stateRef.current;
    const controller = controllerRef.current;
    if (s.status !== "ready" || s.next === null || s.loadingMore || controller === null) return;
    const cursor = s.next;
    stateRef.current = { ...s, loadingMore: true };
    setState(stateRef.current);
    listOfficials(agency, cursor, controller.signal).then(
      (page) =>
        setState((cur) => ({
          ...cur,
          // An official added locally meanwhile may come again in a later page.
          items: [...cur.items, ...page.items.filter((o) => !cur.items.some((x) => x.id === o.id))],
          total: page.total,
          next: page.next,
          loadingMore: false,
        })),
      (error: unknown) => {
        if (!isAbortError(error)) setState((cur) => ({ ...cur, loadingMore: false }));
      },
    );
  }, [agency]);

  const mapOfficial = (id: string, f: (o: Official) => Official) =>
    setState((s) => ({ ...s, items: s.items.map((o) => (o.id === id ? f(o) : o)) }));

  return {
    status: state.status,
    items: state.items,
    total: state.total,
    error: state.error,
    hasMore: state.next !== null,
    loadingMore: state.loadingMore,
    loadMore,
    reload: useCallback(() => setGeneration((g) => g + 1), []),
    added: (official) => setState((s) => ({ ...s, items: [official, ...s.items], total: s.total + 1 })),
    granted: (accountId, grant) => mapOfficial(accountId, (o) => ({ ...o, roles: [...o.roles, grant] })),
    revoked: (accountId, grantId) =>
      mapOfficial(accountId, (o) => ({ ...o, roles: o.roles.filter((r) => r.id !== grantId) })),
    locked: (accountId, locked) => mapOfficial(accountId, (o) => ({ ...o, locked })),
  };
}
