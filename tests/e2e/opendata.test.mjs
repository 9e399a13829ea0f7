// The open-data portal as a visitor uses it: finds a dataset by a search typed without diacritics,
// opens it, reads its preview and downloads its CSV; then builds a statistics table and downloads it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { assertAccessible } from "./support/a11y.mjs";
import { skipReason } from "./support/paths.mjs";
import { openSession } from "./support/session.mjs";
import { useServerAndBrowser } from "./support/suite.mjs";
import { eventually } from "./support/wait.mjs";

const TIMEOUT = { timeout: 120_000 };

describe("open data", { skip: skipReason() ?? false }, () => {
  const env = useServerAndBrowser();

  test("a search without diacritics finds a dataset, previewed and downloaded as CSV", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.goto("/#/open-data");
    await page.getByRole("heading", { level: 1, name: "Dữ liệu mở" }).waitFor();
    await page.getByLabel("Tìm bộ dữ liệu").fill("ty le dung han theo xa");
    const results = page.getByTestId("open-data-results");
    await eventually(async () => assert.match(await page.getByTestId("open-data-count").innerText(), /^1 bộ dữ liệu/));
    await results.getByRole("link", { name: "Tỷ lệ hồ sơ giải quyết đúng hạn theo xã và quý" }).click();
    await page.getByRole("heading", { level: 1, name: "Tỷ lệ hồ sơ giải quyết đúng hạn theo xã và quý" }).waitFor();
    const metadata = page.getByTestId("dataset-metadata");
    await eventually(async () => assert.match(await metadata.innerText(), /Văn phòng Chính phủ/));
    assert.doesNotMatch(await metadata.innerText(), /\d{4}-\d{2}-\d{2}T/, "no raw timestamps");
    const preview = page.getByTestId("preview");
    await eventually(async () => assert.equal(await preview.locator("tbody tr").count(), 20));
    const firstCell = await preview.locator("tbody tr").first().locator("td").first().innerText();
    await page.getByRole("button", { name: "Trang sau" }).click();
    await eventually(async () => assert.notEqual(await preview.locator("tbody tr").first().locator("td").first().innerText(), firstCell));
    await page.getByTestId("chart-table").waitFor();
    await s.screenshot("open-data-dataset");
    await assertAccessible(page, "open data dataset page");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("downloads").getByRole("link", { name: "CSV" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "ty-le-dung-han-theo-xa-quy.csv");
    const csv = readFileSync(await download.path(), "utf8");
    assert.equal(csv.charCodeAt(0), 0xfeff);
    const lines = csv.slice(1).trim().split(/\r?\n/);
    assert.equal(lines[0], "place_code,place_name,level,parent_code,period,value,value_status,numerator,numerator_status,denominator,denominator_status");
    const total = Number((await page.getByText(/^Dòng 21–40 trên/).innerText()).match(/trên ([\d.]+)/)[1].replaceAll(".", ""));
    assert.equal(lines.length - 1, total, "the CSV holds every row the preview counts");
    await s.close();
  });

  test("a visitor builds a statistics table and downloads it", TIMEOUT, async () => {
    const s = await openSession(env.browser, env.url);
    const { page } = s;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/#/open-data/statistics");
    await page.getByRole("heading", { level: 1, name: "Tự lập bảng thống kê" }).waitFor();
    await page.getByLabel("Chỉ số").selectOption("on_time_rate");
    await page.getByLabel("Địa bàn").selectOption("01");
    await page.getByLabel("Kỳ").selectOption("quarters");
    await page.getByRole("button", { name: "Lập bảng" }).click();
    const table = page.getByTestId("stats-table");
    await eventually(async () => assert.ok((await table.locator("tbody tr").count()) >= 5));
    assert.match(await table.innerText(), /Phường Ba Đình/);
    assert.match(await table.locator("thead").innerText(), /Quý \d\/\d{4}/);
    await page.getByTestId("stats-chart").waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scroll at 390 px (${width})`);
    await s.screenshot("open-data-statistics-390");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải CSV" }).click(),
    ]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.match(csv, /Phường Ba Đình/);
    assert.match(csv, /Q\d/);
    await s.close();
  });
});
