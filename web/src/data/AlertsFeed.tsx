import { useState } from "preact/hooks";
import { useAnnounce } from "../a11y/Announcer";
import { ApiError, apiUrl, getJson } from "../api/client";
import type { Page } from "../api/types";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { useResource } from "../hooks/useResource";
import { vietnamTime } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";
import { useSession } from "../session/SessionProvider";
import { changeAlert, type Alert, type Indicator } from "./dataApi";
import { useTick } from "./useTick";

// The alerts of a place and below, newest first, for its officials; analysts and administrators
// acknowledge and resolve them. Refreshed every few seconds: rules run as new data arrives.
export function AlertsFeed({ place, indicators }: { place: string; indicators: Indicator[] }) {
  const { t } = useI18n();
  const { state } = useSession();
  const tick = useTick(3000);
  const [more, setMore] = useState<Alert[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const signedIn = state.status === "signedIn";
  const [page, reload] = useResource(`alerts:${place}:${tick}:${signedIn}`, (signal) =>
    signedIn ? getJson<Page<Alert>>(apiUrl("/alerts", { place, limit: 20 }), signal) : Promise.resolve(null),
  );
  if (!signedIn) return <section class="data-section"><h2>{t.dataAlertsHeading}</h2><p>{t.dataAlertsSignIn}</p></section>;
  if (page.status === "loading") return <Loading />;
  if (page.status === "error") {
    // An official of another place: no alerts here for them.
    if (page.error instanceof ApiError && page.error.status === 403) return null;
    return <LoadError />;
  }
  if (page.value === null) return null;
  const items = [...page.value.items, ...more];
  const cursor = next === undefined ? page.value.next : next;
  const loadMore = async () => {
    if (cursor === null) return;
    const p = await getJson<Page<Alert>>(apiUrl("/alerts", { place, limit: 20, cursor }));
    setMore([...more, ...p.items]);
    setNext(p.next);
  };
  return (
    <section class="data-section" aria-labelledby="data-alerts-heading">
      <h2 id="data-alerts-heading">{t.dataAlertsHeading}</h2>
      {items.length === 0 ? (
        <p>{t.dataAlertsNone}</p>
      ) : (
        <ul class="data-alerts" data-testid="alerts-feed">
          {items.map((a) => (
            <AlertItem key={a.id} alert={a} indicators={indicators} onChanged={reload} />
          ))}
        </ul>
      )}
      {cursor !== null && items.length > 0 && (
        <button type="button" class="button button--secondary" onClick={() => void loadMore()}>{t.loadMore}</button>
      )}
    </section>
  );
}

function AlertItem({ alert, indicators, onChanged }: { alert: Alert; indicators: Indicator[]; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const [comment, setComment] = useState("");
  const [error, setError] = useState("");
  const unit = indicators.find((i) => i.id === alert.indicator)?.unit ?? "count";
  const act = async (action: "ack" | "resolve") => {
    if (action === "resolve" && comment.trim() === "") {
      setError(t.dataResolveNeedsComment);
      return;
    }
    try {
      await changeAlert(alert.id, action, comment.trim());
      setError("");
      announce(t.dataAlertChanged);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const name = alert.name === null ? alert.rule : lang === "en" ? alert.name.en : alert.name.vi;
  return (
    <li class={`data-alert data-alert--${alert.severity}`} data-place={alert.place} data-rule={alert.rule} data-state={alert.state}>
      <p class="data-alert__title">
        <strong>{t.dataSeverity(alert.severity)}</strong> · {name} · {t.dataAlertState(alert.state)}
      </p>
      <p>
        {t.dataAlertLine(alert.place_name, t.period(alert.period), t.dataValue(alert.value, unit), t.dataValue(alert.expected, unit))}
      </p>
      <p class="hint">
        {t.dataRaisedAt} {vietnamTime(lang, alert.raised_at)}
        {alert.comment !== "" && ` · ${alert.comment}`}
      </p>
      {alert.state !== "resolved" && (
        <div class="data-alert__actions">
          <label>
            {t.dataCommentLabel}
            <input type="text" value={comment} maxLength={2000} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
          {error !== "" && <p class="field-error" role="alert">{error}</p>}
          <p class="button-row">
            {alert.state === "open" && <button type="button" class="button button--secondary" onClick={() => void act("ack")}>{t.dataAck}</button>}
            <button type="button" class="button" onClick={() => void act("resolve")}>{t.dataResolve}</button>
          </p>
        </div>
      )}
    </li>
  );
}
