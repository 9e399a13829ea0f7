import { useEffect, useState } from "preact/hooks";

// A number that grows every `ms`: put in a resource's key, the figures refresh as the data brain counts.
export function useTick(ms: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = window.setInterval(() => setTick((t) => t + 1), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return tick;
}
