//! A local extra whose rate is chosen by a `number` attribute
//! (`pct_of_indexed_wage_stepped`; 西藏 高原补贴 5/10/15 % of C·Ī after
//! 10/15/20 years worked in Tibet), on a test layer over cn/shaanxi (not real
//! rules).
//!
//! Base case, derived-award-2 (docs/sources.md §9.2 worked example 11), cn/shaanxi:
//! C 7727, Ī 0.8, N 40, S 10, B 120000, M 139 → 2781.72 + 863.31 + 865.42 = 4510.45;
//! C·Ī = 6181.6.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use pension_rules::api::Engine;
use pension_rules::rules::{Catalog, DiagnosticCode as C, LoadError};
use rust_decimal::Decimal;
use serde_json::{Value, json};

const HEAD: &str = "id = \"test/stepped\"\nversion = \"1\"\nextends = \"cn/shaanxi\"\n";

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

fn catalog(award: &str) -> Catalog {
    Catalog::from_files(
        "mem/",
        [
            ("test/ruleset.toml".to_string(), Arc::from(HEAD)),
            ("test/award.toml".to_string(), Arc::from(award)),
        ],
    )
}

fn engine() -> Engine {
    Engine::load("test/stepped", Some(catalog(&format!("{ATTR}{EXTRA}")))).expect("engine")
}

fn load_err(award: &str) -> LoadError {
    match catalog(award).load("test/stepped") {
        Err(e) => e,
        Ok(_) => panic!("loaded"),
    }
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
fn the_step_reached_by_the_attribute_gives_the_rate() {
    let e = engine();
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
fn the_attribute_is_required_and_must_be_a_decimal_string() {
    let e = engine();
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
fn the_steps_need_a_number_attribute_and_rising_thresholds() {
    let bool_attr = ATTR.replace("type = \"number\"", "type = \"bool\"");
    let e = load_err(&format!("{bool_attr}{EXTRA}"));
    assert!(
        e.diagnostics
            .iter()
            .any(|d| d.code == C::UnknownKey && d.key.ends_with("attribute")),
        "{e}"
    );
    let unsorted = EXTRA.replace("at_least = \"15\"", "at_least = \"5\"");
    let e = load_err(&format!("{ATTR}{unsorted}"));
    assert!(e.diagnostics.iter().any(|d| d.code == C::Unsorted), "{e}");
    let no_steps = EXTRA.replace(
        "steps = [{ at_least = \"10\", rate = \"0.05\" }, { at_least = \"15\", rate = \"0.10\" }, { at_least = \"20\", rate = \"0.15\" }]",
        "rate = \"0.05\"",
    );
    let e = load_err(&format!("{ATTR}{no_steps}"));
    assert!(
        e.diagnostics.iter().any(|d| d.code == C::MissingField),
        "{e}"
    );
}
