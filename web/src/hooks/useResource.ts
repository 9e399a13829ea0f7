import { useEffect, useRef, useState } from "preact/hooks";
import { isAbortError } from "../api/client";

export type Resource<T> =
  | { status: "loading" }
  | { status: "ready"; value: T }
  | { status: "error"; error: unknown };

// Loads one value per `key`; aborts the previous request when the key changes. The third element
// puts a newer value in place (e.g. the answer of a change) without a loading state in between.
export function useResource<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
): [Resource<T>, () => void, (value: T) => void] {
  const [resource, setResource] = useState<Resource<T>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setResource({ status: "loading" });
    loadRef.current(controller.signal).then(
      (value) => setResource({ status: "ready", value }),
      (error: unknown) => {
        if (!isAbortError(error)) setResource({ status: "error", error });
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  return [resource, () => setGeneration((g) => g + 1), (value) => setResource({ status: "ready", value })];
}
