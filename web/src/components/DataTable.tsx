import type { ComponentChildren } from "preact";

interface Props {
  // The heading that names the table (and its scrolling region).
  labelledBy: string;
  columns: readonly string[];
  testId?: string;
  class?: string;
  // The <tr> rows.
  children: ComponentChildren;
}

// A table with column headers. On narrow screens it scrolls sideways inside a region that is
// focusable, so keyboard users can scroll it too.
export function DataTable({ labelledBy, columns, testId, class: extra, children }: Props) {
  return (
    <div class="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table class={extra === undefined ? "data-table" : `data-table ${extra}`} aria-labelledby={labelledBy} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
