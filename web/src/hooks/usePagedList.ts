import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { isAbortError } from "../api/client";
import type { Page } from "../api/types";

export type FetchPage<T> = (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>;

export interface PagedList<T> {
  status: "idle" | "loading" | "ready" | "error";
  items: T[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore: () => void;
  reload: () => void;
}

interface State<T> {
  status: PagedList<T>["status"];
  items: T[];
  total: number;
  next: string | null;
  loadingMore: boolean;
  error: unknown;
}

const IDLE = { status: "idle", items: [], total: 0, next: null, loadingMore: false, error: null } as const;

// Cursor-paginated list that restarts whenever `key` changes (null = disabled).
// A stale response for an old key is aborted, never merged.
export function usePagedList<T>(key: string | null, fetchPage: FetchPage<T>): PagedList<T> {
  const [state, setState] = useState<State<T>>({ ...IDLE, items: [] });
  const [generation, setGeneration] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const controllerRef = useRef<AbortController | null>(null);

  useEffect(() => {
    controllerRef.current?.abort();
    if (key === null) {
      setState({ ...IDLE, items: [] });
      return;
    }
    const controller = new AbortController();
    controllerRef.current = controller;
    setState((s) => ({ ...s, status: "loading", error: null, loadingMore: false }));
    fetchRef.current(null, controller.signal).then(
      (page) =>
        setState({
          status: "ready",
          items: page.items,
          total: page.total,
          next: page.next,
          loadingMore: false,
          error: null,
        }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ ...IDLE, items: [], status: "error", error });
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
                items: [...cur.items, ...page.items],
                total: page.total,
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
    hasMore: state.next !== null,
    loadingMore: state.loadingMore,
    error: state.error,
    loadMore,
    reload,
  };
}
