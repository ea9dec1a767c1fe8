// The README's JavaScript quick start, typed: `tsc --noEmit --strict` over the
// package's .d.ts and this file (tests/typecheck.test.mjs) must pass, and every
// `@ts-expect-error` line must be an error — so the generated types are both
// usable and strict.
import {
  Engine,
  type AwardInput,
  type AwardResult,
  type ErrorCode,
  type KindResults,
  type PensionRulesError,
  type RetirementResult,
} from "../../pkg-node/pension_rules_wasm.js";

const engine = new Engine("cn/shaanxi");
const input: AwardInput = {
  category: "male", birth: "1964-06", retirement_month: "2024-06",
  contribution_months: 360, deemed_months: 120,
  average_index: "0.8", account_balance: "120000", // money as decimal strings
};
const award: AwardResult = engine.award(input);
const figures: string[] = [award.basic_pension, award.account_pension, award.transitional_pension, award.total];
console.log(...figures);

const r: RetirementResult = engine.retirement({ birth: "1976-02", category: "male" });
console.log(r.statutory_month, r.elastic?.earliest_month, r.elastic?.latest_month);

try {
  engine.award({ category: "male", birth: "1964-06", retirement_month: "2024-06" });
} catch (e) {
  const err = e as PensionRulesError;
  const code: ErrorCode = err.code;
  if (code === "invalid_input") console.log(err.name, code, err.details.fields?.map((f) => f.path));
  // @ts-expect-error: not an error code
  if (err.code === "no_such_code") console.log("never");
}

// The typed compute: the result type follows the kind.
const viaCompute: KindResults["award"] = engine.compute("award", input);
const total: string = engine.compute("award", input, false).total;
const months: number = engine.compute("retirement", { birth: "1976-02", category: "male" }).delay_months;
console.log(viaCompute.total, total, months);

// Results are strict: a field the engine does not return, a decimal read as a number.
// @ts-expect-error: no such field
console.log(award.totl);
// @ts-expect-error: a decimal is a string
const asNumber: number = award.total;
// @ts-expect-error: not a category
engine.retirement({ birth: "1976-02", category: "men" });
// @ts-expect-error: a field of another kind's input
engine.compute("retirement", { birth: "1976-02", category: "male", account_balance: "120000" });
// @ts-expect-error: not a kind
engine.compute("pension", input);
console.log(asNumber);

// Every method's result is typed (not `any`): reading a field no result has is an error.
declare const x: never;
// @ts-expect-error
engine.contribution(x).nope;
// @ts-expect-error
engine.account(x).nope;
// @ts-expect-error
engine.transfer(x).nope;
// @ts-expect-error
engine.adjustment(x).nope;
// @ts-expect-error
engine.survivor(x).nope;
// @ts-expect-error
engine.projection(x).nope;
// @ts-expect-error
engine.recompute(x, { arrearsThrough: "2026-06" }).nope;
// @ts-expect-error
engine.payroll("employee_id,wage,employment\n", { month: "2024-03" }).nope;
// @ts-expect-error
engine.explain("award", x).nope;
// @ts-expect-error
engine.check("[]").nope;
// @ts-expect-error
engine.rulesShow().nope;
// @ts-expect-error
engine.rulesHash().nope;
// @ts-expect-error
engine.rulesList()[0].nope;
// @ts-expect-error
engine.batch("award", [])[0].error_code === "no_such_code";
// @ts-expect-error
Engine.kinds()[0] === "pension";
const message: string = engine.awardText(input, "table", { knownOn: "2025-01-01" });
console.log(message);
