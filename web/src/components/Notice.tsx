import type { ComponentChildren } from "preact";

// A message about the page as a whole, e.g. "your account has been created".
export function Notice({ kind, children }: { kind: "success" | "error"; children: ComponentChildren }) {
  return (
    <div class={`notice notice--${kind}`} data-testid="notice">
      <p>{children}</p>
    </div>
  );
}
