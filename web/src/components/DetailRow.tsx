import type { ComponentChildren } from "preact";

interface Props {
  label: string;
  children: ComponentChildren;
  testId?: string;
  // A link beside the value, e.g. "Thay đổi" on a check-your-answers page.
  action?: ComponentChildren;
}

// One term and its value in a <dl class="details">.
export function DetailRow({ label, children, testId, action }: Props) {
  return (
    <div class={action === undefined ? "details__row" : "details__row details__row--action"} data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
      {action !== undefined && <dd class="details__action">{action}</dd>}
    </div>
  );
}
