import { useEffect, useState } from "preact/hooks";
import { listNotifications } from "../api/notifications";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, pageKey, type Route } from "../routing/route";
import { useSession } from "../session/SessionProvider";
import { onNotificationsChanged } from "./notificationEvents";

const POLL_MS = 60_000;

// The unread count, asked again on every page change, every minute, and after reading some.
// Only for signed-in readers; a failure leaves the last count (the bell is no place for errors).
export function NotificationBell({ route }: { route: Route }) {
  const { t, lang } = useI18n();
  const { state } = useSession();
  const [unread, setUnread] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);
  const signedIn = state.status === "signedIn";
  const page = pageKey(route);

  useEffect(() => onNotificationsChanged(() => setGeneration((g) => g + 1)), []);
  useEffect(() => {
    if (!signedIn) return;
    const timer = window.setInterval(() => setGeneration((g) => g + 1), POLL_MS);
    return () => window.clearInterval(timer);
  }, [signedIn]);
  useEffect(() => {
    if (!signedIn) {
      setUnread(null);
      return;
    }
    const controller = new AbortController();
    listNotifications(lang, null, controller.signal).then(
      (answer) => setUnread(answer.unread),
      () => undefined,
    );
    return () => controller.abort();
  }, [signedIn, page, generation, lang]);

  if (!signedIn) return null;
  const count = unread ?? 0;
  return (
    <a
      class={count > 0 ? "bell bell--unread" : "bell"}
      href={hrefFor({ name: "notifications" })}
      aria-current={route.name === "notifications" ? "page" : undefined}
      data-testid="bell"
    >
      <svg class="bell__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
      </svg>
      <span class="bell__label">{t.notificationsLink}</span>
      {count > 0 && (
        <span class="bell__count" data-testid="bell-count">
          <span aria-hidden="true">{count}</span>
          <span class="visually-hidden">{t.unreadCount(count)}</span>
        </span>
      )}
    </a>
  );
}
