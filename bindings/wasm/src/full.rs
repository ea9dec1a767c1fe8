//! The whole API of the npm package `pension-rules` (feature `full`, the
//! default): every computation, the shipped rule sets built in, rule files
//! and overlays read from TOML.

use std::sync::Arc;

use pension_rules::api::award_view::{AwardOptions, TextFormat};
use pension_rules::api::payroll_case::period;
use pension_rules::api::{Engine as Core, Kind};
use pension_rules::error::InputErrors;
use pension_rules::rules::Catalog;
use pension_rules::{Error, FieldError};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::{OrThrow, from_js, js_error, read, to_js};

fn kind(name: &str) -> Result<Kind, JsValue> {
    name.parse().map_err(|e| js_error(&e))
}

/// A rule set loaded, validated and hashed once; every computation of the
/// library on it.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Engine {
    inner: Core,
}

#[wasm_bindgen]
impl Engine {
    /// Load `ruleset` (default `cn/shaanxi`): from `options.files` (rule
    /// files as `{path: text}`) first, else a shipped set, refusing it (and
    /// any other set the engine loads) unless its hash is `options.pin` (a
    /// hash for `ruleset`, or `{id: hash}`); then layer `options.overlays`
    /// (TOML text or the same document as an object).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "string")] ruleset: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "EngineOptions")] options: Option<
            js_sys::Object,
        >,
    ) -> Result<Engine, JsValue> {
        let options = match options {
            Some(o) => from_js(o.into())?,
            None => Value::Null,
        };
        let allow_override = options.get("allowOverride") == Some(&Value::Bool(true));
        let catalog = match options.get("files") {
            Some(Value::Object(files)) => Some(
                Catalog::from_files(
                    "",
                    files.iter().map(|(path, text)| {
                        (path.clone(), Arc::from(text.as_str().unwrap_or_default()))
                    }),
                )
                .allowing_override(allow_override),
            ),
            _ => None,
        };
        let id = ruleset.as_deref().unwrap_or("cn/shaanxi");
        let pins = pins(id, options.get("pin")).or_throw()?;
        let mut inner = Core::load_pinned(id, catalog, &pins).or_throw()?;
        let overlays = match options.get("overlays") {
            Some(Value::Array(a)) => a.as_slice(),
            _ => &[],
        };
        for (i, o) in overlays.iter().enumerate() {
            let label = format!("overlays[{i}]");
            inner = match o {
                Value::String(text) => inner.with_overlay_toml(&label, text),
                data => inner.with_overlay_data(&label, data),
            }
            .or_throw()?;
        }
        Ok(Engine { inner })
    }

    /// Id (with overlays), version and sha256 of the rules in use.
    #[wasm_bindgen(getter, unchecked_return_type = "RuleSetIdentity")]
    pub fn identity(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.rules().identity().as_ref())
    }

    /// The computations this build offers.
    #[wasm_bindgen(unchecked_return_type = "Kind[]")]
    pub fn kinds() -> Result<JsValue, JsValue> {
        to_js(&Kind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>())
    }

    /// The full result of any computation (`trace` defaults to true). Its
    /// TypeScript signature, generic in the kind, is in `types.rs`.
    #[wasm_bindgen(skip_typescript)]
    pub fn compute(
        &self,
        kind: &str,
        input: JsValue,
        trace: Option<bool>,
    ) -> Result<JsValue, JsValue> {
        let k = self::kind(kind)?;
        to_js(
            &self
                .inner
                .compute(k, &from_js(input)?, trace.unwrap_or(true))
                .or_throw()?,
        )
    }

    /// 缴费: one month's base, employer and individual amounts, account credit.
    #[wasm_bindgen(unchecked_return_type = "ContributionResult")]
    pub fn contribution(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ContributionInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.compute("contribution", input, None)
    }

    /// 个人账户: the ledger year by year with interest, and its close.
    #[wasm_bindgen(unchecked_return_type = "AccountStatement")]
    pub fn account(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AccountInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.compute("account", input, None)
    }

    /// 待遇核定: 基础养老金, 个人账户养老金, 过渡性养老金 and the total;
    /// `options.knownOn` evaluates it as known on that date (a provisional
    /// 预发 计发基数 instead of one published later).
    #[wasm_bindgen(unchecked_return_type = "AwardResult")]
    pub fn award(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AwardInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "{ knownOn?: IsoDate; trace?: boolean }")]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        if options.is_undefined() || options.is_null() {
            return self.compute("award", input, None);
        }
        let (opts, trace) = award_options(options, &["knownOn", "trace"]).or_throw()?;
        to_js(
            &self
                .inner
                .award_with(&from_js(input)?, &opts, trace)
                .or_throw()?,
        )
    }

    /// The award first made on the provisional (预发) 计发基数 as known on
    /// `options.knownOn` (default: the first day of the retirement month),
    /// recomputed as known on `options.finalKnownOn` (default: everything
    /// in the rule set), with the monthly difference and the arrears (补发)
    /// through `options.arrearsThrough`: the CLI's `award --known-on …
    /// --final-known-on … --arrears-through …`.
    #[wasm_bindgen(unchecked_return_type = "AwardRecomputation")]
    pub fn recompute(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AwardInput")] input: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RecomputeOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let all = ["knownOn", "finalKnownOn", "arrearsThrough", "trace"];
        let (opts, trace) = award_options(options, &all).or_throw()?;
        if opts.arrears_through.is_none() {
            return Err(js_error(&Error::field(
                "options.arrearsThrough",
                "missing: the last month of arrears owed (YYYY-MM)",
            )));
        }
        to_js(
            &self
                .inner
                .award_with(&from_js(input)?, &opts, trace)
                .or_throw()?,
        )
    }

    /// The award as text, exactly as `pension-rules award --format
    /// zh|en|table` prints it: the zh/en explanation or the 核定表; with
    /// `options.arrearsThrough`, the recomputation (see `recompute`).
    #[wasm_bindgen(js_name = awardText)]
    pub fn award_text(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AwardInput")] input: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AwardTextFormat")] format: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "AwardOptions")] options: JsValue,
    ) -> Result<String, JsValue> {
        let format: TextFormat = format.parse().or_throw()?;
        let (opts, _) =
            award_options(options, &["knownOn", "finalKnownOn", "arrearsThrough"]).or_throw()?;
        self.inner
            .award_text(&from_js(input)?, &opts, format)
            .or_throw()
    }

    /// 单位缴费申报: a unit's payroll — CSV text (header
    /// `employee_id,wage,employment`) or row objects — for `options.month`
    /// or `options.year`, as `pension-rules contribution --payroll FILE
    /// --format json` gives it: one line or error per row in order, the
    /// totals and the rows needing attention.
    #[wasm_bindgen(unchecked_return_type = "PayrollDeclaration")]
    pub fn payroll(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | PayrollRow[]")] rows: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PayrollOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let o = option_map(options, &["month", "year", "trace"]).or_throw()?;
        let month = match o.get("month") {
            Some(Value::String(m)) => Some(m.as_str()),
            Some(_) => return Err(js_error(&wrong("options.month", "a month YYYY-MM"))),
            None => None,
        };
        let year = match o.get("year") {
            Some(v) => Some(
                v.as_i64()
                    .and_then(|y| i32::try_from(y).ok())
                    .ok_or_else(|| wrong("options.year", "a year (integer)"))
                    .or_throw()?,
            ),
            None => None,
        };
        let trace = flag(&o, "trace").or_throw()?;
        let p = period(month, year).or_throw()?;
        let out = match rows.as_string() {
            Some(csv) => self.inner.payroll_csv(&csv, p, trace),
            None => {
                let v: Value = serde_wasm_bindgen::from_value(rows)
                    .map_err(|e| Error::field("rows", format!("expected an array of rows: {e}")))
                    .or_throw()?;
                self.inner.payroll(&strip_nulls(v), p, trace)
            }
        }
        .or_throw()?;
        to_js(&out)
    }

    /// 关系转移接续: benefit place, temporary accounts, money moved, and the
    /// award at the receiving place (this engine's rules are the primary
    /// set; the others it can load serve the places by region).
    #[wasm_bindgen(unchecked_return_type = "TransferResult")]
    pub fn transfer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TransferInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.compute("transfer", input, None)
    }

    /// 基本养老金调整: one retiree's increase in one year.
    #[wasm_bindgen(unchecked_return_type = "AdjustmentResult")]
    pub fn adjustment(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AdjustmentInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.compute("adjustment", input, None)
    }

    /// 退休: statutory age and month, elastic window, eligibility, 计发月数.
    #[wasm_bindgen(unchecked_return_type = "RetirementResult")]
    pub fn retirement(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RetirementInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.compute("retirement", input, None)
    }

    /// 遗属待遇: funeral grant, survivor allowance, inheritable account.
    #[wasm_bindgen(unchecked_return_type = "SurvivorResult")]
    pub fn survivor(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SurvivorInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.compute("survivor", input, None)
    }

    /// 养老金测算: future years under stated assumptions — the yearly path
    /// (base, credits, interest, balance; each figure's origin and basis)
    /// and the estimated award at the chosen (default statutory) month.
    #[wasm_bindgen(unchecked_return_type = "ProjectionResult")]
    pub fn projection(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ProjectionInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.compute("projection", input, None)
    }

    /// 退休与缴费规划: the projection over retirement months (by default
    /// the elastic window) × future bases, each scenario with eligibility,
    /// the months still needed and their cost, own and employer
    /// contributions, the break-even month and the lifetime value.
    #[wasm_bindgen(unchecked_return_type = "Plan")]
    pub fn plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PlanInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.compute("plan", input, None)
    }

    /// The explanation of one computation: steps, formulas, sources.
    #[wasm_bindgen(unchecked_return_type = "Trace")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Kind")] kind: &str,
        input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let k = self::kind(kind)?;
        to_js(&self.inner.explain(k, &from_js(input)?).or_throw()?)
    }

    /// The headline figures of one computation (as conformance vectors hold
    /// them).
    #[wasm_bindgen(unchecked_return_type = "Record<string, string | number | boolean>")]
    pub fn figures(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Kind")] kind: &str,
        input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let k = self::kind(kind)?;
        to_js(&self.inner.figures(k, &from_js(input)?).or_throw()?)
    }

    /// One computation per input: for each, its figures, or
    /// `error_code`/`error_message`; nothing is dropped.
    #[wasm_bindgen(unchecked_return_type = "BatchRow[]")]
    pub fn batch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Kind")] kind: &str,
        #[wasm_bindgen(unchecked_param_type = "object[]")] inputs: JsValue,
    ) -> Result<JsValue, JsValue> {
        let k = self::kind(kind)?;
        let items = js_sys::Array::from(&inputs);
        let rows: Vec<Map<String, Value>> = items
            .iter()
            .map(|item| {
                read(item)
                    .and_then(|v| self.inner.figures(k, &v))
                    .unwrap_or_else(|e| {
                        let mut m = Map::new();
                        m.insert("error_code".into(), e.code().into());
                        m.insert("error_message".into(), e.to_string().into());
                        m
                    })
            })
            .collect();
        to_js(&rows)
    }

    /// Run conformance vectors: JSON text, or the cases as objects. Each
    /// case names its rule set (this engine's files first; its overlays do
    /// not apply).
    #[wasm_bindgen(unchecked_return_type = "CheckReport")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | object | object[]")] vectors: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = match vectors.as_string() {
            Some(t) => t,
            None => from_js(vectors)?.to_string(),
        };
        to_js(&self.inner.check(&text).or_throw()?)
    }

    /// Every parameter in force on `asOf` (`YYYY-MM-DD`, default today), as
    /// known on `knownOn`, with its legal source.
    #[wasm_bindgen(js_name = rulesShow, unchecked_return_type = "RulesShow")]
    pub fn rules_show(
        &self,
        #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
        #[wasm_bindgen(js_name = knownOn)] known_on: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let as_of = crate::date_arg("asOf", as_of)?;
        let known_on = known_on
            .map(|k| crate::date_arg("knownOn", Some(k)))
            .transpose()?;
        to_js(&self.inner.show(as_of, known_on))
    }

    /// The values an input field takes from the rule set's lists on `asOf`
    /// (`YYYY-MM-DD`, default today), with their titles (选项):
    /// `deemed_index_locality`, `attributes.<name>` of a text attribute.
    #[wasm_bindgen(unchecked_return_type = "Choices")]
    pub fn choices(
        &self,
        field: &str,
        #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
    ) -> Result<JsValue, JsValue> {
        crate::choices(&self.inner, field, as_of)
    }

    /// Id, version and sha256 of the rules in use.
    #[wasm_bindgen(js_name = rulesHash, unchecked_return_type = "RuleSetIdentity")]
    pub fn rules_hash(&self) -> Result<JsValue, JsValue> {
        self.identity()
    }

    /// The rule sets this engine can load.
    #[wasm_bindgen(js_name = rulesList, unchecked_return_type = "RuleSetInfo[]")]
    pub fn rules_list(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.list())
    }
}

/// The `Error` of every example error of the library
/// (`pension_rules::Error::examples`: one per variant and diagnostic code),
/// as the methods throw them: for tests that every `code` is covered.
#[wasm_bindgen(js_name = errorExamples, unchecked_return_type = "PensionRulesError[]")]
pub fn error_examples() -> js_sys::Array {
    Error::examples().iter().map(js_error).collect()
}

fn wrong(path: &str, what: &str) -> Error {
    Error::field(path, format!("expected {what}"))
}

/// An options object (`undefined`: none) with only the `allowed` keys.
fn option_map(options: JsValue, allowed: &[&str]) -> Result<Map<String, Value>, Error> {
    if options.is_undefined() || options.is_null() {
        return Ok(Map::new());
    }
    match read(options)? {
        Value::Object(m) => {
            let unknown: Vec<FieldError> = m
                .keys()
                .filter(|k| !allowed.contains(&k.as_str()))
                .map(|k| FieldError {
                    path: format!("options.{k}"),
                    message: format!("unknown option; expected one of {}", allowed.join(", ")),
                })
                .collect();
            if unknown.is_empty() {
                Ok(m)
            } else {
                Err(Error::Input(InputErrors(unknown)))
            }
        }
        _ => Err(wrong("options", "an object")),
    }
}

fn flag(o: &Map<String, Value>, key: &str) -> Result<bool, Error> {
    match o.get(key) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(wrong(&format!("options.{key}"), "true or false")),
    }
}

/// The award options of an options object (`trace` defaults to true), field
/// problems named by their JS option (`options.knownOn`).
fn award_options(options: JsValue, allowed: &[&str]) -> Result<(AwardOptions, bool), Error> {
    let o = option_map(options, allowed)?;
    let mut errs = vec![];
    let mut text = |key: &str| match o.get(key) {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            errs.push(FieldError {
                path: format!("options.{key}"),
                message: "expected a string".into(),
            });
            None
        }
    };
    let known_on = text("knownOn");
    let final_known_on = text("finalKnownOn");
    let through = text("arrearsThrough");
    if !errs.is_empty() {
        return Err(Error::Input(InputErrors(errs)));
    }
    let trace = match o.get("trace") {
        None => true,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(wrong("options.trace", "true or false")),
    };
    let opts = AwardOptions::parse(
        known_on.as_deref(),
        final_known_on.as_deref(),
        through.as_deref(),
    )
    .map_err(|e| match e {
        Error::Input(InputErrors(fields)) => Error::Input(InputErrors(
            fields
                .into_iter()
                .map(|f| FieldError {
                    path: format!("options.{}", camel(&f.path)),
                    message: f.message,
                })
                .collect(),
        )),
        other => other,
    })?;
    Ok((opts, trace))
}

/// `final_known_on` → `finalKnownOn`.
fn camel(s: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Rows as given, `null`/`undefined` fields left out; non-integer numbers
/// are kept for the engine to refuse in their own row.
fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}

/// `options.pin` as `(id, hash)` pairs: a string pins `id`, an object pins
/// each of its keys.
fn pins(id: &str, pin: Option<&Value>) -> Result<Vec<(String, String)>, Error> {
    let wrong = || {
        Error::field(
            "options.pin",
            "expected a hash (string) or an object {id: hash} of strings",
        )
    };
    match pin {
        None => Ok(vec![]),
        Some(Value::String(h)) => Ok(vec![(id.to_string(), h.clone())]),
        Some(Value::Object(m)) => m
            .iter()
            .map(|(k, v)| {
                v.as_str()
                    .map(|h| (k.clone(), h.to_string()))
                    .ok_or_else(wrong)
            })
            .collect(),
        Some(_) => Err(wrong()),
    }
}
