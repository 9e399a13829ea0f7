// Journeys: search provinces and communes by name, with or without Vietnamese diacritics.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { skipReason } from "./support/paths.mjs";
import { openSession } from "./support/session.mjs";
import { useServerAndBrowser } from "./support/suite.mjs";
import { eventually } from "./support/wait.mjs";

const TIMEOUT = { timeout: 90_000 };

describe("search", { skip: skipReason() ?? false }, () => {
  const env = useServerAndBrowser();

  test("'da nang' without diacritics finds Thành phố Đà Nẵng", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.goto("/#/places");
    await page.locator(".card-grid > li").first().waitFor();
    await page.getByLabel("Tìm xã, phường, tỉnh, thành phố").fill("da nang");
    // first(): a commune result would also link its parent province by the same name.
    const result = page.getByRole("link", { name: "Thành phố Đà Nẵng", exact: true }).first();
    await result.waitFor();
    await eventually(async () => assert.match(page.url(), /#\/places\?q=da\+nang$/));
    await eventually(async () => assert.match(await page.getByTestId("search-count").innerText(), /^Tìm thấy \d+ kết quả$/));
    await eventually(async () => assert.match(await page.getByTestId("announcer").innerText(), /Tìm thấy \d+ kết quả/));
    // A province result has no "Thuộc …" line (the server gives provinces the parent "VN").
    const provinceRow = page.locator(".place-list > li", { hasText: "Thành phố Đà Nẵng" }).first();
    assert.doesNotMatch(await provinceRow.innerText(), /Thuộc|Việt Nam/);
    await s.screenshot("search-da-nang");

    await result.click();
    await page.getByRole("heading", { level: 1, name: "Thành phố Đà Nẵng" }).waitFor();
    assert.match(page.url(), /#\/places\/48$/);
    // Back returns to the same search, still filled in.
    await page.goBack();
    await result.waitFor();
    assert.equal(await page.getByLabel("Tìm xã, phường, tỉnh, thành phố").inputValue(), "da nang");
    await s.close();
  });

  test("search finds communes with their province, and submitting works", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.goto("/#/places");
    const box = page.getByLabel("Tìm xã, phường, tỉnh, thành phố");
    await box.fill("Ba Đình");
    await box.press("Enter");
    const row = page.locator(".place-list > li", { hasText: "Phường Ba Đình" });
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Phường/);
    assert.match(text, /00004/);
    assert.match(text, /Thành phố Hà Nội/);
    await s.close();
  });

  test("a search without matches says so", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.goto("/#/places?q=zzzxqj");
    await eventually(async () => assert.equal(await page.getByTestId("search-count").innerText(), "Không tìm thấy kết quả nào"));
    await page.getByText("Không có địa bàn nào khớp").waitFor();
    // Clearing the box brings the province list back.
    await page.getByLabel("Tìm xã, phường, tỉnh, thành phố").fill("");
    await eventually(async () => assert.equal(await page.locator(".card-grid > li").count(), 34));
    await s.close();
  });
});
