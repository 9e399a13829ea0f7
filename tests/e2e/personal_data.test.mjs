// Personal data as the citizen meets it: every official who opened their dossier, and each paper
// they opened, is listed in their account (newest first, from the audit log), with the official's
// name and agency, and the list downloads.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { assertAccessible } from "./support/a11y.mjs";
import { skipReason } from "./support/paths.mjs";
import { openOfficialDossier, signIn, submitDossier } from "./support/services.mjs";
import { openSession } from "./support/session.mjs";
import { useServerAndBrowser } from "./support/suite.mjs";
import { eventually } from "./support/wait.mjs";

const TIMEOUT = { timeout: 240_000 };
const CITIZEN = "001099012345";
const OFFICER = "tiepnhan.badinh";

describe("who read my dossiers", { skip: skipReason() ?? false }, () => {
  const env = useServerAndBrowser();

  test("a citizen's account shows every official who opened their dossier", TIMEOUT, async () => {
    const citizen = await openSession(env.browser, env.url);
    await signIn(citizen.page, env.dataDir, CITIZEN);
    await citizen.page.goto("/#/account");
    await citizen.page.getByTestId("dossier-reads-none").waitFor();
    const { code } = await submitDossier(citizen.page, {
      procedure: "1.001193",
      placeSearch: "Ba Đình",
      placeName: "Phường Ba Đình",
      values: { child_full_name: "Phạm Minh Anh" },
    });

    // The receiving officer opens it; the page shows its birth certificate, which is read too.
    const officer = await openSession(env.browser, env.url);
    await signIn(officer.page, env.dataDir, OFFICER);
    const officerName = (await officer.page.evaluate(async () => (await fetch("/api/v1/me")).json())).display_name;
    await openOfficialDossier(officer.page, code);
    const preview = officer.page.locator("iframe").first();
    await preview.waitFor();
    await officer.close();

    await citizen.page.goto("/#/account");
    const reads = citizen.page.getByTestId("dossier-reads");
    await eventually(async () => assert.ok((await reads.getByTestId("dossier-read").count()) >= 2));
    const rows = await reads.getByTestId("dossier-read").allInnerTexts();
    assert.ok(rows.every((r) => r.includes(code) && r.includes(officerName) && r.includes("Ủy ban nhân dân Phường Ba Đình")), rows.join("\n"));
    assert.ok(rows.some((r) => /Giấy tờ: /.test(r)), "the paper opened");
    assert.ok(rows.some((r) => /Toàn bộ hồ sơ/.test(r)), "the dossier opened");
    assert.doesNotMatch(await reads.innerText(), /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, "no machine timestamps");
    await assertAccessible(citizen.page, "account: who read my dossiers");
    await citizen.screenshot("account-dossier-reads", { fullPage: true });

    const download = citizen.page.waitForEvent("download");
    await reads.getByTestId("dossier-reads-export").getByRole("button", { name: "CSV" }).click();
    const csv = await (await download).path();
    const text = readFileSync(csv, "utf8");
    assert.match(text, new RegExp(code));
    assert.match(text, new RegExp(officerName));

    // Everything held about them, in one file: the dossier with its form, and who read it.
    const whole = citizen.page.waitForEvent("download");
    await reads.getByTestId("personal-data-download").click();
    const data = JSON.parse(readFileSync(await (await whole).path(), "utf8"));
    assert.equal(data.account.id_number, CITIZEN);
    const mine = data.dossiers.find((d) => d.code === code);
    assert.equal(mine.form.child_full_name, "Phạm Minh Anh");
    assert.ok(data.dossier_readings.some((r) => r.dossier === code && r.official.name === officerName));
    await citizen.close();
  });
});
