import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";

interface Props {
  // The heading that names the table (and its scrolling region).
  labelledBy: string;
  columns: readonly string[];
  testId?: string;
  class?: string;
  // The <tr> rows.
  children: ComponentChildren;
}

// A table with column headers. On narrow screens each row becomes a card whose cells carry their
// column's name (data-label, shown by CSS), so nothing scrolls sideways; the region stays focusable
// for the rare table still wider than the screen.
export function DataTable({ labelledBy, columns, testId, class: extra, children }: Props) {
  const body = useRef<HTMLTableSectionElement>(null);
  useLayoutEffect(() => {
    for (const row of Array.from(body.current?.rows ?? [])) {
      Array.from(row.cells).forEach((cell, i) => {
        const label = columns[i];
        if (label !== undefined && cell.dataset.label !== label) cell.dataset.label = label;
      });
    }
  });
  return (
    <div class="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table class={extra === undefined ? "data-table data-table--cards" : `data-table data-table--cards ${extra}`} aria-labelledby={labelledBy} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body}>{children}</tbody>
      </table>
    </div>
  );
}
