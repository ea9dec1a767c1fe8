// engine.projection: the conformance vectors' figures (derived in Python
// decimal by tests/vectors/derive/projection.py), figure origins, every field
// problem at once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { Engine } = require("../pkg-node/pension_rules_wasm.js");
const root = fileURLToPath(new URL("../../../", import.meta.url));
const cases = JSON.parse(readFileSync(`${root}tests/vectors/projection.json`, "utf8"));
const engine = new Engine("cn/shaanxi");

test("every projection vector: path and award as derived", () => {
  let n = 0;
  for (const c of cases.filter((c) => !("error" in c.expect))) {
    const r = engine.projection(c.input);
    const want = c.expect;
    assert.equal(r.retirement_month, want.retirement_month, c.id);
    assert.equal(r.award.total, want.total, c.id);
    assert.equal(Number(r.account_balance), Number(want.account_balance), c.id);
    assert.deepEqual(r.years.map((y) => y.year), want.years.map((y) => y.year), c.id);
    r.years.forEach((y, i) => assert.equal(Number(y.balance), Number(want.years[i].balance), `${c.id} ${y.year}`));
    assert.equal(r.pension_base.source, want.pension_base_source, c.id);
    assert.equal(r.trace.rules.id, "cn/shaanxi");
    assert.ok(r.trace.steps.some((s) => s.name === "projected_base" || s.name === "total"));
    n++;
  }
  assert.ok(n >= 5);
});

test("figures say where they come from", () => {
  // projection-shaanxi-2026-statutory-60y4m-projected-base
  const c = cases.find((c) => c.id === "projection-shaanxi-2026-statutory-60y4m-projected-base");
  const r = engine.projection({ ...c.input, account_balance: 150000 });
  assert.equal(r.award.total, "3984.04");
  const y = r.years[0];
  assert.equal(y.average_wage.source, "rules");
  assert.match(y.average_wage.basis, /陕人社函〔2026〕326号/);
  assert.equal(y.interest_rate.source, "assumed");
  assert.equal(r.pension_base.source, "projected");
  assert.equal(r.pension_base.value, "8117.43");
});

test("every field problem at once, with assumption paths", () => {
  assert.throws(
    () => engine.projection({ category: "male", birth: "1966-01", from: "2026-01", index: "1",
      assumptions: { average_wage_growth: 0.05, interest_rate: "x" } }),
    (e) => {
      assert.equal(e.name, "InputError");
      const paths = e.details.fields.map((f) => f.path);
      assert.ok(paths.includes("assumptions.average_wage_growth"), paths.join());
      return true;
    });
  assert.throws(
    () => engine.projection({ category: "male", birth: "1966-01", from: "2026-01", index: "1",
      assumptions: { average_wage_growth: "0.05", interest_rate: "x" } }),
    (e) => {
      assert.deepEqual(e.details.fields.map((f) => f.path), ["assumptions.interest_rate", "assumptions.pension_base_growth"]);
      return true;
    });
});
