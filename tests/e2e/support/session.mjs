import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { SHOT_DIR } from "./paths.mjs";

const LOCAL_HOSTS = new Set(["127.0.0.1"]);

// A fresh, isolated browser context plus the guards every journey must pass:
// no console errors, no uncaught exceptions, no CSP violations, no request off 127.0.0.1.
export async function openSession(browser, baseUrl, options = {}) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: "vi-VN",
    viewport: options.viewport ?? { width: 1280, height: 900 },
    reducedMotion: "reduce",
  });
  context.setDefaultTimeout(15_000);

  const problems = { console: [], pageErrors: [], csp: [], external: [] };
  const allowedConsole = [...(options.allowConsole ?? [])];

  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    // The browser's own PDF viewer (chrome-extension:, chrome:) shows papers previewed in a page.
    if (url.protocol !== "http:" && url.protocol !== "https:") return route.continue();
    if (LOCAL_HOSTS.has(url.hostname)) return route.continue();
    problems.external.push(url.href);
    return route.abort("blockedbyclient");
  });
  context.on("request", (request) => {
    const url = new URL(request.url());
    if ((url.protocol === "http:" || url.protocol === "https:") && !LOCAL_HOSTS.has(url.hostname)) {
      if (!problems.external.includes(url.href)) problems.external.push(url.href);
    }
  });

  // Chromium dispatches securitypolicyviolation for every blocked inline script/style/font.
  await context.exposeFunction("__senReportCsp", (report) => problems.csp.push(report));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = `${event.violatedDirective} blocked ${event.blockedURI || "(inline)"} at ${event.sourceFile}:${event.lineNumber}`;
      window.__senReportCsp?.(report);
    });
  });

  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() !== "error" && !/Content[- ]Security[- ]Policy/i.test(message.text())) return;
    // The URL tells which request failed ("Failed to load resource" does not say).
    const where = message.location()?.url;
    const text = `${message.type()}: ${message.text()}${where ? ` (${where})` : ""}`;
    if (!allowedConsole.some((pattern) => pattern.test(text))) problems.console.push(text);
  });
  // With the stack: a page error seen once on a loaded machine must say where it came from.
  page.on("pageerror", (error) => problems.pageErrors.push(String(error.stack ?? error)));

  return {
    context,
    page,
    problems,
    // For journeys that deliberately trigger an expected error (e.g. a 404 fetch).
    allowConsole(pattern) {
      allowedConsole.push(pattern);
    },
    async screenshot(name, shotOptions = {}) {
      await mkdir(SHOT_DIR, { recursive: true });
      const file = path.join(SHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: shotOptions.fullPage ?? false, animations: "disabled" });
      return file;
    },
    // Closes the context first so late events are counted, then asserts the guards.
    async close() {
      await context.close();
      assert.deepEqual(problems.console, [], "console errors");
      assert.deepEqual(problems.pageErrors, [], "uncaught page errors");
      assert.deepEqual(problems.csp, [], "CSP violations");
      assert.deepEqual(problems.external, [], "requests that left 127.0.0.1");
    },
  };
}
