// Actions whose stated reason (the comment) the server requires (transfer too, although the
// contract does not mark it).
const REASON_REQUIRED: ReadonlySet<string> = new Set([
  "refuse",
  "send_back",
  "request_supplement",
  "reject",
  "transfer",
  "withdraw",
  "revoke_result",
]);

export const needsReason = (action: string): boolean => REASON_REQUIRED.has(action);
export const needsTargetAgency = (action: string): boolean => action === "transfer";

// Ends the dossier for good (or stops it): shown as a warning-coloured button.
const DESTRUCTIVE: ReadonlySet<string> = new Set(["refuse", "reject", "withdraw", "revoke_result"]);
export const isDestructive = (action: string): boolean => DESTRUCTIVE.has(action);

const AGENCY_CODE = /^[A-Z0-9-]{2,32}$/;
export const isAgencyCode = (code: string): boolean => AGENCY_CODE.test(code);
