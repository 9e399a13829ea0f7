import { useAnnounce } from "../a11y/Announcer";
import type { Dossier } from "../api/serviceTypes";
import { useI18n } from "../i18n/I18nProvider";
import { STATUS_HEADING_ID } from "./DossierSummary";
import { actionLabel } from "./labels";

// After an action: show the dossier as the server now has it, say what was done, and move focus
// to the status (the action's button may be gone).
export function useOnActed(replace: (dossier: Dossier) => void): (dossier: Dossier, action: string) => void {
  const { t } = useI18n();
  const announce = useAnnounce();
  return (next, action) => {
    replace(next);
    announce(t.actionDone(actionLabel(t, action)));
    document.getElementById(STATUS_HEADING_ID)?.focus();
  };
}
