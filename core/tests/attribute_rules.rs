//! Rules chosen by a person attribute, on test layers over cn/shaanxi (not
//! real rules): coefficients (`award.coefficient_overrides`, e.g. 宁夏 知识分子
//! 过渡系数 1.49 % instead of 1.3 %) and a local extra whose rate a `number`
//! attribute selects (`pct_of_indexed_wage_stepped`; 西藏 高原补贴 5/10/15 %
//! of C·Ī after 10/15/20 years worked in Tibet).
//!
//! Base case, derived-award-2 (docs/sources.md §9.2 worked example 11), cn/shaanxi:
//! C 7727, Ī 0.8, N 40, S 10, B 120000, M 139 → 2781.72 + 863.31 + 865.42 = 4510.45
//! (transitional 7727 × 0.8 × 10 × 1.4 % = 865.424; C·Ī = 6181.6).
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use pension_rules::api::Engine;
use pension_rules::rules::{Catalog, DiagnosticCode as C, LoadError};
use rust_decimal::Decimal;
use serde_json::{Value, json};

const HEAD: &str = "id = \"test/attrs\"\nversion = \"1\"\nextends = \"cn/shaanxi\"\n";

const ATTRS: &str = r#"
[award.attributes.intellectual]
[[award.attributes.intellectual.values]]
from = 2006-01-01
title = "知识分子 (test)"
type = "bool"
source = "test fixture"

[award.attributes.model_worker]
[[award.attributes.model_worker.values]]
from = 2006-01-01
title = "劳动模范 (test)"
type = "bool"
default = false
source = "test fixture"
"#;

const OVERRIDES: &str = r#"
[award.coefficient_overrides.intellectual_rate]
[[award.coefficient_overrides.intellectual_rate.values]]
from = 2006-01-01
title = "知识分子 过渡系数 (test)"
slot = "transitional_coefficient"
value = "0.0149"
when = { intellectual = true }
source = "test fixture"

[award.coefficient_overrides.model_worker_rate]
[[award.coefficient_overrides.model_worker_rate.values]]
from = 2006-01-01
title = "劳模 基础养老金 每年比例 (test)"
slot = "basic_rate_per_year"
value = "0.012"
when = { model_worker = true, min_deemed_months = 120 }
source = "test fixture"
"#;

fn catalog(award: &str) -> Catalog {
    Catalog::from_files(
        "mem/",
        [
            ("test/ruleset.toml".to_string(), Arc::from(HEAD)),
            ("test/award.toml".to_string(), Arc::from(award)),
        ],
    )
}

fn engine_with(award: &str) -> Engine {
    Engine::load("test/attrs", Some(catalog(award))).expect("engine")
}

fn engine() -> Engine {
    engine_with(&format!("{ATTRS}{OVERRIDES}"))
}

fn load_err(award: &str) -> LoadError {
    match catalog(award).load("test/attrs") {
        Err(e) => e,
        Ok(_) => panic!("loaded"),
    }
}

/// The layer `award` does not load: some diagnostic has `code` (any, when
/// `None`) at a key containing `key`.
fn refused(award: &str, code: Option<C>, key: &str) {
    let e = load_err(award);
    assert!(
        e.diagnostics
            .iter()
            .any(|d| code.is_none_or(|c| d.code == c) && d.key.contains(key)),
        "{e}"
    );
}

fn input(attributes: Value) -> Value {
    json!({"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
        "contribution_months": 360, "deemed_months": 120,
        "average_index": "0.8", "account_balance": "120000", "attributes": attributes})
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn the_override_replaces_k_where_its_attribute_holds() {
    let a = engine()
        .award_result(&input(json!({"intellectual": true})), true)
        .unwrap();
    // 7727 × 0.8 × 10 × 1.49 % = 921.0584 → 921.06.
    assert_eq!(a.transitional_pension, d("921.06"));
    assert_eq!(a.transitional_coefficient, Some(d("0.0149")));
    assert_eq!(a.basic_pension, d("2781.72"));
    assert_eq!(a.total, d("4566.09")); // 2781.72 + 863.31 + 921.06
    let step = a
        .trace
        .steps
        .iter()
        .find(|s| s.name == "transitional_pension")
        .unwrap();
    assert_eq!(
        step.params[0].param,
        "award.coefficient_overrides.intellectual_rate"
    );
    assert!(
        step.formula.contains("intellectual = true holds"),
        "{}",
        step.formula
    );
    assert!(
        step.inputs
            .contains(&("attributes.intellectual".into(), "true".into()))
    );
}

#[test]
fn without_the_attribute_the_parameter_applies_and_the_trace_says_so() {
    let a = engine()
        .award_result(&input(json!({"intellectual": false})), true)
        .unwrap();
    assert_eq!(a.transitional_pension, d("865.42"));
    assert_eq!(a.transitional_coefficient, Some(d("0.014")));
    assert_eq!(a.total, d("4510.45"));
    let step = a
        .trace
        .steps
        .iter()
        .find(|s| s.name == "transitional_pension")
        .unwrap();
    assert_eq!(step.params[0].param, "award.transitional_coefficient");
    assert!(step.formula.contains("does not hold"), "{}", step.formula);
}

#[test]
fn a_missing_attribute_without_default_is_an_input_error_naming_it() {
    let e = engine().award_result(&input(json!({})), false).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let paths: Vec<&str> = e.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["attributes.intellectual"]);
    assert!(
        e.fields()[0]
            .message
            .contains("award.coefficient_overrides.intellectual_rate"),
        "{e}"
    );
}

#[test]
fn the_basic_rate_slot_with_attribute_and_month_bound() {
    // 劳模 with 120 deemed months: 7727 × 1.8 / 2 × 40 × 1.2 % = 3338.064 → 3338.06.
    let a = engine()
        .award_result(
            &input(json!({"intellectual": false, "model_worker": true})),
            true,
        )
        .unwrap();
    assert_eq!(a.basic_pension, d("3338.06"));
    assert_eq!(a.total, d("5066.79")); // 3338.06 + 863.31 + 865.42
    let step = a
        .trace
        .steps
        .iter()
        .find(|s| s.name == "basic_pension")
        .unwrap();
    assert!(
        step.params
            .iter()
            .any(|p| p.param == "award.coefficient_overrides.model_worker_rate")
    );
    // One deemed month short of the bound: the national 1 %.
    let mut i = input(json!({"intellectual": false, "model_worker": true}));
    i["deemed_months"] = json!(119);
    i["contribution_months"] = json!(361);
    let a = engine().award_result(&i, false).unwrap();
    assert_eq!(a.basic_pension, d("2781.72"));
    // Half a month short (a sheet's 119.5 deemed months): the bound counts the
    // exact months, so 1 % still; N = 480/12 = 40 as before.
    i["deemed_months"] = json!("119.5");
    i["contribution_months"] = json!("360.5");
    let a = engine().award_result(&i, false).unwrap();
    assert_eq!(a.basic_pension, d("2781.72"));
    // 120.5 deemed months reach it: 7727 × 1.8 / 2 × 480.5/12 × 1.2 % = 3341.54115 → 3341.54.
    i["deemed_months"] = json!("120.5");
    i["contribution_months"] = json!(360);
    let a = engine().award_result(&i, false).unwrap();
    assert_eq!(a.basic_pension, d("3341.54"));
}

#[test]
fn an_override_needs_a_slot_a_value_and_a_declared_condition() {
    let no_when = r#"
[award.coefficient_overrides.x]
[[award.coefficient_overrides.x.values]]
from = 2006-01-01
title = "t"
slot = "transitional_coefficient"
value = "0.0149"
source = "test"
"#;
    refused(&format!("{ATTRS}{no_when}"), Some(C::MissingField), "when");
    let bad_slot = no_when.replace(
        "slot = \"transitional_coefficient\"",
        "slot = \"pension_base\"\nwhen = { intellectual = true }",
    );
    refused(
        &format!("{ATTRS}{bad_slot}"),
        Some(C::UnknownVariant),
        "slot",
    );
    let undeclared = no_when.replace(
        "value = \"0.0149\"",
        "value = \"0.0149\"\nwhen = { category_x = true }",
    );
    refused(
        &format!("{ATTRS}{undeclared}"),
        Some(C::UnknownKey),
        "when.category_x",
    );
    let too_high = no_when.replace(
        "value = \"0.0149\"",
        "value = \"1.5\"\nwhen = { intellectual = true }",
    );
    refused(&format!("{ATTRS}{too_high}"), None, "value");
}

// --- a stepped extra on a number attribute ---

const ATTR: &str = r#"
[award.attributes.years_in_place]
[[award.attributes.years_in_place.values]]
from = 2006-01-01
title = "years worked in the place (test)"
type = "number"
source = "test fixture"
"#;

const EXTRA: &str = r#"
[award.extras.plateau]
[[award.extras.plateau.values]]
from = 2006-01-01
title = "高原补贴 (test)"
kind = "pct_of_indexed_wage_stepped"
attribute = "years_in_place"
steps = [{ at_least = "10", rate = "0.05" }, { at_least = "15", rate = "0.10" }, { at_least = "20", rate = "0.15" }]
source = "test fixture"
"#;

fn stepped() -> Engine {
    engine_with(&format!("{ATTR}{EXTRA}"))
}

#[test]
fn a_stepped_extra_takes_the_rate_of_the_step_its_attribute_reaches() {
    let e = stepped();
    // (years, plateau): below the first step 0; at a step its rate (boundary included).
    for (years, plateau) in [
        ("9.99", "0.00"),
        ("10", "309.08"),   // 6181.6 × 5 % = 309.08
        ("14.5", "309.08"), // still 5 %
        ("15", "618.16"),   // 10 %
        ("32", "927.24"),   // 15 %
    ] {
        let a = e
            .award_result(&input(json!({"years_in_place": years})), true)
            .unwrap();
        assert_eq!(a.local_extras, d(plateau), "{years}");
        assert_eq!(a.total, d("4510.45") + d(plateau), "{years}");
    }
    let a = e
        .award_result(&input(json!({"years_in_place": "15"})), true)
        .unwrap();
    assert!(
        a.extras[0].formula.contains("years_in_place 15 ≥ 15"),
        "{}",
        a.extras[0].formula
    );
}

#[test]
fn a_number_attribute_is_required_and_a_decimal_string() {
    let e = stepped();
    let err = e.award_result(&input(json!({})), false).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(err.fields()[0].path, "attributes.years_in_place");
    assert!(
        err.fields()[0].message.contains("award.extras.plateau"),
        "{err}"
    );
    for bad in [json!(true), json!("ten"), json!("-1"), json!(12)] {
        let err = e
            .award_result(&input(json!({ "years_in_place": bad })), false)
            .unwrap_err();
        assert_eq!(err.code(), "invalid_input", "{bad}");
        assert!(
            err.fields()
                .iter()
                .any(|f| f.path.starts_with("attributes")),
            "{bad}: {err}"
        );
    }
}

#[test]
fn steps_need_a_number_attribute_and_rising_thresholds() {
    let bool_attr = ATTR.replace("type = \"number\"", "type = \"bool\"");
    refused(
        &format!("{bool_attr}{EXTRA}"),
        Some(C::UnknownKey),
        "attribute",
    );
    let unsorted = EXTRA.replace("at_least = \"15\"", "at_least = \"5\"");
    let e = load_err(&format!("{ATTR}{unsorted}"));
    assert!(e.diagnostics.iter().any(|d| d.code == C::Unsorted), "{e}");
    let no_steps = EXTRA.replace(
        "steps = [{ at_least = \"10\", rate = \"0.05\" }, { at_least = \"15\", rate = \"0.10\" }, { at_least = \"20\", rate = \"0.15\" }]",
        "rate = \"0.05\"",
    );
    refused(&format!("{ATTR}{no_steps}"), Some(C::MissingField), "");
}
