// The web queue of an agency holding 10,000 dossiers: an officer pages through every one with
// "Xem thêm" (no duplicate, none missing, the count in the header agrees), and downloads the whole
// filtered list as XLSX, which another program (ExcelJS) reads back row for row.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { startSen } from "../support/sen_server.mjs";
import { demoTokens } from "../support/demo_tokens.mjs";
import { seedDossiers } from "../support/seed_dossiers.mjs";
import { readWorkbook, sheetRows } from "../support/spreadsheets.mjs";
import { launchBrowser } from "./support/browser.mjs";
import { skipReason } from "./support/paths.mjs";
import { signIn } from "./support/services.mjs";
import { openSession } from "./support/session.mjs";
import { eventually } from "./support/wait.mjs";

const DOSSIERS = Number(process.env.SEN_QUEUE_TEST_DOSSIERS ?? 10_000);
const RECEIVING = "tiepnhan.badinh";

describe("an agency's web queue with 10,000 dossiers", { skip: skipReason() ?? false, timeout: 600_000 }, () => {
  let dataDir, server, browser;
  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "sen-queue-"));
    // The demo's accounts, then the dossiers written into the stopped server's database.
    const demo = await startSen({ dataDir });
    const accounts = JSON.parse(readFileSync(path.join(dataDir, "demo-accounts.json"), "utf8"));
    const token = await demoTokens(() => demo.url, () => accounts)("001099012345");
    const me = await (await fetch(`${demo.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json();
    await demo.stop();
    seedDossiers({ dataDir, count: DOSSIERS, local: DOSSIERS, applicantId: me.id });
    server = await startSen({ command: "serve", dataDir });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("the officer pages through every dossier and downloads the list", async () => {
    const s = await openSession(browser, server.url);
    const { page } = s;
    await signIn(page, dataDir, RECEIVING);
    await page.goto("/#/workspace?scope=all");
    const count = page.getByTestId("queue-count");
    await count.waitFor();
    const total = Number((await count.innerText()).replace(/\D/g, ""));
    assert.ok(total >= DOSSIERS, `the header counts ${total}`);

    const rows = page.getByTestId("queue-row");
    const more = page.locator("button.load-more");
    let clicks = 0;
    while ((await more.count()) > 0) {
      const before = await rows.count();
      await more.click();
      await eventually(async () => assert.ok((await rows.count()) > before), { timeout: 15_000 });
      clicks += 1;
    }
    const codes = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-code")));
    assert.equal(codes.length, total, `${codes.length} rows shown after ${clicks} pages`);
    assert.equal(new Set(codes).size, codes.length, "no dossier shown twice");
    await s.screenshot("workspace-queue-10k-end");

    // The whole list as XLSX from the button beside it: the same dossiers in the same order.
    const exports = page.getByTestId("queue-export");
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 120_000 }),
      exports.getByRole("button", { name: "Excel (XLSX)" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "ho-so.xlsx");
    const sheet = (await readWorkbook(readFileSync(await download.path()))).worksheets[0];
    const exported = sheetRows(sheet).slice(1).map((r) => r[0]);
    assert.deepEqual(exported, codes);
    await s.close();
  });
});
