import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { isAbortError } from "../api/client";
import type { DossierPage, Page } from "../api/types";

// A page of a list; dossier lists also carry counts per status, and may not know their total.
type AnyPage = Page<unknown> | DossierPage<unknown>;
type ItemOf<P extends AnyPage> = P["items"][number];
type TotalOf<P extends AnyPage> = P["total"];

export type FetchPage<P extends AnyPage> = (cursor: string | null, signal: AbortSignal) => Promise<P>;

export interface PagedList<T, N = number> {
  status: "idle" | "loading" | "ready" | "error";
  items: T[];
  total: N;
  counts: Record<string, number>;
  hasMore: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore: () => void;
  reload: () => void;
}

interface State<T, N> {
  status: PagedList<T, N>["status"];
  items: T[];
  total: N;
  counts: Record<string, number>;
  next: string | null;
  loadingMore: boolean;
  error: unknown;
}

const IDLE = { status: "idle", items: [], total: 0, counts: {}, next: null, loadingMore: false, error: null } as const;

// Cursor-paginated list that restarts whenever `key` changes (null = disabled).
// A stale response for an old key is aborted, never merged.
export function usePagedList<P extends AnyPage>(
  key: string | null,
  fetchPage: FetchPage<P>,
): PagedList<ItemOf<P>, TotalOf<P>> {
  type T = ItemOf<P>;
  type N = TotalOf<P>;
  const idle = (): State<T, N> => ({ ...IDLE, items: [], counts: {}, total: 0 as unknown as N });
  const [state, setState] = useState<State<T, N>>(idle);
  const [generation, setGeneration] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const controllerRef = useRef<AbortController | null>(null);

  useEffect(() => {
    controllerRef.current?.abort();
    if (key === null) {
      setState(idle());
      return;
    }
    const controller = new AbortController();
    controllerRef.current = controller;
    setState((s) => ({ ...s, status: "loading", error: null, loadingMore: false }));
    fetchRef.current(null, controller.signal).then(
      (page) =>
        setState({
          status: "ready",
          items: page.items as T[],
          total: page.total as N,
          counts: "counts" in page ? page.counts : {},
          next: page.next,
          loadingMore: false,
          error: null,
        }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ ...idle(), status: "error", error });
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  // Read the latest state without making loadMore depend on it (keeps it stable).
  const stateRef = useRef(state);
  stateRef.current = state;

  const loadMore = useCallback(() => {
    const s = stateRef.current;
    const controller = controllerRef.current;
    if (s.status !== "ready" || s.next === null || s.loadingMore || controller === null) return;
    const cursor = s.next;
    const pending = { ...s, loadingMore: true, error: null };
    stateRef.current = pending; // guards against a second click before the re-render
    setState(pending);
    fetchRef.current(cursor, controller.signal).then(
      (page) =>
        setState((cur) =>
          cur.next !== cursor
            ? cur
            : {
                ...cur,
                items: [...cur.items, ...(page.items as T[])],
                total: page.total as N,
                next: page.next,
                loadingMore: false,
              },
        ),
      (error: unknown) => {
        if (!isAbortError(error)) setState((cur) => ({ ...cur, loadingMore: false, error }));
      },
    );
  }, []);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return {
    status: state.status,
    items: state.items,
    total: state.total,
    counts: state.counts,
    hasMore: state.next !== null,
    loadingMore: state.loadingMore,
    error: state.error,
    loadMore,
    reload,
  };
}
