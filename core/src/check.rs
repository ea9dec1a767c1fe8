//! The conformance runner: reads worked cases in the vector format
//! (`docs/vectors.md`), has the [`Engine`] compute each case's headline
//! figures ([`Engine::figures`]), and reports pass or every differing
//! field with both values; a case expecting nothing is an invalid case. It only compares: the computations, and the
//! choice of rules for a case, are the Engine's, as for every front end.
//!
//! It lives in core so the CLI, Python and WASM front ends run the very same
//! comparison.
//!
//! ```
//! use pension_rules::check::{check_json, Outcome};
//! let cases = r#"[{"id": "x", "kind": "adjustment", "ruleset": "cn/shaanxi",
//!                  "input": {"year": 2025, "pension": "3000", "contribution_months": 420,
//!                            "birth": "1952-05", "retirement_month": "2012-05"},
//!                  "expect": {"increase": "80", "pension_after": "3080"}}]"#;
//! let report = check_json(cases, &pension_rules::check::embedded_resolver).unwrap();
//! assert_eq!(report.cases[0].outcome, Outcome::Pass);
//! ```

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::api::{Engine, Kind};
use crate::error::Error;

/// The kinds the vector format defines: every computation kind of the
/// [`Engine`].
pub fn kinds() -> Vec<&'static str> {
    Kind::ALL.iter().map(|k| k.name()).collect()
}

/// One worked case.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Unique id.
    pub id: String,
    /// One of [`KINDS`].
    pub kind: String,
    /// Rule-set id (`cn/shaanxi`), or `[id, overlay…]` (reserved).
    pub ruleset: Value,
    /// Where the figures come from.
    #[serde(default)]
    pub source: Option<String>,
    /// Free text.
    #[serde(default)]
    pub note: Option<String>,
    /// The inputs, by kind.
    pub input: Value,
    /// The expected figures; `{"error": "code"}` expects a rejection.
    pub expect: Map<String, Value>,
    /// Allowed absolute difference per field.
    #[serde(default)]
    pub tolerance: BTreeMap<String, String>,
}

/// The result of one case.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    /// Every expected field matched.
    Pass,
    /// Fields differed: every one, by field path.
    Fail {
        /// Each differing field with both values.
        mismatches: Vec<Mismatch>,
    },
    /// The engine rejected the input, or the case itself is malformed.
    Error {
        /// Error code.
        code: String,
        /// Message.
        message: String,
    },
    /// The engine does not implement this kind yet.
    Unsupported {
        /// The kind.
        kind: String,
    },
}

/// One field whose computed value differs from the expected one.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Mismatch {
    /// Field path (`basic_pension`, `moves[0].to`).
    pub field: String,
    /// What the case expects.
    pub expected: Value,
    /// What the engine computed (null when absent).
    pub actual: Value,
}

impl Outcome {
    /// A failure on one field.
    fn one(field: &str, expected: Value, actual: Value) -> Outcome {
        Outcome::Fail {
            mismatches: vec![Mismatch {
                field: field.into(),
                expected,
                actual,
            }],
        }
    }
}

/// The result of one case, with its id.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CaseReport {
    /// Case id (or `#index` when the case could not be read).
    pub id: String,
    /// Case kind.
    pub kind: String,
    /// What happened.
    pub outcome: Outcome,
    /// The actual figures computed (when computed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<Map<String, Value>>,
}

/// The results of a file or string of cases.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "CheckReport")] // its name in the bindings and the schema
pub struct Report {
    /// One report per case, in input order.
    pub cases: Vec<CaseReport>,
}

impl Report {
    /// Count of cases with each status: (pass, fail, error, unsupported).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for r in &self.cases {
            match r.outcome {
                Outcome::Pass => c.0 += 1,
                Outcome::Fail { .. } => c.1 += 1,
                Outcome::Error { .. } => c.2 += 1,
                Outcome::Unsupported { .. } => c.3 += 1,
            }
        }
        c
    }
    /// Whether every case passed (unsupported kinds count as not passed
    /// unless `allow_unsupported`).
    pub fn ok(&self, allow_unsupported: bool) -> bool {
        let (_, f, e, u) = self.counts();
        f == 0 && e == 0 && (allow_unsupported || u == 0)
    }
}

/// Resolves a rule-set id to the embedded rule set.
pub fn embedded_resolver(id: &str) -> Result<Engine, Error> {
    Engine::embedded(id)
}

/// Run every case in `text` (one case object or an array). A case that
/// cannot be read is reported as an error and the run goes on; the file is
/// an error (`invalid_input`) when it is not JSON at all (`(file)`), holds
/// no case (`(file)`: an empty array), or gives two cases one id (every
/// repeat under `[i].id`).
pub fn check_json(
    text: &str,
    resolve: &dyn Fn(&str) -> Result<Engine, Error>,
) -> Result<Report, Error> {
    let v: Value = crate::json_text::from_str(text)
        .map_err(|e| Error::field("(file)", format!("not valid JSON: {e}")))?;
    let items = match v {
        Value::Array(a) => a,
        other => vec![other],
    };
    if items.is_empty() {
        return Err(Error::field(
            "(file)",
            "no cases: the file holds an empty array (a vector file must hold at least one case)",
        ));
    }
    duplicate_ids(&items)?;
    let mut cache: BTreeMap<String, Result<Engine, Error>> = BTreeMap::new();
    let cases = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let id = item
                .get("id")
                .and_then(Value::as_str)
                .map_or_else(|| format!("#{i}"), str::to_string);
            let kind = item
                .get("kind")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            match serde_json::from_value::<Case>(item) {
                Ok(case) => run_case(&case, &mut |rid| {
                    cache
                        .entry(rid.to_string())
                        .or_insert_with(|| resolve(rid))
                        .clone()
                }),
                Err(e) => CaseReport {
                    id,
                    kind,
                    outcome: Outcome::Error {
                        code: "invalid_case".into(),
                        message: format!("case is not in the vector format: {e}"),
                    },
                    actual: None,
                },
            }
        })
        .collect();
    Ok(Report { cases })
}

/// Every case id used by more than one case, all at once, each repeat under
/// `[i].id` (i from 0, as the array's index): a report keyed by id must not
/// merge two cases.
fn duplicate_ids(items: &[Value]) -> Result<(), Error> {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    let mut errs = vec![];
    for (i, item) in items.iter().enumerate() {
        let Some(id) = item.get("id").and_then(Value::as_str) else {
            continue;
        };
        match first.get(id) {
            Some(j) => errs.push(crate::error::FieldError {
                path: format!("[{i}].id"),
                message: format!(
                    "duplicate case id {}: case [{j}] has it too; give each case its own id",
                    crate::population::shown(id)
                ),
            }),
            None => {
                first.insert(id, i);
            }
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(crate::error::InputErrors(errs)))
    }
}

/// Run one case.
pub fn run_case(case: &Case, resolve: &mut dyn FnMut(&str) -> Result<Engine, Error>) -> CaseReport {
    let report = |outcome, actual| CaseReport {
        id: case.id.clone(),
        kind: case.kind.clone(),
        outcome,
        actual,
    };
    let err = |code: &str, message: String| Outcome::Error {
        code: code.into(),
        message,
    };
    let kind = match case.kind.parse::<Kind>() {
        Ok(k) => k,
        Err(_) => {
            return report(
                err(
                    "invalid_case",
                    format!(
                        "unknown kind `{}`; expected one of {}",
                        case.kind,
                        kinds().join(", ")
                    ),
                ),
                None,
            );
        }
    };
    let rules = match &case.ruleset {
        Value::String(id) => resolve(id),
        Value::Array(_) => Err(Error::field(
            "ruleset",
            "rule-set arrays with overlays are reserved and not supported yet",
        )),
        _ => Err(Error::field(
            "ruleset",
            "expected a rule-set id string like \"cn/shaanxi\"",
        )),
    };
    let engine = match rules {
        Ok(r) => r,
        Err(e) => return report(err(e.code(), e.to_string()), None),
    };
    if case.expect.is_empty() {
        return report(
            err(
                "invalid_case",
                "`expect` is empty: a case must expect at least one figure or an error".into(),
            ),
            None,
        );
    }
    let expects_error = case.expect.get("error").and_then(Value::as_str);
    match engine.figures(kind, &case.input) {
        Err(e) => match expects_error {
            Some(code) if code == e.code() => report(Outcome::Pass, None),
            Some(code) => report(
                Outcome::one(
                    "error",
                    Value::String(code.into()),
                    Value::String(e.code().into()),
                ),
                None,
            ),
            None => report(err(e.code(), e.to_string()), None),
        },
        Ok(actual) => {
            if let Some(code) = expects_error {
                return report(
                    Outcome::one("error", Value::String(code.into()), Value::Null),
                    Some(actual),
                );
            }
            let mut mismatches = vec![];
            compare(&case.expect, &actual, &case.tolerance, "", &mut mismatches);
            let outcome = if mismatches.is_empty() {
                Outcome::Pass
            } else {
                Outcome::Fail { mismatches }
            };
            report(outcome, Some(actual))
        }
    }
}

fn as_decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::String(s) => s.trim().parse().ok(),
        Value::Number(n) => n.to_string().parse().ok(),
        _ => None,
    }
}

/// Every mismatch of `expect` against `actual`, by field name (inside
/// objects and arrays of objects too).
fn compare(
    expect: &Map<String, Value>,
    actual: &Map<String, Value>,
    tol: &BTreeMap<String, String>,
    prefix: &str,
    out: &mut Vec<Mismatch>,
) {
    for (field, want) in expect {
        let path = if prefix.is_empty() {
            field.clone()
        } else {
            format!("{prefix}.{field}")
        };
        let got = actual.get(field).cloned().unwrap_or(Value::Null);
        match (want, &got) {
            (Value::Object(w), Value::Object(g)) => compare(w, g, tol, &path, out),
            (Value::Array(w), Value::Array(g)) if w.len() == g.len() => {
                for (i, (wi, gi)) in w.iter().zip(g).enumerate() {
                    let p = format!("{path}[{i}]");
                    match (wi, gi) {
                        (Value::Object(wo), Value::Object(go)) => compare(wo, go, tol, &p, out),
                        _ if !values_equal(wi, gi, None) => out.push(Mismatch {
                            field: p,
                            expected: wi.clone(),
                            actual: gi.clone(),
                        }),
                        _ => {}
                    }
                }
            }
            (Value::Array(_), Value::Array(_)) => out.push(Mismatch {
                field: path,
                expected: want.clone(),
                actual: got,
            }),
            _ => {
                let t = tol
                    .get(&path)
                    .or_else(|| tol.get(field))
                    .and_then(|t| t.parse::<Decimal>().ok());
                if !values_equal(want, &got, t) {
                    out.push(Mismatch {
                        field: path,
                        expected: want.clone(),
                        actual: got,
                    });
                }
            }
        }
    }
}

fn values_equal(want: &Value, got: &Value, tol: Option<Decimal>) -> bool {
    match (want, got) {
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Null, Value::Null) => true,
        _ => match (as_decimal(want), as_decimal(got)) {
            // A difference outside the decimal range is no match.
            (Some(a), Some(b)) => a
                .checked_sub(b)
                .is_some_and(|d| d.abs() <= tol.unwrap_or(Decimal::ZERO)),
            _ => want == got,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    /// Every mismatch of `want` against `got`.
    fn diff(
        want: &Map<String, Value>,
        got: &Map<String, Value>,
        tol: &BTreeMap<String, String>,
    ) -> Vec<Mismatch> {
        let mut out = vec![];
        compare(want, got, tol, "", &mut out);
        out
    }

    fn m(field: &str, expected: Value, actual: Value) -> Mismatch {
        Mismatch {
            field: field.into(),
            expected,
            actual,
        }
    }

    #[test]
    fn numbers_match_numerically() {
        let want = map(json!({"total": "7881", "divisor": "139.0"}));
        let got = map(json!({"total": "7881.00", "divisor": "139"}));
        assert_eq!(diff(&want, &got, &BTreeMap::new()), []);
    }

    #[test]
    fn every_difference_is_reported_with_both_values() {
        let want = map(json!({"basic_pension": "2758.35", "total": "4197.20", "divisor": "139"}));
        let got = map(json!({"basic_pension": "2758.36", "total": "4197.21", "divisor": "139"}));
        assert_eq!(
            diff(&want, &got, &BTreeMap::new()),
            [
                m("basic_pension", json!("2758.35"), json!("2758.36")),
                m("total", json!("4197.20"), json!("4197.21")),
            ]
        );
    }

    #[test]
    fn a_case_with_two_wrong_fields_reports_both_and_an_empty_expect_is_invalid() {
        // derived-award-2 (docs/sources.md §9.2 worked example 11): 2781.72 + 863.31 + 865.42 = 4510.45.
        let case = r#"[{"id": "two", "kind": "award", "ruleset": "cn/shaanxi",
            "input": {"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
                      "contribution_months": 360, "deemed_months": 120,
                      "average_index": "0.8", "account_balance": "120000"},
            "expect": {"basic_pension": "2781.70", "account_pension": "863.31", "total": "4510.00"}},
            {"id": "empty", "kind": "award", "ruleset": "cn/shaanxi", "input": {}, "expect": {}}]"#;
        let r = check_json(case, &embedded_resolver).unwrap();
        assert_eq!(
            r.cases[0].outcome,
            Outcome::Fail {
                mismatches: vec![
                    m("basic_pension", json!("2781.70"), json!("2781.72")),
                    m("total", json!("4510.00"), json!("4510.45")),
                ]
            }
        );
        assert!(
            matches!(&r.cases[1].outcome, Outcome::Error { code, .. } if code == "invalid_case"),
            "{:?}",
            r.cases[1].outcome
        );
        assert_eq!(r.counts(), (0, 1, 1, 0));
    }

    #[test]
    fn tolerance_applies_per_field() {
        let want = map(json!({"balance": "118573.71"}));
        let got = map(json!({"balance": "118573.72"}));
        let tol: BTreeMap<String, String> = [("balance".to_string(), "0.01".to_string())].into();
        assert_eq!(diff(&want, &got, &tol), []);
        assert_eq!(diff(&want, &got, &BTreeMap::new()).len(), 1);
    }

    #[test]
    fn arrays_of_objects_match_listed_fields_in_order() {
        let want = map(json!({"moves": [{"to": "610000", "pooled": "17280"}]}));
        let got = map(
            json!({"moves": [{"from": "440000", "to": "610000", "pooled": "17280.00", "account": "1"}]}),
        );
        assert_eq!(diff(&want, &got, &BTreeMap::new()), []);
        let wrong =
            map(json!({"moves": [{"from": "440000", "to": "440000", "pooled": "17280.00"}]}));
        let o = diff(&want, &wrong, &BTreeMap::new());
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].field, "moves[0].to");
    }

    #[test]
    fn missing_field_fails_and_booleans_compare() {
        let want = map(json!({"eligible": true, "age": "63y0m"}));
        let got = map(json!({"eligible": false}));
        assert_eq!(
            diff(&want, &got, &BTreeMap::new()),
            [
                m("age", json!("63y0m"), Value::Null),
                m("eligible", json!(true), json!(false))
            ]
        );
        let got = map(json!({"eligible": true}));
        assert_eq!(
            diff(&want, &got, &BTreeMap::new()),
            [m("age", json!("63y0m"), Value::Null)]
        );
    }

    #[test]
    fn malformed_cases_are_errors_not_crashes() {
        let r = check_json(r#"[{"id": "a"}, {"id": "b", "kind": "nonsense", "ruleset": "cn/national", "input": {}, "expect": {}}, 3]"#, &embedded_resolver).unwrap();
        assert_eq!(r.cases.len(), 3);
        assert!(
            r.cases
                .iter()
                .all(|c| matches!(c.outcome, Outcome::Error { .. }))
        );
        assert_eq!(r.cases[2].id, "#2");
        assert!(check_json("not json", &embedded_resolver).is_err());
    }

    #[test]
    fn an_empty_file_and_duplicate_ids_are_refused() {
        let e = check_json("[]", &embedded_resolver).unwrap_err();
        assert_eq!(
            (e.code(), e.fields()[0].path.as_str()),
            ("invalid_input", "(file)")
        );
        let case = |id: &str| {
            format!(
                r#"{{"id": "{id}", "kind": "retirement", "ruleset": "cn/national", "input": {{}}, "expect": {{"x": 1}}}}"#
            )
        };
        let text = format!(
            "[{}, {}, {}, {}]",
            case("a"),
            case("b"),
            case("a"),
            case("a")
        );
        let e = check_json(&text, &embedded_resolver).unwrap_err();
        let paths: Vec<&str> = e.fields().iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["[2].id", "[3].id"]);
        assert_eq!(
            e.fields()[0].message,
            "duplicate case id \"a\": case [0] has it too; give each case its own id"
        );
        assert!(
            check_json(
                &format!("[{}, {}]", case("a"), case("b")),
                &embedded_resolver
            )
            .is_ok()
        );
    }

    #[test]
    fn unknown_rule_set_is_an_error_case() {
        let r = check_json(
            r#"{"id": "x", "kind": "retirement", "ruleset": "cn/atlantis", "input": {}, "expect": {}}"#,
            &embedded_resolver,
        )
        .unwrap();
        // Until the retirement kind exists this is Unsupported; after, the
        // missing rule set must be reported as an error.
        assert!(matches!(
            r.cases[0].outcome,
            Outcome::Error { .. } | Outcome::Unsupported { .. }
        ));
        assert!(!r.ok(false));
    }
}
