// Journeys of the public services: a birth registration from the catalogue to a signed result
// (checked by pdfsig and on the verification page), a supplement round-trip, and an overdue
// dossier in the officials' queue. One server for the file, started with a clock file so the
// last journey can move time forward (it runs last).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { assertAccessible } from "./support/a11y.mjs";
import { skipReason } from "./support/paths.mjs";
import { pdfText, tamper } from "./support/pdf.mjs";
import { pdfsig } from "./support/pdfsig.mjs";
import {
  act,
  attachRequiredDocuments,
  fillDateField,
  fillDossierForm,
  fillSignIn,
  firstInputMember,
  formFieldSelector,
  getProcedure,
  openOfficialDossier,
  payIfDue,
  signIn,
  statusOf,
  submitDossier,
  uploadPdf,
  vietnamTime,
} from "./support/services.mjs";
import { openSession } from "./support/session.mjs";
import { useServerAndBrowser } from "./support/suite.mjs";
import { eventually } from "./support/wait.mjs";

const TIMEOUT = { timeout: 300_000 };

// Deliberate failures the browser logs as console errors ("Failed to load resource ... (url)").
const REJECTED = (status, endpoint) =>
  new RegExp(`status of ${status} .*\\(http://127\\.0\\.0\\.1:\\d+/api/v1/${endpoint}\\)$`);
const NO_PROVIDERS = REJECTED(404, "auth/providers");

const CITIZEN = "001099012345";
const RECEIVING = "tiepnhan.badinh";
const POLICE_RECEIVING = "tiepnhan.congan.badinh";
const PROCESSING = "xuly.badinh";
const LEADER = "lanhdao.badinh";
const BIRTH = "1.001193";
const RESIDENCE = "1.004194";
const BA_DINH = { placeSearch: "ba dinh", placeName: "Phường Ba Đình" };
// Realistic answers where the generic samples would read oddly (members the pack's forms have).
const BIRTH_FORM = {
  child_full_name: "Nguyễn Minh Khang",
  birth_place: "Bệnh viện Phụ sản Hà Nội, 929 đường La Thành, phường Giảng Võ, Hà Nội",
  ethnicity: "Kinh",
  nationality: "Việt Nam",
  hometown: "Xã Phù Đổng, Hà Nội",
  mother_full_name: "Trần Thị Mai",
  father_full_name: "Nguyễn Văn An",
};
const isoDate = (date) => vietnamTime(date).slice(0, 10);

const PAYMENT_SECRET = "sen-e2e-payment-secret";
const announced = (page) => page.getByTestId("announcer").innerText();

// The services clock (the file holds "now" for the server): the start time for the first
// journeys, moved by the overdue journey.
const clockDir = mkdtempSync(path.join(tmpdir(), "sen-clock-"));
const clockFile = path.join(clockDir, "now");
let clock = new Date();
const setClock = (date) => {
  clock = date;
  writeFileSync(clockFile, `${vietnamTime(date)}\n`);
};
setClock(clock);
after(() => rmSync(clockDir, { recursive: true, force: true }));

describe("public services", { skip: skipReason() ?? false }, () => {
  const env = useServerAndBrowser({
    serverEnv: { SEN_SERVICES_CLOCK_FILE: clockFile, SEN_SERVICES_PAYMENT_HMAC_SECRET: PAYMENT_SECRET },
  });
  const pay = (session, shot = null) =>
    payIfDue(session, { baseUrl: env.url, secret: PAYMENT_SECRET, now: clock, shot });

  async function officer(username, options = {}) {
    const s = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS, ...(options.allowConsole ?? [])] });
    await signIn(s.page, env.dataDir, username);
    return s;
  }

  test("birth registration: catalogue to signed result, checked by pdfsig and the verify page", TIMEOUT, async () => {
    const citizen = await openSession(env.browser, env.url, {
      allowConsole: [NO_PROVIDERS, REJECTED("4\\d\\d", "dossiers/[^/]+/documents/[^)]+"), REJECTED(400, "dossiers/[^/]+/form")],
    });
    const { page } = citizen;

    // Catalogue: the search works without diacritics.
    await page.goto("/#/procedures");
    await page.getByRole("heading", { level: 1, name: "Thủ tục hành chính" }).waitFor();
    await page.getByLabel("Tìm thủ tục").fill("khai sinh");
    const card = page.getByTestId("procedure").filter({ hasText: `Mã ${BIRTH}` });
    await card.waitFor();
    assert.match(await card.innerText(), /Cấp xã/);
    assert.match(await card.innerText(), /Trực tuyến:/);
    await eventually(async () => assert.match(page.url(), /#\/procedures\?q=khai\+sinh/));
    await citizen.screenshot("services-catalogue", { fullPage: true });
    await assertAccessible(page, "procedure catalogue");

    // Detail: requirements, channels (time limits in words), legal basis.
    await card.getByRole("link").first().click();
    await page.getByRole("heading", { level: 2, name: "Thành phần hồ sơ" }).waitFor();
    await page.getByTestId("components").waitFor();
    const channels = await page.getByTestId("channels").innerText();
    assert.match(channels, /ngày làm việc|Trong ngày/);
    assert.match(channels, /Miễn phí|đồng/);
    await citizen.screenshot("services-procedure", { fullPage: true });
    await assertAccessible(page, "procedure detail");

    // Applying needs a sign-in, which comes back to the new dossier.
    await page.getByRole("link", { name: "Nộp hồ sơ trực tuyến" }).click();
    await eventually(async () => assert.match(page.url(), /#\/sign-in\?next=/));
    await page.getByText("Vui lòng đăng nhập để tiếp tục.").waitFor();
    await fillSignIn(page, env.dataDir, CITIZEN);
    await page.getByRole("heading", { level: 1, name: "Nộp hồ sơ trực tuyến" }).waitFor();
    assert.match(page.url(), new RegExp(`#/dossiers/new/${BIRTH.replace(".", "\\.")}$`));

    // Checked in the browser first: no place, empty required fields.
    const procedure = await getProcedure(page, BIRTH);
    await page.getByRole("button", { name: "Lưu nháp và tiếp tục" }).click();
    const summary = page.getByTestId("error-summary");
    await summary.getByText("Chọn nơi nộp hồ sơ").waitFor();
    const first = firstInputMember(procedure.form_schema);
    assert.ok(first, "the form has an input");
    if ((procedure.form_schema.required ?? []).includes(first)) {
      assert.equal(await page.locator(formFieldSelector(first)).getAttribute("aria-invalid"), "true");
    }
    await citizen.screenshot("services-wizard-errors", { fullPage: true });
    await assertAccessible(page, "wizard with errors");

    await page.locator("#new-dossier-place-search").fill(BA_DINH.placeSearch);
    await page.getByRole("link", { name: BA_DINH.placeName, exact: true }).click();
    await eventually(async () => assert.match(page.url(), /place=00004/));
    // Nationality comes preselected from the official list; ethnic groups are the official 54.
    assert.equal(await page.locator(formFieldSelector("nationality")).inputValue(), "Việt Nam");
    const ethnicGroups = await page.locator(`${formFieldSelector("ethnicity")} option`).allInnerTexts();
    assert.ok(ethnicGroups.includes("Kinh") && ethnicGroups.includes("Ê-đê") && ethnicGroups.length >= 55, ethnicGroups.join());
    await fillDossierForm(page, procedure.form_schema, { values: BIRTH_FORM });
    // A date is three boxes; a day that does not exist is named in the summary, which links to the day box.
    await fillDateField(page, formFieldSelector("child_birth_date"), "2025-02-31");
    await page.getByLabel("Thư điện tử liên hệ").fill("nguyen.van.an@example.vn");
    await page.getByRole("button", { name: "Lưu nháp và tiếp tục" }).click();
    await page.getByTestId("error-summary").getByRole("link", { name: "Ngày, tháng, năm sinh phải là một ngày có thật, đủ ngày, tháng và năm" }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), formFieldSelector("child_birth_date").slice(1));
    await fillDateField(page, formFieldSelector("child_birth_date"), "2025-06-01");
    await citizen.screenshot("services-wizard-form", { fullPage: true });
    await page.getByRole("button", { name: "Lưu nháp và tiếp tục" }).click();
    await page.getByRole("heading", { level: 2, name: "Giấy tờ kèm theo" }).waitFor();
    const code = decodeURIComponent(/#\/dossiers\/([^/?]+)\/edit\?step=documents/.exec(page.url())?.[1] ?? "");
    assert.match(code, /^UBND-00004-\d{6}-\d{4}$/);

    // The server's verdict on a form member is shown next to that input (faked once here).
    await page.getByRole("link", { name: /Nơi nộp và tờ khai/ }).click();
    await page.route("**/api/v1/dossiers/*/form", (route) =>
      route.fulfill({
        status: 400,
        contentType: "application/problem+json",
        json: { status: 400, code: "invalid_argument", field: `form.${first}`, detail: "not accepted by the registry" },
      }),
    );
    await page.getByRole("button", { name: "Lưu và tiếp tục" }).click();
    await page.locator(`${formFieldSelector(first)}-error`).getByText(/not accepted by the registry/).waitFor();
    await page.unroute("**/api/v1/dossiers/*/form");
    await page.getByRole("button", { name: "Lưu và tiếp tục" }).click();
    await page.getByRole("heading", { level: 2, name: "Giấy tờ kèm theo" }).waitFor();

    // A file whose content is not what its name says is refused as soon as it is chosen, with the
    // server's reason; the chosen file stays shown and the step cannot be left while it is.
    const required = procedure.components.find((c) => c.required);
    assert.ok(required, "the procedure has a required component");
    const slot = page.locator(`[data-testid="document-slot"][data-component="${required.id}"]`);
    await slot.locator('input[type="file"]').setInputFiles({
      name: "giay-chung-sinh.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("This is plain text pretending to be a PDF.\n"),
    });
    await page.locator(`#document-${required.id}-file-error`).waitFor();
    assert.match(await slot.getByTestId("chosen-file").innerText(), /“giay-chung-sinh\.pdf” \(\d+ byte\) chưa được lưu/);
    await page.getByRole("link", { name: "Tiếp tục: xem lại hồ sơ" }).click();
    const pendingSummary = page.getByTestId("error-summary");
    await pendingSummary.getByRole("link", { name: /giay-chung-sinh\.pdf.*chưa tải lên được/ }).waitFor();
    assert.match(page.url(), /\/edit\?step=documents|\/edit$/, "still on the documents step");
    await citizen.screenshot("services-wizard-upload-refused", { fullPage: true });
    await assertAccessible(page, "wizard documents, a refused upload");
    await pendingSummary.getByRole("link", { name: /giay-chung-sinh\.pdf/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), `document-${required.id}-file`);
    await slot.getByRole("button", { name: /^Bỏ tệp này/ }).click();
    await slot.getByTestId("chosen-file").waitFor({ state: "detached" });
    await attachRequiredDocuments(page, procedure);
    await citizen.screenshot("services-wizard-documents", { fullPage: true });
    await assertAccessible(page, "wizard documents");

    await page.getByRole("link", { name: "Tiếp tục: xem lại hồ sơ" }).click();
    await page.getByRole("heading", { level: 2, name: "Xem lại hồ sơ trước khi nộp" }).waitFor();
    await page.getByTestId("form-data").waitFor();
    await citizen.screenshot("services-wizard-review", { fullPage: true });
    await assertAccessible(page, "wizard review");

    // Check your answers: each row's "Thay đổi" goes back to its input, focused; the change shows.
    const nameRow = page.getByTestId("form-data").locator(".details__row", { hasText: BIRTH_FORM.child_full_name });
    await nameRow.getByRole("link", { name: /^Thay đổi/ }).click();
    await page.getByRole("heading", { level: 2, name: "Tờ khai" }).waitFor();
    const focusedId = await page.evaluate(() => document.activeElement?.id ?? "");
    assert.equal(focusedId, formFieldSelector("child_full_name").slice(1), "the changed answer's input is focused");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Nguyễn Minh Khôi");
    await page.getByRole("button", { name: "Lưu và tiếp tục" }).click();
    await page.getByRole("heading", { level: 2, name: "Giấy tờ kèm theo" }).waitFor();
    await page.getByRole("link", { name: "Tiếp tục: xem lại hồ sơ" }).click();
    await page.getByTestId("form-data").getByText("Nguyễn Minh Khôi").waitFor();

    // The declaration comes first: submitting without it is refused, with the summary at the top.
    await page.getByRole("button", { name: "Nộp hồ sơ", exact: true }).click();
    await page.getByTestId("error-summary").getByRole("link", { name: "Đánh dấu lời cam đoan trước khi nộp hồ sơ" }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "applicant-declaration");
    await citizen.screenshot("services-check-your-answers", { fullPage: true });
    await page.getByLabel(/Tôi xin cam đoan/).check();
    await page.getByRole("button", { name: "Nộp hồ sơ", exact: true }).click();
    const confirmation = page.getByTestId("confirmation");
    await confirmation.getByRole("heading", { name: "Đã nộp hồ sơ" }).waitFor();
    assert.equal(await confirmation.getByTestId("confirmation-code").innerText(), code);
    assert.match(await confirmation.innerText(), /Điều gì xảy ra tiếp theo[\s\S]*Thời hạn giải quyết|Điều gì xảy ra tiếp theo[\s\S]*Hẹn trả kết quả/);
    await confirmation.getByRole("link", { name: "Tải giấy tiếp nhận (PDF)" }).waitFor();
    await citizen.screenshot("services-confirmation", { fullPage: true });
    await assertAccessible(page, "confirmation");
    await pay(citizen);
    assert.equal(await statusOf(page), "Mới đăng ký");
    const receipt = await page.request.get(`/api/v1/dossiers/${code}/receipt`);
    assert.equal(receipt.status(), 200);
    assert.match(receipt.headers()["content-type"] ?? "", /application\/pdf/);
    await page.getByRole("link", { name: "Tải giấy tiếp nhận (PDF)" }).last().waitFor();
    await citizen.screenshot("services-dossier-submitted", { fullPage: true });
    await assertAccessible(page, "dossier submitted");

    // Receiving officer: the queue, then accept. A second, stale tab learns someone acted first.
    const receiving = await officer(RECEIVING, { allowConsole: [REJECTED(409, "dossiers/[^/]+/actions")] });
    await receiving.page.goto("/#/workspace");
    const row = receiving.page.getByTestId("queue-row").filter({ hasText: code });
    await row.waitFor();
    await receiving.screenshot("services-workspace-queue", { fullPage: true });
    await assertAccessible(receiving.page, "workspace queue");
    await row.getByRole("link", { name: code }).click();
    await receiving.page.getByTestId("actions").waitFor();
    const stale = await receiving.context.newPage();
    await stale.goto(`/#/workspace/dossiers/${code}`);
    await stale.getByTestId("actions").getByRole("button", { name: "Tiếp nhận", exact: true }).waitFor();
    // The papers are read in the page, before the decision, which comes last.
    const papers = receiving.page.getByTestId("document-preview");
    await eventually(async () => assert.equal(await papers.first().getAttribute("data-kind"), "pdf"));
    const order = await receiving.page.evaluate(() =>
      ["official-form-heading", "official-documents-heading", "actions-heading"].map((id) =>
        document.getElementById(id).getBoundingClientRect().top),
    );
    assert.ok(order[0] < order[1] && order[1] < order[2], `form, papers, then the decision: ${order}`);
    await receiving.screenshot("services-officer-dossier", { fullPage: true });
    await assertAccessible(receiving.page, "official dossier");
    await act(receiving.page, code, "Tiếp nhận");
    assert.match(await statusOf(receiving.page), /^Đã tiếp nhận$/);
    await stale.getByTestId("actions").getByRole("button", { name: "Tiếp nhận", exact: true }).click();
    await stale.getByRole("button", { name: "Xác nhận: Tiếp nhận", exact: true }).click();
    await stale.getByTestId("conflict").getByText(/người khác xử lý trước bạn/).waitFor();
    await stale.getByRole("button", { name: "Tải lại hồ sơ" }).click();
    await eventually(async () => assert.match(await statusOf(stale), /^Đã tiếp nhận/));
    await stale.close();

    const processing = await officer(PROCESSING);
    await act(processing.page, code, "Chuyển bước tiếp");
    const leader = await officer(LEADER);
    // The leader reads the result before signing it: the unsigned preview, in the page.
    await act(leader.page, code, "Phê duyệt và ký số", {
      beforeConfirm: async (p) => {
        const preview = p.getByTestId("result-preview");
        await preview.getByRole("heading", { name: "Xem trước kết quả sẽ ký" }).waitFor();
        await eventually(async () => assert.equal(await preview.locator(".file-preview").getAttribute("data-kind"), "pdf"));
        const frame = preview.locator("iframe");
        assert.equal(await frame.getAttribute("title"), `Bản xem trước kết quả hồ sơ ${code}`);
        await eventually(async () =>
          assert.ok(p.frames().some((f) => /\/result-preview\?disposition=inline$/.test(f.url())), "the preview is framed"),
        );
        const unsigned = await p.request.get(`/api/v1/dossiers/${encodeURIComponent(code)}/result-preview`);
        assert.equal(unsigned.status(), 200);
        const text = await pdfText(await unsigned.body());
        assert.match(text, /GIẤY KHAI SINH/);
        assert.match(text, /BẢN XEM TRƯỚC – CHƯA KÝ SỐ/);
        assert.match(text, /Nguyễn Minh Khôi/);
        assert.match(text, /01\/06\/2025/, "the birth date as people write it");
        assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/);
        // The browser's PDF viewer draws a moment after the frame loads; the picture waits for it.
        await frame.scrollIntoViewIfNeeded();
        await p.waitForTimeout(2000);
        await leader.screenshot("workspace-result-preview");
        await assertAccessible(p, "approve with the result preview");
      },
    });
    assert.match(await statusOf(leader.page), /^Đã có kết quả$/);
    await act(receiving.page, code, "Trả kết quả");
    assert.match(await statusOf(receiving.page), /^Đã trả kết quả$/);
    const sheet = await receiving.page.getByTestId("control-sheet").innerText();
    for (const step of ["Tiếp nhận hồ sơ", "Chuyển bước xử lý tiếp theo", "Phê duyệt và ký số kết quả", "Trả kết quả"]) {
      assert.match(sheet, new RegExp(step));
    }
    await receiving.screenshot("services-officer-returned", { fullPage: true });
    await assertAccessible(receiving.page, "official dossier (returned)");

    // Citizen: the result, downloaded; a rating of 5.
    await page.reload();
    await page.getByTestId("result").waitFor();
    assert.match(await statusOf(page), /^Đã trả kết quả$/);
    const download = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải kết quả (PDF có chữ ký số)" }).click(),
    ]).then(([d]) => d);
    const workDir = mkdtempSync(path.join(tmpdir(), "sen-result-"));
    const resultFile = path.join(workDir, "ket-qua.pdf");
    await download.saveAs(resultFile);
    assert.equal(readFileSync(resultFile).subarray(0, 5).toString("latin1"), "%PDF-");
    await page.getByLabel("5 sao – Rất hài lòng").check();
    await page.getByLabel("Góp ý (không bắt buộc)").fill("Nhanh, đúng hẹn.");
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    await page.getByTestId("rating-given").getByText("Bạn đã đánh giá 5 trên 5 sao.").waitFor();
    await eventually(async () => assert.match(await announced(page), /Cảm ơn bạn đã đánh giá/));
    await page.getByTestId("timeline").getByText("Trả kết quả").first().waitFor();
    await citizen.screenshot("services-dossier-returned", { fullPage: true });
    await assertAccessible(page, "dossier returned");

    // pdfsig, trusting only the platform CA.
    const ca = await page.request.get("/api/v1/pki/ca.pem");
    assert.equal(ca.status(), 200);
    const report = pdfsig(resultFile, await ca.text());
    assert.match(report, /Signature is Valid/, report);
    assert.match(report, /Certificate is Trusted/, report);

    // The verification page: the result as downloaded, then a byte-tampered copy.
    citizen.allowConsole(REJECTED("4\\d\\d", "verify"));
    await page.getByRole("link", { name: "Kiểm tra chữ ký" }).click();
    await page.getByRole("heading", { level: 1, name: "Xác thực giấy tờ điện tử" }).waitFor();
    await page.getByLabel("Tệp PDF cần kiểm tra").setInputFiles(resultFile);
    await page.getByRole("button", { name: "Kiểm tra", exact: true }).click();
    const verdict = page.getByTestId("verification");
    await verdict.getByRole("heading", { name: /Hợp lệ/ }).waitFor();
    assert.equal(await verdict.getAttribute("data-verdict"), "valid");
    assert.match(await verdict.innerText(), new RegExp(code));
    await citizen.screenshot("services-verify-valid", { fullPage: true });
    await assertAccessible(page, "verify (valid)");

    const tamperedFile = path.join(workDir, "ket-qua-sua.pdf");
    writeFileSync(tamperedFile, tamper(readFileSync(resultFile)));
    await page.getByLabel("Tệp PDF cần kiểm tra").setInputFiles(tamperedFile);
    await page.getByRole("button", { name: "Kiểm tra", exact: true }).click();
    await eventually(async () => {
      const text = await page.locator("main").innerText();
      assert.match(text, /Không hợp lệ|Không kiểm tra được tệp này/);
    });
    if ((await verdict.count()) > 0) {
      assert.match(await verdict.getByRole("heading").innerText(), /Không hợp lệ — tài liệu đã bị thay đổi/);
      assert.equal(await verdict.getAttribute("data-verdict"), "altered");
    }
    await citizen.screenshot("services-verify-altered", { fullPage: true });
    await assertAccessible(page, "verify (altered)");
    rmSync(workDir, { recursive: true, force: true });

    // English labels for statuses.
    await page.goto(`/#/dossiers/${code}`);
    await page.getByRole("button", { name: "English" }).click();
    await eventually(async () => assert.match(await statusOf(page), /^Result returned$/));
    await page.getByRole("button", { name: "Tiếng Việt" }).click();

    for (const s of [leader, processing, receiving, citizen]) await s.close();
  });

  test("supplement: the officer asks for more, the citizen re-uploads and resubmits", TIMEOUT, async () => {
    const citizen = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS] });
    const { page } = citizen;
    await signIn(page, env.dataDir, CITIZEN);
    const { code, procedure } = await submitDossier(page, { procedure: BIRTH, ...BA_DINH, values: BIRTH_FORM });
    await pay(citizen);

    const receiving = await officer(RECEIVING);
    await openOfficialDossier(receiving.page, code);
    const actions = receiving.page.getByTestId("actions");
    await actions.getByRole("button", { name: "Yêu cầu bổ sung", exact: true }).click();
    await actions.getByRole("button", { name: "Xác nhận: Yêu cầu bổ sung", exact: true }).click();
    await actions.getByTestId("error-summary").getByText("Nhập lý do").waitFor();
    await receiving.screenshot("services-officer-reason-missing", { fullPage: true });
    await assertAccessible(receiving.page, "action form with error");
    const reason = "Bản chụp giấy chứng sinh bị mờ, đề nghị chụp lại rõ nét.";
    await act(receiving.page, code, "Yêu cầu bổ sung", { reason });
    assert.match(await statusOf(receiving.page), /^Yêu cầu bổ sung hồ sơ$/);
    // On a phone the control sheet scrolls inside its region: the page never scrolls sideways.
    await receiving.page.setViewportSize({ width: 390, height: 844 });
    await openOfficialDossier(receiving.page, code);
    await receiving.page.getByTestId("control-sheet-export").waitFor();
    assert.equal(await receiving.page.evaluate(() => document.documentElement.scrollWidth), 390, "no sideways scroll at 390px");
    await receiving.screenshot("services-officer-dossier-390", { fullPage: true });
    await receiving.page.setViewportSize({ width: 1280, height: 900 });

    // The citizen sees the request and its reason; the bell counts it.
    await page.goto(`/#/dossiers/${code}`);
    await page.reload();
    const request = page.getByTestId("supplement-request");
    await request.getByText(reason).waitFor();
    await eventually(async () => assert.ok(Number(await page.getByTestId("bell-count").locator("[aria-hidden]").innerText()) >= 1));
    await citizen.screenshot("services-dossier-supplement", { fullPage: true });
    await assertAccessible(page, "dossier awaiting supplement");

    await page.getByTestId("bell").click();
    await page.getByRole("heading", { level: 1, name: "Thông báo" }).waitFor();
    const note = page.getByTestId("notification").filter({ hasText: code }).first();
    await note.waitFor();
    await citizen.screenshot("services-notifications", { fullPage: true });
    await assertAccessible(page, "notifications");
    await note.getByRole("button", { name: /^Đánh dấu đã đọc/ }).click();
    await eventually(async () => assert.match(await announced(page), /Đã đánh dấu đã đọc/));

    // Re-upload and resubmit.
    await page.goto(`/#/dossiers/${code}`);
    await request.getByRole("link", { name: "Bổ sung hồ sơ" }).click();
    await page.getByRole("heading", { level: 2, name: "Tờ khai" }).waitFor();
    await page.getByRole("link", { name: /Giấy tờ kèm theo/ }).click();
    await page.getByRole("heading", { level: 2, name: "Giấy tờ kèm theo" }).waitFor();
    const required = procedure.components.find((c) => c.required);
    await uploadPdf(page, required.id, "Sen test: clearer copy");
    await page.getByRole("link", { name: "Tiếp tục: xem lại hồ sơ" }).click();
    await page.getByLabel(/Tôi xin cam đoan/).check();
    await page.getByRole("button", { name: "Nộp bổ sung", exact: true }).click();
    await page.getByTestId("confirmation-code").getByText(code).waitFor();
    assert.doesNotMatch(await statusOf(page), /Yêu cầu bổ sung/);
    const timeline = await page.getByTestId("timeline").innerText();
    assert.match(timeline, /tạm dừng tính thời hạn/);
    assert.match(timeline, /tiếp tục tính thời hạn/);

    // Back in the officer's queue, with both events on the control sheet.
    await receiving.page.goto("/#/workspace");
    await receiving.page.getByTestId("queue-row").filter({ hasText: code }).waitFor();
    await openOfficialDossier(receiving.page, code);
    const sheet = await receiving.page.getByTestId("control-sheet").innerText();
    assert.match(sheet, /Yêu cầu bổ sung hồ sơ – tạm dừng tính thời hạn/);
    assert.match(sheet, /Nộp bổ sung hồ sơ – tiếp tục tính thời hạn/);
    assert.match(sheet, new RegExp(reason.slice(0, 20)));
    await receiving.screenshot("services-officer-resubmitted", { fullPage: true });

    // Accepted, then transferred to another commune's People's Committee, found by its name
    // typed without accents; it leaves the processing officer's reach, which the page says.
    await act(receiving.page, code, "Tiếp nhận");
    const processing = await officer(PROCESSING);
    await act(processing.page, code, "Chuyển cơ quan khác", {
      reason: "Người nộp cư trú tại phường Sài Gòn.",
      target: { search: "sai gon", name: "Ủy ban nhân dân Phường Sài Gòn" },
    });
    await processing.page.getByTestId("action-done").getByText(/đã chuyển đến Ủy ban nhân dân Phường Sài Gòn/).waitFor();
    await processing.screenshot("services-officer-transferred", { fullPage: true });
    await assertAccessible(processing.page, "dossier transferred away");
    const saigon = await officer("tiepnhan.saigon");
    await saigon.page.goto("/#/workspace?scope=all");
    await saigon.page.getByTestId("queue-row").filter({ hasText: code }).waitFor();
    await openOfficialDossier(saigon.page, code);
    assert.match(await saigon.page.getByTestId("control-sheet").innerText(), /Người nộp cư trú tại phường Sài Gòn/);
    await saigon.close();
    await processing.close();

    await receiving.close();
    await citizen.close();
  });

  test("overdue: a dossier past its working-day limit is flagged in the queue and on its page", TIMEOUT, async () => {
    // Monday 09:00 in Vietnam (a working day), then ten days later.
    const start = new Date();
    start.setUTCDate(start.getUTCDate() + ((8 - start.getUTCDay()) % 7 || 7));
    start.setUTCHours(2, 0, 0, 0);
    setClock(start);

    const citizen = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS] });
    await signIn(citizen.page, env.dataDir, CITIZEN);
    const procedure = await getProcedure(citizen.page, RESIDENCE);
    assert.ok(
      procedure.channels.some((c) => c.time_limit.unit === "working_days"),
      "temporary residence has a working-day limit",
    );
    const { code } = await submitDossier(citizen.page, {
      procedure: RESIDENCE,
      ...BA_DINH,
      values: {
        full_name: "Nguyễn Văn An",
        temporary_address: "Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội",
        stay_until: isoDate(new Date(start.getTime() + 180 * 24 * 3600 * 1000)),
        "members.0.full_name": "Nguyễn Minh Khang",
        "members.0.relationship": "Con",
      },
      // One household member: the form's list of objects.
      lists: { members: 1 },
    });
    await pay(citizen, "services-dossier-payment");
    // Residence registration goes to the commune police, not the People's Committee.
    const receiving = await officer(POLICE_RECEIVING);
    await act(receiving.page, code, "Tiếp nhận");
    await receiving.page.getByTestId("dossier-due").waitFor();
    assert.doesNotMatch(await receiving.page.getByTestId("dossier-due").innerText(), /Quá hạn/);

    setClock(new Date(start.getTime() + 10 * 24 * 3600 * 1000));
    await receiving.page.goto("/#/workspace?scope=all");
    const row = receiving.page.getByTestId("queue-row").filter({ hasText: code });
    await row.waitFor();
    await row.getByTestId("overdue").getByText("Quá hạn").waitFor();
    assert.match((await row.getAttribute("class")) ?? "", /data-table__row--overdue/);
    await receiving.screenshot("services-workspace-overdue", { fullPage: true });
    await assertAccessible(receiving.page, "workspace queue (overdue)");
    // The queue's filters: overdue only, then a search by code; counts per status head the list.
    await receiving.page.getByTestId("queue-counts").waitFor();
    await receiving.page.getByRole("radio", { name: "Quá hạn" }).check();
    await receiving.page.waitForURL(/due=overdue/);
    await receiving.page.getByTestId("queue-row").filter({ hasText: code }).waitFor();
    for (const other of await receiving.page.getByTestId("queue-row").all()) {
      await other.getByTestId("overdue").getByText("Quá hạn").waitFor();
    }
    await receiving.page.getByLabel("Tìm theo mã hồ sơ hoặc tên người nộp").fill(code);
    await receiving.page.waitForURL(new RegExp(`q=${encodeURIComponent(code)}`));
    await receiving.page.getByTestId("queue-count").getByText("Đang hiện 1 hồ sơ khớp bộ lọc").waitFor();
    // The search is debounced: a later keystroke's answer may replace the rows once more.
    await eventually(async () => assert.equal(await receiving.page.getByTestId("queue-row").count(), 1));
    await receiving.screenshot("services-workspace-filtered", { fullPage: true });
    await assertAccessible(receiving.page, "workspace queue (filtered)");
    await openOfficialDossier(receiving.page, code);
    await receiving.page.getByTestId("dossier-due").getByText("Quá hạn").waitFor();
    assert.match(await receiving.page.getByTestId("form-data").innerText(), /Thành viên 1[^\n]*Quan hệ với người kê khai\s+Con/);

    await citizen.page.reload();
    await citizen.page.getByTestId("dossier-due").getByText("Quá hạn").waitFor();
    await citizen.page.goto("/#/dossiers");
    await citizen.page.getByTestId("my-dossiers").getByRole("row").filter({ hasText: code }).getByText("Quá hạn").waitFor();
    await citizen.screenshot("services-my-dossiers-overdue", { fullPage: true });
    await assertAccessible(citizen.page, "my dossiers");

    await receiving.close();
    await citizen.close();
  });

  test("tracking by code and identification number, prefilled from the receipt's link", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url, { allowConsole: [REJECTED(404, "track\\?[^)]*")] });
    const { page } = s;
    await page.goto("/#/track?code=UBND-00004-000000-0000");
    await page.getByRole("heading", { level: 1, name: "Tra cứu hồ sơ" }).waitFor();
    assert.equal(await page.getByLabel("Mã hồ sơ").inputValue(), "UBND-00004-000000-0000");
    await page.getByLabel("Số định danh cá nhân").fill(CITIZEN);
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await page.getByTestId("error-summary").getByText(/Không tìm thấy hồ sơ khớp/).waitFor();
    await assertAccessible(page, "track (not found)");

    // A real one: the citizen's dossiers from the journeys above.
    const list = await openSession(env.browser, env.url, { allowConsole: [NO_PROVIDERS] });
    await signIn(list.page, env.dataDir, CITIZEN);
    const mine = await (await list.page.request.get("/api/v1/dossiers")).json();
    await list.close();
    const submitted = mine.items.find((d) => d.status !== "draft");
    assert.ok(submitted, "the citizen has a submitted dossier");
    await page.goto(`/#/track?code=${encodeURIComponent(submitted.code)}`);
    await page.getByLabel("Số định danh cá nhân").fill(CITIZEN);
    await page.getByRole("button", { name: "Tra cứu" }).click();
    const result = page.getByTestId("track-result");
    await result.getByTestId("timeline").waitFor();
    assert.match(await result.innerText(), new RegExp(submitted.code));
    await s.screenshot("services-track", { fullPage: true });
    await assertAccessible(page, "track (found)");
    await s.close();
  });
});
