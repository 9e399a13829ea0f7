// Journeys: an agency administrator manages the officials of their agency (create, grant,
// revoke), a province administrator adds an agency, and an officer is kept out.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { assertAccessible } from "./support/a11y.mjs";
import { skipReason } from "./support/paths.mjs";
import { openSession } from "./support/session.mjs";
import { useServerAndBrowser } from "./support/suite.mjs";
import { eventually } from "./support/wait.mjs";
import { fillDateField, signedInLanding, vietnamTime } from "./support/services.mjs";

const TIMEOUT = { timeout: 120_000 };

// Deliberate failures the browser logs as console errors ("Failed to load resource ... (url)").
const REJECTED = (status, endpoint) =>
  new RegExp(`status of ${status} .*\\(http://127\\.0\\.0\\.1:\\d+/api/v1/${endpoint}\\)$`);
const NO_PROVIDERS = REJECTED(404, "auth/providers");

const activeTestId = (page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? "");
const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? "");
const announced = (page) => page.getByTestId("announcer").innerText();

describe("administration", { skip: skipReason() ?? false }, () => {
  const env = useServerAndBrowser();
  const demo = (username) => {
    const accounts = JSON.parse(readFileSync(path.join(env.dataDir, "demo-accounts.json"), "utf8"));
    const account = accounts.find((a) => a.username === username);
    assert.ok(account, `demo account ${username}`);
    return account;
  };

  async function signIn(page, username) {
    await page.goto("/#/sign-in");
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(demo(username).password);
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await signedInLanding(page);
  }

  test("an agency administrator adds an official, grants a role and revokes it", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS, REJECTED(403, "role-grants")] });
    const { page } = s;
    await signIn(page, "quantri.badinh");
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await nav.getByRole("link", { name: "Quản trị" }).click();
    await page.getByRole("heading", { level: 1, name: "Quản trị" }).waitFor();
    // Opens on the administrator's own agency and its place.
    await eventually(async () => assert.match(page.url(), /#\/admin\?place=00004&agency=UBND-00004$/));
    await page.getByTestId("admin-place").getByText("Ba Đình").waitFor();
    const officials = page.getByTestId("officials");
    await officials.getByText("Trần Thị Bình").first().waitFor();  // also in the lock and reset buttons' labels
    assert.match(await page.getByRole("heading", { level: 2, name: /Cán bộ của/ }).innerText(), /Ủy ban nhân dân|UBND|Ba Đình/);
    assert.equal(await page.getByRole("heading", { name: "Thêm cơ quan" }).count(), 0, "agency admins do not create agencies");
    assert.equal(
      await nav.getByRole("link", { name: "Quản trị" }).getAttribute("aria-current"),
      "page",
    );
    await s.screenshot("admin-agency", { fullPage: true });
    await assertAccessible(page, "admin (agency admin)");

    // Nobody grants themselves: the server's refusal is shown and focused.
    const self = officials.getByTestId("official").filter({ hasText: "quantri.badinh" });
    await self.getByRole("button", { name: "Giao vai trò" }).click();
    const selfError = self.getByTestId("error-summary");
    await selfError.getByText(/Bạn không có quyền làm việc này/).waitFor();
    await eventually(async () => assert.equal(await activeTestId(page), "error-summary"));

    // Adding an official: checked in the browser first.
    await page.getByRole("button", { name: "Thêm cán bộ" }).click();
    const summary = page.locator(".admin-form").getByTestId("error-summary");
    await summary.waitFor();
    await eventually(async () => assert.equal(await activeTestId(page), "error-summary"));
    assert.match(await summary.innerText(), /Nhập tên đăng nhập\s+Nhập họ và tên\s+Mật khẩu cần từ 10 đến 128 ký tự/);
    await s.screenshot("admin-official-errors", { fullPage: true });
    await assertAccessible(page, "admin (official form errors)");
    await summary.getByRole("link", { name: "Nhập họ và tên" }).click();
    assert.equal(await activeId(page), "official-displayName");

    await page.locator("#official-username").fill("motcua.badinh");
    await page.locator("#official-displayName").fill("Nguyễn Thị Hạnh");
    await page.locator("#official-password").fill("sen nở hoa giữa mùa thu");
    await page.getByRole("button", { name: "Thêm cán bộ" }).click();
    const card = officials.getByTestId("official").filter({ hasText: "motcua.badinh" });
    await card.getByRole("heading", { name: "Nguyễn Thị Hạnh" }).waitFor();
    await eventually(async () => assert.match(await activeId(page), /^official-.+-heading$/));
    await eventually(async () => assert.match(await announced(page), /Đã thêm cán bộ Nguyễn Thị Hạnh/));
    await card.getByText("Tài khoản chưa được giao vai trò nào.").waitFor();
    assert.equal(await page.locator("#official-username").inputValue(), "", "the form is cleared");

    // Grant processing_officer on UBND-00004.
    await card.getByLabel("Vai trò", { exact: true }).selectOption("processing_officer");
    await card.getByLabel("Phạm vi", { exact: true }).selectOption("agency");
    await card.getByRole("button", { name: "Giao vai trò" }).click();
    const roles = card.getByTestId("official-roles");
    await roles.waitFor();
    assert.match(await roles.innerText(), /Cán bộ xử lý hồ sơ\s*Phạm vi: Cơ quan mã UBND-00004/);
    await eventually(async () => assert.match(await announced(page), /Đã giao vai trò Cán bộ xử lý hồ sơ cho Nguyễn Thị Hạnh/));
    await s.screenshot("admin-role-granted", { fullPage: true });

    // Still there after a reload (it is on the server, not just on screen).
    await page.reload();
    await roles.getByText("Cán bộ xử lý hồ sơ", { exact: true }).waitFor();

    await roles
      .getByRole("button", { name: "Thu hồi vai trò Cán bộ xử lý hồ sơ, Cơ quan mã UBND-00004" })
      .click();
    await card.getByText("Tài khoản chưa được giao vai trò nào.").waitFor();
    await eventually(async () => assert.match(await activeId(page), /^official-.+-heading$/));
    await eventually(async () => assert.match(await announced(page), /Đã thu hồi vai trò Cán bộ xử lý hồ sơ của Nguyễn Thị Hạnh/));
    await page.reload();
    await card.getByText("Tài khoản chưa được giao vai trò nào.").waitFor();

    // English.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
    await page.getByRole("heading", { level: 2, name: /Officials of/ }).waitFor();
    await assertAccessible(page, "admin (en)");
    await s.screenshot("admin-agency-en", { fullPage: true });
    await s.close();
  });

  test("a province administrator adds an agency; places outside the province are refused", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS, REJECTED(403, "agencies")] });
    const { page } = s;
    await signIn(page, "quantri.hanoi");
    await page.getByRole("link", { name: "Quản trị" }).click();
    await eventually(async () => assert.match(page.url(), /#\/admin\?place=01$/));
    await page.getByTestId("admin-place").getByText("Hà Nội").waitFor();
    await page.getByTestId("agencies").waitFor();

    // Another place through the search: the link sets it in the address.
    await page.getByLabel("Tìm địa bàn khác").fill("ba dinh");
    await page.getByRole("link", { name: "Phường Ba Đình", exact: true }).click();
    await eventually(async () => assert.match(page.url(), /place=00004/));
    await page.getByTestId("agencies").getByRole("link", { name: /Ba Đình/ }).first().waitFor();

    await page.getByLabel("Mã cơ quan").fill("ttphvhc-badinh");
    await page.getByLabel("Tên cơ quan").fill("Trung tâm Phục vụ hành chính công phường Ba Đình");
    await page.getByLabel("Loại cơ quan").selectOption("public_service_center");
    await page.getByRole("button", { name: "Thêm cơ quan" }).click();
    const summary = page.getByTestId("error-summary");
    await summary.getByText(/Mã cơ quan gồm 2 đến 32 ký tự/).waitFor();

    await page.getByLabel("Mã cơ quan").fill("TTPVHCC-00004");
    await page.getByLabel("Mã địa bàn").fill("79");
    await page.getByRole("button", { name: "Thêm cơ quan" }).click();
    await summary.getByText("Địa bàn này nằm ngoài phạm vi quản trị của bạn").waitFor();
    await page.locator("#agency-placeCode-error").waitFor();
    await s.screenshot("admin-agency-forbidden", { fullPage: true });

    await page.getByLabel("Mã địa bàn").fill("00004");
    await page.getByRole("button", { name: "Thêm cơ quan" }).click();
    await page.getByTestId("agencies").getByText("Trung tâm Phục vụ hành chính công phường Ba Đình").waitFor();
    assert.match(await page.getByTestId("agencies").innerText(), /Trung tâm phục vụ hành chính công · Mã TTPVHCC-00004/);
    await eventually(async () => assert.match(await announced(page), /Đã thêm cơ quan/));
    await s.screenshot("admin-agency-created", { fullPage: true });
    await assertAccessible(page, "admin (province admin)");
    await s.close();
  });

  test("the auditor reads the audit log: newest first, filtered by action, actor and days, paged, exported", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS] });
    const { page } = s;
    await signIn(page, "kiemtoan");
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await nav.getByRole("link", { name: "Nhật ký kiểm toán" }).click();
    await page.getByRole("heading", { level: 1, name: "Nhật ký kiểm toán" }).waitFor();
    const rows = page.getByTestId("audit-row");
    await rows.first().waitFor();
    // Newest first: the auditor's own sign-in heads the log, worded, not as the recorded code.
    assert.equal(await rows.first().getAttribute("data-action"), "session.start");
    assert.match(await rows.first().innerText(), /Đặng Thị Lan[\s\S]*Đăng nhập/);
    const total = Number((await page.getByTestId("audit-count").innerText()).replace(/\D/g, ""));
    assert.ok(total > 50, `the demo's log has more than one page (${total})`);
    assert.equal(await rows.count(), 50);
    await page.getByRole("button", { name: "Xem thêm" }).click();
    await eventually(async () => assert.equal(await rows.count(), Math.min(total, 100)));
    const seqs = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-seq"))));
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), "newest first across pages");
    assert.equal(new Set(seqs).size, seqs.length, "no entry shown twice");
    assert.doesNotMatch(await page.locator("main").innerText(), /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, "times as people read them");
    await assertAccessible(page, "audit log");

    // By action: sign-ins only.
    await page.getByLabel("Hành động").selectOption("session.start");
    await page.getByRole("button", { name: "Lọc", exact: true }).click();
    await eventually(async () => assert.match(page.url(), /#\/audit\?action=session\.start$/));
    await eventually(async () => {
      const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-action")));
      assert.ok(actions.length > 0 && actions.every((a) => a === "session.start"), actions.join());
    });
    // By actor: one click on the name keeps the action and adds the actor.
    await rows.filter({ hasText: "kiemtoan" }).first().getByRole("link", { name: "Chỉ xem việc của Đặng Thị Lan" }).click();
    await eventually(async () => assert.match(page.url(), /actor=[^&]+/));
    assert.match(page.url(), /action=session\.start/);
    await page.getByTestId("audit-actor-filter").getByText("Người thực hiện: Đặng Thị Lan").waitFor();
    await eventually(async () => {
      const texts = await rows.allInnerTexts();
      assert.ok(texts.length > 0 && texts.every((t) => t.includes("kiemtoan")), texts.join("|"));
    });

    // Days: a day that does not exist and a backwards range are named, and nothing is filtered.
    const url = page.url();
    await fillDateField(page, "#audit-from", "2026-02-31");
    await page.getByRole("button", { name: "Lọc", exact: true }).click();
    await page.getByTestId("error-summary").getByRole("link", { name: "Từ ngày phải là một ngày có thật, đủ ngày, tháng và năm" }).waitFor();
    assert.equal(page.url(), url);
    await s.screenshot("audit-filter-errors", { fullPage: true });
    await assertAccessible(page, "audit log, filter errors");
    const today = vietnamTime(new Date()).slice(0, 10);
    const yesterday = vietnamTime(new Date(Date.now() - 86_400_000)).slice(0, 10);
    await fillDateField(page, "#audit-from", today);
    await fillDateField(page, "#audit-to", yesterday);
    await page.getByRole("button", { name: "Lọc", exact: true }).click();
    await page.getByTestId("error-summary").getByText("“Đến hết ngày” không được trước “Từ ngày”").waitFor();
    await fillDateField(page, "#audit-to", today);
    await page.getByRole("button", { name: "Lọc", exact: true }).click();
    await eventually(async () => assert.match(page.url(), /from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/));
    await eventually(async () => assert.ok((await rows.count()) > 0));
    // Nothing shown is a raw timestamp.
    assert.doesNotMatch(await page.locator("main").innerText(), /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);

    // The filtered log downloads as it is filtered.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("audit-export").getByRole("button", { name: "CSV" }).click(),
    ]);
    const csv = readFileSync(await download.path(), "utf8");
    const lines = csv.trim().split(/\r?\n/);
    assert.match(lines[0], /Hành động/);
    assert.equal(lines.length - 1, await rows.count(), "the export holds the rows shown");
    assert.ok(lines.slice(1).every((l) => l.includes("session.start") && l.includes("kiemtoan")), csv);

    // At 390 px: cards, no sideways scroll.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `audit page scrolls sideways by ${overflow}px`);
    await s.screenshot("audit-390", { fullPage: true });
    await s.close();
  });

  test("a national administrator starts from the jobs of the role and the 34 provinces", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS] });
    const { page } = s;
    await signIn(page, "quantri.quocgia");
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Quản trị" }).click();
    const start = page.getByTestId("admin-start");
    await start.getByRole("heading", { name: "Bắt đầu từ đây" }).waitFor();
    for (const task of ["Thêm cán bộ hàng loạt từ tệp", "Nhật ký kiểm toán", "Cảnh báo sớm và chỉ tiêu", "Dữ liệu mở"]) {
      await start.getByRole("link", { name: task }).waitFor();
    }
    const provinces = page.getByRole("list", { name: "Quản trị theo tỉnh, thành phố" }).getByRole("link");
    await eventually(async () => assert.equal(await provinces.count(), 34));
    await s.screenshot("admin-national-start", { fullPage: true });
    await assertAccessible(page, "admin (national start)");
    // The import form is one click away, focused.
    await start.getByRole("link", { name: "Thêm cán bộ hàng loạt từ tệp" }).click();
    assert.equal(await activeId(page), "admin-import-heading");
    // A province opens on its agencies.
    await provinces.filter({ hasText: "Hà Nội" }).first().click();
    await eventually(async () => assert.match(page.url(), /#\/admin\?place=01$/));
    await page.getByTestId("admin-place").getByText("Hà Nội").waitFor();
    assert.equal(await page.getByTestId("admin-start").count(), 0);
    await s.close();
  });

  test("an officer has no administration link and is told they lack access", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS] });
    const { page } = s;
    await signIn(page, "tiepnhan.badinh");
    assert.match(page.url(), /#\/workspace$/, "an official lands on the queue");
    await page.goto("/#/account");
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await nav.getByRole("link", { name: "Địa bàn hành chính" }).waitFor();
    // The roles have arrived (the account page lists them) and still no link.
    await page.getByTestId("roles").getByText("Cán bộ tiếp nhận hồ sơ").waitFor();
    assert.equal(await nav.getByRole("link", { name: "Quản trị" }).count(), 0);
    assert.equal(await nav.getByRole("link", { name: "Nhật ký kiểm toán" }).count(), 0);
    await page.goto("/#/admin");
    await page.getByRole("heading", { level: 1, name: "Quản trị" }).waitFor();
    await page.getByTestId("notice").getByText("Tài khoản của bạn không có quyền quản trị.", { exact: false }).waitFor();
    assert.equal(await page.getByTestId("officials").count(), 0);
    await s.screenshot("admin-no-access");
    await assertAccessible(page, "admin (no access)");
    await s.close();
  });
});
