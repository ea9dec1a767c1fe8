// The Engine class of the Node package (bindings/wasm/pkg-node): same calls
// as Python, plain JS objects in and out, money as decimal strings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { Engine } = require("../pkg-node/pension_rules_wasm.js");
const root = fileURLToPath(new URL("../../../", import.meta.url));

const national = new Engine("cn/national");

test("retirement: the 2024 NPC retirement decision, docs/sources.md §5.3 example (male 1976-02)", () => {
  const r = national.retirement({ birth: "1976-02", category: "male", contribution_months: 220 });
  assert.equal(r.statutory_age, "62y10m");
  assert.equal(r.statutory_month, "2038-12");
  assert.deepEqual([r.elastic.earliest_month, r.elastic.latest_month], ["2036-02", "2041-12"]);
  assert.deepEqual([r.eligibility.eligible, r.eligibility.short_by_months], [false, 14]);
  assert.equal(typeof r.divisor, "string");
  assert.equal(r.trace.rules.id, "cn/national");
  assert.ok(r.trace.steps.length > 0 && r.trace.steps[0].params[0].provenance.source);
});

test("survivor: 《当代工人》2023年2期 案例1, money as strings in and out", () => {
  const r = national.survivor({ monthly_income_base: "2818.5", contribution_months: 345, pension_months_received: 42 });
  assert.equal(r.allowance_months, "19.25");
  assert.equal(r.survivor_allowance, "54256.13");
  assert.equal(r.total, "59893.13");
});

test("an exact integer is accepted for money, a fractional number is refused", () => {
  const r = national.survivor({ monthly_income_base: 5015, contribution_months: 420, pension_months_received: 300 });
  assert.equal(r.total, "55165.00");
  assert.throws(
    () => national.survivor({ monthly_income_base: 2818.5, contribution_months: 345 }),
    (e) => {
      assert.ok(e instanceof Error);
      assert.equal(e.name, "InputError");
      assert.equal(e.code, "invalid_input");
      assert.equal(e.details.fields[0].path, "monthly_income_base");
      assert.match(e.details.fields[0].message, /"2818\.5"/);
      return true;
    },
  );
});

test("undefined and null fields are absent", () => {
  const r = national.retirement({ birth: "1971-04", category: "female_55", contribution_months: undefined, special: null });
  assert.equal(r.retirement_month, "2026-08");
  assert.equal(r.eligibility, null);
});

test("every field problem at once, with code and details", () => {
  assert.throws(
    () => national.retirement({ birth: "1970-00", category: "female_60" }),
    (e) => e.code === "invalid_input" && e.details.fields.map((f) => f.path).join() === "birth,category",
  );
  assert.throws(() => national.compute("payroll_tax", {}), (e) => e.details.fields[0].path === "kind");
});

test("rules errors and load errors", () => {
  const shaanxi = new Engine("cn/shaanxi");
  assert.throws(
    () => shaanxi.survivor({ region: "610000", death_month: "1990-03", contribution_months: 300 }),
    (e) => e.name === "RulesError" && e.code.startsWith("rule_") && typeof e.details.param === "string",
  );
  assert.throws(
    () => new Engine("cn/atlantis"),
    (e) => e.name === "LoadError" && e.code === "rules_invalid" && e.details.diagnostics[0].code === "missing_rule_set",
  );
});

test("overlays as TOML text or object give the same rules", () => {
  const toml = readFileSync(`${root}examples/reform-divisor-2030.toml`, "utf8");
  const a = new Engine("cn/shaanxi", { overlays: [toml] });
  assert.equal(a.identity.id, "cn/shaanxi+reform/divisor-2030");
  const doc = {
    overlay: { id: "reform/rate-15", base: "cn/shaanxi" },
    contribution: { employer_rate: { values: [{ from: "2030-01-01", value: "0.15", source: "scenario" }] } },
  };
  const b = new Engine("cn/shaanxi", { overlays: [doc] });
  const c = new Engine("cn/shaanxi", {
    overlays: ['[overlay]\nid = "reform/rate-15"\nbase = "cn/shaanxi"\n[contribution.employer_rate]\n[[contribution.employer_rate.values]]\nfrom = 2030-01-01\nvalue = "0.15"\nsource = "scenario"\n'],
  });
  assert.equal(b.identity.hash, c.identity.hash);
  assert.notEqual(b.identity.hash, new Engine("cn/shaanxi").identity.hash);
  const rate = b.rulesShow("2030-06-30").params.find((p) => p.name === "contribution.employer_rate");
  assert.equal(rate.values[0].value, "0.15");
});

test("a reform in one line: dotted paths to values by period", () => {
  const e = new Engine("cn/shaanxi", { overlays: [{ "contribution.employer_rate": { "2030-01": "0.15" } }] });
  assert.equal(e.identity.id, "cn/shaanxi+reform/overlays-0");
  const rate = e.rulesShow("2030-06-30").params.find((p) => p.name === "contribution.employer_rate");
  assert.equal(rate.values[0].value, "0.15");
  assert.match(rate.values[0].provenance.source, /hypothetical/);
  assert.throws(() => new Engine("cn/shaanxi", { overlays: [{ "contribution.employer_rat": { "2030-01": "0.15" } }] }),
    (err) => err.details.fields[0].path === "contribution.employer_rat");
});

test("rule files given as text", () => {
  const e = new Engine("my/set", { files: { "my/set/ruleset.toml": 'id = "my/set"\nversion = "1"\nextends = "cn/shaanxi"\n' } });
  assert.equal(e.identity.id, "my/set");
  const ids = e.rulesList().map((r) => r.id);
  // The shipped sets first, then the given ones.
  assert.deepEqual(ids, [...new Engine().rulesList().map((r) => r.id), "my/set"]);
  assert.ok(ids.includes("cn/national") && ids.includes("cn/shaanxi"));
});

test("rulesShow, rulesHash, rulesList, kinds", () => {
  const shaanxi = new Engine();
  const show = shaanxi.rulesShow("2025-06-30");
  const base = show.params.find((p) => p.name === "award.pension_base");
  assert.ok(base.values.some((v) => v.key === "2024" && v.value === "7727"));
  assert.deepEqual(shaanxi.rulesHash(), shaanxi.identity);
  assert.ok(shaanxi.rulesList().some((r) => r.id === "cn/shaanxi" && r.hash === shaanxi.identity.hash));
  assert.ok(typeof shaanxi.rulesShow().as_of === "string");
  assert.ok(Engine.kinds().includes("retirement"));
  assert.throws(() => shaanxi.rulesShow("2025-13-01"), (e) => e.code === "invalid_input");
});

test("rulesList: the shipped places with GB/T 2260 region and Chinese title (the estimator's picker)", () => {
  const list = new Engine().rulesList();
  assert.deepEqual(list.filter((r) => r.error), []);
  const provinces = list.filter((r) => r.id.split("/").length === 2 && /^\d\d0000$/.test(r.region ?? ""));
  assert.equal(provinces.length, 31);
  const sichuan = list.find((r) => r.id === "cn/sichuan");
  assert.equal(sichuan.region, "510000");
  assert.match(sichuan.title, /^四川省/);
  assert.equal(sichuan.hash, new Engine("cn/sichuan").identity.hash);
  const shenyang = list.find((r) => r.id === "cn/liaoning/shenyang");
  assert.equal(shenyang.region, "210100");
  assert.match(shenyang.title, /^辽宁省沈阳市/);
  // Every city layer sits under its province's id and inside its region.
  for (const c of list.filter((r) => r.id.split("/").length === 3)) {
    const p = provinces.find((q) => c.id.startsWith(`${q.id}/`));
    assert.ok(p, c.id);
    assert.equal(c.region.slice(0, 2), p.region.slice(0, 2), c.id);
  }
});

test("explain and figures", () => {
  const t = national.explain("retirement", { birth: "1976-02", category: "male" });
  assert.deepEqual(t.steps.slice(0, 3).map((s) => s.name), ["schedule", "delay", "statutory_age"]);
  assert.equal(national.figures("retirement", { birth: "1965-01", category: "male" }).age, "60y1m");
});

test("batch keeps every row, errors included", () => {
  const rows = national.batch("retirement", [
    { birth: "1965-01", category: "male" },
    { birth: "1970-13", category: "male" },
    { birth: "1971-04", category: "female_55" },
  ]);
  assert.equal(rows.length, 3);
  assert.equal(rows[0].retirement_month, "2025-02");
  assert.equal(rows[1].error_code, "invalid_input");
  assert.equal(rows[2].retirement_month, "2026-08");
});

test("check runs vector files", () => {
  const text = readFileSync(`${root}tests/vectors/retirement.json`, "utf8");
  const report = national.check(text);
  assert.equal(report.cases.length, 48);
  assert.ok(report.cases.every((c) => c.outcome.status === "pass"));
});

test("contribution: vector contribution-shaanxi-2023-06-employee-below-floor", () => {
  const r = new Engine("cn/shaanxi").contribution({ month: "2023-06", wage: "3500.00", employment: "employee" });
  assert.deepEqual([r.position, r.base, r.employer, r.individual], ["below_floor", "4217.20", "674.75", "337.38"]);
  assert.ok(r.trace.steps.length > 0);
});

test("account: derived-account-1 (劳办发〔1997〕116号, 2023 rate 3.97 %)", () => {
  const r = national.account({ opening_balance: "100000.00", opening_year: 2022, credits: [{ year: 2023, amount: "4800" }], through_year: 2023 });
  assert.equal(r.balance, "108873.19");
  assert.equal(r.years[0].interest, "4073.19");
});

test("award: derived-award-2 (docs/sources.md §9.2 worked example 11)", () => {
  const r = new Engine("cn/shaanxi").award({
    category: "male", birth: "1964-06", retirement_month: "2024-06",
    contribution_months: 360, deemed_months: 120, average_index: "0.8", account_balance: "120000",
  });
  assert.deepEqual([r.basic_pension, r.account_pension, r.transitional_pension, r.total], ["2781.72", "863.31", "865.42", "4510.45"]);
});

test("adjustment: adjustment-shaanxi-2017-case-a", () => {
  const r = new Engine("cn/shaanxi").adjustment({ year: 2017, pension: "3000", contribution_months: 420, birth: "1944-05", retirement_month: "2004-05" });
  assert.deepEqual([r.increase, r.pension_after], ["186.00", "3186.00"]);
});
