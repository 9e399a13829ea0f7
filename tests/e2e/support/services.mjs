// Steps the public-services journeys share: signing in as a demo account, filling a dossier
// form generated from the procedure's JSON Schema, attaching documents, officials' actions.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { makePdf } from "./pdf.mjs";
import { eventually } from "./wait.mjs";

export function demoAccount(dataDir, username) {
  const accounts = JSON.parse(readFileSync(path.join(dataDir, "demo-accounts.json"), "utf8"));
  const account = accounts.find((a) => a.username === username);
  assert.ok(account, `demo account ${username}`);
  return account;
}

// Signs in on the sign-in page (wherever it was opened from); the caller waits for the next page.
export async function fillSignIn(page, dataDir, username) {
  await page.getByRole("heading", { level: 1, name: "Đăng nhập" }).waitFor();
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(demoAccount(dataDir, username).password);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
}

export async function signIn(page, dataDir, username) {
  await page.goto("/#/sign-in");
  await fillSignIn(page, dataDir, username);
  await signedInLanding(page);
}

// After signing in without a page to return to, officials land on their queue and everyone else
// on the account page.
export async function signedInLanding(page) {
  await page.getByRole("heading", { level: 1, name: /^(Tài khoản của bạn|Xử lý hồ sơ|Your account|Dossier processing)$/ }).waitFor();
}

// Values that satisfy common patterns of Vietnamese forms; the first one that fits is used.
const TEXT_CANDIDATES = [
  "Nguyễn Văn Bình",
  "001099012345",
  "0912345678",
  "Số 1 phố Điện Biên Phủ, phường Ba Đình, Hà Nội",
  "Việt Nam",
  "Kinh",
  "Nam",
  "2025",
  "A",
];

function fits(prop, text) {
  const length = [...text].length;
  if (prop.minLength !== undefined && length < prop.minLength) return false;
  if (prop.maxLength !== undefined && length > prop.maxLength) return false;
  if (prop.pattern !== undefined && !new RegExp(prop.pattern, "u").test(text)) return false;
  return true;
}

function sampleValue(prop, dateValue) {
  if (prop.enum !== undefined) return String(prop.enum[0]);
  const type = Array.isArray(prop.type) ? prop.type.find((x) => x !== "null") : prop.type;
  if (type === "integer" || type === "number") return String(prop.minimum ?? 1);
  if (type === "boolean") return "true";
  if (prop.format === "date") return dateValue;
  if (prop.format === "email") return "nguyen.van.an@example.vn";
  if (prop.format === "vn-id-number") return "001099012345";
  return TEXT_CANDIDATES.find((c) => fits(prop, c)) ?? null;
}

const fieldId = (p) => `#dossier-form-${p.replace(/[^A-Za-z0-9_-]/g, "-")}`;

// Fills every field the schema has a fitting value for (all required ones, or fails); `values`
// gives members their own value by path ("members.0.relationship"). Lists (arrays) get the number
// of items `lists` asks for by path, at least their minimum when required.
export async function fillDossierForm(page, schema, { dateValue = "2025-06-01", values = {}, lists = {}, prefix = "" } = {}) {
  const required = new Set(schema.required ?? []);
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const p = prefix === "" ? name : `${prefix}.${name}`;
    if (prop.type === "object" || (prop.type === undefined && prop.properties !== undefined)) {
      await fillDossierForm(page, prop, { dateValue, values, lists, prefix: p });
      continue;
    }
    if (prop.type === "array") {
      const wanted = Math.max(lists[p] ?? 0, required.has(name) ? Math.max(1, prop.minItems ?? 1) : 0);
      const item = (prop.items?.title ?? prop.title ?? name).toLocaleLowerCase("vi");
      for (let i = 0; i < wanted; i += 1) {
        await page.getByRole("button", { name: `Thêm ${item}`, exact: true }).click();
        await fillDossierForm(page, prop.items, { dateValue, values, lists, prefix: `${p}.${i}` });
      }
      continue;
    }
    const value = values[p] ?? sampleValue(prop, dateValue);
    if (value === null) {
      assert.ok(!required.has(name), `no sample value fits required field ${p} (${JSON.stringify(prop)})`);
      continue;
    }
    const input = page.locator(fieldId(p));
    if (prop.enum !== undefined || prop.type === "boolean") await input.selectOption(value);
    else if (prop.format === "date") await fillDateField(page, fieldId(p), value);
    else await input.fill(value);
  }
}

export const formFieldSelector = fieldId;

// A date is three boxes (day, month, year); `value` is "YYYY-MM-DD".
export async function fillDateField(page, selector, value) {
  const [year, month, day] = value.split("-");
  await page.locator(selector).fill(day);
  await page.locator(`${selector}-month`).fill(month);
  await page.locator(`${selector}-year`).fill(year);
}

// Uploads a generated PDF into one component's slot (documents step) and waits for the server.
// Choosing the file uploads it.
export async function uploadPdf(page, componentId, text = `Sen test: ${componentId}`) {
  const slot = page.locator(`[data-testid="document-slot"][data-component="${componentId}"]`);
  const stored = page.waitForResponse(
    (r) => r.request().method() === "PUT" && r.url().endsWith(`/documents/${componentId}`),
  );
  await slot.locator('input[type="file"]').setInputFiles({
    name: `${componentId}.pdf`,
    mimeType: "application/pdf",
    buffer: makePdf(text),
  });
  assert.equal((await stored).status(), 200, `upload of ${componentId}`);
  await slot.getByTestId("attached").waitFor();
  await slot.getByTestId("chosen-file").waitFor({ state: "detached" });
}

// Attaches a generated PDF to every required component of the dossier.
export async function attachRequiredDocuments(page, procedure) {
  for (const component of procedure.components.filter((c) => c.required)) await uploadPdf(page, component.id);
}

// The first top-level member of the form that is an input (not a nested object), preferring required ones.
export function firstInputMember(schema) {
  const isInput = (name) => {
    const prop = schema.properties?.[name];
    return prop !== undefined && prop.type !== "object" && prop.properties === undefined;
  };
  return (schema.required ?? []).find(isInput) ?? Object.keys(schema.properties ?? {}).find(isInput);
}

export async function getProcedure(page, code) {
  const response = await page.request.get(`/api/v1/procedures/${encodeURIComponent(code)}`);
  assert.equal(response.status(), 200, `GET /procedures/${code}`);
  return response.json();
}

// From a signed-in applicant's new-dossier page to a submitted dossier; returns its code.
export async function submitDossier(page, { procedure: code, placeSearch, placeName, values = {}, lists = {} }) {
  const procedure = await getProcedure(page, code);
  await page.goto(`/#/dossiers/new/${code}`);
  await page.getByRole("heading", { level: 1, name: "Nộp hồ sơ trực tuyến" }).waitFor();
  await page.locator("#new-dossier-place-search").fill(placeSearch);
  await page.getByRole("link", { name: placeName, exact: true }).click();
  await eventually(async () => assert.match(await page.getByTestId("chosen-place").innerText(), new RegExp(placeName)));
  await fillDossierForm(page, procedure.form_schema, { values, lists });
  await page.getByRole("button", { name: "Lưu nháp và tiếp tục" }).click();
  await page.getByRole("heading", { level: 2, name: "Giấy tờ kèm theo" }).waitFor();
  const dossierCode = decodeURIComponent(/#\/dossiers\/([^/?]+)\/edit/.exec(page.url())?.[1] ?? "");
  assert.ok(dossierCode !== "", `dossier code in ${page.url()}`);
  await attachRequiredDocuments(page, procedure);
  await page.getByRole("link", { name: "Tiếp tục: xem lại hồ sơ" }).click();
  await page.getByRole("heading", { level: 2, name: "Xem lại hồ sơ trước khi nộp" }).waitFor();
  await page.getByLabel(/Tôi xin cam đoan/).check();
  await page.getByRole("button", { name: "Nộp hồ sơ", exact: true }).click();
  await page.getByTestId("confirmation-code").getByText(dossierCode).waitFor();
  return { code: dossierCode, procedure };
}

// Opens (or, when already there, reloads) an official's dossier page with fresh data.
export async function openOfficialDossier(page, code) {
  const hash = `#/workspace/dossiers/${encodeURIComponent(code)}`;
  if (page.url().endsWith(hash)) await page.reload();
  else await page.goto(`/${hash}`);
  await page.getByTestId("dossier-status").waitFor();
}

// An official opens a dossier from the address and carries out one action.
// `target`: the receiving agency of a transfer, found by typing `target.search` and chosen by its
// name; `beforeConfirm(page)` runs with the action's form open.
export async function act(page, code, action, { reason = "", target = null, beforeConfirm = null } = {}) {
  await openOfficialDossier(page, code);
  const actions = page.getByTestId("actions");
  await actions.getByRole("button", { name: action, exact: true }).click();
  if (reason !== "") await page.locator("#action-comment").fill(reason);
  if (target !== null) {
    await page.locator("#action-target").fill(target.search);
    await page.getByTestId("agency-matches").getByRole("button", { name: new RegExp(target.name) }).click();
    await page.getByTestId("agency-chosen").getByText(target.name).waitFor();
  }
  if (beforeConfirm !== null) await beforeConfirm(page);
  await actions.getByRole("button", { name: `Xác nhận: ${action}`, exact: true }).click();
  await eventually(async () => assert.match(await page.getByTestId("announcer").innerText(), new RegExp(`Đã thực hiện: ${action}`)));
  // Confirmed on screen too, not only to screen readers.
  await page.getByTestId("action-done").getByText(`Đã thực hiện: ${action}.`).waitFor();
}

// When the dossier page shows a fee to pay: checks the payment panel (VietQR image, reference),
// then plays the payment gateway (a callback signed with the shared HMAC secret) and waits for
// the e-receipt. `now`: the services clock, which the server compares the callback's time with.
export async function payIfDue(session, { baseUrl, secret, now = new Date(), shot = null }) {
  const { page } = session;
  if (!/^Chờ thanh toán/.test(await statusOf(page))) return false;
  const panel = page.getByTestId("payment");
  const qr = panel.getByRole("img", { name: /Mã VietQR/ });
  await qr.waitFor();
  await eventually(async () => assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), "QR image loads"));
  const reference = (await panel.getByTestId("payment-reference").innerText()).trim();
  const code = decodeURIComponent(/#\/dossiers\/([^/?]+)/.exec(page.url())?.[1] ?? "");
  const dossier = await (await page.request.get(`/api/v1/dossiers/${encodeURIComponent(code)}`)).json();
  assert.equal(dossier.payment.reference, reference);
  if (shot !== null) await session.screenshot(shot, { fullPage: true });
  const body = JSON.stringify({
    reference,
    amount_vnd: dossier.payment.amount_vnd,
    transaction_id: `e2e-${code}-${Date.now()}`,
    paid_at: vietnamTime(now),
  });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const signature = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  const answer = await fetch(`${baseUrl}/api/v1/payments/callback`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Sen-Timestamp": timestamp, "X-Sen-Signature": signature },
    body,
  });
  assert.ok(answer.ok, `payment callback: ${answer.status} ${await answer.text()}`);
  await page.reload();
  await panel.getByRole("link", { name: "Tải biên lai điện tử (PDF)" }).waitFor();
  assert.equal(await statusOf(page), "Mới đăng ký");
  return true;
}

export const statusOf = async (page) => (await page.getByTestId("dossier-status").getByTestId("status").innerText()).trim();

// RFC 3339 in Vietnam's offset (+07:00), as the server writes times.
export function vietnamTime(date) {
  const shifted = new Date(date.getTime() + 7 * 3600 * 1000);
  return `${shifted.toISOString().slice(0, 19)}+07:00`;
}
