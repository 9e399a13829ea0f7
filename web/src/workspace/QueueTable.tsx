import { memo } from "preact/compat";
import type { DossierListItem } from "../api/serviceTypes";
import { DueDate } from "../dossiers/DueDate";
import { stepLabel } from "../dossiers/labels";
import { StatusBadge } from "../dossiers/StatusBadge";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import { DataTable } from "../components/DataTable";

// The officer's queue, most urgent first (the server's order); overdue rows stand out.
export function QueueTable({ items, labelledBy }: { items: readonly DossierListItem[]; labelledBy: string }) {
  const { t } = useI18n();
  return (
    <DataTable
      labelledBy={labelledBy}
      testId="queue"
      class="queue-table"
      columns={[t.colCode, t.colProcedure, t.colApplicant, t.colStatus, t.colStep, t.colStepDue, t.colDueAt]}
    >
      {items.map((d) => (
        <QueueRow key={d.code} d={d} />
      ))}
    </DataTable>
  );
}

// A row re-renders only when its dossier changes: "Xem thêm" on a long queue adds rows without
// redrawing those already shown.
const QueueRow = memo(function QueueRow({ d }: { d: DossierListItem }) {
  const { t } = useI18n();
  return (
    <tr class={d.overdue ? "data-table__row--overdue" : undefined} data-testid="queue-row" data-code={d.code}>
      <th scope="row">
        <a class="data-table__code" href={hrefFor({ name: "workspaceDossier", code: d.code })}>
          {d.code}
        </a>
      </th>
      <td lang="vi">{d.procedure.name}</td>
      <td lang="vi">{d.applicant.name}</td>
      <td>
        <StatusBadge status={d.status} />
      </td>
      <td>{d.step === null ? t.notGiven : typeof d.step === "string" ? stepLabel(t, d.step) : d.step.name}</td>
      <td>{d.step_due_at === null ? t.notGiven : t.serviceTime(d.step_due_at)}</td>
      <td>
        <DueDate at={d.due_at} overdue={d.overdue} />
      </td>
    </tr>
  );
});
