// Journeys: sign in, the account page (masked number, roles, API tokens), sign out, sign-up
// with field errors, and the optional "Sign in with VNeID" button.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { assertAccessible } from "./support/a11y.mjs";
import { skipReason } from "./support/paths.mjs";
import { openSession } from "./support/session.mjs";
import { useServerAndBrowser } from "./support/suite.mjs";
import { eventually } from "./support/wait.mjs";

const TIMEOUT = { timeout: 120_000 };

// Deliberate failures the browser logs as console errors ("Failed to load resource ... (url)").
const REJECTED = (status, endpoint) =>
  new RegExp(`status of ${status} .*\\(http://127\\.0\\.0\\.1:\\d+/api/v1/${endpoint}\\)$`);
// The sign-in page hides the VNeID button when the server has no /auth/providers (404).
const NO_PROVIDERS = REJECTED(404, "auth/providers");

const masked = (id) => `${id.slice(0, 3)}******${id.slice(-3)}`;

const activeTestId = (page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? "");
// Text or an input's value (not in page.content(): Preact sets the value property).
const shows = (page, secret) =>
  page.evaluate(
    (x) => document.body.innerText.includes(x) || [...document.querySelectorAll("input")].some((i) => i.value === x),
    secret,
  );
const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? "");

describe("identity", { skip: skipReason() ?? false }, () => {
  const env = useServerAndBrowser();
  const demo = (role) => {
    const accounts = JSON.parse(readFileSync(path.join(env.dataDir, "demo-accounts.json"), "utf8"));
    const account = accounts.find((a) => a.role === role);
    assert.ok(account, `demo account for ${role}`);
    return account;
  };

  async function signIn(page, username, password) {
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  }

  test("a citizen signs in, manages an API token and signs out", TIMEOUT, async () => {
    const citizen = demo("citizen");
    const s = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS] });
    const { page } = s;
    await s.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.url });
    await page.goto("/");
    await page.getByRole("banner").getByRole("link", { name: "Đăng nhập", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Đăng nhập" }).waitFor();
    await page.getByText("Công dân đăng nhập bằng số định danh cá nhân").waitFor();
    await s.screenshot("identity-sign-in");

    await signIn(page, citizen.username, citizen.password);
    await page.getByRole("heading", { level: 1, name: "Tài khoản của bạn" }).waitFor();
    assert.match(page.url(), /#\/account$/);
    assert.equal(await page.getByTestId("id-number").innerText(), masked(citizen.id_number));
    assert.match(await page.getByTestId("roles").innerText(), /Công dân\s*Phạm vi: Toàn quốc/);
    const name = await page.locator(".details dd").first().innerText();
    assert.match(await page.getByTestId("account-link").innerText(), new RegExp(name));
    assert.doesNotMatch(await page.content(), new RegExp(citizen.id_number), "the full number is never shown");
    await page.getByText("Bạn chưa có khóa API nào.").waitFor();
    await s.screenshot("identity-account", { fullPage: true });

    // Create a token: its secret is shown once, with a working copy button.
    await page.getByLabel("Tên khóa mới").fill("Phần mềm kế toán");
    await page.getByRole("button", { name: "Tạo khóa" }).click();
    const panel = page.getByTestId("new-token");
    await panel.waitFor();
    await eventually(async () => assert.equal(await activeId(page), "new-token-heading"));
    const secret = await page.locator("#new-token-value").inputValue();
    assert.ok(secret.length >= 20, "a token is shown");
    await panel.getByText("khóa sẽ không được hiển thị lại").waitFor();
    await eventually(async () => assert.match(await page.getByTestId("announcer").innerText(), /Đã tạo khóa “Phần mềm kế toán”/));
    await panel.getByRole("button", { name: "Sao chép" }).click();
    await panel.getByText("Đã sao chép khóa.").waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
    const row = page.getByTestId("token-row").filter({ hasText: "Phần mềm kế toán" });
    await row.waitFor();
    await s.screenshot("identity-token-created", { fullPage: true });
    await panel.getByRole("button", { name: "Tôi đã lưu khóa" }).click();
    await panel.waitFor({ state: "detached" });
    assert.equal(await shows(page, secret), false, "the secret is gone once dismissed");

    // After a reload the CSRF token comes back from /me, so revoking (a DELETE) still works.
    await page.reload();
    await row.waitFor();
    assert.equal(await shows(page, secret), false, "the secret is never listed");
    await row.getByRole("button", { name: "Thu hồi khóa “Phần mềm kế toán”" }).click();
    await row.getByText("Thu hồi khóa “Phần mềm kế toán”?").waitFor();
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Hủy"));
    await s.screenshot("identity-token-revoke-confirm", { fullPage: true });
    await row.getByRole("button", { name: "Thu hồi khóa", exact: true }).click();
    await row.waitFor({ state: "detached" });
    await page.getByText("Bạn chưa có khóa API nào.").waitFor();
    await eventually(async () => assert.equal(await activeId(page), "tokens-heading"));
    await eventually(async () => assert.match(await page.getByTestId("announcer").innerText(), /Đã thu hồi khóa/));

    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.getByRole("heading", { level: 1, name: "Bạn cần làm thủ tục gì?" }).waitFor();
    await page.getByRole("banner").getByRole("link", { name: "Đăng nhập", exact: true }).waitFor();
    assert.equal(await page.getByTestId("account-link").count(), 0);

    // The session is gone on the server too: the account page sends us to sign-in.
    s.allowConsole(REJECTED(401, "me"));
    await page.goto("/#/account");
    await page.getByRole("heading", { level: 1, name: "Đăng nhập" }).waitFor();
    assert.match(page.url(), /#\/sign-in$/);
    await s.close();
  });

  test("a wrong password gives one generic error, focused, in either language", TIMEOUT, async () => {
    const citizen = demo("citizen");
    const s = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS, REJECTED(401, "auth/login")] });
    const { page } = s;
    await page.goto("/#/sign-in");
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    const summary = page.getByTestId("error-summary");
    await summary.waitFor();
    assert.match(await summary.innerText(), /Nhập tên đăng nhập\s+Nhập mật khẩu/);
    await eventually(async () => assert.equal(await activeTestId(page), "error-summary"));

    await signIn(page, citizen.username, "sai-mat-khau-123");
    await eventually(async () => assert.match(await summary.innerText(), /Sai tên đăng nhập hoặc mật khẩu/));
    assert.doesNotMatch(await summary.innerText(), /Nhập tên đăng nhập/);
    await eventually(async () => assert.equal(await activeTestId(page), "error-summary"));
    await s.screenshot("identity-sign-in-wrong-password");
    await assertAccessible(page, "sign-in with error");
    // The summary links to the field to fix.
    await summary.getByRole("link", { name: "Sai tên đăng nhập hoặc mật khẩu" }).click();
    assert.equal(await activeId(page), "sign-in-password");
    assert.match(page.url(), /#\/sign-in$/, "following the link does not change the route");

    await page.getByRole("button", { name: "English" }).click();
    await summary.getByText("Wrong username or password").waitFor();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await assertAccessible(page, "sign-in with error (en)");

    // Rate limited: the wait comes from Retry-After (faked here; the real limit takes 10 tries).
    s.allowConsole(REJECTED(429, "auth/login"));
    await page.route("**/api/v1/auth/login", (route) =>
      route.fulfill({
        status: 429,
        headers: { "Retry-After": "42" },
        contentType: "application/problem+json",
        json: { status: 429, code: "too_many_requests", detail: "Too many attempts; try again in 42 s" },
      }),
    );
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await summary.getByText("Too many attempts. Please try again in 42 seconds.").waitFor();
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await summary.getByText("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau 42 giây.").waitFor();
    await s.close();
  });

  test("sign-up shows field errors, then a new citizen signs up and signs in", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url, {
      allowConsole: [NO_PROVIDERS, REJECTED(400, "auth/register")],
    });
    const { page } = s;
    const password = "hoa sen nở giữa đầm";
    await page.goto("/#/sign-in");
    await page.getByRole("link", { name: "Đăng ký" }).click();
    await page.getByRole("heading", { level: 1, name: "Đăng ký tài khoản" }).waitFor();
    await assertAccessible(page, "sign-up");

    // Checked in the browser: the number's length.
    const idNumber = page.getByLabel("Số định danh cá nhân");
    await idNumber.fill("12345");
    await page.getByLabel("Họ và tên").fill("Trần Thị Bình");
    await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
    await page.getByLabel("Nhập lại mật khẩu").fill(`${password}!`);
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    const summary = page.getByTestId("error-summary");
    await summary.waitFor();
    await eventually(async () => assert.equal(await activeTestId(page), "error-summary"));
    assert.match(await summary.innerText(), /Số định danh cá nhân gồm đúng 12 chữ số\s+Hai mật khẩu không khớp/);
    await page.locator("#sign-up-idNumber-error").getByText("Số định danh cá nhân gồm đúng 12 chữ số").waitFor();
    assert.equal(await idNumber.getAttribute("aria-invalid"), "true");
    await s.screenshot("identity-sign-up-errors", { fullPage: true });
    await assertAccessible(page, "sign-up with errors");
    await summary.getByRole("link", { name: "Hai mật khẩu không khớp" }).click();
    assert.equal(await activeId(page), "sign-up-confirm");

    // Checked by the server: "000" is no province code.
    await idNumber.fill("000203001234");
    await page.getByLabel("Nhập lại mật khẩu").fill(password);
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await eventually(async () => assert.match(await summary.innerText(), /3 chữ số đầu phải là mã tỉnh/));
    assert.doesNotMatch(await summary.innerText(), /Hai mật khẩu/);
    await page.locator("#sign-up-idNumber-error").getByText("3 chữ số đầu phải là mã tỉnh").waitFor();

    // A business shows its own fields.
    await page.getByLabel("Doanh nghiệp").check();
    await page.getByLabel("Mã số doanh nghiệp").waitFor();
    await page.getByLabel("Họ và tên người đại diện").waitFor();
    assert.equal(await summary.count(), 0, "errors belong to the other kind");
    await s.screenshot("identity-sign-up-business", { fullPage: true });
    await page.getByLabel("Công dân").check();

    await idNumber.fill("079 203 001 234");
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Đăng nhập" }).waitFor();
    await page.getByTestId("notice").getByText("Đã tạo tài khoản. Mời bạn đăng nhập.").waitFor();
    assert.match(page.url(), /#\/sign-in\?registered=1$/);
    await s.screenshot("identity-signed-up");

    await signIn(page, "079203001234", password);
    await page.getByRole("heading", { level: 1, name: "Tài khoản của bạn" }).waitFor();
    assert.equal(await page.getByTestId("id-number").innerText(), "079******234");
    assert.match(await page.getByTestId("account-link").innerText(), /Trần Thị Bình$/);
    await s.close();
  });

  test("account page: accessible in English and on a small screen", TIMEOUT, async () => {
    const business = demo("business_representative");
    const s = await openSession(env.browser, env.url, {
      viewport: { width: 390, height: 844 },
      allowConsole: [NO_PROVIDERS],
    });
    const { page } = s;
    await page.goto("/#/sign-in");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByLabel("Username").fill(business.username);
    await page.getByLabel("Password").fill(business.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
    assert.match(await page.getByTestId("roles").innerText(), /Business representative/);
    assert.match(await page.getByTestId("profile").innerText(), /Business/);
    await page.getByLabel("Name for a new token").fill("e2e");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByTestId("new-token").waitFor();
    await page.getByRole("button", { name: "Revoke token “e2e”" }).click();
    await page.getByRole("group", { name: /Revoke token “e2e”\?/ }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, "no horizontal scrolling at 390px");
    await s.screenshot("identity-account-mobile-en", { fullPage: true });
    await assertAccessible(page, "account (en, mobile, new token, revoke question)");
    await s.close();
  });

  test("'Sign in with VNeID' appears only when the server offers it", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS] });
    const { page } = s;
    await page.route("**/api/v1/auth/providers", (route) =>
      route.fulfill({ json: { oidc: true, name: "VNeID" } }),
    );
    await page.goto("/#/sign-in");
    const button = page.getByRole("link", { name: "Đăng nhập bằng VNeID" });
    await button.waitFor();
    // A full-page navigation to the server, which redirects to the provider.
    assert.equal(await button.getAttribute("href"), "/api/v1/auth/oidc/start");
    await s.screenshot("identity-sign-in-vneid");
    await assertAccessible(page, "sign-in with VNeID");

    await page.unroute("**/api/v1/auth/providers");
    await page.route("**/api/v1/auth/providers", (route) => route.fulfill({ json: { oidc: false, name: "" } }));
    const answered = page.waitForResponse("**/api/v1/auth/providers");
    await page.reload();
    await answered;
    await page.getByLabel("Tên đăng nhập").waitFor();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
    assert.equal(await button.count(), 0);
    await s.close();
  });
});
