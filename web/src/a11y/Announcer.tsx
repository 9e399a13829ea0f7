import { createContext, type ComponentChildren } from "preact";
import { useCallback, useContext, useEffect, useRef, useState } from "preact/hooks";

type Announce = (message: string) => void;

const AnnouncerContext = createContext<Announce>(() => undefined);

// One polite live region for the whole app: it exists from the first render, so screen
// readers are already watching it when result counts change.
export function AnnouncerProvider({ children }: { children: ComponentChildren }) {
  const [message, setMessage] = useState("");
  const timer = useRef<number | undefined>(undefined);

  const announce = useCallback<Announce>((next) => {
    // Clearing first makes a repeated identical message be read again.
    setMessage("");
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setMessage(next), 100);
  }, []);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return (
    <AnnouncerContext.Provider value={announce}>
      {children}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {message}
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}

// Announces `message` whenever it changes to a non-empty value.
export function useAnnounceOnChange(message: string | null): void {
  const announce = useAnnounce();
  useEffect(() => {
    if (message !== null && message !== "") announce(message);
  }, [message, announce]);
}
