// Journey: switch the UI language to English and back; the choice persists across reloads.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { skipReason } from "./support/paths.mjs";
import { openSession } from "./support/session.mjs";
import { useServerAndBrowser } from "./support/suite.mjs";
import { eventually } from "./support/wait.mjs";

const TIMEOUT = { timeout: 90_000 };

describe("language switch", { skip: skipReason() ?? false }, () => {
  const env = useServerAndBrowser();

  test("English changes the UI text and <html lang>, and persists", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.goto("/#/places");
    await page.locator(".card-grid > li").first().waitFor();
    const banner = page.getByRole("banner");
    assert.match(await banner.innerText(), /Nền tảng chính quyền số/);
    assert.equal(await page.getByRole("button", { name: "Tiếng Việt" }).getAttribute("aria-pressed"), "true");

    await page.getByRole("button", { name: "English" }).click();
    await eventually(async () => assert.equal(await page.locator("html").getAttribute("lang"), "en"));
    assert.equal(await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed"), "true");
    assert.match(await banner.innerText(), /Digital government platform/);
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Administrative units" }).waitFor();
    await page.getByRole("heading", { level: 1, name: "Administrative units" }).waitFor();
    await page.getByLabel("Search communes, wards, provinces and cities").waitFor();
    assert.match(await page.getByRole("link", { name: /Thành phố Hà Nội/ }).innerText(), /Centrally-run city/);
    // Place names stay Vietnamese and are marked so for screen readers.
    assert.equal(await page.locator(".place-card__name").first().getAttribute("lang"), "vi");
    await s.screenshot("home-en", { fullPage: true });

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Administrative units" }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "en");

    await page.goto("/#/places/01");
    await page.getByRole("heading", { level: 2, name: "Communes, wards and special zones" }).waitFor();
    await eventually(async () => assert.match(await page.getByTestId("communes-count").innerText(), /^Showing 50 of 126/));
    await page.getByRole("button", { name: "Load more" }).waitFor();
    await s.screenshot("province-01-en");

    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await eventually(async () => assert.equal(await page.locator("html").getAttribute("lang"), "vi"));
    await page.getByRole("heading", { level: 2, name: "Xã, phường, đặc khu" }).waitFor();
    await s.close();
  });
});
