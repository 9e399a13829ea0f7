import { useI18n } from "../i18n/I18nProvider";
import { statusLabel } from "./labels";

function tone(status: string): string {
  switch (status) {
    case "awaiting_payment":
    case "awaiting_supplement":
      return "waiting";
    case "submitted":
    case "received":
    case "processing":
      return "active";
    case "result_ready":
    case "returned":
      return "done";
    case "refused":
    case "withdrawn":
    case "rejected":
      return "stopped";
    default:
      return "draft";
  }
}

// A dossier's status in words ("Đã tiếp nhận"); the national status code is for data exchange, not people.
export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span class={`status-badge status-badge--${tone(status)}`} data-testid="status" data-status={status}>
      {statusLabel(t, status)}
    </span>
  );
}
