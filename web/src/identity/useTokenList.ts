import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { listTokens } from "../api/auth";
import { isAbortError } from "../api/client";
import type { ApiToken } from "../api/types";

export interface TokenList {
  status: "loading" | "ready" | "error";
  items: ApiToken[];
  // Refetches while the current items stay on screen (no loading flash that would drop focus).
  refresh: () => void;
  remove: (id: string) => void;
}

export function useTokenList(onError: (error: unknown) => void): TokenList {
  const [state, setState] = useState<{ status: TokenList["status"]; items: ApiToken[] }>({
    status: "loading",
    items: [],
  });
  const [generation, setGeneration] = useState(0);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  useEffect(() => {
    const controller = new AbortController();
    listTokens(controller.signal).then(
      (items) => setState({ status: "ready", items }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        onErrorRef.current(error);
        setState((s) => (s.status === "ready" ? s : { status: "error", items: [] }));
      },
    );
    return () => controller.abort();
  }, [generation]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  const remove = useCallback(
    (id: string) => setState((s) => ({ ...s, items: s.items.filter((item) => item.id !== id) })),
    [],
  );
  return { status: state.status, items: state.items, refresh, remove };
}
