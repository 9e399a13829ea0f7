import { useState } from "preact/hooks";
import { useAnnounce } from "../a11y/Announcer";
import { revokeToken } from "../api/auth";
import type { ApiToken, NewApiToken } from "../api/types";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { NewTokenPanel } from "../components/NewTokenPanel";
import { TokenRow } from "../components/TokenRow";
import { useTokenList } from "../identity/useTokenList";
import { useI18n } from "../i18n/I18nProvider";
import { useSessionExpiry } from "../session/useSessionExpiry";
import { CreateTokenForm } from "./CreateTokenForm";

const HEADING_ID = "tokens-heading";

// Focus target when the focused element disappears (a revoked row, the dismissed secret).
const focusHeading = () => document.getElementById(HEADING_ID)?.focus();

export function TokensSection() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const onSessionError = useSessionExpiry();
  const list = useTokenList(onSessionError);
  const [created, setCreated] = useState<{ name: string; token: NewApiToken } | null>(null);

  const onCreated = (name: string, token: NewApiToken) => {
    setCreated({ name, token });
    list.refresh();
    announce(t.tokenCreated(name));
  };

  const onRevoke = async (token: ApiToken) => {
    try {
      await revokeToken(token.id);
    } catch (error) {
      if (onSessionError(error)) return;
      throw error;
    }
    list.remove(token.id);
    if (created?.token.id === token.id) setCreated(null);
    announce(t.tokenRevoked(token.name));
    focusHeading();
  };

  return (
    <section class="section" aria-labelledby={HEADING_ID}>
      <h2 id={HEADING_ID} tabIndex={-1}>
        {t.tokensHeading}
      </h2>
      <p class="section__intro">{t.tokensIntro}</p>
      {created !== null && (
        <NewTokenPanel
          key={created.token.id}
          name={created.name}
          token={created.token.token}
          onDone={() => {
            setCreated(null);
            focusHeading();
          }}
        />
      )}
      {list.status === "loading" && <Loading />}
      {list.status === "error" && <LoadError onRetry={list.refresh} />}
      {list.status === "ready" && list.items.length === 0 && <p class="notice">{t.tokensNone}</p>}
      {list.status === "ready" && list.items.length > 0 && (
        <ul class="token-list" aria-labelledby={HEADING_ID}>
          {list.items.map((token) => (
            <TokenRow key={token.id} token={token} onRevoke={onRevoke} />
          ))}
        </ul>
      )}
      <CreateTokenForm onCreated={onCreated} onSessionError={onSessionError} />
    </section>
  );
}
