// Journeys: keyboard-only use (skip link, search, focus on page change) and axe WCAG checks.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertAccessible } from "./support/a11y.mjs";
import { skipReason } from "./support/paths.mjs";
import { signIn } from "./support/services.mjs";
import { openSession } from "./support/session.mjs";
import { useServerAndBrowser } from "./support/suite.mjs";
import { eventually } from "./support/wait.mjs";

const TIMEOUT = { timeout: 120_000 };

const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      id: el?.id ?? "",
      tag: el?.tagName.toLowerCase() ?? "",
      text: el?.textContent?.trim() ?? "",
      outline: el === null ? "none" : getComputedStyle(el).outlineStyle,
    };
  });

describe("accessibility", { skip: skipReason() ?? false }, () => {
  const env = useServerAndBrowser();

  test("keyboard: skip link, search box and focus on page change", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.goto("/#/places");
    await page.locator(".card-grid > li").first().waitFor();

    await page.keyboard.press("Tab");
    const skip = await focused(page);
    assert.equal(skip.text, "Bỏ qua, đến nội dung chính");
    assert.notEqual(skip.outline, "none", "skip link shows a focus outline");
    assert.ok(await page.locator(".skip-link").isVisible(), "skip link is visible when focused");
    await s.screenshot("keyboard-skip-link");

    await page.keyboard.press("Enter");
    await eventually(async () => assert.equal((await focused(page)).id, "main"));
    await page.keyboard.press("Tab");
    const search = await focused(page);
    assert.equal(search.id, "place-search");
    assert.notEqual(search.outline, "none", "search box shows a focus outline");

    await page.keyboard.type("ha noi");
    await page.keyboard.press("Enter");
    const result = page.getByRole("link", { name: "Thành phố Hà Nội", exact: true }).first();
    await result.waitFor();
    await s.screenshot("keyboard-search");

    // Tab forward to the first result and open it with Enter.
    let reached = false;
    for (let i = 0; i < 10 && !reached; i += 1) {
      await page.keyboard.press("Tab");
      reached = (await focused(page)).text === "Thành phố Hà Nội";
    }
    assert.ok(reached, "the result link is reachable with Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Thành phố Hà Nội" }).waitFor();
    await eventually(async () => assert.equal((await focused(page)).id, "page-heading"));
    await s.close();
  });

  test("axe: no serious or critical WCAG 2 A/AA violations", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.goto("/#/places");
    await page.locator(".card-grid > li").first().waitFor();
    await assertAccessible(page, "home (vi)");

    await page.goto("/#/places?q=da%20nang");
    await page.getByTestId("search-count").waitFor();
    await assertAccessible(page, "search results");

    await page.goto("/#/places/01");
    await page.locator(".place-list > li").first().waitFor();
    await assertAccessible(page, "province 01");

    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 2, name: "Communes, wards and special zones" }).waitFor();
    await assertAccessible(page, "province 01 (en)");
    await s.close();
  });

  // Every page of the portal, as the person who uses it, once loaded: at 1280 px in Vietnamese and in
  // English, and at 390 px (with the menu open). Journeys elsewhere check the pages' other states
  // (errors, empty lists, each dossier status).
  test("axe: every page, for whoever uses it, wide in both languages and at 390 px", { timeout: 600_000 }, async () => {
    const pages = {
      "": ["/#/", "/#/places", "/#/contact", "/#/privacy", "/#/accessibility", "/#/procedures", "/#/procedures/1.001193",
        "/#/track", "/#/verify", "/#/dx", "/#/dx/solutions", "/#/data", "/#/data/quality", "/#/open-data",
        "/#/open-data/statistics", "/#/no-such-page", "/#/sign-in", "/#/sign-up"],
      "001099012345": ["/#/account", "/#/dossiers", "/#/notifications", "/#/dossiers/new/1.001193", "/#/dx/assessments"],
      "tiepnhan.badinh": ["/#/workspace", "/#/workspace/counter?q=khai%20sinh", "/#/workspace/counter/1.001193?place=00004"],
      "kiemtoan": ["/#/audit"],
      "quantri.badinh": ["/#/admin"],
    };
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      for (const [who, hashes] of Object.entries(pages)) {
        const s = await openSession(env.browser, env.url, { viewport });
        const { page } = s;
        // The not-found page's unknown route asks for nothing, but a signed-out account page gets a 401.
        s.allowConsole(/401 \(Unauthorized\)/);
        if (who !== "") await signIn(page, env.dataDir, who);
        // Narrow, the layout is the same in both languages: Vietnamese only.
        for (const lang of viewport.width === 390 ? ["Tiếng Việt"] : ["Tiếng Việt", "English"]) {
          for (const hash of hashes) {
            await page.goto(hash);
            await page.getByRole("button", { name: lang, exact: true }).click();
            await page.locator("h1").first().waitFor();
            await eventually(async () => assert.equal(await page.locator(".loading").count(), 0, `${hash} still loading`), { timeout: 15_000 });
            const label = `${hash} (${who || "public"}, ${lang}, ${viewport.width} px)`;
            if (viewport.width === 390) {
              const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
              assert.ok(overflow <= 0, `${label}: sideways scroll of ${overflow}px`);
            }
            await assertAccessible(page, label);
          }
          if (viewport.width === 390) {
            // Still open from the other language when the same page was opened again.
            const toggle = page.locator(".main-nav__toggle");
            if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
            assert.equal(await toggle.getAttribute("aria-expanded"), "true");
            await assertAccessible(page, `menu open (${who || "public"}, ${lang})`);
          }
        }
        await s.close();
      }
    }
  });

  test("small screen layout", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url, { viewport: { width: 390, height: 844 } });
    const { page } = s;
    await page.goto("/#/places");
    await page.locator(".card-grid > li").first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, "no horizontal scrolling at 390px");
    await s.screenshot("mobile-home");
    await page.goto("/#/places/48");
    await page.locator(".place-list > li").first().waitFor();
    await s.screenshot("mobile-province-48");
    await assertAccessible(page, "province 48 (mobile)");
    await s.close();
  });
});
