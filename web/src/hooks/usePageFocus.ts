import { useEffect, useRef } from "preact/hooks";
import { pageKey, type Route } from "../routing/route";

export const PAGE_HEADING_ID = "page-heading";

// On client-side page changes, move focus to the new page's heading (as a full page load
// would reset focus) so keyboard and screen reader users land on the new content.
// The first render is left alone so the skip link stays the first Tab stop.
export function usePageFocus(route: Route): void {
  const key = pageKey(route);
  const previous = useRef(key);
  useEffect(() => {
    if (previous.current === key) return;
    previous.current = key;
    window.scrollTo(0, 0);
    document.getElementById(PAGE_HEADING_ID)?.focus();
  }, [key]);
}
