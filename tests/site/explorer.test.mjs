// End-to-end test of the rules explorer (`pension-rules rules site OUT/`):
// generate the site from the shipped rule sets, serve the folder at `/` from
// a local static server (the site loads nothing else), drive the system
// Chromium headless with playwright-core (the harness of examples/web/tests),
// search for Shaanxi's 计发基数, open its page and find the 2025 value with
// its source and the 预发 value before it; then the national 记账比例 with its
// document number, the same search from file://, and a phone-width page that
// does not overflow. Saves screenshots to target/site/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile, mkdtemp, mkdir, rm } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../../", import.meta.url));
const shots = join(root, "target", "site");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };

let server, base, browser, profile, site;
const requests = [];

before(async () => {
  site = await mkdtemp(join(tmpdir(), "rules-site-"));
  execFileSync("cargo", ["run", "-q", "-p", "pension-rules-cli", "--", "rules", "site", site, "--as-of", "2026-01-01"],
    { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  server = createServer(async (req, res) => {
    requests.push(req.url);
    const path = normalize(join(site, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    const file = path.endsWith("/") ? join(path, "index.html") : path;
    try {
      if (!file.startsWith(site)) throw new Error("outside");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}/`;
  profile = await mkdtemp(join(tmpdir(), "chromium-profile-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  await mkdir(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  if (site) await rm(site, { recursive: true, force: true });
});

/** Type a query into the index page's search and follow the result whose text starts with `pick`. */
async function searchAndOpen(page, query, pick) {
  await page.fill("#q", query);
  const link = page.locator("#results a", { hasText: pick }).first();
  await link.waitFor();
  await Promise.all([page.waitForLoadState("load"), link.click()]);
}

/** The history rows of a parameter page: cells' text, row by row. */
const rows = (page, table) => page.$$eval(`table.${table} tbody tr`, (trs) =>
  trs.map((tr) => [...tr.children].map((td) => td.textContent.trim())));

test("search finds Shaanxi's 计发基数; its page shows the 2025 value, its source and the 预发 value", { timeout: 120_000 }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(base);
  assert.match(await page.title(), /Rules explorer/);
  // Every rule set is on the index: 31 provinces, the national set, city layers.
  const sets = await page.$$eval("table tbody tr td:first-child a", (as) => as.map((a) => a.textContent));
  assert.ok(sets.includes("cn/shaanxi") && sets.includes("cn/national") && sets.length >= 32, String(sets.length));

  await page.fill("#q", "计发基数 shaanxi");
  const hits = await page.locator("#results li").allTextContents();
  assert.ok(hits.some((h) => h.startsWith("cn/shaanxi · award.pension_base")), hits.join("\n"));
  await searchAndOpen(page, "计发基数 shaanxi", "cn/shaanxi · award.pension_base");
  assert.ok(page.url().endsWith("/sets/cn/shaanxi/award.pension_base.html"), page.url());
  assert.match(await page.textContent("h1"), /养老金计发基数/);

  const history = await rows(page, "history");
  // year, value, source, seen, confidence, 预发, published, file
  const final2025 = history.find((r) => r[0] === "2025" && r[1] === "7881");
  assert.ok(final2025, JSON.stringify(history));
  assert.match(final2025[2], /陕西省人社厅 2025年企业职工基本养老金计发基数/);
  assert.equal(final2025[4], "M 中");
  assert.equal(final2025[6], "2026-06-23");
  const provisional = history.find((r) => r[0] === "2025" && r[1] === "7727");
  assert.equal(provisional[5], "预发 provisional");
  assert.match(provisional[2], /（预发）核定表/);
  // The chart: one point per value, the 预发 one hollow.
  assert.equal(await page.locator("figure.chart circle").count(), history.length);
  assert.equal(await page.locator("figure.chart circle.prov").count(), 1);
  // What Shaanxi adds over the national set it extends.
  assert.match(await page.textContent("main"), /Differences from cn\/national/);
  await page.screenshot({ path: join(shots, "shaanxi-pension-base.png"), fullPage: true });

  // Back to the set page through the breadcrumb: the parameter is marked as Shaanxi's own.
  await Promise.all([page.waitForLoadState("load"), page.click("nav a")]);
  assert.ok(page.url().endsWith("/sets/cn/shaanxi/index.html"));
  const row = page.locator("tr", { has: page.locator("a", { hasText: /^award\.pension_base$/ }) });
  assert.match(await row.textContent(), /本层 own/);
  assert.match(await row.textContent(), /2025: 7881/);
  assert.deepEqual(errors, []);
  assert.ok(requests.every((u) => !u.startsWith("http")), "no request leaves the site");
  await page.close();
});

test("the national 记账比例 shows the value in force with its document number", { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  await page.goto(base);
  await searchAndOpen(page, "cn/national credit_rate", "cn/national · account.credit_rate");
  const inForce = await rows(page, "inforce");
  assert.equal(inForce.length, 1);
  assert.equal(inForce[0][1], "0.08");
  assert.equal(inForce[0][2], "2006-01-01");
  assert.match(inForce[0][3], /国发〔2005〕38号 第四条/);
  // Where the value was seen, as a link.
  const href = await page.getAttribute("table.inforce a[href^='https://gov.cn/']", "href");
  assert.equal(href, "https://gov.cn/zhengce/zhengceku/2008-03/28/content_7376.htm");
  await page.close();
});

test("the folder works from file:// (search index as a script, relative links)", { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(site, "index.html")).href);
  await searchAndOpen(page, "计发基数 shaanxi", "cn/shaanxi · award.pension_base");
  assert.ok(page.url().startsWith("file://") && page.url().endsWith("/sets/cn/shaanxi/award.pension_base.html"));
  assert.match(await page.textContent("table.history"), /7881/);
  // The stylesheet loaded: the header has its colour.
  const bg = await page.$eval("header", (h) => getComputedStyle(h).backgroundColor);
  assert.equal(bg, "rgb(11, 79, 108)");
  await page.close();
});

test("phone width: pages do not overflow sideways (wide tables scroll in their box)", { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 375, height: 740 });
  for (const path of ["", "sets/cn/shaanxi/index.html", "sets/cn/shaanxi/award.pension_base.html", "sets/cn/national/retirement.schedule.male.html"]) {
    await page.goto(base + path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${path || "index"}: ${width}px wide`);
  }
  await page.goto(base + "sets/cn/shaanxi/award.pension_base.html");
  await page.screenshot({ path: join(shots, "shaanxi-pension-base-phone.png"), fullPage: true });
  await page.close();
});
