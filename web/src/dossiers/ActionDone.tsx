import { useI18n } from "../i18n/I18nProvider";
import { actionLabel, statusLabel } from "./labels";

// The visible confirmation of the action just taken, with where the dossier now stands.
export function ActionDone({ action, status }: { action: string | null; status: string }) {
  const { t } = useI18n();
  if (action === null) return null;
  return (
    <div class="notice notice--success action-done" data-testid="action-done">
      <p>
        <strong>{t.actionDone(actionLabel(t, action))}</strong> {t.actionDoneStatus} {statusLabel(t, status)}.
      </p>
    </div>
  );
}
