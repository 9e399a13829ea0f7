import { useState } from "preact/hooks";
import { useAnnounce } from "../a11y/Announcer";
import type { Acted as ActedAnswer } from "../api/dossiers";
import type { Dossier } from "../api/serviceTypes";
import { useI18n } from "../i18n/I18nProvider";
import { STATUS_HEADING_ID } from "./DossierSummary";
import { actionLabel } from "./labels";

export interface Acted {
  onActed: (acted: ActedAnswer, action: string) => void;
  // The last action taken on this page, confirmed on screen until the next one.
  done: string | null;
  // Where a transfer sent the dossier when the reader can no longer see it.
  movedTo: { code: string; name: string } | null;
}

// After an action: show the dossier as the server now has it, say what was done (on screen and to
// screen readers), and move focus to the status (the action's button may be gone).
export function useOnActed(replace: (dossier: Dossier) => void): Acted {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [done, setDone] = useState<string | null>(null);
  const [movedTo, setMovedTo] = useState<Acted["movedTo"]>(null);
  return {
    done,
    movedTo,
    onActed: (next, action) => {
      setDone(action);
      announce(t.actionDone(actionLabel(t, action)));
      if ("visible" in next) {
        setMovedTo(next.agency);
        return;
      }
      replace(next);
      document.getElementById(STATUS_HEADING_ID)?.focus();
    },
  };
}
