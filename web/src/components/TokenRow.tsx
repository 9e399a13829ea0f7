import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiToken } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";

interface Props {
  token: ApiToken;
  // Rejects when the token could not be revoked; the row then offers to try again.
  onRevoke: (token: ApiToken) => Promise<void>;
}

// One API token; revoking asks for confirmation in place, starting on "Cancel" so a double
// Enter cannot revoke by accident.
export function TokenRow({ token, onRevoke }: Props) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const revokeRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const questionId = `revoke-question-${token.id}`;

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) revokeRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try {
      await onRevoke(token);
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <li class="token-row" data-testid="token-row">
      <div class="token-row__info">
        <span class="token-row__name">{token.name}</span>
        <span class="token-row__meta">
          {t.tokenCreatedAt(t.dateTime(token.created_at))}
          <span aria-hidden="true"> · </span>
          {t.tokenExpiresAt(t.dateTime(token.expires_at))}
        </span>
      </div>
      {confirming ? (
        <div class="token-row__confirm" role="group" aria-labelledby={questionId}>
          <p id={questionId}>{t.revokeQuestion(token.name)}</p>
          <div class="button-row">
            <button type="button" class="button" aria-disabled={busy} onClick={() => void confirm()}>
              {busy ? t.revoking : t.revokeConfirm}
            </button>
            <button
              ref={cancelRef}
              type="button"
              class="button button--secondary"
              onClick={() => {
                setFailed(false);
                setConfirming(false);
              }}
            >
              {t.cancel}
            </button>
          </div>
          {failed && (
            <p class="field__error" role="alert">
              {t.errorRequestFailed}
            </p>
          )}
        </div>
      ) : (
        <button ref={revokeRef} type="button" class="button button--secondary" onClick={() => setConfirming(true)}>
          {t.revoke}
          <span class="visually-hidden"> {t.revokeWhich(token.name)}</span>
        </button>
      )}
    </li>
  );
}
