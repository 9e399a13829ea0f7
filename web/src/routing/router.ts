import { useEffect, useState } from "preact/hooks";
import { hrefFor, parseHash, type Route } from "./route";

type Listener = () => void;
const listeners = new Set<Listener>();

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener("hashchange", notify);
window.addEventListener("popstate", notify);

export function currentRoute(): Route {
  return parseHash(window.location.hash);
}

// `replace` is for state that should not add history entries (e.g. each search keystroke);
// replaceState does not fire hashchange, hence the manual notify.
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = hrefFor(route);
  if (options.replace === true) {
    if (window.location.hash !== href) {
      window.history.replaceState(window.history.state, "", href);
      notify();
    }
  } else if (window.location.hash !== href) {
    window.location.hash = href;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return route;
}
