import type { ComponentChildren } from "preact";
import { PAGE_HEADING_ID } from "../hooks/usePageFocus";

// The page's h1; focusable by script only (tabIndex -1) so route changes can move focus here.
export function PageHeading({ children, lang }: { children: ComponentChildren; lang?: string | undefined }) {
  return (
    <h1 id={PAGE_HEADING_ID} tabIndex={-1} lang={lang}>
      {children}
    </h1>
  );
}
