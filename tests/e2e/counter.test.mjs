// The one-stop counter as its receiving officer and the citizens it serves meet it: a paper dossier
// brought in person by a citizen without an account (the desk's fee, taken at the desk; scanned
// papers; the same receipt), tracked by its code and identity number; and one sent by post for a
// citizen with an account, who finds it in their own list. Every page passes axe and reads at 390 px.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertAccessible } from "./support/a11y.mjs";
import { skipReason } from "./support/paths.mjs";
import { act, fillDossierForm, getProcedure, signIn, statusOf, uploadPdf } from "./support/services.mjs";
import { openSession } from "./support/session.mjs";
import { useServerAndBrowser } from "./support/suite.mjs";
import { eventually } from "./support/wait.mjs";

const TIMEOUT = { timeout: 240_000 };
const OFFICER = "tiepnhan.badinh";
const RFC3339 = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const noSidewaysScroll = async (page, label) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${label}: sideways scroll of ${overflow}px`);
};

// From the workspace to a registered draft on the documents step; returns its code.
async function registerAtCounter(s, { search, procedureName, code, channel, idNumber, name, values }) {
  const { page } = s;
  await page.goto("/#/workspace");
  await page.getByTestId("counter-link").click();
  await page.getByRole("heading", { level: 1, name: "Tiếp nhận hồ sơ tại quầy" }).waitFor();
  await page.getByTestId("counter-agency").getByText(/Ba Đình/).waitFor();
  await page.locator("#counter-search").fill(search);
  await page.locator("#counter-search").press("Enter");
  await page.getByTestId("counter-procedures").getByRole("link", { name: procedureName, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Đăng ký hồ sơ tại quầy" }).waitFor();
  await assertAccessible(page, "counter: applicant and form");
  await page.getByLabel(channel, { exact: true }).check();
  // Nothing is sent until the applicant is named: both errors, linked from the summary.
  const procedure = await getProcedure(page, code);
  await fillDossierForm(page, procedure.form_schema, { values });
  await page.getByRole("button", { name: "Lưu và quét giấy tờ" }).click();
  const summary = page.locator(".error-summary");
  await summary.getByRole("link", { name: "Nhập số định danh cá nhân gồm 12 chữ số" }).waitFor();
  await page.locator("#counter-id-number-error").waitFor();
  await assertAccessible(page, "counter: applicant missing");
  await page.locator("#counter-id-number").fill(idNumber);
  await page.locator("#counter-name").fill(name);
  await page.getByRole("button", { name: "Lưu và quét giấy tờ" }).click();
  await page.getByRole("heading", { level: 2, name: "Giấy tờ kèm theo" }).waitFor();
  const dossierCode = decodeURIComponent(/#\/dossiers\/([^/?]+)\/edit/.exec(page.url())?.[1] ?? "");
  assert.ok(dossierCode !== "", `dossier code in ${page.url()}`);
  return { dossierCode, procedure };
}

async function submitAtCounter(s, label) {
  const { page } = s;
  await page.getByRole("link", { name: "Tiếp tục: xem lại hồ sơ" }).click();
  await page.getByRole("heading", { level: 2, name: "Xem lại hồ sơ trước khi nộp" }).waitFor();
  // The officer confirms the paper dossier; the citizen's declaration is theirs to make on paper.
  await page.getByLabel(/Tôi đã đối chiếu thông tin và bản quét/).check();
  await assertAccessible(page, `${label}: review`);
  await s.screenshot(`counter-${label}-review`, { fullPage: true });
  await page.getByRole("button", { name: "Nộp hồ sơ", exact: true }).click();
  await page.getByTestId("dossier-status").waitFor();
  assert.match(page.url(), /#\/workspace\/dossiers\//);
}

describe("the one-stop counter", { skip: skipReason() ?? false }, () => {
  const env = useServerAndBrowser();

  test("a citizen without an account brings a paper dossier; the fee is taken at the desk", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await signIn(page, env.dataDir, OFFICER);
    const { dossierCode } = await registerAtCounter(s, {
      search: "tinh trang hon nhan",
      procedureName: "Cấp Giấy xác nhận tình trạng hôn nhân",
      code: "1.004873",
      channel: "Trực tiếp",
      idNumber: "001088000123",
      name: "Trần Văn Bình",
      values: { full_name: "Trần Văn Bình", id_number: "001088000123", purpose: "Đăng ký kết hôn tại Ba Đình" },
    });
    // A paper the citizen brought, scanned.
    await uploadPdf(page, "authorization", "Giay uy quyen (ban quet)");
    await assertAccessible(page, "counter: scanned papers");
    await submitAtCounter(s, "walk-in");

    // The desk's fee (5.000 đồng in Hà Nội), taken in cash and confirmed by the officer.
    assert.match(await statusOf(page), /^Chờ thanh toán/);
    assert.match(await page.getByTestId("dossier-channel").innerText(), /Trực tiếp/);
    assert.match(await page.getByTestId("payment").innerText(), /5\.000 đồng/);
    await assertAccessible(page, "counter: awaiting the fee");
    await act(page, dossierCode, "Xác nhận đã thu phí tại quầy");
    await page.getByTestId("payment").getByRole("link", { name: "Tải biên lai điện tử (PDF)" }).waitFor();
    await act(page, dossierCode, "Tiếp nhận");
    assert.equal(await statusOf(page), "Đã tiếp nhận");
    const receipt = await page.request.get(`/api/v1/dossiers/${encodeURIComponent(dossierCode)}/receipt`);
    assert.equal(receipt.status(), 200);
    assert.equal(receipt.headers()["content-type"], "application/pdf");
    await assertAccessible(page, "counter: accepted");
    await s.screenshot("counter-official-accepted", { fullPage: true });
    assert.doesNotMatch(await page.locator("body").innerText(), RFC3339);
    await s.close();

    // The citizen, with no account, tracks it with the code (typed in any case) and their identity number.
    const c = await openSession(env.browser, env.url);
    await c.page.goto(`/#/track?code=${encodeURIComponent(dossierCode.toLowerCase())}`);
    await c.page.locator("#track-idNumber").fill("001088000123");
    await c.page.getByRole("button", { name: "Tra cứu", exact: true }).click();
    await eventually(async () => assert.match(await c.page.getByTestId("track-result").innerText(), /Đã tiếp nhận/));
    await c.close();
  });

  test("a dossier sent by post for a citizen with an account is theirs; the counter reads at 390 px", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url, { viewport: { width: 390, height: 844 } });
    const { page } = s;
    await signIn(page, env.dataDir, OFFICER);
    const { dossierCode } = await registerAtCounter(s, {
      search: "khai sinh",
      procedureName: "Đăng ký khai sinh",
      code: "1.001193",
      channel: "Qua bưu chính",
      idNumber: "001099012345",
      name: "Nguyễn Văn An",
      values: { child_full_name: "Nguyễn Văn Bưu", declarant_relationship: "Mẹ" },
    });
    await noSidewaysScroll(page, "counter documents");
    await uploadPdf(page, "birth_certificate", "Giay chung sinh (ban quet)");
    await submitAtCounter(s, "postal");
    await noSidewaysScroll(page, "counter dossier");
    assert.equal(await statusOf(page), "Mới đăng ký");
    assert.match(await page.getByTestId("dossier-channel").innerText(), /Qua bưu chính/);
    await s.screenshot("counter-postal-390", { fullPage: true });
    await s.close();

    const c = await openSession(env.browser, env.url);
    await signIn(c.page, env.dataDir, "001099012345");
    await c.page.goto("/#/dossiers");
    await c.page.getByRole("link", { name: new RegExp(dossierCode) }).click();
    await c.page.getByTestId("dossier-status").waitFor();
    assert.match(await c.page.getByTestId("dossier-channel").innerText(), /Qua bưu chính/);
    await c.close();
  });
});
