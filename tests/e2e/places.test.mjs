// Journeys: browse provinces, open a province, page through its communes, deep links, back button.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { skipReason } from "./support/paths.mjs";
import { openSession } from "./support/session.mjs";
import { useServerAndBrowser } from "./support/suite.mjs";
import { eventually } from "./support/wait.mjs";

const TIMEOUT = { timeout: 90_000 };

describe("places", { skip: skipReason() ?? false }, () => {
  const env = useServerAndBrowser();

  test("server sends a strict CSP with the UI", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const response = await s.page.goto("/");
    assert.ok(response?.ok(), "index.html loads");
    const csp = response.headers()["content-security-policy"] ?? "";
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "font-src 'self'"]) {
      assert.ok(csp.includes(directive), `CSP has ${directive}: ${csp}`);
    }
    await s.close();
  });

  test("the directory lists the 34 provinces", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.goto("/#/places");
    const cards = page.locator(".card-grid > li");
    await eventually(async () => assert.equal(await cards.count(), 34));
    assert.equal(await page.locator("html").getAttribute("lang"), "vi");
    await page.getByRole("heading", { level: 1, name: "Địa bàn hành chính" }).waitFor();
    await page.getByRole("link", { name: /Thành phố Hà Nội/ }).waitFor();
    await page.getByRole("link", { name: /Thành phố Hồ Chí Minh/ }).waitFor();
    const hanoi = await page.getByRole("link", { name: /Thành phố Hà Nội/ }).innerText();
    assert.match(hanoi, /Thành phố trực thuộc trung ương/);
    assert.match(hanoi, /01/);
    const caoBang = await page.getByRole("link", { name: /Tỉnh Cao Bằng/ }).innerText();
    assert.match(caoBang, /Tỉnh/);
    await eventually(async () => {
      assert.match(await page.getByTestId("announcer").innerText(), /34 tỉnh, thành phố/);
    });
    for (const landmark of ["banner", "navigation", "main", "contentinfo"]) {
      assert.ok((await page.getByRole(landmark).count()) >= 1, `has ${landmark} landmark`);
    }
    assert.match(await page.getByRole("contentinfo").innerText(), /dvhcvn\/20250701[\s\S]*1027\/CTK-CSCL/);
    await s.screenshot("home-vi", { fullPage: true });
    await s.close();
  });

  test("clicking Hà Nội shows its communes, load more pages through them, back returns", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.goto("/#/places");
    await page.getByRole("link", { name: /Thành phố Hà Nội/ }).click();
    await eventually(async () => assert.match(page.url(), /#\/places\/01$/));
    await page.getByRole("heading", { level: 1, name: "Thành phố Hà Nội" }).waitFor();
    assert.equal(await page.title(), "Thành phố Hà Nội – Sen");

    const rows = page.locator(".place-list > li");
    const baDinh = rows.filter({ hasText: "Phường Ba Đình" });
    await baDinh.waitFor();
    assert.match(await baDinh.innerText(), /Phường[\s\S]*00004/);

    // Hà Nội has 126 communes: the first page is partial and "Xem thêm" follows the cursor.
    const count = page.getByTestId("communes-count");
    await eventually(async () => assert.match(await count.innerText(), /trên 126/));
    const firstPage = await rows.count();
    assert.ok(firstPage > 0 && firstPage < 126, `first page is partial (${firstPage})`);
    await s.screenshot("province-01");
    // Located by class, not name: while a page loads the button reads "Đang tải…".
    const more = page.locator("button.load-more");
    assert.equal(await more.innerText(), "Xem thêm");
    for (let i = 0; i < 10 && (await more.count()) > 0; i += 1) {
      const before = await rows.count();
      await more.click();
      await eventually(async () => assert.ok((await rows.count()) > before));
    }
    await eventually(async () => assert.equal(await rows.count(), 126));
    assert.equal(await more.count(), 0, "no load-more button once everything is shown");
    await eventually(async () => assert.equal(await count.innerText(), "126 xã, phường, đặc khu"));
    const codes = await rows.locator(".place-meta__code").allInnerTexts();
    assert.equal(new Set(codes).size, 126, "no commune repeated across pages");

    await page.goBack();
    await eventually(async () => assert.equal(await page.locator(".card-grid > li").count(), 34));
    await page.getByRole("heading", { level: 1, name: "Địa bàn hành chính" }).waitFor();
    await s.close();
  });

  test("a province page is linkable and can be filtered", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.goto("/#/places/79");
    await page.getByRole("heading", { level: 1, name: "Thành phố Hồ Chí Minh" }).waitFor();
    await page.locator(".place-list > li").first().waitFor();
    await page.getByLabel("Lọc theo tên xã, phường").fill("ben thanh");
    await page.locator(".place-list > li", { hasText: "Phường Bến Thành" }).waitFor();
    await eventually(async () => assert.match(page.url(), /#\/places\/79\?q=ben\+thanh$/));
    await s.screenshot("province-79-filter");
    await s.close();
  });

  test("an unknown province code shows a not-found message", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url, {
      // The browser itself logs the expected 404 of the API call.
      allowConsole: [/Failed to load resource: the server responded with a status of 404/],
    });
    const { page } = s;
    await page.goto("/#/places/99");
    await page.getByRole("heading", { level: 1, name: "Không tìm thấy trang" }).waitFor();
    await page.getByRole("alert").filter({ hasText: "99" }).waitFor();
    await s.close();
  });
});
