import type { Language } from "../i18n/language";
import { apiUrl, getJson, sendOnly } from "./client";
import type { AppNotification } from "./serviceTypes";

export interface NotificationPage {
  items: AppNotification[];
  unread: number;
  next: string | null;
}

// Newest first, worded by the server in `lang`; `cursor` is the `next` of the previous page.
export function listNotifications(lang: Language, cursor: string | null, signal?: AbortSignal): Promise<NotificationPage> {
  return getJson(apiUrl("/notifications", { lang, cursor, limit: 20 }), signal);
}

export function markNotificationRead(id: string | number): Promise<void> {
  return sendOnly("POST", apiUrl(`/notifications/${encodeURIComponent(String(id))}/read`));
}
