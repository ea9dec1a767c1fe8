//! TypeScript declarations of the package.
//!
//! Every input, result, the error report and the check report are generated
//! from the JSON Schemas in docs/schema (themselves generated from the core
//! types) into `generated/types.d.ts` by `bindings/wasm/gen-types.mjs`;
//! `tests/generated_types.test.mjs` fails when that file is stale. What
//! follows them here is only what the schemas cannot know: the options of
//! the constructor and of the methods, the thrown error, the typed
//! `compute`, batch rows and the rule-set listings (`rulesShow`,
//! `rulesList`), which are not computation results.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_GENERATED: &'static str = include_str!("generated/types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_BINDING: &'static str = r#"
// Written by hand (bindings/wasm/src/types.rs): the binding's own shapes.

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
  /** Let a set of `files` replace a shipped set with the same id and version but other
   *  content (refused otherwise: a `LoadError` with `code: "ruleset_conflict"`); the
   *  replacement is named in `rulesHash().overrides`. */
  allowOverride?: boolean;
}

/** The error thrown by every method: an `Error` whose `name` is the error class and
 *  `message` the report's message (the `ErrorReport` of docs/schema/error.json). */
export interface PensionRulesError extends Error {
  name: ErrorClass;
  /** Stable code (docs/errors.md). */
  code: ErrorCode;
  /** The code's sentence in Chinese ("输入有误"); the details stay in `message` and `details`. */
  messageZh: string;
  /** What to do about it: the code's remedy, or the exact input keyword or assumptions key
   *  that supplies a missing rule value (`{zh, en}`). */
  remedy: Remedy;
  /** InputError: `{fields}`; LoadError: `{diagnostics}`; RulesError: the missing rule
   *  value (a `RuleError`: `{kind, param, …}`); NotApplicableError: `{}`. */
  details: {
    /** InputError: every problem of the input, by field path. */
    fields?: FieldProblem[];
    /** LoadError: every problem of the rule files, with file, line and column. */
    diagnostics?: Diagnostic[];
    /** RulesError: which kind of rule value is missing (the other fields as `RuleError`). */
    kind?: RuleError["kind"];
    [key: string]: unknown;
  };
}

/** The typed `compute`: each kind's input and full result (with `trace`; empty steps
 *  when `trace` is false). Merged into the `Engine` class. */
export interface Engine {
  /** The full result of any computation (`trace` defaults to true). */
  compute<K extends Kind>(kind: K, input: KindInputs[K], trace?: boolean): KindResults[K];
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

/** Options of `payroll`: a month or a year (assessed month by month). */
export interface PayrollOptions {
  month?: YearMonth;
  year?: number;
  /** Include the trace (default false). */
  trace?: boolean;
}

/** One row of `batch`: the figures, or the error of a row that failed. */
export type BatchRow = Record<string, string | number | boolean> & {
  error_code?: ErrorCode;
  error_message?: string;
};

// `RulesShow` and `RuleSetInfo` are generated (docs/schema/rules-show.json,
// rule-set-info.json).
"#;
