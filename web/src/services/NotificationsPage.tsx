import { useState } from "preact/hooks";
import { useAnnounce } from "../a11y/Announcer";
import { listNotifications, markNotificationRead } from "../api/notifications";
import type { AppNotification } from "../api/serviceTypes";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { StatusBadge } from "../dossiers/StatusBadge";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, type Route } from "../routing/route";
import { useSession } from "../session/SessionProvider";
import { SignedInPage } from "../session/SignedInPage";
import { useSignedOutOn401, useSignedOutOnResource401 } from "../session/useSignedOutOn401";
import { hasWorkspace, isApplicant } from "../workspace/workspaceRoles";
import { notificationsChanged } from "./notificationEvents";

export function NotificationsPage({ route }: { route: Route }) {
  const { t } = useI18n();
  return (
    <SignedInPage route={route} title={t.notificationsHeading} class="notifications-page">
      <Notifications />
    </SignedInPage>
  );
}

function Notifications() {
  const { t, lang } = useI18n();
  const { state } = useSession();
  const roles = state.status === "signedIn" ? state.roles : null;
  // Officials open dossiers in their workspace; applicants on their own dossier page.
  const official = hasWorkspace(roles) && !isApplicant(roles);
  const announce = useAnnounce();
  const onSessionError = useSignedOutOn401();
  const [answer, reload, replace] = useResource(`notifications:${lang}`, (signal) => listNotifications(lang, null, signal));
  const [failed, setFailed] = useState<string | number | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreFailed, setMoreFailed] = useState(false);
  useSignedOutOnResource401(answer);

  if (answer.status === "loading") return <Loading />;
  if (answer.status === "error") return <LoadError onRetry={reload} />;
  const { items, unread, next } = answer.value;

  const loadMore = async () => {
    if (next === null || loadingMore) return;
    setLoadingMore(true);
    setMoreFailed(false);
    try {
      const more = await listNotifications(lang, next);
      replace({ items: [...items, ...more.items], unread: more.unread, next: more.next });
    } catch (error) {
      if (!onSessionError(error)) setMoreFailed(true);
    } finally {
      setLoadingMore(false);
    }
  };

  const markRead = async (n: AppNotification, quiet: boolean) => {
    setFailed(null);
    try {
      await markNotificationRead(n.id);
      replace({
        items: items.map((x) => (x.id === n.id ? { ...x, read: true } : x)),
        unread: Math.max(0, unread - 1),
        next,
      });
      notificationsChanged();
      if (!quiet) {
        announce(t.markedRead);
        // The button is gone; keep the reader on the notification it belonged to.
        document.getElementById(`notification-${n.id}`)?.focus();
      }
    } catch (error) {
      if (!onSessionError(error) && !quiet) setFailed(n.id);
    }
  };

  if (items.length === 0) return <p class="notice">{t.notificationsNone}</p>;
  return (
    <>
      <p class="section__count" id="notifications-count">
        {t.unreadCount(unread)}
      </p>
      <ul class="admin-list" aria-labelledby="notifications-count" data-testid="notifications">
        {items.map((n) => (
          <li
            key={n.id}
            id={`notification-${n.id}`}
            tabIndex={-1}
            class={n.read ? "notification" : "notification notification--unread"}
            data-testid="notification"
          >
            <p class="notification__message">
              {!n.read && <span class="tag tag--new">{t.unreadTag}</span>} {n.message}
            </p>
            <p class="notification__meta">
              <a
                href={
                  official
                    ? hrefFor({ name: "workspaceDossier", code: n.dossier })
                    : hrefFor({ name: "dossier", code: n.dossier, submitted: false })
                }
                onClick={() => {
                  if (!n.read) void markRead(n, true);
                }}
              >
                {t.dossierHeading(n.dossier)}
              </a>
              <span aria-hidden="true"> · </span>
              <StatusBadge status={n.status} />
              <span aria-hidden="true"> · </span>
              {t.serviceTime(n.created_at)}
            </p>
            {!n.read && (
              <button type="button" class="button button--secondary" onClick={() => void markRead(n, false)}>
                {t.markRead}
                <span class="visually-hidden"> {n.message}</span>
              </button>
            )}
            {failed === n.id && (
              <p class="field__error" role="alert">
                {t.errorRequestFailed}
              </p>
            )}
          </li>
        ))}
      </ul>
      {moreFailed && <LoadError onRetry={() => void loadMore()} />}
      {next !== null && <LoadMoreButton busy={loadingMore} onClick={() => void loadMore()} />}
    </>
  );
}
