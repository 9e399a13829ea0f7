// Signing in through a real OpenID provider (oidc-provider from npm, started on loopback): the
// citizen is redirected there, logs in, comes back through the code flow with PKCE and lands on the
// account page, signed in to the account matching the identification number the provider vouched for.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { demoTokens } from "../support/demo_tokens.mjs";
import { startOidcProvider } from "../support/oidc_provider.mjs";
import { freePort, startSen } from "../support/sen_server.mjs";
import { launchBrowser } from "./support/browser.mjs";
import { skipReason } from "./support/paths.mjs";
import { openSession } from "./support/session.mjs";

const TIMEOUT = { timeout: 90_000 };

describe("external sign-in", { skip: skipReason() ?? false }, () => {
  let provider;
  let server;
  let browser;
  before(async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/api/v1/auth/oidc/callback`;
    provider = await startOidcProvider({ redirectUri });
    server = await startSen({
      listen: `127.0.0.1:${port}`,
      env: {
        SEN_OIDC_ISSUER: provider.issuer,
        SEN_OIDC_CLIENT_ID: provider.clientId,
        SEN_OIDC_CLIENT_SECRET: provider.clientSecret,
        SEN_OIDC_REDIRECT_URI: redirectUri,
      },
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await provider?.stop();
  });

  test("a citizen signs in through the provider and lands on the account page", TIMEOUT, async () => {
    const s = await openSession(browser, server.url);
    const { page } = s;
    // The provider's own development login page asks for a web font; the guard blocks it (nothing may
    // leave the machine) and the page works without it. Sen's pages stay under the full guard.
    s.allowConsole(/fonts\.googleapis\.com/);
    const providers = await (await fetch(`${server.url}/api/v1/auth/providers`)).json();
    assert.equal(providers.oidc, true);
    await page.goto("/api/v1/auth/oidc/start");
    assert.ok(page.url().startsWith(provider.issuer), `at the provider: ${page.url()}`);
    await page.fill("input[name=login]", "citizen");
    await page.fill("input[name=password]", "any");
    await Promise.all([page.waitForURL(/#\/account/), page.click("button[type=submit]")]);
    await page.getByText("001******345").first().waitFor();
    const me = await page.evaluate(async () => (await fetch("/api/v1/me")).json());
    assert.equal(me.kind, "citizen");
    assert.equal(me.id_number, "001******345");
    assert.deepEqual(me.roles.map((r) => r.role), ["citizen"]);
    await s.screenshot("oidc-account");
    s.problems.external = s.problems.external.filter((u) => !u.startsWith("https://fonts.googleapis.com/"));
    await s.close();
  });

  test("a citizen served at the counter finds the dossier in their account on first sign-in", TIMEOUT, async () => {
    // The receiving officer registers a paper dossier for a citizen with no account yet.
    const accounts = JSON.parse(readFileSync(path.join(server.dataDir, "demo-accounts.json"), "utf8"));
    const officer = await demoTokens(() => server.url, () => accounts)("tiepnhan.badinh");
    const registered = await fetch(`${server.url}/api/v1/counter/dossiers`, {
      method: "POST",
      headers: { authorization: `Bearer ${officer}`, "content-type": "application/json" },
      body: JSON.stringify({
        procedure: "1.004873",
        place: "00004",
        channel: "direct",
        applicant: { id_number: "001088000123", name: "Trần Văn Bình" },
      }),
    });
    assert.equal(registered.status, 201, await registered.clone().text());
    const { code } = await registered.json();

    // Their first sign-in through the identity provider opens the account held for them.
    const s = await openSession(browser, server.url);
    const { page } = s;
    s.allowConsole(/fonts\.googleapis\.com/);
    await page.goto("/api/v1/auth/oidc/start");
    await page.fill("input[name=login]", "walkin");
    await page.fill("input[name=password]", "any");
    await Promise.all([page.waitForURL(/#\/account/), page.click("button[type=submit]")]);
    await page.getByText("001******123").first().waitFor();
    await page.goto("/#/dossiers");
    await page.getByRole("link", { name: new RegExp(code) }).waitFor();
    s.problems.external = s.problems.external.filter((u) => !u.startsWith("https://fonts.googleapis.com/"));
    await s.close();
  });

  test("a forged callback does not sign anyone in", TIMEOUT, async () => {
    const res = await fetch(`${server.url}/api/v1/auth/oidc/callback?code=forged&state=forged`, { redirect: "manual" });
    assert.equal(res.status, 302);
    assert.match(res.headers.get("location"), /sign-in\?error=external/);
    assert.doesNotMatch(res.headers.get("set-cookie") ?? "", /sen_session=[^;]/);
  });
});
