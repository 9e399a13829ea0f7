import type { ComponentChildren } from "preact";

// One term and its value in a <dl class="details">.
export function DetailRow({ label, children, testId }: { label: string; children: ComponentChildren; testId?: string }) {
  return (
    <div class="details__row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
