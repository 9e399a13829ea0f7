// The session's CSRF token, kept in memory only: the session cookie is HttpOnly, and this token
// must reach the server as a header that other sites cannot forge. Lost on reload, when it is
// restored from GET /me.
let token: string | null = null;

export function csrfToken(): string | null {
  return token;
}

export function setCsrfToken(next: string | null): void {
  token = next;
}
