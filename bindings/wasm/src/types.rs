//! TypeScript declarations of the inputs and results (they mirror the core
//! types' serde form; `tests/types.test.mjs` checks results against them).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A decimal number written as a string, exact to the digit ("3000.50"). */
export type Decimal = string;
/** A month, "YYYY-MM". */
export type YearMonth = string;
/** An age or duration in years and months: "62y10m". */
export type Age = string;
/** A day, "YYYY-MM-DD". */
export type IsoDate = string;

/** Options of `new Engine(ruleset, options)`. */
export interface EngineOptions {
  /** Rule files by path (`"my/set/ruleset.toml": "id = ..."`), searched before the shipped sets. */
  files?: Record<string, string>;
  /** Reform overlays layered in order: TOML text, or the same document as an object
   *  (dates as "YYYY-MM-DD" strings, values as decimal strings). */
  overlays?: (string | object)[];
}

/** The error thrown by every method. */
export interface PensionRulesError extends Error {
  name: "InputError" | "RulesError" | "LoadError" | "NotApplicableError";
  /** Stable code: invalid_input, rule_not_in_force, rule_missing_year, rule_missing_row,
   *  rules_invalid, not_applicable. */
  code: string;
  /** InputError: `{fields}`; LoadError: `{diagnostics}`; RulesError: `{kind, param, …}`. */
  details: {
    fields?: { path: string; message: string }[];
    diagnostics?: Diagnostic[];
    [key: string]: unknown;
  };
}

/** One problem in a rule file. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  key: string;
  code: string;
  message: string;
}

/** Which rules produced a result. */
export interface RuleSetIdentity {
  id: string;
  version: string;
  hash: string;
}

/** The legal source and status of a rule value. */
export interface Provenance {
  source: string;
  seen?: string;
  published?: IsoDate;
  provisional?: boolean;
  confidence?: "H" | "M" | "L";
  note?: string;
  alternatives?: { key?: number; value: string; source: string; seen?: string; note?: string }[];
  origin: { file: string; line: number };
}

/** A rule parameter used by a step. */
export interface ParamUse {
  param: string;
  key?: string;
  value: string;
  provenance: Provenance;
}

/** One step of a computation. */
export interface Step {
  name: string;
  /** The Chinese term (基础养老金). */
  label: string;
  value: string;
  /** The formula in words, with the numbers. */
  formula: string;
  inputs?: [string, string][];
  params?: ParamUse[];
}

/** The explanation of a result. */
export interface Trace {
  rules: RuleSetIdentity;
  steps: Step[];
}

/** A value read from the rule set, with its source. */
export interface Sourced<T> {
  value: T;
  param: string;
  provenance: Provenance;
}

/** Input of `retirement` (vector kind `retirement`). */
export interface RetirementInput {
  birth: YearMonth;
  category: "male" | "female_50" | "female_55";
  /** Contribution months (deemed included) at retirement: answers eligibility. */
  contribution_months?: number;
  /** Elastic early retirement: months before the statutory age. */
  early_months?: number;
  /** Elastic late retirement: months after the statutory age. */
  delay_months?: number;
  special?: "arduous_work" | "disability";
}

/** 弹性退休 window. */
export interface ElasticWindow {
  earliest_age: Age;
  earliest_month: YearMonth;
  latest_age: Age;
  latest_month: YearMonth;
  max_early_months: number;
  max_delay_months: number;
  earliest_min_contribution_months?: number;
}

/** Whether a monthly pension is payable. */
export interface Eligibility {
  eligible: boolean;
  contribution_months: number;
  required_months: number;
  short_by_months: number;
  reasons: string[];
}

/** Result of `retirement`. */
export interface RetirementResult {
  birth: YearMonth;
  category: string;
  original_age: Age;
  delay_months: number;
  statutory_age: Age;
  statutory_month: YearMonth;
  schedule_from: IsoDate;
  elastic: ElasticWindow | null;
  special?: string;
  retirement_month: YearMonth;
  retirement_age: Age;
  min_contribution_months: Sourced<number> | null;
  eligibility: Eligibility | null;
  divisor_at_statutory: Decimal | null;
  divisor: Decimal | null;
  flags: string[];
  trace: Trace;
}

/** Input of `survivor` (vector kind `survivor`). */
export interface SurvivorInput {
  /** Y, yuan per month; otherwise looked up from `region` + `death_month`. */
  monthly_income_base?: Decimal;
  region?: string;
  death_month?: YearMonth;
  contribution_months: number;
  /** For a pensioner: months of pension received. */
  pension_months_received?: number;
  account_balance?: Decimal;
  personal_part?: Decimal;
}

/** Result of `survivor`. */
export interface SurvivorResult {
  rules_date: IsoDate;
  income_year?: number;
  monthly_income_base: Decimal;
  working_months: Decimal;
  allowance_months: Decimal;
  funeral_grant: Decimal;
  survivor_allowance: Decimal;
  total: Decimal;
  inheritable_account?: Decimal;
  trace: Trace;
}

/** One row of `batch`: the figures, or the error of a row that failed. */
export type BatchRow = Record<string, string | number | boolean> & {
  error_code?: string;
  error_message?: string;
};

/** The outcome of one conformance vector. */
export type Outcome =
  | { status: "pass" }
  | { status: "fail"; field: string; expected: unknown; actual: unknown }
  | { status: "error"; code: string; message: string }
  | { status: "unsupported"; kind: string };

/** One vector's report; `actual` holds the figures exactly as computed. */
export interface CaseReport {
  id: string;
  kind: string;
  outcome: Outcome;
  actual?: Record<string, string | number | boolean>;
}

/** Result of `check`. */
export interface CheckReport {
  cases: CaseReport[];
}

/** Result of `rulesShow`. */
export interface RulesShow {
  id: string;
  version: string;
  hash: string;
  layers: { id: string; version?: string; title?: string; region?: string; description?: string; overlay: boolean }[];
  as_of: IsoDate;
  known_on: IsoDate | null;
  params: {
    name: string;
    title?: string;
    unit?: string;
    values: { key?: string; value: string; from?: IsoDate; provenance: Provenance }[];
  }[];
}

/** One entry of `rulesList`. */
export interface RuleSetInfo {
  id: string;
  version?: string;
  hash?: string;
  region?: string | null;
  title?: string | null;
  error?: { code: string; message: string };
}
"#;
