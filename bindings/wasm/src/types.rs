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
  /** Refuse rule data other than the approved: the content hash of `ruleset` (as
   *  `rulesHash().hash` or `pension-rules rules hash` gives it, bare or "sha256:…"), or
   *  `{id: hash}` pins that also hold for the other sets the engine loads (a transfer's
   *  places, conformance cases). A set whose hash differs throws a `LoadError` with
   *  `code: "hash_mismatch"`. The pin is on the set as loaded, before `overlays`. */
  pin?: string | Record<string, string>;
}

/** Every code a thrown error can carry (docs/errors.md). */
export type ErrorCode =
  | "invalid_input"
  | "rule_not_in_force"
  | "rule_missing_year"
  | "rule_missing_row"
  | "rules_invalid"
  | "hash_mismatch"
  | "not_applicable";

/** The error thrown by every method. */
export interface PensionRulesError extends Error {
  name: "InputError" | "RulesError" | "LoadError" | "NotApplicableError";
  /** Stable code (docs/errors.md). */
  code: ErrorCode;
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

/** Input of `contribution` (vector kind `contribution`). */
export interface ContributionInput {
  month: YearMonth;
  employment: "employee" | "flexible";
  /** Declared monthly wage (employees). */
  wage?: Decimal;
  /** The base a flexible worker chose. */
  chosen_base?: Decimal;
}

/** The year's contribution base floor and cap. */
export interface BaseLimits {
  year: number;
  floor: Decimal;
  cap: Decimal;
  floor_origin: "published" | "derived";
  cap_origin: "published" | "derived";
  reference_wage?: Decimal;
}

/** Result of `contribution`. */
export interface ContributionResult {
  month: YearMonth;
  employment: string;
  wage?: Decimal;
  limits: BaseLimits;
  position: "below_floor" | "within" | "above_cap";
  base: Decimal;
  employer: Decimal;
  individual: Decimal;
  account_credit: Decimal;
  account_personal?: Decimal;
  pooled: Decimal;
  trace: Trace;
}

/** Input of `account` (vector kind `account`). */
export interface AccountInput {
  opening_balance: Decimal;
  opening_year: number;
  opening_personal?: Decimal;
  credits?: { month?: YearMonth; year?: number; amount: Decimal; personal?: Decimal }[];
  postings?: { month: YearMonth; kind: string; amount: Decimal; personal?: Decimal; period_from?: YearMonth; period_to?: YearMonth }[];
  through_year?: number;
  close?: { event: "retirement" | "death" | "transfer_out"; month: YearMonth };
  /** Interest rates by year overriding the rule set's. */
  rates?: Record<string, Decimal>;
}

/** One posting of a year. */
export interface PostingLine {
  month: YearMonth | null;
  kind: string;
  amount: Decimal;
  personal?: Decimal;
  balance: Decimal;
}

/** One year of the account. */
export interface YearStatement {
  year: number;
  opening: Decimal;
  credits: Decimal;
  transfers_in: Decimal;
  transfers_out: Decimal;
  interest: Decimal;
  closing: Decimal;
  personal_closing?: Decimal;
  rate: Decimal;
  rate_origin: "rules" | "caller" | "not_needed";
  method: { kind: "full_year" | "partial_year"; convention: string; months?: number };
  /** Balance at the end of each month of the year. */
  month_end: Decimal[];
  postings: PostingLine[];
}

/** Result of `account`. */
export interface AccountStatement {
  opening_year: number;
  opening_balance: Decimal;
  years: YearStatement[];
  balance: Decimal;
  personal_balance?: Decimal;
  close?: {
    event: string;
    month: YearMonth;
    balance: Decimal;
    transferred?: Decimal;
    inheritable?: { rule: string; amount?: Decimal; unknown_because?: string };
  };
  trace: Trace;
}

/** One span of a contribution history (award history form). */
export interface Span {
  from: YearMonth;
  to: YearMonth;
  kind?: "paid" | "deemed" | "gap";
  base?: Decimal;
  region?: string;
  employment?: "employee" | "flexible";
  paid_in?: YearMonth;
  index?: Decimal;
}

/** Input of `award` (vector kind `award`): summary or history form. */
export interface AwardInput {
  category: "male" | "female_50" | "female_55";
  birth: YearMonth;
  retirement_month: YearMonth;
  contribution_months?: number;
  deemed_months?: number;
  average_index?: Decimal;
  deemed_index?: Decimal;
  pre_account_months?: number;
  history?: Span[];
  average_wages?: Record<string, Decimal>;
  account_balance?: Decimal;
  pension_base?: Decimal;
  transitional_index?: Decimal;
  first_pension_month?: YearMonth;
}

/** One year of the contribution index. */
export interface YearIndex {
  year: number;
  paid_months: number;
  gap_months: number;
  deemed_months: number;
  denominator_year?: number;
  denominator?: Decimal;
  denominator_given?: boolean;
  base_sum: Decimal;
  ratio_sum: Decimal;
  index: Decimal;
}

/** The average index derived from a history. */
export interface IndexResult {
  average_index: Decimal;
  exact: Decimal;
  capped: boolean;
  weighting: string;
  denominator: string;
  gaps: string;
  deemed: string;
  contribution_months: number;
  deemed_months: number;
  gap_months: number;
  back_paid_months: number;
  flexible_months: number;
  pre_account_months: number;
  counted: number;
  years: YearIndex[];
}

/** Result of `award`: every figure of a 核定表. */
export interface AwardResult {
  form: "summary" | "history";
  category: string;
  birth: YearMonth;
  retirement_month: YearMonth;
  age: Age;
  statutory?: { age: Age; month: YearMonth; earliest?: YearMonth; latest?: YearMonth };
  first_pension_month: YearMonth;
  contribution_months: number;
  deemed_months: number;
  min_contribution_months: number;
  years: Decimal;
  pension_base: Decimal;
  pension_base_provisional: boolean;
  average_index: Decimal;
  index?: IndexResult;
  indexed_wage: Decimal;
  account_balance: Decimal;
  divisor: Decimal;
  basic_rate: Decimal;
  transitional_coefficient?: Decimal;
  transitional_index: Decimal;
  transitional_months: number;
  /** 基础养老金 */
  basic_pension: Decimal;
  /** 个人账户养老金 */
  account_pension: Decimal;
  /** 过渡性养老金 */
  transitional_pension: Decimal;
  total: Decimal;
  unrounded: { basic_pension: Decimal; account_pension: Decimal; transitional_pension: Decimal };
  notes?: { code: string; message: string; zh: string }[];
  trace: Trace;
}

/** The bitemporal view of an award (the CLI's `award --known-on --final-known-on
 *  --arrears-through`). */
export interface AwardOptions {
  /** Evaluate as known on this date: a value published later (the final 计发基数) is not
   *  seen. With `arrearsThrough`: the provisional date (default: the first day of the
   *  retirement month). */
  knownOn?: IsoDate;
  /** With `arrearsThrough`: recompute as known on this date (default: everything). */
  finalKnownOn?: IsoDate;
  /** Last month of arrears owed (inclusive): turns on the provisional → final
   *  recomputation. */
  arrearsThrough?: YearMonth;
}

/** Options of `recompute`. */
export interface RecomputeOptions extends AwardOptions {
  arrearsThrough: YearMonth;
  /** Include each award's trace (default true). */
  trace?: boolean;
}

/** The formats of `awardText`: the zh/en explanation, or the 核定表. */
export type AwardTextFormat = "zh" | "en" | "table";

/** Result of `recompute`: the award on the provisional (预发) base and on the final
 *  one, and the arrears (补发; negative: overpaid). Yearly increases are not included. */
export interface AwardRecomputation {
  provisional: AwardResult;
  final: AwardResult;
  /** final total − provisional total, per month. */
  monthly_difference: Decimal;
  first_pension_month: YearMonth;
  arrears_through: YearMonth;
  arrears_months: number;
  /** monthly_difference × arrears_months. */
  arrears: Decimal;
}

/** One payroll row of `payroll` (a CSV record as an object). */
export interface PayrollRowInput {
  employee_id: string;
  /** Declared monthly wage: a decimal string (or an exact integer). */
  wage: Decimal | number;
  employment: "employee" | "flexible";
}

/** Options of `payroll`: a month or a year (assessed month by month). */
export interface PayrollOptions {
  month?: YearMonth;
  year?: number;
  /** Include the trace (default false). */
  trace?: boolean;
}

/** One assessed payroll row. `row` is the 0-based input index. */
export interface PayrollLine {
  row: number;
  employee_id: string;
  employment: "employee" | "flexible";
  wage: Decimal;
  base: Decimal;
  position: "below_floor" | "within" | "above_cap";
  months: number;
  employer: Decimal;
  individual: Decimal;
  account_credit: Decimal;
  pooled: Decimal;
}

/** A rejected payroll row, in its place. */
export interface PayrollRowError {
  row: number;
  employee_id: string | null;
  error: { code: ErrorCode; message: string; fields: { path: string; message: string }[] };
}

/** Result of `payroll` (单位缴费申报), as `pension-rules contribution --payroll FILE
 *  --format json` gives it. */
export interface PayrollDeclaration {
  rules: RuleSetIdentity;
  period: { month: YearMonth } | { year: number };
  limits: BaseLimits;
  /** One entry per input row, in order; nothing is dropped. */
  rows: (PayrollLine | PayrollRowError)[];
  totals: {
    assessed: number;
    rejected: number;
    base: Decimal;
    employer: Decimal;
    individual: Decimal;
    account_credit: Decimal;
    pooled: Decimal;
  };
  attention: {
    row: number;
    employee_id: string;
    issue: "below_floor" | "above_cap" | "invalid" | "duplicate_id" | "base_varies";
    message: string;
  }[];
  trace?: Trace;
}

/** Input of `transfer` (vector kind `transfer`): a history across places. */
export interface TransferInput {
  hukou_region: string;
  birth: YearMonth;
  category: "male" | "female_50" | "female_55";
  /** Spans with their `region` (GB/T 2260 code). */
  history: Span[];
  retirement_month: YearMonth;
  approved_moves?: YearMonth[];
  account_transfers?: { from: string; to: string; month?: YearMonth; account: Decimal }[];
  account_personal_1997?: Decimal;
  rates?: Record<string, Decimal>;
  employer_rates?: Record<string, Decimal>;
  average_wages?: Record<string, Decimal>;
  pension_base?: Decimal;
  deemed_index?: Decimal;
  account_balance?: Decimal;
  residents_scheme?: { months?: number; account_balance?: Decimal };
}

/** One stay in a place. */
export interface Stay {
  region: string;
  codes: string[];
  from: YearMonth;
  to: YearMonth;
  paid_months: number;
  deemed_months: number;
  age: Age;
  threshold?: Age;
  entry: string;
  holding: "relation" | "temporary";
  relation_region: string;
}

/** One move of account and pooled money. */
export interface Move {
  from: string;
  to: string;
  month: YearMonth;
  kind: "relation" | "temporary" | "to_benefit_place";
  months: number;
  account: Decimal | null;
  account_from: "ledger" | "given" | "unknown";
  account_unknown?: string;
  pooled: Decimal;
  pooled_parts: { rate: Decimal; basis: string; months: number; bases: Decimal }[];
  pooled_carried: Decimal;
}

/** Where the pension is claimed, and by which rule. */
export interface Receipt {
  region: string;
  rule: "hukou" | "current_place" | "previous_place" | "gathered_to_hukou";
  relation_region: string;
  hukou_region: string;
  months_by_region: [string, number][];
  threshold_months: number;
}

/** Result of `transfer`. */
export interface TransferResult {
  hukou_region: string;
  birth: YearMonth;
  category: string;
  retirement_month: YearMonth;
  stays: Stay[];
  temporary_accounts: { region: string; from: YearMonth; to: YearMonth; months: number; relation_region: string; destination: string; moved_in: YearMonth; at_retirement: boolean }[];
  moves: Move[];
  receipt: Receipt;
  total_months: number;
  account_at_retirement: Decimal | null;
  account_at_retirement_unknown?: string;
  scheme_link?: Record<string, unknown>;
  notes?: { code: string; message: string; zh: string }[];
  trace: Trace;
  award?: AwardResult;
  award_error?: { code: string; message: string };
}

/** Input of `adjustment` (vector kind `adjustment`). */
export interface AdjustmentInput {
  year: number;
  pension: Decimal;
  contribution_months: number;
  birth: YearMonth;
  retirement_month: YearMonth;
  category?: "male" | "female_50" | "female_55";
  military_transfer_cadre?: boolean;
  city_average_pension?: Decimal;
  payment_month?: YearMonth;
}

/** Result of `adjustment`. */
export interface AdjustmentResult {
  year: number;
  effective: YearMonth;
  contribution_years: Decimal;
  age: number;
  fixed: Decimal;
  years_part: Decimal;
  pct_part: Decimal;
  age_extra: Decimal;
  increase: Decimal;
  top_up: Decimal;
  top_up_pending?: boolean;
  pension_after: Decimal;
  arrears_months?: number;
  arrears?: Decimal;
  national_overall_rate?: Decimal;
  flags?: string[];
  trace: Trace;
}

/** The stated assumptions of a projection, for the years the rule set does not cover
 *  (rates as yearly shares: "0.05" = 5 %). */
export interface ProjectionAssumptions {
  average_wage_growth: Decimal;
  pension_base_growth: Decimal;
  /** 记账利率 for years without a value. */
  interest_rate: Decimal;
  /** The person's own wage growth: the index drifts by (1 + this) / (1 + average_wage_growth) a year. */
  wage_growth?: Decimal;
  average_wages?: Record<string, Decimal>;
  pension_bases?: Record<string, Decimal>;
  interest_rates?: Record<string, Decimal>;
}

/** Input of `projection` (vector kind `projection`). */
export interface ProjectionInput {
  category: "male" | "female_50" | "female_55";
  birth: YearMonth;
  /** Default: the statutory month. */
  retirement_month?: YearMonth;
  /** First month projected (a January when there is a past). */
  from: YearMonth;
  contribution_months?: number;
  average_index?: Decimal;
  deemed_months?: number;
  pre_account_months?: number;
  /** Balance at the end of the year before `from`. */
  account_balance?: Decimal;
  /** The contribution index of the projected years, or `indexes` one per calendar year. */
  index?: Decimal;
  indexes?: Decimal[];
  assumptions: ProjectionAssumptions;
}

/** A yearly figure of a projection and its origin: `basis` is the rule value's legal source
 *  or the assumption it rests on. */
export interface ProjectedFigure {
  value: Decimal;
  source: "rules" | "provisional" | "assumed" | "projected";
  basis?: string;
}

/** One projected calendar year. */
export interface ProjectedYear {
  year: number;
  months: number;
  index: Decimal;
  average_wage_year: number;
  average_wage: ProjectedFigure;
  base: Decimal;
  employer_contribution: Decimal | null;
  individual_contribution: Decimal | null;
  credits: Decimal;
  interest_rate: ProjectedFigure;
  interest: Decimal;
  balance: Decimal;
}

/** Result of `projection`: the yearly path and the award (whose steps are in `trace`). */
export interface ProjectionResult {
  retirement_month: YearMonth;
  statutory: boolean;
  years: ProjectedYear[];
  contribution_months: number;
  average_index: Decimal;
  account_balance: Decimal;
  pension_base: ProjectedFigure;
  final_base?: Decimal;
  award: Omit<AwardResult, "trace">;
  assumptions: ProjectionAssumptions;
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
