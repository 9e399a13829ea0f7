import type { DossierEvent } from "../api/serviceTypes";
import { eventLabel, statusLabel, timelinessLabel } from "../dossiers/labels";
import { roleLabel } from "../identity/roleLabel";
import { useI18n } from "../i18n/I18nProvider";
import { DataTable } from "../components/DataTable";

// Phiếu kiểm soát quá trình giải quyết hồ sơ: every hand-over with who, when, the step's due
// time and whether it was met.
export function ControlSheet({ events, labelledBy }: { events: readonly DossierEvent[]; labelledBy: string }) {
  const { t } = useI18n();
  return (
    <DataTable
      labelledBy={labelledBy}
      testId="control-sheet"
      class="control-sheet"
      columns={[t.colStep, t.colAction, t.colActor, t.colTransition, t.colAt, t.colStepDue, t.colTimeliness, t.colComment]}
    >
      {events.map((e, index) => (
        <tr key={`${e.at}:${index}`} class={e.timeliness === "late" ? "data-table__row--overdue" : undefined}>
          <td lang="vi">{e.step}</td>
          <th scope="row">{eventLabel(t, e.action)}</th>
          <td>
            <span lang="vi">{e.actor ?? ""}</span>
            {e.role !== undefined && e.role !== "" && (
              <span class="details__note">
                {e.role === "applicant" ? t.actorApplicant : e.role === "payment_gateway" || e.role === "system" ? t.actorSystem : roleLabel(t, e.role)}
              </span>
            )}
          </td>
          <td>
            {e.from_status !== undefined && e.from_status !== "" ? statusLabel(t, e.from_status) : t.notGiven}
            <span aria-hidden="true"> → </span>
            <span class="visually-hidden"> {t.transitionTo} </span>
            {statusLabel(t, e.to_status)}
          </td>
          <td>
            <time dateTime={e.at}>{t.serviceTime(e.at)}</time>
          </td>
          <td>{e.step_due_at ? t.serviceTime(e.step_due_at) : t.notGiven}</td>
          <td>
            {e.timeliness ? (
              <span class={e.timeliness === "late" ? "tag tag--overdue" : "tag tag--ok"}>{timelinessLabel(t, e.timeliness)}</span>
            ) : (
              t.notGiven
            )}
          </td>
          <td lang="vi">{e.comment}</td>
        </tr>
      ))}
    </DataTable>
  );
}
