import { apiUrl, getJson, sendOnly } from "./client";
import type { AppNotification } from "./serviceTypes";

export function listNotifications(signal?: AbortSignal): Promise<{ items: AppNotification[]; unread: number }> {
  return getJson(apiUrl("/notifications"), signal);
}

export function markNotificationRead(id: string | number): Promise<void> {
  return sendOnly("POST", apiUrl(`/notifications/${encodeURIComponent(String(id))}/read`));
}
