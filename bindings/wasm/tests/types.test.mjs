// The TypeScript interfaces in the generated .d.ts declare every field the
// engine returns (so the types cannot silently fall behind the core).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { Engine } = require("../pkg-node/pension_rules_wasm.js");
const dts = readFileSync(fileURLToPath(new URL("../pkg-node/pension_rules_wasm.d.ts", import.meta.url)), "utf8");
const root = fileURLToPath(new URL("../../../", import.meta.url));

/** Top-level field names of `export interface Name { … }`. */
function fields(name) {
  const start = dts.indexOf(`export interface ${name} `);
  assert.ok(start >= 0, `interface ${name} is declared`);
  let depth = 0;
  let body = "";
  for (let i = dts.indexOf("{", start); i < dts.length; i++) {
    const ch = dts[i];
    if (ch === "{") depth++;
    if (ch === "}") depth--;
    if (depth === 1 && ch !== "{") body += ch;
    if (depth === 0) break;
  }
  return new Set([...body.matchAll(/^\s*(?:\/\*\*.*\*\/\s*)?([a-z_]+)\??:/gm)].map((m) => m[1]));
}

function assertDeclared(name, obj) {
  const declared = fields(name);
  for (const key of Object.keys(obj)) assert.ok(declared.has(key), `${name}.${key} is declared in the .d.ts`);
}

import { readdirSync } from "node:fs";
const all = readdirSync(`${root}tests/vectors`)
  .filter((f) => f.endsWith(".json"))
  .flatMap((f) => JSON.parse(readFileSync(`${root}tests/vectors/${f}`, "utf8")));
const cases = (kind) => all.filter((c) => c.kind === kind && !("error" in c.expect));

/** Check `obj` against interface `name`, and nested objects against theirs. */
function deep(name, obj, nested = {}) {
  assertDeclared(name, obj);
  for (const [key, iface] of Object.entries(nested)) {
    const v = obj[key];
    if (v == null) continue;
    for (const item of Array.isArray(v) ? v : [v]) assertDeclared(iface, item);
  }
}

test("RetirementResult, ElasticWindow, Eligibility, Trace, Step declare every field", () => {
  const engines = {};
  for (const c of cases("retirement")) {
    const e = (engines[c.ruleset] ??= new Engine(c.ruleset));
    const r = e.retirement(c.input);
    assertDeclared("RetirementResult", r);
    if (r.elastic) assertDeclared("ElasticWindow", r.elastic);
    if (r.eligibility) assertDeclared("Eligibility", r.eligibility);
    assertDeclared("Trace", r.trace);
    for (const s of r.trace.steps) {
      assertDeclared("Step", s);
      for (const p of s.params ?? []) {
        assertDeclared("ParamUse", p);
        assertDeclared("Provenance", p.provenance);
      }
    }
  }
});

test("SurvivorResult declares every field", () => {
  const engines = {};
  for (const c of cases("survivor")) {
    const e = (engines[c.ruleset] ??= new Engine(c.ruleset));
    assertDeclared("SurvivorResult", e.survivor(c.input));
  }
});

test("ContributionResult, AccountStatement, AwardResult, AdjustmentResult declare every field", () => {
  const engines = {};
  const engine = (c) => (engines[c.ruleset] ??= new Engine(c.ruleset));
  let n = 0;
  for (const c of cases("contribution")) {
    deep("ContributionResult", engine(c).contribution(c.input), { limits: "BaseLimits" });
    n++;
  }
  for (const c of cases("account")) {
    const r = engine(c).account(c.input);
    deep("AccountStatement", r, { years: "YearStatement" });
    for (const y of r.years) for (const p of y.postings) assertDeclared("PostingLine", p);
    n++;
  }
  for (const c of cases("award")) {
    const r = engine(c).award(c.input);
    deep("AwardResult", r, { index: "IndexResult" });
    for (const y of r.index?.years ?? []) assertDeclared("YearIndex", y);
    n++;
  }
  for (const c of cases("transfer")) {
    const r = engine(c).transfer(c.input);
    deep("TransferResult", r, { stays: "Stay", moves: "Move", receipt: "Receipt", award: "AwardResult" });
    n++;
  }
  for (const c of cases("adjustment")) {
    deep("AdjustmentResult", engine(c).adjustment(c.input));
    n++;
  }
  for (const c of cases("projection")) {
    const r = engine(c).projection(c.input);
    deep("ProjectionResult", r, { years: "ProjectedYear", pension_base: "ProjectedFigure", assumptions: "ProjectionAssumptions", award: "AwardResult" });
    for (const y of r.years) deep("ProjectedYear", y, { average_wage: "ProjectedFigure", interest_rate: "ProjectedFigure" });
    n++;
  }
  assert.ok(n > 50, `${n}`);
});

test("methods are typed with the interfaces", () => {
  assert.match(dts, /retirement\(input: RetirementInput\): RetirementResult;/);
  assert.match(dts, /survivor\(input: SurvivorInput\): SurvivorResult;/);
  for (const [m, i, r] of [
    ["contribution", "ContributionInput", "ContributionResult"],
    ["account", "AccountInput", "AccountStatement"],
    ["adjustment", "AdjustmentInput", "AdjustmentResult"],
    ["transfer", "TransferInput", "TransferResult"],
    ["projection", "ProjectionInput", "ProjectionResult"],
  ]) {
    assert.ok(dts.includes(`${m}(input: ${i}): ${r};`), m);
  }
  assert.ok(dts.includes("award(input: AwardInput, options?: { knownOn?: IsoDate; trace?: boolean }): AwardResult;"));
  assert.ok(dts.includes("awardText(input: AwardInput, format: AwardTextFormat, options?: AwardOptions): string;"));
  assert.ok(dts.includes("recompute(input: AwardInput, options: RecomputeOptions): AwardRecomputation;"));
  assert.ok(dts.includes("payroll(rows: string | PayrollRowInput[], options: PayrollOptions): PayrollDeclaration;"));
  assert.deepEqual(Engine.kinds().sort(), ["account", "adjustment", "award", "contribution", "projection", "retirement", "survivor", "transfer"]);
  assert.match(dts, /constructor\(ruleset\?: string, options\?: EngineOptions\);/);
});

test("PayrollDeclaration, PayrollLine, PayrollRowError, AwardRecomputation declare every field", () => {
  const e = new Engine("cn/shaanxi");
  const csv = readFileSync(`${root}examples/unit-payroll.csv`, "utf8") + "E006,abc,employee\n";
  const r = e.payroll(csv, { month: "2024-03", trace: true });
  deep("PayrollDeclaration", r, { rules: "RuleSetIdentity", limits: "BaseLimits", trace: "Trace" });
  for (const row of r.rows) assertDeclared(row.error ? "PayrollRowError" : "PayrollLine", row);
  const input = { category: "male", birth: "1965-01", retirement_month: "2025-02", contribution_months: 385,
    deemed_months: 130, average_index: "0.9", account_balance: "160000" };
  const re = e.recompute(input, { knownOn: "2025-08-01", arrearsThrough: "2026-06" });
  deep("AwardRecomputation", re, { provisional: "AwardResult", final: "AwardResult" });
});
