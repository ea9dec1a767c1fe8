// End-to-end test of the estimator page: serve examples/web from a local
// static server (offline: the page loads nothing else), drive the system
// Chromium headless with playwright-core, fill the form, and check that every
// figure shown equals what the Rust CLI computes from the same inputs (the
// page lists the inputs it gave the engine), and that the projected yearly
// path equals the Node package's (bindings/wasm/pkg-node). Then the place
// picker: 31 provinces from the engine's rule-set list, 四川 checked against
// the CLI with `--ruleset cn/sichuan`, a province whose projection runs (重庆)
// figure by figure, and a city layer (辽宁 → 沈阳). Then the page for people:
// numbers as typed (60,000, full-width digits, half years; abc and 0,8 refused
// in Chinese once next to the field), plain Chinese (ages, 是/否, the sentence,
// today's money), one column at 390 px, the language switch, the message when
// opened from a file or without its WebAssembly, and every shipped place named.
// Saves screenshots to target/web/.
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

/** The CLI's refusal: its error code (`error: [code] …` on stderr), or null if it succeeded. */
function cliError(args) {
  try {
    execFileSync("cargo", ["run", "-q", "-p", "pension-rules-cli", "--", ...args], { cwd: root, encoding: "utf8", stdio: "pipe" });
    return null;
  } catch (e) {
    return /\[(\w+)\]/.exec(String(e.stderr))?.[1] ?? String(e.stderr);
  }
}

/** The page's state (`data-state` of #status: loading, ready, done, error, failed). */
const state = (page) => page.$eval("#status", (e) => e.dataset.state);
const finished = (page) => page.waitForFunction(() => ["done", "error"].includes(document.getElementById("status").dataset.state));

/** Submit the form (or change a select) and wait for the page to finish. */
async function settle(page, action) {
  await page.evaluate(() => { document.getElementById("status").dataset.state = "pending"; });
  await action();
  await finished(page);
}

/** The page's Chinese month and age: "2033-06" → 2033年6月, "60y11m" → 60岁11个月. */
const zhMonth = (ym) => `${Number(ym.slice(0, 4))}年${Number(ym.slice(5, 7))}月`;
const zhAge = (age) => {
  const [, y, m] = /^(\d+)y(?:(\d+)m)?$/.exec(age);
  return Number(m ?? 0) ? `${y}岁${Number(m)}个月` : `${y}岁`;
};

/** The inputs the page gave the engine (its audit block). */
const engineInputs = async (page) => JSON.parse(await page.textContent("#engine-inputs"));
const shownIn = (page) => async (id) => (await page.textContent(`#${id}`)).trim();

/** The retirement figures shown equal the CLI's on the same person and rule set. */
async function sameRetirement(page, inputs) {
  const shown = shownIn(page);
  const r = inputs.retirement;
  const ret = cli(["retirement", "--ruleset", inputs.ruleset, "--birth", r.birth, "--category", r.category,
    "--contribution-months", String(r.contribution_months), "--json"]);
  assert.equal(await shown("retirement-month"), zhMonth(ret.statutory_month));
  assert.equal(await shown("statutory-age"), zhAge(ret.statutory_age));
  assert.equal(await shown("earliest-month"), ret.elastic ? zhMonth(ret.elastic.earliest_month) : "–");
  assert.equal(await shown("latest-month"), ret.elastic ? zhMonth(ret.elastic.latest_month) : "–");
  return ret;
}

/** The pension figures shown equal the CLI's `project` on the same input and rule set. */
async function samePension(page, inputs, dir, ret) {
  const shown = shownIn(page);
  await writeFile(join(dir, "projection.json"), JSON.stringify(inputs.projection));
  const proj = cli(["project", join(dir, "projection.json"), "--ruleset", inputs.ruleset, "--format", "json"]);
  assert.equal(proj.retirement_month, ret.statutory_month);
  assert.equal(await shown("basic-pension"), proj.award.basic_pension);
  assert.equal(await shown("account-pension"), proj.award.account_pension);
  assert.equal(await shown("transitional-pension"), proj.award.transitional_pension);
  assert.equal(await shown("total-pension"), proj.award.total);
  return proj;
}

/** Fill the person and the assumptions. */
async function fillPerson(page) {
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
}

test("the estimator shows the Rust engine's figures", { timeout: 180_000 }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(base);
  await finished(page);

  // The form starts from the engine's standard assumptions.
  const std = standardAssumptions();
  assert.equal(await page.inputValue("#average-wage-growth"), std.average_wage_growth);
  assert.equal(await page.inputValue("#pension-base-growth"), std.pension_base_growth);
  assert.equal(await page.inputValue("#interest-rate"), std.interest_rate);

  // A bad value: one Chinese sentence next to the field (see also the test of the fields).
  await page.fill("#index", "abc");
  await settle(page, () => page.click("#go"));
  assert.equal(await state(page), "error");
  assert.equal(await page.textContent("#index-error"), "“abc”不是数字。请只填数字，例如 0.8。");

  // Everyone starts on Shaanxi's rules, and the page says so.
  assert.equal(await page.inputValue("#province"), "cn/shaanxi");
  assert.equal(await page.inputValue("#city"), "");
  assert.match(await page.textContent("#rules-used"), /^按陕西省规则计算/);
  assert.match(await page.title(), /按陕西省规则计算/);

  await fillPerson(page);
  await settle(page, () => page.click("#go"));
  assert.equal(await state(page), "done", await page.textContent("#error"));
  assert.equal(await page.textContent("#index-error"), "");
  assert.deepEqual(errors, []);

  const inputs = await engineInputs(page);
  assert.equal(inputs.ruleset, "cn/shaanxi");
  const dir = await mkdtemp(join(tmpdir(), "estimator-"));

  // Retirement: the Rust CLI on the same person.
  const ret = await sameRetirement(page, inputs);
  assert.ok(ret.elastic);

  // The projection (path and award at the statutory month): the Rust CLI on the same input.
  const input = inputs.projection;
  assert.equal(input.assumptions.average_wage_growth, "0.04");
  assert.equal(input.assumptions.wage_growth, "0.05");
  const proj = await samePension(page, inputs, dir, ret);
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
  assert.match(await page.textContent("#assumptions"), /社平工资每年增长 4%/);

  // The explanation cites legal sources; the chart is drawn.
  const explanation = await page.textContent("#explanation");
  assert.match(explanation, /国发〔2005〕38号/);
  assert.match(explanation, /全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定/);
  assert.ok((await page.$$("#chart svg polyline")).length === 1);
  assert.ok((await page.$$("#chart svg rect")).length >= 3);

  // Offline: only the page's own files were requested — and of the rules, only the
  // chosen place's layers (陕西: the national layer and the province's).
  assert.ok(requests.every((u) => /^\/(index\.html|app\.js|text\.js|pkg\/[\w.]+|rules\/[\w.-]+)?$/.test(u.split("?")[0])), requests.join(" "));
  assert.deepEqual(requests.filter((u) => u.startsWith("/rules/")).sort(),
    ["/rules/cn-national.cbor", "/rules/cn-shaanxi.cbor", "/rules/index.json"], requests.join(" "));

  await page.evaluate(() => scrollTo(0, 0));
  const shot = join(root, "target", "web", "estimator.png");
  await mkdir(join(root, "target", "web"), { recursive: true });
  await page.screenshot({ path: shot, fullPage: true });
  await page.screenshot({ path: join(root, "target", "web", "estimator-top.png") });
  await rm(dir, { recursive: true, force: true });
});

test("the province and city picker changes the rules, and says which were used", { timeout: 180_000 }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(base);
  await finished(page);
  const dir = await mkdtemp(join(tmpdir(), "estimator-places-"));

  // 31 provinces, by GB/T 2260 code, named by their Chinese titles, as the engine lists them.
  const listed = new Engine().rulesList();
  const expected = listed.filter((r) => r.id.split("/").length === 2 && /^\d\d0000$/.test(r.region ?? ""))
    .sort((a, b) => a.region.localeCompare(b.region));
  const options = await page.$$eval("#province option", (os) => os.map((o) => [o.value, o.textContent]));
  assert.equal(options.length, 31);
  assert.deepEqual(options.map((o) => o[0]), expected.map((r) => r.id));
  assert.deepEqual(options[0], ["cn/beijing", "北京市"]);
  assert.ok(options.some(([id, name]) => id === "cn/sichuan" && name === "四川省"));
  assert.ok(options.every(([, name]) => /^\p{Script=Han}+$/u.test(name)), JSON.stringify(options));

  await fillPerson(page);

  // 四川: the page's figures are the CLI's with --ruleset cn/sichuan. The CLI cannot
  // project Sichuan either (its 增发 extra needs a person attribute the projection
  // input has no field for): the page says so in Chinese, with the same code.
  await settle(page, () => page.selectOption("#province", { label: "四川省" }));
  assert.deepEqual(await page.$$eval("#city option", (os) => os.map((o) => o.textContent)), ["全省（其他地区）"]);
  let inputs = await engineInputs(page);
  assert.equal(inputs.ruleset, "cn/sichuan");
  assert.equal(inputs.region, "510000");
  assert.match(await page.textContent("#rules-used"), /^按四川省规则计算/);
  assert.match(await page.textContent("#place-title"), /按四川省规则计算/);
  assert.match(await page.title(), /按四川省规则计算/);
  assert.match(await page.textContent("#rules"), /^四川省 · cn\/sichuan /);
  await sameRetirement(page, inputs);
  await writeFile(join(dir, "sichuan.json"), JSON.stringify(inputs.projection));
  const code = cliError(["project", join(dir, "sichuan.json"), "--ruleset", "cn/sichuan", "--format", "json"]);
  const error = await page.textContent("#error");
  if (code === null) {
    await samePension(page, inputs, dir, await sameRetirement(page, inputs));
  } else {
    assert.equal(code, "invalid_input");
    assert.match(error, /^按四川省规则无法测算养老金：该规则集还需要本页没有的输入项（人员条件 sichuan_zengfa）/);
    assert.ok(error.includes(`，${code}`), error);
  }
  assert.doesNotMatch(error, /\bat \w+ \(|Error:/);

  // 重庆: a province whose projection runs, every headline figure the CLI's.
  await settle(page, () => page.selectOption("#province", { label: "重庆市" }));
  inputs = await engineInputs(page);
  assert.equal(inputs.ruleset, "cn/chongqing");
  assert.equal(await state(page), "done", await page.textContent("#error"));
  assert.equal(await page.textContent("#error"), "");
  await samePension(page, inputs, dir, await sameRetirement(page, inputs));
  assert.match(await page.textContent("#rules-used"), /^按重庆市规则计算/);

  // 辽宁 → 沈阳: the city layer's own rule set; 全省（其他地区） keeps the province's.
  await settle(page, () => page.selectOption("#province", { label: "辽宁省" }));
  const cities = await page.$$eval("#city option", (os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(cities[0], ["", "全省（其他地区）"]);
  assert.ok(cities.some(([id, name]) => id === "cn/liaoning/shenyang" && name === "沈阳市"), JSON.stringify(cities));
  assert.equal((await engineInputs(page)).ruleset, "cn/liaoning");
  await settle(page, () => page.selectOption("#city", { label: "沈阳市" }));
  inputs = await engineInputs(page);
  assert.equal(inputs.ruleset, "cn/liaoning/shenyang");
  assert.equal(inputs.region, "210100");
  assert.match(await page.textContent("#rules"), /^辽宁省沈阳市 · cn\/liaoning\/shenyang /);
  assert.match(await page.textContent("#rules-used"), /^按辽宁省沈阳市规则计算.*cn\/liaoning\/shenyang/);
  assert.match(await page.title(), /按辽宁省沈阳市规则计算/);
  await sameRetirement(page, inputs);
  // The rule data lacks a year the projection needs (as the CLI refuses it): a plain
  // Chinese sentence naming the place, the year and the figure, with the engine's code,
  // and a field for that figure next to the assumptions (see the test of asked values).
  await writeFile(join(dir, "shenyang.json"), JSON.stringify(inputs.projection));
  const shenyang = cliError(["project", join(dir, "shenyang.json"), "--ruleset", "cn/liaoning/shenyang", "--format", "json"]);
  if (shenyang === "rule_missing_year") {
    const msg = await page.textContent("#error");
    assert.match(msg, /^按辽宁省沈阳市规则测算还缺 \d{4} 年的(社平工资|计发基数)：请在“假设”里新出现的一栏填写，再点“测算”。（rule_missing_year）$/);
    assert.equal(await page.$$eval("#asked-values input", (is) => is.length), 1);
    assert.doesNotMatch(msg, /\bat \w+ \(|Error:/);
  } else {
    assert.equal(shenyang, null);
    await samePension(page, inputs, dir, await sameRetirement(page, inputs));
  }
  const shot = join(root, "target", "web", "estimator-shenyang.png");
  await mkdir(join(root, "target", "web"), { recursive: true });
  await page.screenshot({ path: shot, fullPage: true });

  // Back to the whole province.
  await settle(page, () => page.selectOption("#city", ""));
  assert.equal((await engineInputs(page)).ruleset, "cn/liaoning");
  assert.match(await page.textContent("#rules-used"), /^按辽宁省规则计算/);
  assert.deepEqual(errors, []);
  await rm(dir, { recursive: true, force: true });
});

/** A new page on the estimator (its own viewport if given), finished with its first run. */
async function open(url = base, viewport) {
  const page = await browser.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await finished(page);
  return { page, errors };
}
const box = (page, sel) => page.$eval(sel, (e) => e.getBoundingClientRect().toJSON());

test("numbers as people write them: 60,000 and half years accepted, errors in Chinese once next to the field", { timeout: 180_000 }, async () => {
  const { page, errors } = await open();
  await fillPerson(page);
  const dir = await mkdtemp(join(tmpdir(), "estimator-fields-"));

  // abc: one Chinese sentence directly under the field, and nowhere else on the page.
  await page.fill("#index", "abc");
  await settle(page, () => page.click("#go"));
  assert.equal(await state(page), "error");
  assert.equal(await page.textContent("#index-error"), "“abc”不是数字。请只填数字，例如 0.8。");
  const body = await page.textContent("body");
  assert.equal(body.split("不是数字").length - 1, 1, "the message is shown once");
  assert.doesNotMatch(body, /InputError|invalid_input|expected a|Decimal/);
  assert.equal(await page.textContent("#error"), "请先改正上面标红的输入项，再点“测算”。");
  const [input, message] = [await box(page, "#index"), await box(page, "#index-error")];
  assert.ok(message.top >= input.bottom - 1 && message.top - input.bottom < 40, "the message is next to the field");
  assert.equal(await page.getAttribute("#index", "aria-invalid"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.id), "index");
  assert.equal(await page.textContent("#total-pension"), "–", "no figure from an earlier run stays");

  // 0,8: a decimal comma is ambiguous: said in Chinese, with the number to write.
  await page.fill("#index", "0,8");
  await settle(page, () => page.click("#go"));
  assert.equal(await page.textContent("#index-error"), "“0,8”里的逗号意思不明确：小数请用小数点，写作 0.8。");

  // Thousands separators (ASCII and full-width) and full-width digits are read as written.
  for (const [balance, index] of [["60,000", "0.8"], ["60，000", "０.８"], ["６０，０００", "0。8"], ["1,060,000.50", "0.80"]]) {
    await page.fill("#balance", balance);
    await page.fill("#index", index);
    await settle(page, () => page.click("#go"));
    assert.equal(await state(page), "done", `${balance}: ${await page.textContent("#error")}`);
    const { projection } = await engineInputs(page);
    assert.equal(projection.account_balance, balance === "1,060,000.50" ? "1060000.50" : "60000");
    assert.equal(projection.average_index, index === "0.80" ? "0.80" : "0.8");
    assert.equal(await page.textContent("#balance-error"), "");
    assert.equal(await page.textContent("#index-error"), "");
  }

  // Half years: 25.5 years = 306 months (the engine counts months), however written.
  for (const years of ["25.5", "25年6个月", "２５．５", "306个月"]) {
    await page.fill("#years", years);
    await settle(page, () => page.click("#go"));
    assert.equal(await state(page), "done", `${years}: ${await page.textContent("#error")}`);
    assert.equal((await engineInputs(page)).projection.contribution_months, 306);
    assert.equal(await page.textContent("#years-hint"), "即 25 年 6 个月（306 个月）");
  }
  // … and the figures are still the CLI's on that input.
  const inputs = await engineInputs(page);
  await samePension(page, inputs, dir, await sameRetirement(page, inputs));
  await page.fill("#years", "25.1");
  await settle(page, () => page.click("#go"));
  assert.match(await page.textContent("#years-error"), /^“25\.1”年折不成整月。请按月填写/);

  // Rates: a percentage is read as one; a bare 4 is refused with how to write it.
  await page.fill("#years", "27");
  await page.fill("#average-wage-growth", "4%");
  await settle(page, () => page.click("#go"));
  assert.equal(await state(page), "done");
  assert.equal((await engineInputs(page)).projection.assumptions.average_wage_growth, "0.04");
  await page.fill("#average-wage-growth", "4");
  await settle(page, () => page.click("#go"));
  assert.equal(await page.textContent("#average-wage-growth-error"), "“4”太大了：增长率或利率请写成小数或百分数，例如 0.04 或 4%。");

  // An error the engine finds (its structured field path) is shown next to that field, in Chinese.
  await page.fill("#average-wage-growth", "0.04");
  await page.fill("#future-index", "0");
  await settle(page, () => page.click("#go"));
  assert.equal(await page.textContent("#future-index-error"), "必须大于 0。");
  assert.match(await page.getAttribute("#future-index-error", "title"), /must be above 0/);
  assert.equal((await page.textContent("body")).split("必须大于 0").length - 1, 1);
  assert.deepEqual(errors, []);
  await rm(dir, { recursive: true, force: true });
});

test("Chinese first and plain: ages in words, 是/否, one sentence on what the result means, today's money", { timeout: 180_000 }, async () => {
  const { page, errors } = await open();
  await fillPerson(page);
  await settle(page, () => page.click("#go"));
  assert.equal(await state(page), "done");

  // No English in the labels (English is one switch away).
  const labels = await page.$$eval("#form label, #form legend, .card .k, .facts dt, #results th, #results h2",
    (es) => es.map((e) => e.textContent.trim()));
  assert.ok(labels.length > 40);
  assert.deepEqual(labels.filter((x) => /[A-Za-z]/.test(x)), []);

  // Ages and months as words; yes/no as 是/否.
  assert.match(await page.textContent("#statutory-age"), /^\d+岁(\d+个月)?$/);
  assert.match(await page.textContent("#retirement-month"), /^\d{4}年\d{1,2}月$/);
  const facts = await page.$$eval("#retirement-facts dt, #pension-facts dt", (dts) =>
    Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
  assert.equal(facts["可按月领取养老金"], "是");
  assert.match(facts["退休年龄"], /^\d+岁(\d+个月)?$/);
  assert.match(facts["原法定退休年龄"], /^\d+岁$/);

  // One plain sentence under the result, with the engine's figures.
  const total = await page.textContent("#total-pension");
  const inputs = await engineInputs(page);
  const R = new Engine(inputs.ruleset).projection(inputs.projection).retirement_month;
  const summary = await page.textContent("#summary");
  const grouped = total.replace(/\B(?=(\d{3})+(?!\d))/, ",");
  assert.ok(summary.startsWith(`按您填写的情况，若在${zhMonth(R)}（${await page.textContent("#statutory-age")}）按法定年龄退休，` +
    `每月约可领取 ${grouped} 元，其中基础养老金 `), summary);
  assert.match(summary, /实际金额以社保经办机构核定为准/);

  // Today's money: the total deflated by the stated price growth, a display conversion, said so.
  const years = Number(R.slice(0, 4)) - 2026;
  const today = await page.textContent("#total-today");
  const m = /^约合今天的 ([\d,]+) 元（按物价每年上涨 2\.5%、折算 (\d+) 年）$/.exec(today);
  assert.ok(m, today);
  assert.equal(Number(m[2]), years);
  assert.ok(Math.abs(Number(m[1].replace(/,/g, "")) - Number(total) / 1.025 ** years) <= 0.5 + 1e-9, `${m[1]} ≈ ${total} / 1.025^${years}`);
  assert.ok(summary.includes(`；按物价每年上涨 2.5% 折算，约合今天的 ${m[1]} 元。`), summary);
  assert.match(summary, /折成今天的钱是本页的显示换算，不是计算引擎的结果。$/);
  // The assumption is a field: another rate, another figure.
  await page.fill("#price-growth", "0.03");
  await settle(page, () => page.click("#go"));
  const t3 = /^约合今天的 ([\d,]+) 元（按物价每年上涨 3%、折算 (\d+) 年）$/.exec(await page.textContent("#total-today"));
  assert.ok(t3 && Math.abs(Number(t3[1].replace(/,/g, "")) - Number(total) / 1.03 ** years) <= 0.5 + 1e-9);
  assert.equal(await page.textContent("#total-pension"), total, "the engine's figure does not change");
  const rows = await page.$$eval("#options tr", (trs) => trs.slice(1).map((tr) => tr.children[5].textContent));
  assert.ok(rows.length > 1 && rows.every((x) => /^[\d,]+$/.test(x)), rows.join(" "));

  // Too few years: 否, and the plain reason instead of a figure.
  await page.selectOption("#category", "female_50");
  await page.fill("#birth", "1980-01");
  await page.fill("#years", "3");
  await page.fill("#deemed", "0");
  await settle(page, () => page.click("#go"));
  const short = await page.$$eval("#retirement-facts dt", (dts) => dts.find((d) => d.textContent === "可按月领取养老金").nextElementSibling.textContent);
  assert.match(short, /^否（差 \d+ 个月）$/);
  assert.match(await page.textContent("#error"), /^注意：到法定退休年月累计缴费 \d+ 个月，少于最低的 \d+ 个月（差 \d+ 个月），还不能按月领取养老金/);
  assert.deepEqual(errors, []);
});

test("at phone width (390 px) one column, nothing overflows, results below the form", { timeout: 180_000 }, async () => {
  for (const lang of ["zh", "en"]) {
    const { page, errors } = await open(`${base}?lang=${lang}`, { width: 390, height: 844 });
    await fillPerson(page);
    await settle(page, () => page.click("#go"));
    assert.equal(await state(page), "done");
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390,
      `${lang}: page is ${await page.evaluate(() => document.documentElement.scrollWidth)} px wide`);
    const form = await box(page, "#form"), results = await box(page, "#results");
    assert.ok(results.top >= form.bottom, `${lang}: results (top ${results.top}) below the form (bottom ${form.bottom})`);
    assert.ok(results.left >= 0 && results.right <= 390 && form.right <= 390);
    const total = await box(page, "#total-pension");
    assert.ok(total.right <= 390 && total.width > 0);
    // After 测算 the results are scrolled into view.
    assert.ok(Math.abs((await box(page, "#results")).top) < 5);
    if (lang === "zh") {
      await mkdir(join(root, "target", "web"), { recursive: true });
      await page.screenshot({ path: join(root, "target", "web", "estimator-390.png") });
      await page.screenshot({ path: join(root, "target", "web", "estimator-390-full.png"), fullPage: true });
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
  // A wide window keeps the form and the results side by side.
  const { page } = await open(base);
  assert.ok((await box(page, "#results")).left > (await box(page, "#form")).right);
  await page.close();
});

test("the language switch: 中文 by default, English everywhere on one press, kept in the URL and localStorage", { timeout: 180_000 }, async () => {
  const { page, errors } = await open();
  await fillPerson(page);
  await settle(page, () => page.click("#go"));
  const total = await page.textContent("#total-pension");
  assert.equal(await page.getAttribute("#lang [data-lang=zh]", "aria-pressed"), "true");
  assert.equal(await page.textContent("label[for=years]"), "已缴费年限（年）");

  await settle(page, () => page.click("#lang [data-lang=en]"));
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(new URL(page.url()).searchParams.get("lang"), "en");
  assert.equal(await page.evaluate(() => localStorage.getItem("pension-estimator-lang")), "en");
  assert.equal(await page.textContent("label[for=years]"), "Years paid");
  assert.equal(await page.textContent("#go"), "Estimate");
  assert.match(await page.textContent("#statutory-age"), /^\d+ years( \d+ months?)?$/);
  assert.match(await page.textContent("#retirement-month"), /^[A-Z][a-z]+ \d{4}$/);
  assert.match(await page.textContent("#summary"), /^From what you entered: retiring at the statutory age in [A-Z][a-z]+ \d{4}/);
  assert.match(await page.textContent("#total-today"), /^about [\d,]+ yuan in today's money \(prices rising 2\.5% a year, \d+ years\)$/);
  assert.match(await page.title(), /^Pension estimator · rules of 陕西省/);
  assert.equal(await page.textContent("#total-pension"), total, "same figures in either language");
  // Every label switched: none is left with Chinese only (place names aside).
  const labels = await page.$$eval("#form label, #form legend, .card .k, .facts dt, #results th, #results h2",
    (es) => es.map((e) => e.textContent.trim()));
  assert.deepEqual(labels.filter((x) => !/[A-Za-z]/.test(x)), []);
  // An error in English too.
  await page.fill("#index", "abc");
  await settle(page, () => page.click("#go"));
  assert.equal(await page.textContent("#index-error"), "“abc” is not a number. Write digits only, e.g. 0.8.");

  // Kept: a new visit without ?lang= is in English; back to 中文 on one press.
  const again = await open(base);
  assert.equal(await again.page.textContent("label[for=years]"), "Years paid");
  await settle(again.page, () => again.page.click("#lang [data-lang=zh]"));
  assert.equal(await again.page.textContent("label[for=years]"), "已缴费年限（年）");
  assert.equal(await again.page.evaluate(() => localStorage.getItem("pension-estimator-lang")), "zh");
  assert.deepEqual([...errors, ...again.errors], []);
  await again.page.evaluate(() => localStorage.removeItem("pension-estimator-lang"));
  await again.page.close();
  await page.close();
});

test("opened from a file (file://) or without its WebAssembly: a clear message how to open it, in Chinese or English", { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  const file = new URL("../index.html", import.meta.url).href;
  assert.match(file, /^file:/);
  await page.goto(file);
  await page.waitForSelector("#load-problem:not([hidden])", { timeout: 10_000 });
  const msg = await page.textContent("#load-problem");
  assert.match(msg, /^计算器无法启动：本页是直接从文件打开的。/);
  assert.match(msg, /python3 -m http\.server 8000/);
  assert.match(msg, /http:\/\/localhost:8000\//);
  assert.equal(await state(page), "failed");
  assert.notEqual(await page.textContent("#status"), "正在加载计算引擎…");
  // The switch still works on the message; ?lang=en opens in English.
  await page.click("#lang [data-lang=en]");
  assert.match(await page.textContent("#load-problem"), /^The calculator could not start: this page was opened as a file\./);
  await page.goto(`${file}?lang=en`);
  await page.waitForSelector("#load-problem:not([hidden])", { timeout: 10_000 });
  assert.match(await page.textContent("#load-problem"), /python3 -m http\.server 8000/);
  await page.evaluate(() => { try { localStorage.removeItem("pension-estimator-lang"); } catch { /* file: */ } });
  await page.close();

  // Served, but the WebAssembly fetch fails: the same kind of message, not "loading…" for ever.
  const served = await browser.newPage();
  await served.route("**/*.wasm", (route) => route.abort());
  await served.goto(base);
  await served.waitForSelector("#load-problem:not([hidden])", { timeout: 30_000 });
  assert.match(await served.textContent("#load-problem"), /^计算器无法启动：计算引擎（WebAssembly）或计算规则没有加载成功。.*python3 -m http\.server 8000/);
  assert.equal(await state(served), "failed");
  await served.close();

  // Served, but the place's rules cannot be fetched: the same message, with the reason.
  const noRules = await browser.newPage();
  await noRules.route("**/rules/*.cbor", (route) => route.abort());
  await noRules.goto(base);
  await noRules.waitForSelector("#load-problem:not([hidden])", { timeout: 30_000 });
  assert.match(await noRules.textContent("#load-problem"), /^计算器无法启动：计算引擎（WebAssembly）或计算规则没有加载成功。/);
  assert.equal(await state(noRules), "failed");
  await noRules.close();
});

/** The values the every-place test gives for an input about the person, by field id. */
const PERSON_VALUES = { "transitional-index": "1.2", "region-class": "other", "years-in-xizang": "12", "notional-account": "36000", "transitional-pension": "800",
  "deemed-locality": "guangzhou", "pre-window-months": "24", "window-index-sum": "48.5", "window-months": "69", "window-index": "1.2",
  "extra-transitional_subsidy": "300" };

test("every province and city the engine ships: the title and the 按…规则计算 line name it; the place is kept in the URL", { timeout: 300_000 }, async () => {
  const { page, errors } = await open();
  await fillPerson(page);
  const listed = new Engine().rulesList();
  const provinces = listed.filter((r) => r.id.split("/").length === 2 && /^\d\d0000$/.test(r.region ?? ""));
  const cities = listed.filter((r) => r.id.split("/").length === 3);
  const name = (r) => r.title.split(/\s/)[0];
  let seen = 0;
  const asked = [], refused = [];
  for (const p of provinces) {
    await settle(page, () => page.selectOption("#province", p.id));
    for (const c of [null, ...cities.filter((c) => c.id.startsWith(`${p.id}/`))]) {
      if (c) await settle(page, () => page.selectOption("#city", c.id));
      const r = c ?? p;
      assert.match(await page.title(), new RegExp(`^养老金测算 · 按${name(r)}规则计算`), r.id);
      assert.equal(await page.textContent("#place-title"), `（按${name(r)}规则计算）`);
      assert.match(await page.textContent("#rules-used"), new RegExp(`^按${name(r)}规则计算`));
      assert.equal((await engineInputs(page)).ruleset, r.id);
      // A yearly value the rule data lacks is asked (empty, with why, naming the place):
      // give each one asked (the engine reports one at a time) until nothing more is.
      // Likewise an input about the person the place's rules need (next to the person's fields, empty).
      for (let round = 0; round < 6; round++) {
        const empty = await page.$$eval("#asked-values input", (is) => is.filter((i) => !i.value).map((i) => i.id));
        const person = await page.$$eval("#person-asked input, #person-asked select", (is) => is.filter((i) => !i.value).map((i) => i.id));
        if (!empty.length && !person.length) break;
        for (const id of person) {
          assert.ok(PERSON_VALUES[id], `${r.id}: ${id}`);
          assert.match(await page.textContent(`label[for=${id}]`), /^[^A-Za-z]*[\u4e00-\u9fff]{4}[^A-Za-z]*$/, `${r.id} ${id}: a Chinese label`);
          assert.match(await page.textContent(`#${id}-hint`), /社保|藏劳社办|青劳社厅发/, `${r.id} ${id}: where to find it`);
          assert.equal(await page.getAttribute(`#${id}`, "aria-invalid"), "true", `${r.id} ${id}`);
          if (await page.$eval(`#${id}`, (e) => e.tagName === "SELECT")) await page.selectOption(`#${id}`, PERSON_VALUES[id]);
          else await page.fill(`#${id}`, PERSON_VALUES[id]);
        }
        for (const id of empty) {
          assert.match(await page.textContent(`#${id}-hint`), new RegExp(`^本计算器未收录 ${name(r)} 的这一数据。请按当地人社部门公布的数字填写`), `${r.id} ${id}`);
          const year = id.slice(-4);
          assert.equal(await page.textContent(`label[for=${id}]`), id.startsWith("average-wage")
            ? `本地 ${year} 年月平均工资（社平工资，元/月）` : `本地 ${year} 年养老金计发基数（计发基数，元/月）`, r.id);
          assert.equal(await page.inputValue(`#${id}`), "", `${r.id} ${id}: nothing prefilled`);
          await page.fill(`#${id}`, id.startsWith("average-wage") ? "10000" : "6000");
        }
        await settle(page, () => page.click("#go"));
      }
      assert.deepEqual(await page.$$eval("#asked-values input", (is) => is.filter((i) => !i.value).map((i) => i.id)), [], r.id);
      const given = await page.$$eval("#asked-values input, #person-asked input, #person-asked select", (is) => is.map((i) => i.id));
      // One year of each figure at most: the engine grows the later years from it.
      for (const figure of ["average-wage-", "pension-base-"]) assert.ok(given.filter((id) => id.startsWith(figure)).length <= 1, `${r.id}: ${given}`);
      if (given.length) asked.push(`${r.id}: ${given.join(", ")}`);
      const inputs = await engineInputs(page);
      const error = await page.textContent("#error");
      if (!error) {
        // It computes: the total is the Node package's projection of the same input.
        assert.equal(await page.textContent("#total-pension"), new Engine(r.id).projection(inputs.projection).award.total, r.id);
      } else {
        // The engine still refuses for another reason: one Chinese sentence naming the place, with its code.
        assert.match(error, new RegExp(`^(按${name(r)}规则无法测算|注意：)`), `${r.id}: ${error}`);
        assert.match(error, /[a-z]+_[a-z_]+/, r.id);
        refused.push(`${r.id}: ${error.slice(0, 120)}…`);
      }
      // The planner uses the same place's engine: its table, or why not, naming the place.
      const plannerError = await page.textContent("#planner-error");
      if (plannerError) assert.match(plannerError, new RegExp(`^按${name(r)}规则无法测算：.*[a-z]+_[a-z_]+`, "s"), r.id);
      else assert.ok((await plannerRows(page)).length > 0, r.id);
      if (!plannerError) assert.ok(!error || !/rule_missing_year/.test(error), r.id);
      seen++;
    }
  }
  assert.equal(seen, provinces.length + cities.length);
  // What was asked, and what still cannot be computed (said in Chinese on the page), for the record.
  console.log(`asked:\n  ${asked.join("\n  ")}\nstill refused:\n  ${refused.join("\n  ")}`);
  assert.ok(asked.some((x) => x.startsWith("cn/beijing: ") && x.includes("average-wage-")), asked.join(" "));
  // The person's inputs: the separate transitional index, 青海's area, 西藏's years; then these compute.
  for (const p of ["cn/jiangsu", "cn/henan", "cn/shanxi", "cn/tianjin", "cn/zhejiang"]) assert.ok(asked.some((x) => x.startsWith(`${p}: `) && x.includes("transitional-index")), p);
  assert.ok(asked.some((x) => x.startsWith("cn/qinghai: ") && x.includes("region-class")), asked.join(" "));
  assert.ok(asked.some((x) => x.startsWith("cn/xizang: ") && x.includes("years-in-xizang")), asked.join(" "));
  // 上海's notional account and 深圳's agency-computed transitional pension, from the agency's records.
  assert.ok(asked.some((x) => x.startsWith("cn/shanghai: ") && x.includes("notional-account")), asked.join(" "));
  assert.ok(asked.some((x) => x.startsWith("cn/guangdong/shenzhen: ") && x.includes("transitional-pension")), asked.join(" "));
  // 广东's 1993 locality (a select of its rules' own list), months before 1994 and 1994–1998 index sum.
  assert.ok(asked.some((x) => x.startsWith("cn/guangdong: ") && x.includes("deemed-locality") && x.includes("pre-window-months") && x.includes("window-index-sum")), asked.join(" "));
  // 北京's N实98 and Z实 of the months paid before the projection (1992-10 … 1998-06).
  assert.ok(asked.some((x) => x.startsWith("cn/beijing: ") && x.includes("window-months") && x.includes("window-index")), asked.join(" "));
  // Every province and city computes for this person once what is asked is given: 郑州's
  // 过渡性补贴 (its table has no source, never guessed) as the agency computed it.
  assert.deepEqual(refused, []);
  assert.ok(asked.some((x) => x.startsWith("cn/henan/zhengzhou: ") && x.includes("extra-transitional_subsidy")), asked.join(" "));
  // Without deemed years 郑州 computes: its flat half on the province base, grown from the
  // last published year like C (the page shows it), the total the Node package's.
  await settle(page, () => page.selectOption("#province", "cn/henan"));
  await settle(page, () => page.selectOption("#city", "cn/henan/zhengzhou"));
  await page.fill("#deemed", "0");
  for (let round = 0; round < 4 && (await page.$$eval("#asked-values input, #person-asked input", (is) => is.filter((i) => !i.value).map((i) => i.id))).length; round++) {
    for (const id of await page.$$eval("#asked-values input", (is) => is.filter((i) => !i.value).map((i) => i.id))) await page.fill(`#${id}`, "7000");
    for (const id of await page.$$eval("#person-asked input", (is) => is.filter((i) => !i.value).map((i) => i.id))) await page.fill(`#${id}`, PERSON_VALUES[id]);
    await settle(page, () => page.click("#go"));
  }
  await settle(page, () => page.click("#go"));
  assert.equal(await page.textContent("#error"), "");
  const zz = await engineInputs(page);
  const want = new Engine("cn/henan/zhengzhou").projection(zz.projection);
  assert.equal(await page.textContent("#total-pension"), want.award.total);
  assert.equal(want.flat_part_base.source, "projected");
  assert.match(await page.textContent("#pension-facts"), new RegExp(`基础养老金均值部分基数（全省计发基数）\\s*${want.flat_part_base.value.replace(".", "\\.")}`));
  await page.fill("#deemed", "6");

  // The place is in the URL: a reload (or a shared link) keeps 沈阳.
  await settle(page, () => page.selectOption("#province", "cn/liaoning"));
  await settle(page, () => page.selectOption("#city", "cn/liaoning/shenyang"));
  assert.equal(new URL(page.url()).searchParams.get("place"), "cn/liaoning/shenyang");
  const again = await open(page.url());
  assert.equal(await again.page.inputValue("#province"), "cn/liaoning");
  assert.equal(await again.page.inputValue("#city"), "cn/liaoning/shenyang");
  assert.match(await again.page.title(), /按辽宁省沈阳市规则计算/);
  assert.deepEqual([...errors, ...again.errors], []);
  await again.page.close();
  await page.close();
});

test("a value the rule data lacks (北京's 社平工资) is asked in Chinese next to the assumptions; given, the figures are the CLI's; kept in the URL", { timeout: 300_000 }, async () => {
  const { page, errors } = await open();
  await fillPerson(page);
  const dir = await mkdtemp(join(tmpdir(), "estimator-asked-"));
  await settle(page, () => page.selectOption("#province", "cn/beijing"));
  assert.equal(await state(page), "error");
  let inputs = await engineInputs(page);
  assert.equal(inputs.ruleset, "cn/beijing");

  // What the engine says is missing (its structured details), and the CLI refuses the same input.
  const refusal = (() => { try { new Engine("cn/beijing").projection(inputs.projection); } catch (e) { return e; } })();
  assert.equal(refusal.code, "rule_missing_year");
  assert.equal(refusal.details.param, "award.average_wage");
  const year = refusal.details.year, id = `average-wage-${year}`;
  await writeFile(join(dir, "beijing.json"), JSON.stringify(inputs.projection));
  assert.equal(cliError(["project", join(dir, "beijing.json"), "--ruleset", "cn/beijing", "--format", "json"]), "rule_missing_year");

  // One field for it, in the assumptions, empty (nothing guessed), saying what to enter and where it is published — once.
  assert.deepEqual(await page.$$eval("#asked-values input", (is) => is.map((i) => i.id)), [id]);
  assert.equal(await page.textContent(`label[for=${id}]`), `本地 ${year} 年月平均工资（社平工资，元/月）`);
  assert.equal(await page.inputValue(`#${id}`), "");
  const why = "本计算器未收录 北京市 的这一数据。请按当地人社部门公布的数字填写（常见于“社保缴费基数上下限”通知）。";
  assert.equal(await page.textContent(`#${id}-hint`), why);
  assert.equal((await page.textContent("body")).split("本计算器未收录").length - 1, 1, "asked once");
  assert.equal(await page.$eval(`#${id}`, (e) => e.closest("fieldset").querySelector("legend").dataset.t), "assumptionsLegend");
  const [field, hint] = [await box(page, `#${id}`), await box(page, `#${id}-hint`)];
  assert.ok(hint.top >= field.bottom - 1 && hint.top - field.bottom < 40, "the explanation is next to the field");
  assert.equal(await page.getAttribute(`#${id}`, "aria-invalid"), "true");
  assert.equal(await page.textContent("#error"), `按北京市规则测算还缺 ${year} 年的社平工资：请在“假设”里新出现的一栏填写，再点“测算”。（rule_missing_year）`);
  assert.equal(await page.textContent("#planner-error"), `按北京市规则无法测算：还缺 ${year} 年的社平工资，见上。（rule_missing_year）`);
  assert.equal(await page.textContent("#total-pension"), "–");
  assert.equal(new URL(page.url()).searchParams.get(id), null, "nothing in the URL before a value is given");

  // Not a number, or zero: said next to the field, before the engine.
  await page.fill(`#${id}`, "abc");
  await settle(page, () => page.click("#go"));
  assert.equal(await page.textContent(`#${id}-error`), "“abc”不是数字。请只填数字，例如 11000。");
  await page.fill(`#${id}`, "0");
  await settle(page, () => page.click("#go"));
  assert.equal(await page.textContent(`#${id}-error`), "必须大于 0。");

  // Given (as people write it): sent as that year's stated assumption; the projection and the planner compute
  // once 北京's window figures of the person's past (N实98, Z实: the agency's records) are given too.
  await page.fill(`#${id}`, "11,500");
  await settle(page, () => page.click("#go"));
  assert.deepEqual((await personAsked(page)).map((f) => [f.id, f.label]),
    [["window-months", "1992年10月至1998年6月实际缴费月数（个月）"], ["window-index", "1992年10月至1998年6月平均缴费指数"]]);
  await page.fill("#window-months", "69");
  await page.fill("#window-index", "1.2");
  await settle(page, () => page.click("#go"));
  assert.equal(await state(page), "done", await page.textContent("#error"));
  assert.equal(await page.textContent(`#${id}-error`), "");
  assert.equal(await page.textContent("#error"), "");
  assert.equal(await page.textContent("#planner-error"), "");
  inputs = await engineInputs(page);
  assert.deepEqual(inputs.projection.assumptions.average_wages, { [year]: "11500" });
  assert.deepEqual(inputs.plan.assumptions.average_wages, { [year]: "11500" });
  assert.equal(inputs.projection.assumptions.pension_bases, undefined, "nothing else is made up");
  // Every headline figure is the CLI's `project` on that input, every planner cell and chart its `plan`.
  const proj = await samePension(page, inputs, dir, await sameRetirement(page, inputs));
  assert.ok(Number(proj.award.total) > 0);
  const { plan } = await samePlan(page, inputs);
  assert.deepEqual(plan.assumptions.projection.average_wages, { [year]: "11500" });
  // The engine marks the figure given as assumed and the later years as grown from it.
  const rows = await page.$$eval("#path tr", (trs) => trs.slice(1).map((tr) => [...tr.children].map((td) => td.textContent.trim())));
  assert.ok(rows.some((r) => r[3] === `11500 假设 (${year})`), rows.map((r) => r[3]).join(" | "));
  assert.ok(rows.some((r) => r[3].includes("推算")), "later years projected");
  // … and the page states it beside the result and beside the planner's statements.
  const given = `您自己填写的北京市数据（本计算器未收录，计算中作为假设）：${year} 年社平工资 11,500 元/月；此后各年按社平工资每年增长 4% 推算。`;
  assert.ok((await page.textContent("#assumptions")).endsWith(given), await page.textContent("#assumptions"));
  assert.equal(await page.textContent("#planner-given"), given);

  // Kept in the URL with the rest of the scenario, after the assumptions; a fresh page on it is the same.
  const url = page.url();
  assert.match(url, new RegExp(`^${base}\\?place=cn/beijing&birth=1967-09&.*&price-growth=0\\.025&${id}=11500&payer=employee&`));
  const table = await plannerRows(page);
  const again = await open(url);
  assert.equal(await state(again.page), "done", await again.page.textContent("#error"));
  assert.equal(await again.page.inputValue("#province"), "cn/beijing");
  assert.equal(await again.page.inputValue(`#${id}`), "11500");
  assert.deepEqual(await engineInputs(again.page), inputs);
  assert.equal(await again.page.textContent("#total-pension"), proj.award.total);
  assert.deepEqual(await plannerRows(again.page), table);
  assert.equal(again.page.url(), url, "stable: the page writes back the same URL");

  // In English: the field and its explanation too, the same figures.
  await settle(again.page, () => again.page.click("#lang [data-lang=en]"));
  assert.equal(await again.page.textContent(`label[for=${id}]`), `Local average monthly wage for ${year} (社平工资, yuan a month)`);
  assert.match(await again.page.textContent(`#${id}-hint`), /^This calculator does not hold this figure for 北京市\. Enter the number published by the local human resources/);
  assert.equal(await again.page.textContent("#total-pension"), proj.award.total);
  assert.match(await again.page.textContent("#planner-given"), new RegExp(`^Figures you entered for 北京市 .*average wage 11,500 yuan a month in ${year}`));
  await settle(again.page, () => again.page.click("#lang [data-lang=zh]"));
  await again.page.evaluate(() => localStorage.removeItem("pension-estimator-lang"));

  // Another place starts without it (Beijing's wage is not Chongqing's), in the form and in the URL.
  await settle(page, () => page.selectOption("#province", "cn/chongqing"));
  assert.equal(await page.$$eval("#asked-values input", (is) => is.length), 0);
  assert.doesNotMatch(page.url(), /average-wage-\d/);
  assert.equal(await state(page), "done");
  assert.deepEqual([...errors, ...again.errors], []);
  await again.page.close();
  await page.close();
  await rm(dir, { recursive: true, force: true });
});

// ---- an input about the person a place's rules need ----

/** Give every yearly value asked (empty #asked-values fields) until none is left, pressing 测算 after each round. */
async function giveAsked(page) {
  for (let round = 0; round < 4; round++) {
    const empty = await page.$$eval("#asked-values input", (is) => is.filter((i) => !i.value).map((i) => i.id));
    if (!empty.length) return;
    for (const id of empty) await page.fill(`#${id}`, id.startsWith("average-wage") ? "10000" : "6000");
    await settle(page, () => page.click("#go"));
  }
}

/** The person's fields asked (#person-asked), each with its label, hint and value. */
const personAsked = (page) => page.$$eval("#person-asked .field", (fs) => fs.map((f) => {
  const input = f.querySelector("input, select");
  return { id: input.id, tag: input.tagName.toLowerCase(), value: input.value, label: f.querySelector("label").textContent,
    hint: f.querySelector(".hint").textContent, invalid: input.getAttribute("aria-invalid"),
    options: [...f.querySelectorAll("option")].map((o) => [o.value, o.textContent]), inAssumptions: !!input.closest("fieldset") };
}));

const NEEDS = [
  {
    place: "cn/jiangsu", name: "江苏省", path: "transitional_index", id: "transitional-index", give: "1.2", sent: (p) => p.transitional_index,
    label: "过渡性养老金指数",
    hint: "过渡性养老金使用的指数（江苏按1995年底前的平均缴费指数计算），不是上面的平均缴费指数；见当地社保机构的个人权益记录或视同缴费核定结果，不清楚可向社保经办机构查询。",
    en: "Transitional pension index (过渡性养老金指数)",
  },
  {
    place: "cn/qinghai", name: "青海省", path: "attributes.region_class", id: "region-class", give: "xining", sent: (p) => p.attributes?.region_class,
    label: "待遇地区（青海）", options: [["", "请选择"], ["xining", "西宁地区（含大通、湟中、湟源）"], ["other", "青海省其他地区"]],
    hint: "青海省按地区每月增发：西宁地区（含大通、湟中、湟源）12 元，其他地区 13 元（青劳社厅发〔2004〕27号）。请选择您所在的地区。",
    en: "Area in Qinghai (待遇地区)",
  },
  {
    place: "cn/xizang", name: "西藏自治区", path: "attributes.years_worked_in_xizang", id: "years-in-xizang", give: "12", typed: "12年", sent: (p) => p.attributes?.years_worked_in_xizang,
    label: "在藏工作年限（年）",
    hint: "西藏的高原补贴按在藏工作年限：满 10 年、15 年、20 年分别按本人指数化月平均缴费工资的 5%、10%、15%（藏劳社办〔2007〕6号）。请填社保经办机构认定的年数。",
    en: "Years worked in Tibet (在藏工作年限)",
  },
];

for (const need of NEEDS) {
  test(`an input about the person ${need.name}'s rules need (${need.path}) is asked once in Chinese next to the person's fields; given, the figures are the CLI's; kept in the URL`, { timeout: 300_000 }, async () => {
    const { page, errors } = await open();
    await fillPerson(page);
    const dir = await mkdtemp(join(tmpdir(), "estimator-need-"));
    await settle(page, () => page.selectOption("#province", need.place));
    await giveAsked(page); // 西藏 lacks a 社平工资 first
    assert.equal(await state(page), "error");
    let inputs = await engineInputs(page);
    assert.equal(inputs.ruleset, need.place);

    // The engine refuses naming the field (structured details), and so does the CLI on the same input.
    const refusal = (() => { try { new Engine(need.place).projection(inputs.projection); } catch (e) { return e; } })();
    assert.equal(refusal.name, "InputError");
    assert.deepEqual(refusal.details.fields.map((x) => x.path), [need.path]);
    await writeFile(join(dir, "refused.json"), JSON.stringify(inputs.projection));
    assert.equal(cliError(["project", join(dir, "refused.json"), "--ruleset", need.place, "--format", "json"]), "invalid_input");

    // One field, next to the person's (not under 假设), empty, with its local name and where to find it — once.
    const [field] = await personAsked(page);
    assert.deepEqual(await personAsked(page), [{
      id: need.id, tag: need.options ? "select" : "input", value: "", label: need.label, hint: need.hint, invalid: "true",
      options: need.options ?? [], inAssumptions: false,
    }]);
    assert.equal(field.value, "", "nothing prefilled");
    assert.equal((await page.textContent("body")).split(need.hint).length - 1, 1, "asked once");
    const [input, hint] = [await box(page, `#${need.id}`), await box(page, `#${need.id}-hint`)];
    assert.ok(hint.top >= input.bottom - 1 && hint.top - input.bottom < 40, "the explanation is next to the field");
    const [balance, asof] = [await box(page, "#balance"), await box(page, "#asof")];
    assert.ok(input.top > balance.bottom && input.bottom < asof.top, "between the balance and the as-of date");
    const named = need.label.replace(/（.*$/, "");
    assert.equal(await page.textContent("#error"), `按${need.name}规则测算还需要您的${named}：请在上面新出现的一栏填写，再点“测算”。（invalid_input）`);
    assert.equal(await page.textContent("#planner-error"), `按${need.name}规则无法测算：还需要您的${named}，见上。（invalid_input）`);
    assert.equal(await page.textContent("#total-pension"), "–");
    assert.equal(new URL(page.url()).searchParams.get(need.id), null, "nothing in the URL before a value is given");

    // A number the page cannot read is said next to the field, before the engine.
    if (!need.options) {
      await page.fill(`#${need.id}`, "abc");
      await settle(page, () => page.click("#go"));
      assert.match(await page.textContent(`#${need.id}-error`), /^“abc”不是数字。请只填数字，例如 /);
    }
    if (need.id === "transitional-index") {
      // Outside the rules' range: the engine's field error, said next to the field.
      await page.fill(`#${need.id}`, "9");
      await settle(page, () => page.click("#go"));
      assert.equal(await page.textContent(`#${need.id}-error`), "超出本地规则允许的范围：指数只能在 0 到 3.00 之间。");
      assert.equal(await page.textContent("#error"), "请先改正上面标红的输入项，再点“测算”。");
    }

    // Given: sent as the engine's field of the projection and of the plan's person; the figures are the CLI's.
    if (need.options) await page.selectOption(`#${need.id}`, need.give);
    else await page.fill(`#${need.id}`, need.typed ?? need.give); // 12年 read as 12
    await settle(page, () => page.click("#go"));
    assert.equal(await state(page), "done", await page.textContent("#error"));
    assert.equal(await page.textContent(`#${need.id}-error`), "");
    assert.equal(await page.textContent("#error"), "");
    assert.equal(await page.textContent("#planner-error"), "");
    inputs = await engineInputs(page);
    assert.equal(need.sent(inputs.projection), need.give);
    assert.equal(need.sent(inputs.plan.person), need.give);
    const proj = await samePension(page, inputs, dir, await sameRetirement(page, inputs));
    assert.ok(Number(proj.award.total) > 0);
    if (need.id === "transitional-index") assert.ok(Number(proj.award.transitional_pension) > 0, "the transitional pension uses it");
    else assert.ok(proj.award.extras.some((x) => Number(x.amount) > 0), "the local extra it decides is paid");
    await samePlan(page, inputs);

    // Kept in the URL after the person's fields; a fresh page on it is the same.
    const url = page.url();
    assert.match(url, new RegExp(`&asof=2026-11&${need.id}=${need.give}&future-index=`));
    const table = await plannerRows(page);
    const again = await open(url);
    assert.equal(await state(again.page), "done", await again.page.textContent("#error"));
    assert.equal(await again.page.inputValue(`#${need.id}`), need.give);
    assert.deepEqual(await engineInputs(again.page), inputs);
    assert.equal(await again.page.textContent("#total-pension"), proj.award.total);
    assert.deepEqual(await plannerRows(again.page), table);
    assert.equal(again.page.url(), url, "stable: the page writes back the same URL");

    // In English: its label too, the same figures.
    await settle(again.page, () => again.page.click("#lang [data-lang=en]"));
    assert.equal(await again.page.textContent(`label[for=${need.id}]`), need.en);
    assert.doesNotMatch(await again.page.textContent(`#${need.id}-hint`), /[\u4e00-\u9fff]{8}/, "the hint in English");
    assert.equal(await again.page.textContent("#total-pension"), proj.award.total);
    await settle(again.page, () => again.page.click("#lang [data-lang=zh]"));
    await again.page.evaluate(() => localStorage.removeItem("pension-estimator-lang"));

    // Another place starts without it, in the form and in the URL.
    await settle(page, () => page.selectOption("#province", "cn/chongqing"));
    assert.equal(await page.$$eval("#person-asked .field", (fs) => fs.length), 0);
    assert.equal(new URL(page.url()).searchParams.get(need.id), null);
    assert.equal(await state(page), "done");
    assert.deepEqual([...errors, ...again.errors], []);
    await again.page.close();
    await page.close();
    await rm(dir, { recursive: true, force: true });
  });
}

test("广东's figures from the agency's records are asked: the 1993 locality as a select of its rules' own list, the months before 1994; given, the figures are the CLI's; kept in the URL", { timeout: 300_000 }, async () => {
  const { page, errors } = await open();
  await fillPerson(page);
  const dir = await mkdtemp(join(tmpdir(), "estimator-guangdong-"));
  await settle(page, () => page.selectOption("#province", "cn/guangdong"));
  await giveAsked(page);
  assert.equal(await state(page), "error");
  let inputs = await engineInputs(page);
  // The engine refuses naming both fields at once (the person has deemed years; the 1994–1998
  // window lies before `from`, so its Σ is the records' too, asked when the engine names it).
  const refusal = (() => { try { new Engine("cn/guangdong").projection(inputs.projection); } catch (e) { return e; } })();
  assert.equal(refusal.name, "InputError");
  const paths = refusal.details.fields.map((x) => x.path);
  assert.ok(paths.includes("deemed_index_locality") && paths.includes("pre_window_months"), paths.join());

  // The locality is a select of 广东's own list, in the rule data's titles (Chinese, no English), empty first.
  const fields = await personAsked(page);
  const select = fields.find((f) => f.id === "deemed-locality");
  const list = new Engine("cn/guangdong").choices("deemed_index_locality", "2026-11-01").choices;
  assert.ok(list.length > 100, String(list.length));
  assert.equal(select.tag, "select");
  assert.equal(select.label, "视同缴费指数所属地区（1993年底工作地）");
  assert.match(select.hint, /粤府函〔2021〕294号.*社保经办机构/);
  assert.deepEqual(select.options[0], ["", "请选择"]);
  assert.deepEqual(select.options.slice(1).map((o) => o[0]), list.map((c) => c.value));
  assert.deepEqual(select.options.find((o) => o[0] === "guangzhou"), ["guangzhou", "广州市 平均"]);
  assert.deepEqual(select.options.find((o) => o[0] === "huadu"), ["huadu", "花都市"]);
  for (const [, text] of select.options) assert.doesNotMatch(text, /[A-Za-z]/, text);
  const months = fields.find((f) => f.id === "pre-window-months");
  assert.equal(months.label, "1993年底前实际缴费月数（个月）");
  assert.equal(await page.textContent("#error"), paths.includes("window_index_sum")
    ? "按广东省规则测算还需要您的视同缴费指数所属地区、1993年底前实际缴费月数、1994年1月至1998年6月月缴费指数之和：请在上面新出现的一栏填写，再点“测算”。（invalid_input）"
    : "按广东省规则测算还需要您的视同缴费指数所属地区、1993年底前实际缴费月数：请在上面新出现的一栏填写，再点“测算”。（invalid_input）");

  // A count of months is a whole number: 2.5 is said next to the field.
  await page.selectOption("#deemed-locality", "guangzhou");
  await page.fill("#pre-window-months", "2.5");
  await settle(page, () => page.click("#go"));
  assert.match(await page.textContent("#pre-window-months-error"), /^“2\.5”不是数字。请只填数字，例如 24/);

  // Given (24个月 read as 24; the window's Σ when asked): sent as the engine's fields; the figures are the CLI's.
  await page.fill("#pre-window-months", "24个月");
  await settle(page, () => page.click("#go"));
  if (await page.$("#window-index-sum")) {
    await page.fill("#window-index-sum", "48.5");
    await settle(page, () => page.click("#go"));
  }
  assert.equal(await state(page), "done", await page.textContent("#error"));
  inputs = await engineInputs(page);
  for (const p of [inputs.projection, inputs.plan.person]) {
    assert.equal(p.deemed_index_locality, "guangzhou");
    assert.equal(p.pre_window_months, 24);
  }
  const proj = await samePension(page, inputs, dir, await sameRetirement(page, inputs));
  assert.ok(Number(proj.award.transitional_pension) > 0, "the transitional pension uses them");
  await samePlan(page, inputs);

  // Kept in the URL; a fresh page on it is the same.
  const url = page.url();
  assert.match(url, /&deemed-locality=guangzhou&pre-window-months=24(&window-index-sum=48\.5)?&future-index=/);
  const again = await open(url);
  assert.equal(await state(again.page), "done", await again.page.textContent("#error"));
  assert.equal(await again.page.inputValue("#deemed-locality"), "guangzhou");
  assert.equal(await again.page.textContent("#total-pension"), proj.award.total);
  assert.equal(again.page.url(), url, "stable: the page writes back the same URL");
  assert.deepEqual([...errors, ...again.errors], []);
  await again.page.close();
  await page.close();
  await rm(dir, { recursive: true, force: true });
});

test("郑州's 过渡性补贴, whose table has no source: asked as the agency computes it, never estimated; given, the figures are the CLI's; kept in the URL", { timeout: 300_000 }, async () => {
  const { page, errors } = await open();
  await fillPerson(page); // with 6 deemed years: the subsidy applies
  const dir = await mkdtemp(join(tmpdir(), "estimator-zhengzhou-"));
  await settle(page, () => page.selectOption("#province", "cn/henan"));
  await settle(page, () => page.selectOption("#city", "cn/henan/zhengzhou"));
  await giveAsked(page);
  await page.fill("#transitional-index", "1.2");
  await settle(page, () => page.click("#go"));
  assert.equal(await state(page), "error");
  let inputs = await engineInputs(page);
  const refusal = (() => { try { new Engine("cn/henan/zhengzhou").projection(inputs.projection); } catch (e) { return e; } })();
  assert.equal(refusal.code, "rule_missing_year");
  assert.deepEqual([refusal.details.kind, refusal.details.name], ["unknown_amount", "transitional_subsidy"]);
  const field = (await personAsked(page)).find((f) => f.id === "extra-transitional_subsidy");
  assert.equal(field.label, "郑州过渡性补贴（经办机构核定，元/月）");
  assert.match(field.hint, /^河南省郑州市对您这种情况另发“郑州过渡性补贴”，但它的计算表本计算器没有找到出处，不作估算；/);
  assert.equal(field.value, "");
  assert.equal(await page.textContent("#error"), "按河南省郑州市规则测算还需要您的郑州过渡性补贴：请在上面新出现的一栏填写，再点“测算”。（rule_missing_year）");

  await page.fill("#extra-transitional_subsidy", "300");
  await settle(page, () => page.click("#go"));
  assert.equal(await state(page), "done", await page.textContent("#error"));
  inputs = await engineInputs(page);
  assert.deepEqual(inputs.projection.extra_amounts, { transitional_subsidy: "300" });
  assert.deepEqual(inputs.plan.person.extra_amounts, { transitional_subsidy: "300" });
  const proj = await samePension(page, inputs, dir, await sameRetirement(page, inputs));
  assert.equal(proj.award.extras.find((x) => x.name === "transitional_subsidy").amount, "300.00");
  await samePlan(page, inputs);

  const url = page.url();
  assert.match(url, /&transitional-index=1\.2&extra-transitional_subsidy=300&future-index=/);
  const again = await open(url);
  assert.equal(await state(again.page), "done", await again.page.textContent("#error"));
  assert.equal(await again.page.inputValue("#extra-transitional_subsidy"), "300");
  assert.equal(await again.page.textContent("#total-pension"), proj.award.total);
  assert.deepEqual([...errors, ...again.errors], []);
  await again.page.close();
  await page.close();
  await rm(dir, { recursive: true, force: true });
});

// ---- the planner (退休与缴费规划) ----

/** The CLI's `plan --format json` on the plan input the page gave the engine (its audit block). */
async function cliPlan(inputs) {
  assert.ok(inputs.plan, "the page lists its plan input");
  const dir = await mkdtemp(join(tmpdir(), "estimator-plan-"));
  await writeFile(join(dir, "plan.json"), JSON.stringify({ ruleset: inputs.ruleset, input: inputs.plan }));
  const plan = cli(["plan", join(dir, "plan.json"), "--format", "json"]);
  await rm(dir, { recursive: true, force: true });
  return plan;
}
const grouping = (s) => { const [i, f] = s.split("."); return i.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (f !== undefined ? `.${f}` : ""); };
/** The Chinese half of an engine statement ("中文 (English)"). */
const zhPart = (s) => /^(.*?)\s?\([A-Za-z_].*\)$/s.exec(s)?.[1].trim() ?? s;

/** The planner's table as shown: month, base, and the cells after them. */
const plannerRows = (page) => page.$$eval("#planner-table tr[data-month]", (trs) => trs.map((tr) => ({
  month: tr.dataset.month, base: tr.dataset.base,
  cells: [...tr.querySelectorAll("td:not(.month)")].slice(1).map((td) => td.textContent.trim()),
})));

/**
 * Every figure the planner shows is the CLI's plan of the same input: the table
 * (月养老金, 个人缴费（今后）, 回本年龄, 预期领取总额, or 否（差 N 个月，补缴约 X 元）),
 * today's money (÷ (1 + price growth)^years), the key months, both charts (one
 * series per base; a line point for each eligible month only; the bars' ages), the
 * statements. Returns the CLI's plan.
 */
async function samePlan(page, inputs, priceGrowth = 0.025) {
  const plan = await cliPlan(inputs);
  const asOf = Number(inputs.plan.person.from.slice(0, 4));
  const scenario = (m, b) => plan.scenarios.find((s) => s.retirement_month === m && s.index === b);
  const bases = [...new Set(plan.scenarios.map((s) => s.index))];
  assert.deepEqual(bases, inputs.plan.bases);
  const months = [...new Set(plan.scenarios.map((s) => s.retirement_month))].sort();
  if (!inputs.plan.retirement_months) {
    assert.equal(months[0], plan.earliest_month ?? plan.statutory_month);
    assert.equal(months.at(-1), plan.latest_month ?? plan.statutory_month);
  }

  // The table: the earliest, statutory and latest months and each whole year from the statutory one, × every base.
  const rows = await plannerRows(page);
  const shownMonths = [...new Set(rows.map((r) => r.month))];
  assert.ok(shownMonths.includes(months[0]) && shownMonths.includes(months.at(-1)) && shownMonths.includes(plan.statutory_month), shownMonths.join(" "));
  for (const m of months) {
    const years = (Number(m.slice(0, 4)) * 12 + Number(m.slice(5)) - Number(plan.statutory_month.slice(0, 4)) * 12 - Number(plan.statutory_month.slice(5))) / 12;
    assert.equal(shownMonths.includes(m), m === months[0] || m === months.at(-1) || Number.isInteger(years), m);
  }
  assert.equal(rows.length, shownMonths.length * bases.length);
  let no = 0;
  for (const r of rows) {
    const s = scenario(r.month, r.base);
    assert.ok(s, `${r.month} × ${r.base}`);
    if (s.eligible) {
      const [total, now, own, breakEven, lifetime] = r.cells;
      assert.equal(total, s.total, `${r.month} × ${r.base}: 月养老金`);
      assert.equal(own, s.own_to_come, `${r.month} × ${r.base}: 个人缴费（今后）`);
      assert.equal(breakEven, s.break_even_age ? zhAge(s.break_even_age) : "100年内不回本", `${r.month} × ${r.base}: 回本年龄`);
      assert.equal(lifetime, s.lifetime_value, `${r.month} × ${r.base}: 预期领取总额`);
      const n = Number(r.month.slice(0, 4)) - asOf;
      if (n > 0) assert.ok(Math.abs(Number(now.replace(/,/g, "")) - Number(s.total) / (1 + priceGrowth) ** n) <= 0.5 + 1e-9, `${now} ≈ ${s.total}/${1 + priceGrowth}^${n}`);
    } else {
      no++;
      const cost = s.make_up.find((u) => u.index === s.index);
      assert.equal(r.cells.join(""), `否（差 ${s.short_by_months} 个月，补缴约 ${grouping(cost.total)} 元）`, `${r.month} × ${r.base}`);
    }
  }

  // Chart 1: one series per base, a point for each eligible month (none for the others), the statutory month marked.
  const series = await page.$$eval("#planner-pension-chart svg g.series", (gs) => gs.map((g) => ({
    base: g.dataset.base, points: Number(g.dataset.points), values: g.dataset.values.split(" ").map((x) => x.split("=")),
    drawn: [...g.querySelectorAll("polyline")].reduce((n, p) => n + p.getAttribute("points").trim().split(/\s+/).length, 0) + g.querySelectorAll("circle").length,
  })));
  assert.deepEqual(series.map((x) => x.base), bases);
  for (const x of series) {
    const eligible = plan.scenarios.filter((s) => s.index === x.base && s.eligible).length;
    assert.equal(x.points, eligible, `base ${x.base}`);
    assert.equal(x.drawn, eligible, `base ${x.base}: one point per eligible month`);
    const real = await page.isChecked("#planner-real");
    for (const [m, v] of x.values) {
      const total = Number(scenario(m, x.base).total), n = Number(m.slice(0, 4)) - asOf;
      // The engine's figure, or (in today's money) the page's conversion of it, rounded to the yuan.
      if (!real) assert.equal(Number(v), total, `${m} × ${x.base}`);
      else assert.ok(Math.abs(Number(v) - total / (1 + priceGrowth) ** Math.max(0, n)) <= 0.5 + 1e-9, `${m} × ${x.base}: ${v} in today's money`);
    }
  }
  assert.equal((await page.$$("#planner-pension-chart svg line.statutory")).length, 1);

  // Chart 2: one bar (or the months short) per base, at the month chosen (the statutory by default).
  const at = await page.inputValue("#planner-at");
  const bars = await page.$$eval("#planner-break-even-chart svg g.series", (gs) => gs.map((g) => ({
    base: g.dataset.base, age: g.querySelector("rect.bar")?.dataset.age ?? null, text: g.textContent })));
  assert.deepEqual(bars.map((x) => x.base), bases);
  for (const x of bars) {
    const s = scenario(at, x.base);
    assert.equal(x.age, s.eligible ? s.break_even_age ?? null : null, `${at} × ${x.base}`);
    if (!s.eligible) assert.match(x.text, new RegExp(`否（差 ${s.short_by_months} 个月）`));
  }

  // The engine's statements beside the result, in Chinese.
  const statements = await page.$$eval("#planner-statements li", (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(statements, plan.assumptions.statements.map(zhPart));
  assert.ok(statements.every((x) => !/[A-Za-z]{3}/.test(x)), statements.join("\n"));
  return { plan, scenario, bases, months, no, at };
}

test("the planner: every figure and both charts are the CLI's `plan`, in Shaanxi and in Chongqing; one plain sentence", { timeout: 300_000 }, async () => {
  const { page, errors } = await open();
  await fillPerson(page);
  await settle(page, () => page.click("#go"));
  assert.equal(await state(page), "done", await page.textContent("#error"));
  let inputs = await engineInputs(page);
  assert.equal(inputs.ruleset, "cn/shaanxi");
  // The defaults: an employee, 60/100/150/200/300 %, every month of the window (the engine's default).
  assert.deepEqual(inputs.plan.bases, ["0.6", "1", "1.5", "2", "3"]);
  assert.equal(inputs.plan.payer, "employee");
  assert.equal(inputs.plan.retirement_months, undefined);
  assert.deepEqual(inputs.plan.person, (({ assumptions, ...p }) => p)(inputs.projection));
  let { plan, scenario, months } = await samePlan(page, inputs);
  assert.ok(months.length > 24, "every month of the elastic window");

  // The sentence: a year later at 100 %, the engine's two figures apart; break-even at 60 %.
  const S = plan.statutory_month;
  const later = `${Number(S.slice(0, 4)) + 1}${S.slice(4)}`;
  const more = (Math.round(Number(scenario(later, "1").total) * 100) - Math.round(Number(scenario(S, "1").total) * 100)) / 100;
  const sentence = await page.textContent("#planner-summary");
  assert.ok(sentence.startsWith(`晚退休一年（到${zhMonth(later)}），按 100% 基数每月多领约 ${grouping(more.toFixed(2))} 元（约合今天的 `), sentence);
  assert.ok(sentence.includes(`在${zhMonth(S)}退休、按 60% 基数缴费，约${zhAge(scenario(S, "0.6").break_even_age)}回本。`), sentence);
  // Today's money is stated as an assumption of the page.
  assert.match(await page.textContent("#planner-today"), /按物价每年上涨 2\.5% 把退休那年的金额折算到 2026 年（本页的显示换算，不是计算引擎的结果）/);

  // Another month for the break-even bars: redrawn from the same plan, kept in the URL.
  const keys = await page.$$eval("#planner-at option", (os) => os.map((o) => o.value));
  assert.ok(keys.includes(S) && keys.length >= 3);
  await page.selectOption("#planner-at", keys.at(-1));
  assert.equal(new URL(page.url()).searchParams.get("at"), keys.at(-1));
  assert.equal((await samePlan(page, inputs)).at, keys.at(-1));
  // The pension chart in today's money (the page's display conversion, the axis says so), kept in the URL.
  await page.check("#planner-real");
  assert.equal(new URL(page.url()).searchParams.get("money"), "today");
  assert.match(await page.textContent("#planner-pension-chart svg"), /月养老金 元（折合今天）/);
  await samePlan(page, inputs);
  await page.uncheck("#planner-real");
  assert.equal(new URL(page.url()).searchParams.get("money"), null);

  // 重庆, as a flexible worker on three bases with paid-to-date and pension growth: the CLI's figures too.
  await page.selectOption("#payer", "flexible");
  await page.fill("#bases", "60%，100、300");
  await page.fill("#paid-to-date", "38,000");
  await page.fill("#pension-growth", "2%");
  await settle(page, () => page.selectOption("#province", { label: "重庆市" }));
  assert.equal(await state(page), "done", await page.textContent("#error"));
  inputs = await engineInputs(page);
  assert.equal(inputs.ruleset, "cn/chongqing");
  assert.deepEqual(inputs.plan.bases, ["0.6", "1", "3"]);
  assert.equal(inputs.plan.payer, "flexible");
  assert.equal(inputs.plan.paid_to_date, "38000");
  assert.equal(inputs.plan.pension_growth, "0.02");
  ({ plan } = await samePlan(page, inputs));
  assert.equal(plan.assumptions.payer, "flexible");
  assert.match(await page.textContent("#planner-statements"), /今后按灵活就业人员缴费.*回本计算计入已缴个人缴费 38000 元/s);
  assert.equal(await page.textContent("#planner-error"), "");

  // In English: the statements' English half, the same figures.
  const table = await plannerRows(page);
  await settle(page, () => page.click("#lang [data-lang=en]"));
  assert.deepEqual(await page.$$eval("#planner-statements li", (lis) => lis.map((li) => li.textContent)),
    plan.assumptions.statements.map((s) => /\(([A-Za-z_].*)\)$/s.exec(s)[1]));
  assert.match(await page.textContent("#planner-summary"), /^Retiring a year later \(in [A-Z][a-z]+ \d{4}\) at a 100% base pays about [\d,.]+ yuan a month more/);
  assert.deepEqual((await plannerRows(page)).map((r) => [r.month, r.base, r.cells[0]]), table.map((r) => [r.month, r.base, r.cells[0]]));
  await settle(page, () => page.click("#lang [data-lang=zh]"));
  await page.evaluate(() => localStorage.removeItem("pension-estimator-lang"));

  await mkdir(join(root, "target", "web"), { recursive: true });
  await page.$eval("#planner-panel", (e) => e.scrollIntoView());
  await (await page.$("#planner-panel")).screenshot({ path: join(root, "target", "web", "estimator-planner.png") });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the planner: a month short of the minimum shows 否 with the months short and their cost, and no point in the chart", { timeout: 180_000 }, async () => {
  const { page, errors } = await open();
  // A flexible worker with 11 years paid: short early in the window, eligible later.
  await page.fill("#birth", "1978-09");
  await page.selectOption("#category", "female_50");
  await page.fill("#years", "11");
  await page.fill("#deemed", "0");
  await page.fill("#index", "0.8");
  await page.fill("#balance", "42000");
  await page.fill("#asof", "2027-01");
  await page.fill("#future-index", "0.6");
  await page.selectOption("#payer", "flexible");
  await page.fill("#paid-to-date", "38000");
  await settle(page, () => page.click("#go"));
  const inputs = await engineInputs(page);
  const { plan, no, months, bases } = await samePlan(page, inputs);
  assert.ok(no > 0, "some months are short");
  const first = plan.scenarios.find((s) => s.retirement_month === months[0] && s.index === "0.6");
  assert.equal(first.eligible, false);
  const row = (await plannerRows(page)).find((r) => r.month === months[0] && r.base === "0.6");
  assert.match(row.cells[0], new RegExp(`^否（差 ${first.short_by_months} 个月，补缴约 [\\d,]+\\.\\d\\d 元）$`));
  // Lines break where a month is short: fewer points than months, for every base.
  const points = await page.$$eval("#planner-pension-chart svg g.series", (gs) => gs.map((g) => Number(g.dataset.points)));
  assert.equal(points.length, bases.length);
  assert.ok(points.every((n) => n < months.length && n > 0), points.join(" "));
  // The statutory month is short too: the sentence says by how much, and the first month that is not.
  const S = plan.statutory_month;
  const s100 = plan.scenarios.find((s) => s.retirement_month === S && s.index === "1");
  assert.equal(s100.eligible, false);
  assert.match(await page.textContent("#planner-summary"),
    new RegExp(`^在${zhMonth(S)}退休，按 100% 基数还差 ${s100.short_by_months} 个月，不能按月领取（补缴约 [\\d,.]+ 元）；按 100% 基数最早在\\d{4}年\\d+月退休才能按月领取`));

  // A base the rules do not allow: the engine's refusal, in one Chinese sentence next to the field.
  await page.fill("#bases", "30, 100");
  await settle(page, () => page.click("#go"));
  assert.equal(await page.textContent("#bases-error"), "超出本地规则允许的范围：缴费基数只能在社平工资的 60% 到 300% 之间。");
  assert.match(await page.getAttribute("#bases-error", "title"), /0\.3 is out of range/);
  assert.equal(await page.textContent("#planner-error"), "请先改正上面标红的输入项，再点“测算”。");
  // … and a base that is not a number, before the engine.
  await page.fill("#bases", "60, abc");
  await settle(page, () => page.click("#go"));
  assert.equal(await page.textContent("#bases-error"), "“abc”不是基数。请填社平工资的百分数，用逗号隔开，例如 60, 100, 300。");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the planner's scenario is in the URL: opening it fills the form and shows the same figures", { timeout: 180_000 }, async () => {
  const { page, errors } = await open();
  await fillPerson(page);
  await page.selectOption("#payer", "flexible");
  await page.fill("#bases", "60, 300");
  await page.fill("#paid-to-date", "52,000");
  await page.fill("#pension-growth", "0.02");
  await settle(page, () => page.selectOption("#province", "cn/chongqing"));
  const keys = await page.$$eval("#planner-at option", (os) => os.map((o) => o.value));
  await page.selectOption("#planner-at", keys[0]);
  await page.check("#planner-real");
  const url = page.url();
  // Readable: one parameter per field, the place and the bases as written.
  assert.match(url, /\?place=cn\/chongqing&birth=1967-09&category=male&years=27&deemed=6&index=1\.15&balance=96000\.50&asof=2026-11&/);
  assert.match(url, /&payer=flexible&bases=60,300&paid-to-date=52000&pension-growth=0\.02&money=today&at=\d{4}-\d\d$/);
  const inputs = await engineInputs(page);
  const table = await plannerRows(page);
  const sentence = await page.textContent("#planner-summary");
  const bars = await page.$$eval("#planner-break-even-chart rect.bar", (rs) => rs.map((r) => r.dataset.age));

  // A fresh page on that URL (a shared link): the same form, the same engine inputs, the same figures.
  const again = await open(url);
  assert.equal(await state(again.page), "done");
  for (const [id, v] of [["province", "cn/chongqing"], ["birth", "1967-09"], ["years", "27"], ["balance", "96000.50"], ["payer", "flexible"],
    ["bases", "60,300"], ["paid-to-date", "52000"], ["pension-growth", "0.02"], ["wage-growth", "0.05"], ["asof", "2026-11"], ["planner-at", keys[0]]]) {
    assert.equal(await again.page.inputValue(`#${id}`), v, id);
  }
  assert.ok(await again.page.isChecked("#planner-real"));
  assert.deepEqual(await engineInputs(again.page), inputs);
  assert.deepEqual(await plannerRows(again.page), table);
  assert.equal(await again.page.textContent("#planner-summary"), sentence);
  assert.deepEqual(await again.page.$$eval("#planner-break-even-chart rect.bar", (rs) => rs.map((r) => r.dataset.age)), bars);
  assert.equal(again.page.url(), url, "stable: the page writes back the same URL");
  await samePlan(again.page, inputs);
  // ?lang= still works beside the scenario.
  const en = await open(`${url}&lang=en`);
  assert.equal(await en.page.textContent("label[for=payer]"), "Who pays from now on");
  assert.equal(await en.page.inputValue("#bases"), "60,300");
  assert.deepEqual((await plannerRows(en.page)).map((r) => r.cells[0]), table.map((r) => r.cells[0]));
  await en.page.evaluate(() => localStorage.removeItem("pension-estimator-lang"));
  assert.deepEqual([...errors, ...again.errors, ...en.errors], []);
  for (const p of [page, again.page, en.page]) await p.close();
});

test("the planner at phone width (390 px): one column, charts within the width, nothing overflows", { timeout: 180_000 }, async () => {
  for (const lang of ["zh", "en"]) {
    const { page, errors } = await open(`${base}?lang=${lang}`, { width: 390, height: 844 });
    await fillPerson(page);
    await settle(page, () => page.click("#go"));
    assert.equal(await state(page), "done");
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390,
      `${lang}: page is ${await page.evaluate(() => document.documentElement.scrollWidth)} px wide`);
    const panel = await box(page, "#planner-panel");
    assert.ok(panel.width > 0 && panel.left >= 0 && panel.right <= 390);
    for (const sel of ["#planner-pension-chart svg", "#planner-break-even-chart svg", "#planner-at", "#planner-summary"]) {
      const b = await box(page, sel);
      assert.ok(b.width > 0 && b.left >= panel.left && b.right <= panel.right, `${lang} ${sel}: ${JSON.stringify(b)}`);
    }
    assert.equal(await page.$$eval("#planner-pension-chart svg g.series", (gs) => gs.length), 5);
    if (lang === "zh") {
      await page.$eval("#planner-panel", (e) => e.scrollIntoView());
      await mkdir(join(root, "target", "web"), { recursive: true });
      await (await page.$("#planner-panel")).screenshot({ path: join(root, "target", "web", "estimator-planner-390.png") });
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
  await browser.pages()[0]?.evaluate(() => localStorage.removeItem("pension-estimator-lang")).catch(() => {});
});
