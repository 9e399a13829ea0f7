// The data brain, seen as an official of Hà Nội would: dossiers processed late in one commune lower its
// on-time rate on the dashboard and raise an alert in the feed, while the server keeps running; the
// official acknowledges it. Dossiers are submitted and processed through the API (the dashboard is what
// is under test); the services clock is moved past their due time.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { assertAccessible } from "./support/a11y.mjs";
import { skipReason } from "./support/paths.mjs";
import { signIn, vietnamTime } from "./support/services.mjs";
import { openSession } from "./support/session.mjs";
import { useServerAndBrowser } from "./support/suite.mjs";
import { eventually } from "./support/wait.mjs";

const TIMEOUT = { timeout: 180_000 };
const REJECTED = (status, endpoint) =>
  new RegExp(`status of ${status} .*\\(http://127\\.0\\.0\\.1:\\d+/api/v1/${endpoint}\\)$`);
const NO_PROVIDERS = REJECTED(404, "auth/providers");

const clockDir = mkdtempSync(path.join(tmpdir(), "sen-clock-"));
const clockFile = path.join(clockDir, "now");
const setClock = (date) => writeFileSync(clockFile, `${vietnamTime(date)}\n`);
// Mid-morning (09:30 in Vietnam) of today, so that a same-day procedure is due today, before the 15:00
// cutoff moves it to the next working day; run after 15:00 on a Friday it would be due on Monday, still
// in time three days later.
const start = new Date(`${vietnamTime(new Date()).slice(0, 10)}T09:30:00+07:00`);
setClock(start);
after(() => rmSync(clockDir, { recursive: true, force: true }));

const FORM = {
  child_full_name: "Lê Minh Khôi",
  child_gender: "Nam",
  child_birth_date: vietnamTime(start).slice(0, 10),
  birth_place: "Bệnh viện Phụ sản Hà Nội",
  ethnicity: "Kinh",
  nationality: "Việt Nam",
  hometown: "Hà Nội",
  declarant_relationship: "Cha",
};

describe("the data brain", { skip: skipReason() ?? false }, () => {
  const env = useServerAndBrowser({ serverEnv: { SEN_SERVICES_CLOCK_FILE: clockFile } });
  const tokens = {};
  const token = async (username) => {
    if (!tokens[username]) {
      const accounts = JSON.parse(readFileSync(path.join(env.dataDir, "demo-accounts.json"), "utf8"));
      const a = accounts.find((x) => x.username === username);
      const res = await fetch(`${env.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: a.password, token: true }),
      });
      assert.equal(res.status, 200, `login as ${username}`);
      tokens[username] = (await res.json()).token;
    }
    return tokens[username];
  };
  const api = async (username, method, url, body, type = "application/json") => {
    const res = await fetch(`${env.url}/api/v1${url}`, {
      method,
      headers: { authorization: `Bearer ${await token(username)}`, "content-type": type },
      body: body === undefined ? undefined : type === "application/json" ? JSON.stringify(body) : body,
    });
    const text = await res.text();
    assert.ok(res.status < 300, `${method} ${url}: ${res.status} ${text}`);
    return text === "" ? null : JSON.parse(text);
  };
  // A birth registration in Phường Ba Đình, submitted, accepted and forwarded to the leader.
  const dossierAtLeader = async () => {
    const d = await api("001099012345", "POST", "/dossiers", { procedure: "1.001193", place: "00004", form: FORM });
    await api("001099012345", "PUT", `/dossiers/${d.code}/documents/birth_certificate`, "%PDF-1.4 giay chung sinh %%EOF", "application/octet-stream");
    await api("001099012345", "POST", `/dossiers/${d.code}/submit`);
    await api("tiepnhan.badinh", "POST", `/dossiers/${d.code}/actions`, { action: "accept" });
    await api("xuly.badinh", "POST", `/dossiers/${d.code}/actions`, { action: "forward" });
    return d.code;
  };
  const approve = (code) => api("lanhdao.badinh", "POST", `/dossiers/${code}/actions`, { action: "approve" });

  test("late dossiers lower a commune's on-time rate and raise an alert, live", TIMEOUT, async () => {
    const onTime = await dossierAtLeader();
    const late = [];
    for (let i = 0; i < 5; i++) late.push(await dossierAtLeader());
    await approve(onTime);

    const official = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS] });
    const { page } = official;
    await signIn(page, env.dataDir, "quantri.hanoi");
    const month = vietnamTime(new Date(start.getTime() + 3 * 86400_000)).slice(0, 7);
    await page.goto(`/#/data?indicator=on_time_rate&place=01&period=${month}`);
    await page.getByRole("heading", { level: 1, name: "Bảng điều hành số liệu" }).waitFor();
    const commune = page.getByTestId("places-table").locator('tr[data-place="00004"]');
    // One processed, on time (the clock has not moved yet: the same month unless it is the 29th or later).
    if (vietnamTime(start).slice(0, 7) === month) {
      await eventually(async () => assert.equal((await commune.getByTestId("value").innerText()).trim(), "100 %"));
    }
    await official.screenshot("databrain-before");

    // Three days later, past the same-day time limit: the other five are approved late.
    setClock(new Date(start.getTime() + 3 * 86400_000));
    for (const code of late) await approve(code);

    // Within a few seconds, without reloading the page: 1 of 6 on time, and an alert for the commune.
    await eventually(async () => assert.equal((await commune.getByTestId("value").innerText()).trim(), "16,7 %"), { timeout: 20_000 });
    assert.equal(await commune.getAttribute("data-status"), "off_track");
    const alert = page.getByTestId("alerts-feed").locator('li[data-place="00004"][data-rule="on_time_below_90"]');
    await alert.waitFor({ timeout: 20_000 });
    assert.match(await alert.innerText(), /Phường Ba Đình/);
    await official.screenshot("databrain-alert", { fullPage: true });
    await assertAccessible(page, "data dashboard");

    // The province administrator acknowledges it; the feed says so.
    await alert.getByLabel("Ghi chú").fill("Đã giao xã rà soát");
    await alert.getByRole("button", { name: "Tiếp nhận" }).click();
    await eventually(async () => assert.equal(await alert.getAttribute("data-state"), "acknowledged"), { timeout: 10_000 });

    // The public sees the figures but not the alerts.
    const visitor = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS, REJECTED(401, "me")] });
    await visitor.page.goto(`/#/data?indicator=on_time_rate&place=01&period=${month}`);
    await visitor.page.getByTestId("places-table").locator('tr[data-place="00004"]').waitFor();
    assert.equal(await visitor.page.getByTestId("alerts-feed").count(), 0);
    await visitor.close();
    await official.close();
  });

  test("the dashboard has no sideways scroll at 390 px", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url, { viewport: { width: 390, height: 844 }, allowConsole: [NO_PROVIDERS, REJECTED(401, "me")] });
    await s.page.goto("/#/data");
    await s.page.getByTestId("places-table").waitFor();
    await s.page.getByTestId("province-map").locator("svg").waitFor();
    assert.ok(await s.page.evaluate(() => document.documentElement.scrollWidth <= 390));
    await s.screenshot("databrain-390", { fullPage: true });
    await s.close();
  });
});
