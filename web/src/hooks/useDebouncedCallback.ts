import { useEffect, useMemo, useRef } from "preact/hooks";

// Returns a stable function that runs `fn` once input has been quiet for `delayMs`.
export function useDebouncedCallback<A extends unknown[]>(
  fn: (...args: A) => void,
  delayMs: number,
): { run: (...args: A) => void; cancel: () => void } {
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const timer = useRef<number | undefined>(undefined);

  const api = useMemo(
    () => ({
      run: (...args: A) => {
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => fnRef.current(...args), delayMs);
      },
      cancel: () => window.clearTimeout(timer.current),
    }),
    [delayMs],
  );

  useEffect(() => api.cancel, [api]);
  return api;
}
