// Whether this browser believes it holds a session. The cookie itself is HttpOnly, so without
// this hint every anonymous page view would have to ask GET /me and get a 401 back.
// Holds no personal data: only the fact "signed in".
const STORAGE_KEY = "sen.signedIn";

export function hasSignedInHint(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "1";
  } catch {
    return false;
  }
}

export function setSignedInHint(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(STORAGE_KEY, "1");
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Without storage the header shows "Sign in" after a reload; the account page still works.
  }
}
