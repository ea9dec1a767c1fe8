// End-to-end test of the estimator page: serve examples/web from a local
// static server (offline: the page loads nothing else), drive the system
// Chromium headless with playwright-core, fill the form, and check that every
// figure shown equals what the Rust CLI computes from the same inputs (the
// page lists the inputs it gave the engine), and that the projected yearly
// path equals the Node package's (bindings/wasm/pkg-node). Saves a
// screenshot to target/web/estimator.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile, mkdtemp, writeFile, mkdir, rm } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const { Engine, standardAssumptions } = createRequire(import.meta.url)("../../../bindings/wasm/pkg-node/pension_rules_wasm.js");

const root = fileURLToPath(new URL("../../../", import.meta.url));
const site = fileURLToPath(new URL("../", import.meta.url));
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json" };

let server, base, browser, profile;
const requests = [];

before(async () => {
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
  // A persistent context is how playwright passes --user-data-dir.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

/** The Rust CLI (built by `cargo test`/`cargo build`), as JSON. */
function cli(args) {
  const out = execFileSync("cargo", ["run", "-q", "-p", "pension-rules-cli", "--", ...args], { cwd: root, encoding: "utf8" });
  return JSON.parse(out);
}

test("the estimator shows the Rust engine's figures", { timeout: 180_000 }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(base);
  await page.waitForFunction(() => ["done", "error"].includes(document.getElementById("status").textContent));

  // The form starts from the engine's standard assumptions.
  const std = standardAssumptions();
  assert.equal(await page.inputValue("#average-wage-growth"), std.average_wage_growth);
  assert.equal(await page.inputValue("#pension-base-growth"), std.pension_base_growth);
  assert.equal(await page.inputValue("#interest-rate"), std.interest_rate);

  // A bad value: the engine's Chinese sentence for the code, then the field.
  await page.fill("#index", "abc");
  await page.evaluate(() => { document.getElementById("status").textContent = "pending"; });
  await page.click("#go");
  await page.waitForFunction(() => document.getElementById("status").textContent !== "pending");
  assert.match(await page.textContent("#error"), /^输入有误（invalid_input）：.*average_index/);

  await page.fill("#birth", "1967-09");
  await page.selectOption("#category", "male");
  await page.fill("#years", "27");
  await page.fill("#deemed", "6");
  await page.fill("#index", "1.15");
  await page.fill("#balance", "96000.50");
  await page.fill("#asof", "2026-11");
  await page.fill("#future-index", "1.15");
  await page.fill("#average-wage-growth", "0.04");
  await page.fill("#pension-base-growth", "0.03");
  await page.fill("#interest-rate", "0.025");
  await page.fill("#wage-growth", "0.05");
  await page.evaluate(() => { document.getElementById("status").textContent = "pending"; });
  await page.click("#go");
  await page.waitForFunction(() => document.getElementById("status").textContent !== "pending");
  assert.equal(await page.textContent("#status"), "done", await page.textContent("#error"));
  assert.deepEqual(errors, []);

  const shown = async (id) => (await page.textContent(`#${id}`)).trim();
  const inputs = JSON.parse(await page.textContent("#engine-inputs"));
  const dir = await mkdtemp(join(tmpdir(), "estimator-"));

  // Retirement: the Rust CLI on the same person.
  const r = inputs.retirement;
  const ret = cli(["retirement", "--rules", inputs.ruleset, "--birth", r.birth, "--category", r.category,
    "--contribution-months", String(r.contribution_months), "--json"]);
  assert.equal(await shown("retirement-month"), ret.statutory_month);
  assert.equal(await shown("statutory-age"), ret.statutory_age);
  assert.equal(await shown("earliest-month"), ret.elastic.earliest_month);
  assert.equal(await shown("latest-month"), ret.elastic.latest_month);

  // The projection (path and award at the statutory month): the Rust CLI on the same input.
  const input = inputs.projection;
  assert.equal(input.assumptions.average_wage_growth, "0.04");
  assert.equal(input.assumptions.wage_growth, "0.05");
  await writeFile(join(dir, "projection.json"), JSON.stringify(input));
  const proj = cli(["project", join(dir, "projection.json"), "--rules", inputs.ruleset, "--format", "json"]);
  assert.equal(proj.retirement_month, ret.statutory_month);
  assert.equal(await shown("basic-pension"), proj.award.basic_pension);
  assert.equal(await shown("account-pension"), proj.award.account_pension);
  assert.equal(await shown("transitional-pension"), proj.award.transitional_pension);
  assert.equal(await shown("total-pension"), proj.award.total);
  assert.ok(Number(proj.award.transitional_pension) > 0 && Number(proj.award.account_pension) > 0);

  // The yearly path shown equals the Node package's projection of the same input,
  // year by year (balance, credits, base), and marks the assumed figures.
  const node = new Engine(inputs.ruleset).projection(input);
  assert.equal(node.award.total, proj.award.total);
  const rows = await page.$$eval("#path tr", (trs) => trs.slice(1).map((tr) => [...tr.children].map((td) => td.textContent.trim())));
  assert.equal(rows.length, node.years.length);
  node.years.forEach((y, i) => {
    assert.equal(rows[i][0], String(y.year));
    assert.equal(rows[i][8], y.balance, `balance ${y.year}`);
    assert.equal(rows[i][5], y.credits, `credits ${y.year}`);
    if (y.months) assert.equal(rows[i][4], y.base, `base ${y.year}`);
  });
  assert.equal(node.years[node.years.length - 1].balance, proj.account_balance);
  assert.ok(rows.some((r) => r[3].includes("推算")), "projected average wages are marked");
  assert.ok(rows.some((r) => r[6].includes("假设")), "assumed interest rates are marked");
  assert.match(await page.textContent("#assumptions"), /average wage \+0\.04 a year/);

  // The explanation cites legal sources; the chart is drawn.
  const explanation = await page.textContent("#explanation");
  assert.match(explanation, /国发〔2005〕38号/);
  assert.match(explanation, /全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定/);
  assert.ok((await page.$$("#chart svg polyline")).length === 1);
  assert.ok((await page.$$("#chart svg rect")).length >= 3);

  // Offline: only the page's own files were requested.
  assert.ok(requests.every((u) => /^\/(index\.html|app\.js|pkg\/[\w.]+)?$/.test(u.split("?")[0])), requests.join(" "));

  const shot = join(root, "target", "web", "estimator.png");
  await mkdir(join(root, "target", "web"), { recursive: true });
  await page.screenshot({ path: shot, fullPage: true });
  await page.screenshot({ path: join(root, "target", "web", "estimator-top.png") });
  await rm(dir, { recursive: true, force: true });
});
