// Tells the header's bell to count again after notifications were read elsewhere on the page.
type Listener = () => void;
const listeners = new Set<Listener>();

export function onNotificationsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notificationsChanged(): void {
  for (const listener of listeners) listener();
}
