//! Careers across places (跨省流动): a paid span in a place with its own
//! rule set is indexed with that place's average wage, as recorded where
//! the contributions were paid (国办发〔2009〕66号, 人社部发〔2009〕187号).
//!
//! Shaanxi home (cn/shaanxi), eleven months of 2025 paid in Chengdu
//! (510100 → cn/sichuan): their bases divide by Sichuan's 2024 全口径 wage
//! 7646 (川人社办发〔2025〕39号, 91752 / 12; the base-setting year of 2025),
//! not by Shaanxi's.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::api::Engine;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn person(region: Option<&str>) -> Value {
    let mut away = json!({"from": "2025-01", "to": "2025-11", "base": "9000"});
    if let Some(r) = region {
        away["region"] = json!(r);
    }
    json!({
        "category": "male", "birth": "1965-09", "retirement_month": "2025-12",
        "history": [
            {"from": "2005-01", "to": "2024-12", "base": "5000"},
            away
        ],
        "account_balance": "100000"
    })
}

fn year_2025(a: &pension_rules::award::Award) -> pension_rules::contribution_index::YearIndex {
    a.index
        .as_ref()
        .unwrap()
        .years
        .iter()
        .find(|y| y.year == 2025)
        .unwrap()
        .clone()
}

#[test]
fn a_span_elsewhere_is_indexed_with_that_place_s_wage() {
    let engine = Engine::embedded("cn/shaanxi").unwrap();
    let a = engine.award_result(&person(Some("510100")), true).unwrap();
    let y = year_2025(&a);
    assert_eq!(y.places.len(), 1);
    let p = &y.places[0];
    assert_eq!(
        (p.region.as_str(), p.ruleset.as_str()),
        ("510100", "cn/sichuan")
    );
    assert_eq!(
        (p.denominator_year, p.denominator.to_string()),
        (2024, "7646".into())
    );
    assert_eq!(p.paid_months, 11);
    // The year's ratios: 11 × 9000 / 7646, nothing from Shaanxi's wage.
    let want = Decimal::from(99000) / Decimal::from(7646);
    assert_eq!(y.ratio_sum, want);
    assert_eq!(y.denominator, None);
    // The trace names the place and the source of its wage.
    let step = a
        .trace
        .steps
        .iter()
        .find(|s| s.name == "year_index" && s.formula.starts_with("2025"))
        .unwrap();
    assert!(
        step.params.iter().any(|u| u.param == "award.average_wage"
            && u.provenance.source.contains("川人社办发〔2025〕39号")),
        "{step:?}"
    );
    // Without the region the same months divide by Shaanxi's wage: another index.
    let home = engine.award_result(&person(None), false).unwrap();
    let h = year_2025(&home);
    assert!(h.places.is_empty());
    assert_ne!(h.ratio_sum, want);
    assert_ne!(home.average_index, a.average_index);
}

#[test]
fn a_span_in_the_home_place_or_nowhere() {
    let engine = Engine::embedded("cn/shaanxi").unwrap();
    // Xi'an is Shaanxi's own place: no other wage.
    let a = engine.award_result(&person(Some("610100")), false).unwrap();
    assert!(year_2025(&a).places.is_empty());
    // A code no province has: refused at the span, not priced silently.
    let e = engine
        .award_result(&person(Some("990100")), false)
        .unwrap_err();
    assert_eq!(e.fields()[0].path, "history[1].region", "{e}");
}

#[test]
fn the_transitional_window_is_derived_from_a_history() {
    // Beijing G实 (京劳社养发〔2007〕21号/31号): paid months 1992-10 … 1998-06
    // (the cut-off month included) and their own index, from the spans. Test
    // wages: a flat 1000 a month for every year (given as input), so the
    // window index is 600 / 1000 = 0.6 over 69 months.
    let wages: serde_json::Map<String, Value> = (1991..=2023)
        .map(|y| (y.to_string(), json!("1000")))
        .collect();
    let input = json!({
        "category": "male", "birth": "1964-03", "retirement_month": "2024-03",
        "history": [
            {"from": "1985-01", "to": "1992-09", "kind": "deemed"},
            {"from": "1992-10", "to": "1998-06", "base": "600"},
            {"from": "1998-07", "to": "2024-02", "base": "1500"}
        ],
        "average_wages": wages,
        "account_balance": "100000"
    });
    let a = Engine::embedded("cn/beijing")
        .unwrap()
        .award_result(&input, false)
        .unwrap();
    let w = a.index.as_ref().unwrap().window.clone().unwrap();
    assert_eq!(
        (w.from.to_string(), w.to.to_string()),
        ("1992-10".into(), "1998-06".into())
    );
    assert_eq!(w.months, 69);
    assert_eq!(w.index.map(|i| i.to_string()).as_deref(), Some("0.6000"));
    // G同 11883 × 93/12 × 1 % + G实 11883 × 0.6 × 69/12 × 1 % = 920.9325 + 409.9635
    // = 1330.896 → 1330.90.
    assert_eq!(a.transitional_pension.to_string(), "1330.90");
}
