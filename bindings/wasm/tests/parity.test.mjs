// Front-end parity with the CLI: the unit payroll declaration, the award
// texts (核定表, zh/en) and the provisional → final recomputation with
// arrears, each equal to what `pension-rules` prints.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { Engine } = require("../pkg-node/pension_rules_wasm.js");
const root = fileURLToPath(new URL("../../../", import.meta.url));
const cliPath = `${root}target/debug/pension-rules`;
const tmp = mkdtempSync(join(tmpdir(), "parity-"));

const shaanxi = new Engine("cn/shaanxi");

/** The CLI's stdout and exit status, or `null` when it is not built. */
function cli(...args) {
  if (!existsSync(cliPath)) return null;
  const o = spawnSync(cliPath, args, { cwd: root, encoding: "utf8" });
  return { status: o.status, stdout: o.stdout, stderr: o.stderr };
}

// examples/unit-payroll.csv with a bad wage and a record one field short.
const payrollCsv = readFileSync(`${root}examples/unit-payroll.csv`, "utf8") + "E006,abc,employee\nE007,5000\n";

test("payroll: CSV text gives the CLI's figures, bad rows in their place", (t) => {
  const r = shaanxi.payroll(payrollCsv, { month: "2024-03" });
  // 2024 Shaanxi limits 4559 – 22795; 16 % unit, 8 % individual (国办发〔2019〕13号).
  assert.deepEqual(r.period, { month: "2024-03" });
  assert.deepEqual([r.limits.floor, r.limits.cap], ["4559", "22795"]);
  assert.equal(r.rows.length, 7);
  assert.deepEqual(r.rows.map((x) => x.row), [1, 2, 3, 4, 5, 6, 7]); // rows from 1 (issue 16)
  const e001 = r.rows[0];
  assert.deepEqual([e001.base, e001.position, e001.employer, e001.individual], ["4559.00", "below_floor", "729.44", "364.72"]);
  assert.equal(r.rows[5].error.code, "invalid_input");
  assert.deepEqual(r.rows[5].error.fields.map((f) => f.path), ["row 6.wage"]);
  assert.equal(r.rows[6].employee_id, null);
  assert.deepEqual(r.totals, {
    assessed: 5, rejected: 2, base: "53804.50", employer: "7864.72",
    individual: "4862.36", account_credit: "4304.36", pooled: "8422.72",
  });
  assert.deepEqual(r.attention.map((a) => [a.row, a.issue]), [[1, "below_floor"], [4, "above_cap"], [6, "invalid"], [7, "invalid"]]);
  assert.equal(r.trace, undefined);
  const file = join(tmp, "payroll.csv");
  writeFileSync(file, payrollCsv);
  const o = cli("contribution", "--payroll", file, "--month", "2024-03", "--format", "json", "--trace");
  if (!o) return t.skip("CLI not built");
  assert.equal(o.status, 1, o.stderr);
  assert.deepEqual(JSON.parse(o.stdout), shaanxi.payroll(payrollCsv, { month: "2024-03", trace: true }));
});

test("payroll: row objects give the figures of the CSV; a bad row fails alone", () => {
  const [head, ...lines] = readFileSync(`${root}examples/unit-payroll.csv`, "utf8").trim().split("\n");
  const keys = head.split(",");
  const rows = lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [keys[i], v])));
  const csv = shaanxi.payroll(`${head}\n${lines.join("\n")}\n`, { month: "2024-03" });
  const objs = shaanxi.payroll(rows, { month: "2024-03" });
  assert.deepEqual(objs.rows, csv.rows);
  assert.deepEqual(objs.totals, csv.totals);
  const mixed = shaanxi.payroll(
    [{ employee_id: "E1", wage: 6000, employment: "employee" }, { employee_id: "E2", wage: 6000.5, employment: "employee" }],
    { year: 2024 },
  );
  // 16 % of 6000 over 12 months.
  assert.equal(mixed.rows[0].employer, "11520.00");
  assert.equal(mixed.rows[0].months, 12);
  assert.deepEqual(mixed.rows[1].error.fields.map((f) => f.path), ["row 2.wage"]);
});

test("payroll: a period is required, unknown options are refused", () => {
  assert.throws(() => shaanxi.payroll(payrollCsv, {}), (e) => e.code === "invalid_input" && e.details.fields[0].path === "period");
  assert.throws(() => shaanxi.payroll(payrollCsv, { month: "2024-03", monht: 1 }), (e) => e.details.fields[0].path === "options.monht");
  assert.throws(() => shaanxi.payroll("id,wage\nE1,1\n", { month: "2024-03" }), (e) => e.details.fields[0].path === "header");
});

for (const format of ["zh", "en", "table"]) {
  test(`awardText(${format}) equals the CLI's award --format ${format}`, (t) => {
    const file = `${root}examples/shaanxi-person.json`;
    const text = shaanxi.awardText(JSON.parse(readFileSync(file, "utf8")).input, format);
    // award-history-shaanxi-zhongren-2025: base 7881, total 4793.34.
    assert.ok(text.includes("7881") && text.includes("4793.34"), text);
    const o = cli("award", file, "--format", format);
    if (!o) return t.skip("CLI not built");
    assert.equal(o.status, 0, o.stderr);
    assert.equal(text, o.stdout.replace(/\n+$/, ""));
  });
}

// docs/sources.md §11.1: approved 2025-08-01 on the 预发 base 7727, recomputed on the final
// 7881 (core/tests/award.rs; Python decimal: 5361.17 → 5444.98, 83.81 × 16 months
// 2025-03 … 2026-06 = 1340.96).
const recomputed = {
  category: "male", birth: "1965-01", retirement_month: "2025-02",
  contribution_months: 385, deemed_months: 130, average_index: "0.9", account_balance: "160000",
};
const flags = { knownOn: "2025-08-01", finalKnownOn: "2026-07-01", arrearsThrough: "2026-06" };

test("award(knownOn) sees the provisional base; before it was published, a rule error", () => {
  const p = shaanxi.award(recomputed, { knownOn: "2025-08-01" });
  assert.deepEqual([p.pension_base, p.pension_base_provisional, p.total], ["7727", true, "5361.17"]);
  assert.ok(p.notes.some((n) => n.code === "provisional_base"));
  assert.equal(shaanxi.award(recomputed).total, "5444.98");
  assert.throws(() => shaanxi.award(recomputed, { knownOn: "2024-12-31" }), (e) => e.name === "RulesError");
});

test("recompute: the arrears as the CLI gives them", (t) => {
  const r = shaanxi.recompute(recomputed, flags);
  assert.deepEqual([r.provisional.pension_base, r.final.pension_base], ["7727", "7881"]);
  assert.deepEqual([r.provisional.total, r.final.total, r.monthly_difference], ["5361.17", "5444.98", "83.81"]);
  assert.deepEqual([r.first_pension_month, r.arrears_through, r.arrears_months, r.arrears], ["2025-03", "2026-06", 16, "1340.96"]);
  const file = join(tmp, "case.json");
  writeFileSync(file, JSON.stringify({ ruleset: "cn/shaanxi", input: recomputed }));
  const args = ["--known-on", "2025-08-01", "--final-known-on", "2026-07-01", "--arrears-through", "2026-06"];
  const o = cli("award", file, "--format", "json", ...args);
  if (!o) return t.skip("CLI not built");
  assert.deepEqual(JSON.parse(o.stdout), r);
  for (const format of ["zh", "en", "table"]) {
    const text = shaanxi.awardText(recomputed, format, flags);
    assert.ok(text.includes("1340.96"));
    assert.equal(text, cli("award", file, "--format", format, ...args).stdout.replace(/\n+$/, ""));
  }
});

test("recompute: options are checked, each problem named", () => {
  assert.throws(() => shaanxi.recompute(recomputed, { knownOn: "2025-08-01" }), (e) => e.details.fields[0].path === "options.arrearsThrough");
  assert.throws(
    () => shaanxi.awardText(recomputed, "zh", { knownOn: "2025-13-01", finalKnownOn: "2026-07-01" }),
    (e) => e.details.fields.map((f) => f.path).sort().join() === "options.finalKnownOn,options.knownOn",
  );
  assert.throws(() => shaanxi.awardText(recomputed, "html"), (e) => e.details.fields[0].path === "format");
});

test("choices: 广东's 1993 localities and 青海's areas are the CLI's `rules choices`; a field without a list is refused naming it", (t) => {
  const gd = new Engine("cn/guangdong").choices("deemed_index_locality", "2026-01-01");
  assert.equal(gd.field, "deemed_index_locality");
  assert.match(gd.choices.find((c) => c.value === "guangzhou").title, /^广州市/);
  assert.deepEqual(new Engine("cn/qinghai").choices("attributes.region_class", "2026-01-01").choices.map((c) => c.value), ["xining", "other"]);
  assert.throws(() => new Engine("cn/guangdong").choices("birth"), (e) => e.name === "InputError" && e.details.fields[0].path === "birth");
  const o = cli("rules", "choices", "cn/guangdong", "deemed_index_locality", "--as-of", "2026-01-01", "--format", "json");
  if (!o) return t.skip("the CLI is not built");
  assert.equal(o.status, 0, o.stderr);
  assert.deepEqual(JSON.parse(o.stdout), gd);
});
