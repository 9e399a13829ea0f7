// The portal as people meet it: the first page starts from the task (a forgiving procedure search,
// the most used procedures, tracking, sign-in), the footer's pages, the header folding into a menu
// at 390 px with no page scrolling sideways, GOV.UK's yellow focus state, officials landing on their
// queue, and no page showing a machine timestamp (RFC 3339) to a person.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertAccessible } from "./support/a11y.mjs";
import { skipReason } from "./support/paths.mjs";
import { submitDossier, signIn } from "./support/services.mjs";
import { openSession } from "./support/session.mjs";
import { useServerAndBrowser } from "./support/suite.mjs";
import { eventually } from "./support/wait.mjs";

const TIMEOUT = { timeout: 240_000 };
const RFC3339 = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const BIRTH_FORM = {
  child_full_name: "Nguyễn Minh Khang",
  birth_place: "Bệnh viện Phụ sản Hà Nội",
  ethnicity: "Kinh",
  nationality: "Việt Nam",
  hometown: "Xã Phù Đổng, Hà Nội",
  mother_full_name: "Trần Thị Mai",
  father_full_name: "Nguyễn Văn An",
};

const noSidewaysScroll = async (page, label) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${label}: sideways scroll of ${overflow}px`);
};
const noTimestamps = async (page, label) => {
  const text = await page.locator("body").innerText();
  assert.doesNotMatch(text, RFC3339, `${label} shows a machine timestamp`);
};

describe("portal", { skip: skipReason() ?? false }, () => {
  const env = useServerAndBrowser();

  test("the first page finds birth registration however it is typed", TIMEOUT, async () => {
    // The unknown code below is answered 404, which the browser logs.
    const s = await openSession(env.browser, env.url, { allowConsole: [/404 \(Not Found\) \(http:\/\/[^)]*\/api\/v1\/track\?/] });
    const { page } = s;
    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Bạn cần làm thủ tục gì?" }).waitFor();
    const box = page.getByLabel("Tìm thủ tục hành chính");
    const matches = page.getByTestId("home-matches").locator(".procedure-card__name");
    for (const q of ["giay khai sinh", "khai xinh", "khai sinh", "KHAI SINH"]) {
      await box.fill(q);
      await eventually(async () => assert.equal(await matches.first().innerText(), "Đăng ký khai sinh", q));
      await eventually(async () => assert.match(page.url(), new RegExp(`#/\\?q=${encodeURIComponent(q).replace(/%20/g, "\\+")}$`)));
    }
    await box.fill("khai xinh");
    await eventually(async () => assert.equal(await matches.count(), 2, "birth registration and its re-registration"));
    await s.screenshot("portal-home-search", { fullPage: true });
    await assertAccessible(page, "first page with a search");

    // Before any dossier has been received there is no "most used" to show, and it says so.
    await page.getByText("Chưa có hồ sơ nào được tiếp nhận.").waitFor();

    // Tracking from the first page: an unknown code gets the one answer that reveals nothing.
    await page.goto("/");
    await page.getByLabel("Mã hồ sơ").fill("ubnd-00004-000000-9999");
    await page.getByLabel("Số định danh cá nhân").fill("001099012345");
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await page.getByRole("alert").waitFor();
    await s.close();
  });

  test("a commune's page shows its agencies and the procedures handled there", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.goto("/#/places/01");
    await page.getByRole("link", { name: "Phường Ba Đình", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Phường Ba Đình" }).waitFor();
    assert.match(page.url(), /#\/places\/00004$/);
    const agencies = page.getByTestId("place-agencies");
    await agencies.getByRole("heading", { name: "Ủy ban nhân dân Phường Ba Đình" }).waitFor();
    await agencies.getByRole("heading", { name: "Công an Phường Ba Đình" }).waitFor();
    assert.match(await agencies.innerText(), /Giờ làm việc/);
    const procedures = page.getByTestId("place-procedures");
    await procedures.getByRole("link", { name: "Đăng ký khai sinh", exact: true }).waitFor();
    assert.equal(await procedures.getByText("Cấp hộ chiếu phổ thông", { exact: false }).count(), 0, "a province-level procedure is not handled in a commune");
    assert.equal(await page.getByTestId("communes-count").count(), 0, "a commune has no communes below it");
    await s.screenshot("portal-commune", { fullPage: true });
    await assertAccessible(page, "a commune's page");
    await s.close();
  });

  test("the footer's pages exist and read well", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.goto("/");
    const footer = page.getByRole("contentinfo");
    for (const [link, heading] of [
      ["Liên hệ", "Liên hệ"],
      ["Bảo vệ dữ liệu cá nhân", "Chính sách bảo vệ dữ liệu cá nhân"],
      ["Khả năng tiếp cận", "Tuyên bố về khả năng tiếp cận"],
    ]) {
      await footer.getByRole("link", { name: link }).click();
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      await assertAccessible(page, heading);
    }
    await s.close();
  });

  test("focus is GOV.UK's yellow on links, buttons and fields", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Bạn cần làm thủ tục gì?" }).waitFor();
    const seen = new Set();
    for (let i = 0; i < 30 && !(seen.has("a") && seen.has("button") && seen.has("input")); i++) {
      await page.keyboard.press("Tab");
      const style = await page.evaluate(() => {
        const el = document.activeElement;
        const cs = getComputedStyle(el);
        return { tag: el.tagName.toLowerCase(), background: cs.backgroundColor, outline: cs.outlineColor, shadow: cs.boxShadow };
      });
      seen.add(style.tag);
      const yellow = "rgb(255, 221, 0)";
      assert.ok(style.background === yellow || style.outline === yellow, `${style.tag}: ${JSON.stringify(style)}`);
    }
    assert.ok(seen.has("a") && seen.has("button") && seen.has("input"), [...seen].join());
    await s.close();
  });

  test("at 390 px the header folds into a menu and no page scrolls sideways", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url, { viewport: { width: 390, height: 844 } });
    const { page } = s;
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    const menu = nav.getByRole("button", { name: "Danh mục" });
    await menu.waitFor();
    assert.equal(await nav.getByRole("link", { name: "Thủ tục hành chính" }).isVisible(), false, "folded");
    await menu.click();
    assert.equal(await nav.getByRole("button", { name: "Đóng danh mục" }).getAttribute("aria-expanded"), "true");
    await s.screenshot("portal-menu-390");
    await nav.getByRole("link", { name: "Thủ tục hành chính" }).click();
    await page.getByRole("heading", { level: 1, name: "Thủ tục hành chính" }).waitFor();
    assert.equal(await nav.getByRole("link", { name: "Trang chủ" }).isVisible(), false, "folded again on a new page");

    for (const [path, label] of [
      ["/", "first page"],
      ["/#/?q=khai%20sinh", "first page with a search"],
      ["/#/procedures", "procedures"],
      ["/#/procedures/1.001193", "a procedure"],
      ["/#/places", "directory"],
      ["/#/places/01", "a province"],
      ["/#/track", "tracking"],
      ["/#/verify", "verification"],
      ["/#/contact", "contact"],
      ["/#/privacy", "privacy"],
      ["/#/accessibility", "accessibility"],
    ]) {
      await page.goto(path);
      await page.locator("h1").first().waitFor();
      await page.waitForLoadState("networkidle");
      await noSidewaysScroll(page, label);
      await noTimestamps(page, label);
    }
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    await s.screenshot("portal-home-390", { fullPage: true });
    await assertAccessible(page, "first page at 390 px");
    await s.close();
  });

  test("an official lands on the queue; no page a citizen or an official reads shows a machine timestamp", TIMEOUT, async () => {
    const citizen = await openSession(env.browser, env.url);
    await signIn(citizen.page, env.dataDir, "001099012345");
    assert.match(citizen.page.url(), /#\/account$/, "a citizen lands on the account page");
    const { code } = await submitDossier(citizen.page, {
      procedure: "1.001193",
      placeSearch: "ba dinh",
      placeName: "Phường Ba Đình",
      values: BIRTH_FORM,
    });
    // The data brain counts the submission at once: birth registration is now the most used procedure.
    await citizen.page.goto("/");
    const popular = citizen.page.getByTestId("popular-procedures").getByRole("link");
    await eventually(async () => {
      await citizen.page.reload();
      assert.equal(await popular.first().innerText({ timeout: 2000 }), "Đăng ký khai sinh");
    });
    await popular.first().click();
    await citizen.page.getByRole("heading", { level: 1, name: "Đăng ký khai sinh" }).waitFor();

    for (const path of [`/#/dossiers/${code}`, "/#/dossiers", "/#/notifications", "/#/account"]) {
      await citizen.page.goto(path);
      await citizen.page.locator("h1").first().waitFor();
      await citizen.page.waitForLoadState("networkidle");
      await noTimestamps(citizen.page, path);
    }
    await citizen.page.getByRole("button", { name: "English" }).click();
    await citizen.page.goto("/#/notifications");
    await citizen.page.waitForLoadState("networkidle");
    await eventually(async () => assert.match(await citizen.page.getByTestId("notifications").innerText(), /Application /));
    await noTimestamps(citizen.page, "notifications (en)");

    const official = await openSession(env.browser, env.url);
    await signIn(official.page, env.dataDir, "tiepnhan.badinh");
    assert.match(official.page.url(), /#\/workspace$/, "an official lands on the queue");
    await official.page.getByTestId("queue-count").waitFor();
    await noTimestamps(official.page, "queue");
    // At 390 px the queue's rows are cards labelled by column: nothing scrolls sideways.
    await official.page.setViewportSize({ width: 390, height: 844 });
    const row = official.page.getByTestId("queue-row").first();
    await row.waitFor();
    assert.equal(await row.locator("td").first().getAttribute("data-label"), "Thủ tục");
    const inner = await official.page.evaluate(() => {
      const region = document.querySelector(".table-scroll");
      return region.scrollWidth - region.clientWidth;
    });
    assert.ok(inner <= 0, `the queue scrolls ${inner}px sideways inside its region`);
    await noSidewaysScroll(official.page, "queue at 390 px");
    await official.screenshot("portal-queue-390", { fullPage: true });
    await assertAccessible(official.page, "queue at 390 px");
    await official.page.setViewportSize({ width: 1280, height: 900 });
    await official.page.goto(`/#/workspace/dossiers/${encodeURIComponent(code)}`);
    await official.page.getByTestId("dossier-status").waitFor();
    // The papers' frames keep the browser's PDF viewer busy, so the page is read once its parts are in.
    await official.page.getByTestId("control-sheet").waitFor();
    await official.page.getByTestId("document-preview").first().waitFor();
    await noTimestamps(official.page, "official's dossier page");
    await official.screenshot("portal-official-dossier", { fullPage: true });
    await citizen.close();
    await official.close();
  });
});
