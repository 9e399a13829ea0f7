import { chromium } from "playwright-core";
import { CHROMIUM } from "./paths.mjs";

// Debian's chromium, never a downloaded browser. Playwright gives every launch a fresh
// temporary --user-data-dir (and deletes it on close), so no profile state leaks between runs.
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      "--disable-extensions",
    ],
  });
}
