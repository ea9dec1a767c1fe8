//! The weighted-years transitional pension (`award.transitional_method =
//! weighted_years`) as Guangdong's rule set encodes 粤府函〔2021〕294号:
//! W = (D × (deemed + pre-window months) + Σ window indices) / 12, new =
//! C × W × 1.2 %, the 2021–2025 phase-in over the computed old method
//! (视同账户额 ÷ 120 + 4 元 × whole years), the new method alone from 2026,
//! +100 元 in the line. Figures derived by hand with Python `decimal`
//! (tests/vectors/derive/province_guangdong.py has the same formulas).

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::award::{Award, AwardInput, award, render};
use pension_rules::error::Error;
use pension_rules::rules::RuleSet;
use pension_rules::trace::Tracer;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// A man born 1963-07 retiring 2023-07 (60y0m, divisor 139, C 9028), 372
/// actual + 96 deemed months, Ī 1.31, B 145300, 12 actual months in 1993,
/// Σ window indices 49.125, 省直 (D 1.327), 视同账户额 31000.
fn person(extra: Value) -> Value {
    let mut v = json!({
        "category": "male", "birth": "1963-07", "retirement_month": "2023-07",
        "contribution_months": 372, "deemed_months": 96,
        "average_index": "1.3100", "account_balance": "145300.00",
        "deemed_index_locality": "provincial_organs", "pre_window_months": 12,
        "window_index_sum": "49.1250", "notional_account": "31000.00"
    });
    for (k, x) in extra.as_object().unwrap() {
        if x.is_null() {
            v.as_object_mut().unwrap().remove(k);
        } else {
            v[k] = x.clone();
        }
    }
    v
}

fn compute(v: &Value) -> Result<Award, Error> {
    let input = AwardInput::from_json(v).unwrap();
    // The Engine picks the layer by region; here the test names it.
    let id = match input.region.as_deref() {
        Some("440300") => "cn/guangdong/shenzhen",
        _ => "cn/guangdong",
    };
    let rules = RuleSet::embedded(id).unwrap();
    let snap = rules.at(input.retirement_month.first_day());
    award(&input, &snap, &mut Tracer::new(true))
}

fn paths(e: &Error) -> Vec<(String, String)> {
    match e {
        Error::Input(errs) => errs
            .0
            .iter()
            .map(|f| (f.path.clone(), f.message.clone()))
            .collect(),
        other => panic!("expected an input error, got {other:?}"),
    }
}

#[test]
fn phase_in_2023_pays_old_plus_70_percent_of_the_gain_plus_100() {
    // W = (1.327 × 108 + 49.125) / 12 = 16.03675; new = 9028 × W × 1.2 % =
    // 1737.3573 → 1737.36; old = 258.33 + 4 × 39 = 414.33; payable =
    // 414.33 + 1323.03 × 0.7 = 1340.451 → 1340.45; + 100 = 1440.45.
    let a = compute(&person(json!({}))).unwrap();
    assert_eq!(a.transitional_pension.to_string(), "1440.45");
    assert_eq!(a.total.to_string(), "6552.43");
    let w = a.transitional_weighted.as_ref().unwrap();
    assert_eq!(w.years.normalize().to_string(), "16.03675");
    assert_eq!(w.new_method.to_string(), "1737.36");
    assert_eq!(w.deemed_index.to_string(), "1.327");
    assert_eq!(w.fixed.unwrap().to_string(), "100");
    let p = a.transitional_phase_in.as_ref().unwrap();
    assert_eq!(p.old_method.unwrap().to_string(), "414.33");
    assert_eq!(p.years_allowance.unwrap().to_string(), "156");
    assert_eq!(p.share.to_string(), "0.7");
    assert_eq!(p.payable.to_string(), "1340.45");
    // The trace names every step and the annex entry with its source.
    let steps: Vec<&str> = a.trace.steps.iter().map(|s| s.name).collect();
    for name in [
        "transitional_weighted_years",
        "transitional_new_method",
        "transitional_old_method",
        "transitional_phase_in",
        "transitional_pension",
    ] {
        assert!(steps.contains(&name), "{name} missing from {steps:?}");
    }
    let d = a
        .trace
        .steps
        .iter()
        .flat_map(|s| &s.params)
        .find(|p| p.param == "award.deemed_index.provincial_organs")
        .unwrap();
    assert!(d.provenance.source.contains("粤府函〔2021〕294号"));
    // The 核定表 text shows the weighted years and the phase-in.
    let text = render::text(&a, render::Lang::Zh);
    assert!(text.contains("加权视同缴费年限"), "{text}");
    assert!(
        text.contains("原办法 414.33（含缴费年限津贴 156）"),
        "{text}"
    );
    assert!(text.contains("过渡性养老金 = 1440.45"), "{text}");
}

#[test]
fn from_2026_the_new_method_alone_without_a_notional_account() {
    // 2026-05, C given 9700: W = (0.742 × 144 + 50.2) / 12 = 13.087333…;
    // new = 1523.3656 → 1523.37; + 100 = 1623.37.
    let v = json!({
        "category": "male", "birth": "1966-01", "retirement_month": "2026-05",
        "contribution_months": 396, "deemed_months": 120, "average_index": "1.0050",
        "account_balance": "125400.00", "pension_base": "9700",
        "deemed_index_locality": "zhanjiang", "pre_window_months": 24,
        "window_index_sum": "50.2000"
    });
    let a = compute(&v).unwrap();
    assert_eq!(a.transitional_pension.to_string(), "1623.37");
    assert!(a.transitional_phase_in.is_none());
}

#[test]
fn the_old_method_floors_the_amount_while_phasing_in() {
    // 2023 with 视同账户额 300000: old = 2500 + 156 = 2656 > new 1737.36,
    // so the line is 2656 + 100.
    let a = compute(&person(json!({"notional_account": "300000.00"}))).unwrap();
    assert_eq!(a.transitional_pension.to_string(), "2756.00");
}

#[test]
fn every_missing_input_is_reported_at_once() {
    let e = compute(&person(json!({
        "deemed_index_locality": null, "pre_window_months": null,
        "window_index_sum": null, "notional_account": null
    })))
    .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let got: Vec<String> = paths(&e).into_iter().map(|p| p.0).collect();
    assert_eq!(
        got,
        [
            "pre_window_months",
            "window_index_sum",
            "deemed_index_locality",
            "notional_account"
        ]
    );
}

#[test]
fn an_unknown_locality_lists_the_valid_ones() {
    let e = compute(&person(json!({"deemed_index_locality": "atlantis"}))).unwrap_err();
    let p = paths(&e);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].0, "deemed_index_locality");
    assert!(p[0].1.contains("\"atlantis\""), "{}", p[0].1);
    assert!(p[0].1.contains("guangzhou, guangzhou_urban"), "{}", p[0].1);
}

#[test]
fn the_window_is_given_once_as_a_sum_or_as_count_and_average() {
    // 54 months at 0.9097222… ≈ the same person: count × average is the sum.
    let a = compute(&person(json!({
        "window_index_sum": null, "transitional_window_months": 54,
        "transitional_window_index": "0.9097"
    })))
    .unwrap();
    let w = a.transitional_weighted.unwrap();
    assert_eq!(w.window_index_sum.to_string(), "49.1238");
    let e = compute(&person(json!({"transitional_window_months": 54}))).unwrap_err();
    assert_eq!(paths(&e)[0].0, "window_index_sum");
}

#[test]
fn a_given_transitional_pension_or_old_amount_is_refused() {
    let e = compute(&person(json!({"transitional_pension": "900"}))).unwrap_err();
    assert_eq!(paths(&e)[0].0, "transitional_pension");
    let e = compute(&person(json!({"old_transitional_pension": "400"}))).unwrap_err();
    assert_eq!(paths(&e)[0].0, "old_transitional_pension");
}

#[test]
fn before_2021_and_in_shenzhen_the_amount_stays_given() {
    let e = compute(&person(
        json!({"retirement_month": "2020-07", "birth": "1960-07"}),
    ))
    .unwrap_err();
    assert_eq!(paths(&e)[0].0, "transitional_pension");
    let a = compute(&person(json!({
        "region": "440300", "transitional_pension": "1234.56",
        "deemed_index_locality": null, "pre_window_months": null,
        "window_index_sum": null, "notional_account": null
    })))
    .unwrap();
    assert_eq!(a.transitional_pension.to_string(), "1234.56");
    assert!(a.transitional_weighted.is_none());
}

#[test]
fn no_weighted_months_need_no_locality() {
    // 2024, nothing before 1998-07: new 0, old 0 + 4 × 25 = 100, + 100.
    let v = json!({
        "category": "male", "birth": "1964-03", "retirement_month": "2024-03",
        "contribution_months": 301, "average_index": "1.2468",
        "account_balance": "132560.00", "pre_window_months": 0,
        "window_index_sum": "0", "notional_account": "0"
    });
    let a = compute(&v).unwrap();
    assert_eq!(a.transitional_pension.to_string(), "200.00");
}

#[test]
fn a_history_gives_the_window_sum_and_the_months_before_it() {
    // Deemed 1985-01 … 1992-12 (96 months), paid 1993-01 … 2023-06 at base
    // 1200 over an average wage of 1000 every year: monthly index 1.2, so
    // 12 months before 1994 and Σ(1994-01 … 1998-06) = 54 × 1.2 = 64.8.
    // W = (1.327 × (96 + 12) + 64.8) / 12 = 17.3430; new = 9028 × W ×
    // 1.2 % = 1878.871248 → 1878.87.
    let wages: serde_json::Map<String, Value> = (1990..=2023)
        .map(|y| (y.to_string(), json!("1000")))
        .collect();
    let v = json!({
        "category": "male", "birth": "1963-07", "retirement_month": "2023-07",
        "history": [
            {"from": "1985-01", "to": "1992-12", "kind": "deemed"},
            {"from": "1993-01", "to": "2023-06", "base": "1200"}
        ],
        "deemed_index": "1", "average_wages": wages,
        "account_balance": "145300.00",
        "deemed_index_locality": "provincial_organs", "notional_account": "31000.00"
    });
    let a = compute(&v).unwrap();
    let w = a.transitional_weighted.unwrap();
    assert_eq!(w.pre_window_months, 12);
    assert_eq!(w.window_index_sum.to_string(), "64.8");
    assert_eq!(w.years.normalize().to_string(), "17.343");
    assert_eq!(w.new_method.to_string(), "1878.87");
    let step = a
        .trace
        .steps
        .iter()
        .find(|s| s.name == "transitional_weighted_years")
        .unwrap();
    let params: Vec<&str> = step.params.iter().map(|p| &*p.param).collect();
    assert!(
        params.contains(&"award.transitional_window_start"),
        "{params:?}"
    );
    assert!(
        params.contains(&"award.transitional_window_end"),
        "{params:?}"
    );
}

/// A `award.deemed_index.<place>` member is a positive number under a
/// snake_case name: a zero D or a Chinese name is a load error.
#[test]
fn the_locality_table_is_checked_on_load() {
    let overlay = |entry: &str| {
        let text =
            format!("[overlay]\nid = \"test/gd\"\ntitle = \"t\"\n{entry}\nsource = \"test\"\n");
        RuleSet::embedded("cn/guangdong")
            .unwrap()
            .with_overlay("award.toml", &text)
    };
    let ok = overlay(
        "[award.deemed_index.test_place]\n[[award.deemed_index.test_place.values]]\nfrom = 2021-01-01\nvalue = \"0.5\"",
    );
    assert!(ok.is_ok(), "{:?}", ok.err());
    let zero = overlay(
        "[award.deemed_index.test_place]\n[[award.deemed_index.test_place.values]]\nfrom = 2021-01-01\nvalue = \"0\"",
    )
    .unwrap_err()
    .to_string();
    assert!(zero.contains("award.deemed_index.test_place"), "{zero}");
    let chinese = overlay(
        "[award.deemed_index.\"广州\"]\n[[award.deemed_index.\"广州\".values]]\nfrom = 2021-01-01\nvalue = \"1.191\"",
    )
    .unwrap_err()
    .to_string();
    assert!(chinese.contains("snake_case"), "{chinese}");
}

proptest! {
    /// While phasing in, the line lies between old + 100 and
    /// max(new, old) + 100, and it never falls as the window's indices grow.
    #[test]
    fn phase_in_lies_between_old_and_new(
        notional in 0u32..200_000,
        sum_hundredths in 0u32..10_000,
        year in 2021i32..=2025,
    ) {
        let base = |sum: u32| {
            let v = person(json!({
                "notional_account": notional.to_string(),
                "window_index_sum": (Decimal::from(sum) / Decimal::from(100)).to_string(),
                "retirement_month": format!("{year}-07"),
                "birth": format!("{}-07", year - 60),
            }));
            compute(&v).unwrap()
        };
        let a = base(sum_hundredths);
        let p = a.transitional_phase_in.clone().unwrap();
        let old = p.old_method.unwrap();
        let hundred = Decimal::from(100);
        prop_assert!(a.transitional_pension >= old + hundred);
        prop_assert!(a.transitional_pension <= p.new_method.max(old) + hundred);
        let b = base(sum_hundredths + 100);
        prop_assert!(b.transitional_pension >= a.transitional_pension);
    }
}
