// The defaults and messages every front end shares come from the engine:
// the standard projection assumptions (`standardAssumptions()`, the estimator
// page's starting values) and the Chinese sentence of every error code
// (`messageZh`, the same table as the CLI's `--lang zh`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Engine, errorExamples, standardAssumptions } = require("../pkg-node/pension_rules_wasm.js");

test("standard assumptions come from the engine", () => {
  assert.deepEqual(standardAssumptions(), {
    average_wage_growth: "0.04", pension_base_growth: "0.03", interest_rate: "0.03",
  });
});

test("every thrown error carries the engine's Chinese sentence", () => {
  const engine = new Engine("cn/national");
  assert.throws(() => engine.retirement({ birth: "1970-13", category: "male" }),
    (e) => e.code === "invalid_input" && e.messageZh === "输入有误");
  for (const e of errorExamples()) assert.ok(e.messageZh && e.messageZh !== "出错了", e.code);
});

test("every thrown error says what to do, naming the keyword that supplies a missing year", () => {
  const engine = new Engine("cn/shaanxi");
  // cn/shaanxi's average wages start with 1993: a base paid in 1991 has no wage to index.
  assert.throws(() => engine.award({ category: "male", birth: "1965-01", retirement_month: "2025-02",
    history: [{ from: "1991-01", to: "2025-01", base: "3000" }], account_balance: "100000" }),
    (e) => e.code === "rule_missing_year" && e.remedy.en.includes("`average_wages`")
      && e.remedy.zh.includes("`average_wages`"));
  for (const e of errorExamples()) assert.ok(e.remedy && e.remedy.zh && e.remedy.en, e.code);
});

test("decimal strings follow the one grammar of core", () => {
  // Issue 16: "1_0" was read as 10, "8e-1" as 0.8.
  const engine = new Engine("cn/shaanxi");
  for (const wage of ["1_0", "1_000", "+3000", "3000.", "8e-1"]) {
    assert.throws(() => engine.contribution({ month: "2024-03", wage, employment: "employee" }),
      (e) => e.code === "invalid_input" && e.details.fields[0].path === "wage", wage);
  }
  assert.ok(engine.contribution({ month: "2024-03", wage: "3000.50", employment: "employee" }));
});
