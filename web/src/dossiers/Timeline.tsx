import { useI18n } from "../i18n/I18nProvider";
import { eventLabel, statusLabel } from "./labels";

interface TimelineEvent {
  at: string;
  action: string;
  to_status: string;
  comment?: string;
}

// What happened to the dossier, oldest first, as the applicant (or anyone tracking it) sees it.
export function Timeline({ events, labelledBy }: { events: readonly TimelineEvent[]; labelledBy: string }) {
  const { t } = useI18n();
  return (
    <ol class="timeline" aria-labelledby={labelledBy} data-testid="timeline">
      {events.map((e, index) => (
        <li key={`${e.at}:${index}`} class="timeline__item">
          <time class="timeline__when" dateTime={e.at}>
            {t.serviceTime(e.at)}
          </time>
          <span class="timeline__what">{eventLabel(t, e.action)}</span>
          <span class="timeline__status">
            {t.statusNow} {statusLabel(t, e.to_status)}
          </span>
          {e.comment !== undefined && e.comment !== "" && (
            <blockquote class="timeline__comment" lang="vi">
              {e.comment}
            </blockquote>
          )}
        </li>
      ))}
    </ol>
  );
}
