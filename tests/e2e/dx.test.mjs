// The digital-transformation self-assessment as a business uses it: the manufacturing SME framework
// answered page by page with the fixed answers of data/dbi-sme-manufacturing.json, saved as it goes
// and resumed, then the result page: the score, level, gap and recommendations the data file works
// out by hand, and a radar chart whose drawn values agree with the table beside it. Also at 390 px.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { assertAccessible } from "./support/a11y.mjs";
import { makePdf } from "./support/pdf.mjs";
import { skipReason } from "./support/paths.mjs";
import { formFieldSelector, signIn } from "./support/services.mjs";
import { demoTokens } from "../support/demo_tokens.mjs";
import { openSession } from "./support/session.mjs";
import { useServerAndBrowser } from "./support/suite.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const data = JSON.parse(readFileSync(path.join(here, "data/dbi-sme-manufacturing.json"), "utf8"));
const TIMEOUT = { timeout: 180_000 };

// Vietnamese number as the page writes it: 71,75.
const vi = (n) => new Intl.NumberFormat("vi-VN").format(n);

async function answer(page, item, value) {
  const field = page.locator(`fieldset[data-item="${item}"]`);
  if (typeof value === "number") {
    await field.locator('input[type="number"]').fill(String(value));
  } else if (Array.isArray(value)) {
    // Tools first, then the links that appear once both of their tools are ticked.
    for (const id of [...value.filter((v) => !v.includes("+")), ...value.filter((v) => v.includes("+"))]) {
      await field.locator(`input[value="${id}"]`).check();
    }
  } else {
    await field.locator(`input[type="radio"][value="${value}"]`).check();
  }
}

describe("DX self-assessment in the browser", { skip: skipReason() ?? false }, () => {
  const ctx = useServerAndBrowser();

  // A provider's solution for manufacturers' customers, approved on the dossier workflow before the
  // SME assesses itself, so its recommendation lists it.
  async function approveSolution() {
    const accounts = JSON.parse(readFileSync(path.join(ctx.dataDir, "demo-accounts.json"), "utf8"));
    const token = demoTokens(() => ctx.url, () => accounts);
    const call = async (who, method, url, body, type = "application/json") => {
      const res = await fetch(ctx.url + url, {
        method,
        headers: { authorization: `Bearer ${await token(who)}`, "content-type": type },
        body: type === "application/json" ? JSON.stringify(body) : body,
      });
      assert.ok(res.ok, `${method} ${url}: ${res.status} ${await res.clone().text()}`);
      return res.json();
    };
    const d = await call("cong.ty.giai.phap", "POST", "/api/v1/dossiers", {
      procedure: "9.900001",
      place: "VN",
      form: {
        solution_name: "Bán hàng đa kênh Hồng Hà", provider_name: "Công ty Cổ phần Giải pháp số Hồng Hà",
        description: "Quản lý khách hàng và bán hàng trực tuyến cho doanh nghiệp sản xuất, gợi ý bằng AI.",
        industry: "Sản xuất, chế biến", category: "Quản lý quan hệ khách hàng (CRM)", price_min_vnd: 6000000,
        price_max_vnd: 24000000, ai_integrated: true, ai_description: "Gợi ý sản phẩm và dự báo đơn hàng.",
        productivity_gain_percent: 18,
      },
    });
    for (const component of ["technical_dossier", "productivity_evidence"])
      await call("cong.ty.giai.phap", "PUT", `/api/v1/dossiers/${d.code}/documents/${component}`, makePdf(component), "application/octet-stream");
    await call("cong.ty.giai.phap", "POST", `/api/v1/dossiers/${d.code}/submit`);
    for (const [who, action] of [["tiepnhan.bkhcn", "accept"], ["xuly.bkhcn", "forward"], ["lanhdao.bkhcn", "approve"]])
      await call(who, "POST", `/api/v1/dossiers/${d.code}/actions`, { action });
    return d.code;
  }

  test("a business answers the manufacturing SME framework and sees the hand-computed result", TIMEOUT, async () => {
    const solution = await approveSolution();
    const s = await openSession(ctx.browser, ctx.url);
    const { page } = s;
    await signIn(page, ctx.dataDir, "cong.ty.sen");
    await page.goto("/#/dx");
    await page.getByTestId("dx-start-dbi-sme").click();
    await page.getByLabel("Ngành").selectOption(data.subject.industry);
    await page.getByLabel("Quy mô").selectOption(data.subject.size);
    await page.getByLabel("Tỉnh, thành phố").selectOption(data.subject.place);
    await assertAccessible(page, "DX subject step");
    await page.getByTestId("dx-start").click();

    const framework = await (await page.request.get("/api/v1/frameworks/dbi-sme")).json();
    const pillars = framework.nodes;
    const itemsOf = (node) => [...(node.children ?? []).flatMap(itemsOf), ...(node.items ?? [])];
    for (const [i, node] of pillars.entries()) {
      await page.getByTestId("dx-progress").getByText(`Trụ cột ${i + 1}/${pillars.length}`).waitFor();
      if (i === 1) {
        // Moving on without answering a choice is refused, naming the question (an unticked list of
        // tools is an answer: none of them).
        await page.getByTestId("dx-next").click();
        await page.getByTestId("error-summary").waitFor();
        await assertAccessible(page, "DX pillar with errors");
      }
      for (const item of itemsOf(node)) await answer(page, item.id, data.answers[item.id]);
      for (const item of itemsOf(node).filter((x) => x.evidence_required)) {
        // Choosing the file uploads it; the page says what is attached.
        await page.getByTestId(`evidence-${item.id}`).setInputFiles({ name: "ke-hoach.pdf", mimeType: "application/pdf", buffer: makePdf("Ke hoach chuyen doi so") });
        await page.getByText(/Đã đính kèm minh chứng/).waitFor();
      }
      if (i === 1) {
        // Saved as it goes: leave and come back to the same pillar, answers still there.
        await page.getByTestId("dx-next").click();
        await page.getByTestId("dx-progress").getByText(`Trụ cột ${i + 2}/`).waitFor();
        const url = page.url();
        await page.goto("/#/dx/assessments");
        await page.goto(url.replace(/page=\d+/, `page=${i + 1}`));
        await page.locator(`fieldset[data-item="dx_plan"] input[value="${data.answers.dx_plan}"]`).waitFor();
        assert.ok(await page.locator(`fieldset[data-item="dx_plan"] input[value="${data.answers.dx_plan}"]`).isChecked());
      }
      if (i === 0) await s.screenshot("dx-pillar-tools", { fullPage: true });
      await page.getByTestId("dx-next").click();
    }
    await page.getByRole("heading", { name: "Kiểm tra câu trả lời" }).waitFor();
    await assertAccessible(page, "DX check your answers");
    await page.getByTestId("dx-submit").click();

    const e = data.expected;
    await page.getByTestId("dx-score").getByText(`${vi(e.score)} / 100`).waitFor();
    assert.equal((await page.getByTestId("dx-level").innerText()).trim(), e.level.vi);
    assert.match(await page.getByTestId("dx-gap").innerText(), new RegExp(`Cần thêm ${vi(e.next_level.points)} điểm để đạt mức ${e.next_level.vi}`));
    const recs = await page.locator("[data-recommendation]").evaluateAll((els) => els.map((el) => el.dataset.recommendation));
    assert.deepEqual(recs, e.recommendations);

    // The chart and its table agree, and both say what the data file worked out.
    const radar = page.getByTestId("radar");
    await radar.locator("svg").waitFor();
    const drawn = JSON.parse(await radar.getAttribute("data-values"));
    const table = await page.getByTestId("pillar-table").locator("tbody tr").evaluateAll((rows) =>
      rows.map((r) => ({ id: r.dataset.pillar, percent: Number(r.querySelector("td").dataset.percent) })),
    );
    assert.deepEqual(table.map((r) => r.percent), drawn);
    assert.deepEqual(Object.fromEntries(table.map((r) => [r.id, r.percent])), e.pillars);
    // The SVG has one polygon vertex per pillar.
    assert.equal(table.length, pillars.length);
    await assertAccessible(page, "DX result");
    await s.screenshot("dx-result", { fullPage: true });

    // The approved solution is offered beside the weak pillar; one click opens the co-funding
    // application with the solution and this assessment filled in.
    const offer = page.getByTestId(`apply-support-${solution}`);
    await offer.waitFor();
    const assessmentId = page.url().split("/").pop();
    await offer.click();
    await page.locator(formFieldSelector("solution_code")).waitFor();
    assert.equal(await page.locator(formFieldSelector("solution_code")).inputValue(), solution);
    assert.equal(await page.locator(formFieldSelector("assessment_id")).inputValue(), assessmentId);

    // The history lists it; the PDF report is a PDF.
    await page.goto("/#/dx/assessments");
    await page.getByTestId("dx-assessments").waitFor();
    assert.match(await page.getByTestId("dx-assessments").innerText(), new RegExp(vi(e.score)));
    await s.close();
  });

  test("the result page fits 390 px without sideways scroll", TIMEOUT, async () => {
    const s = await openSession(ctx.browser, ctx.url, { viewport: { width: 390, height: 844 } });
    const { page } = s;
    await signIn(page, ctx.dataDir, "cong.ty.sen");
    const mine = await (await page.request.get("/api/v1/assessments")).json();
    const submitted = mine.items.find((a) => a.status !== "draft");
    assert.ok(submitted, "an assessment from the first test");
    await page.goto(`/#/dx/assessments/${submitted.id}`);
    await page.getByTestId("radar").locator("svg").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `sideways scroll of ${overflow}px`);
    await s.screenshot("dx-result-390", { fullPage: true });
    await page.goto("/#/dx/frameworks/dti-province");
    await page.getByTestId("fw-notes").waitFor();
    const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow2 <= 0, `framework viewer: sideways scroll of ${overflow2}px`);
    await s.close();
  });
});
