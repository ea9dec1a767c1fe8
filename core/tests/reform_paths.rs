//! Reforms in one line: dotted parameter paths to values by period
//! (`rules::reform`), layered as an overlay by `Engine::with_overlay_data`.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::Engine;
use serde_json::json;

fn engine(reform: serde_json::Value) -> Engine {
    Engine::embedded("cn/shaanxi")
        .unwrap()
        .with_overlay_data("lower rate", &reform)
        .unwrap()
}

fn date(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

#[test]
fn a_dated_value_from_a_month_on_with_its_hypothetical_source() {
    let e = engine(json!({"contribution.employer_rate": {"2024-01": "0.15"}}));
    let snap = e.rules().at(date("2024-06-01"));
    let rate = snap
        .contribution
        .employer_rate
        .at(date("2024-06-01"))
        .unwrap();
    assert_eq!(rate.value.to_string(), "0.15");
    assert!(
        rate.provenance.source.contains("hypothetical"),
        "{}",
        rate.provenance.source
    );
    assert!(rate.provenance.source.contains("lower rate"));
    // Before the reform the law's 16 % (国办发〔2019〕13号) stands.
    let before = e.rules().at(date("2023-12-01"));
    let law = before
        .contribution
        .employer_rate
        .at(date("2023-12-01"))
        .unwrap();
    assert_eq!(law.value.to_string(), "0.16");
    // And a contribution computed on it says so in its trace.
    let c = e
        .compute(
            pension_rules::api::Kind::Contribution,
            &json!({"month": "2024-03", "wage": "6000", "employment": "employee"}),
            true,
        )
        .unwrap();
    assert_eq!(c["employer"], "900.00"); // 15 % of 6000
    assert!(c["trace"].to_string().contains("hypothetical"));
    assert!(
        e.rules().id().ends_with("+reform/lower-rate"),
        "{}",
        e.rules().id()
    );
}

#[test]
fn a_range_of_days_ends_on_its_last_day() {
    let e = engine(json!({"contribution.employer_rate": {"2030-01-01.2030-12-31": "0.15"}}));
    let at = |d: &str| {
        e.rules()
            .at(date(d))
            .contribution
            .employer_rate
            .at(date(d))
            .unwrap()
            .value
            .to_string()
    };
    assert_eq!(at("2030-12-31"), "0.15");
    // The law's rate comes back the day after, with its own source.
    assert_eq!(at("2031-01-01"), "0.16");
    let s = e.rules().at(date("2031-01-01"));
    let back = s.contribution.employer_rate.at(date("2031-01-01")).unwrap();
    assert!(
        back.provenance.source.contains("in force again"),
        "{}",
        back.provenance.source
    );
}

#[test]
fn a_table_changes_only_the_rows_given() {
    let base = Engine::embedded("cn/shaanxi").unwrap();
    let e = engine(json!({"award.annuity_divisor": {"2030-01": {"60": "135"}}}));
    let row = |e: &Engine, age: &str| {
        let s = serde_json::to_value(e.show(date("2030-06-30"), None)).unwrap();
        let p = s["params"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "award.annuity_divisor")
            .cloned()
            .unwrap();
        let v = p["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["key"] == age)
            .cloned()
            .unwrap();
        (
            v["value"].as_str().unwrap().to_string(),
            v["provenance"]["source"].to_string(),
        )
    };
    // 国发〔2005〕38号 附件: 139 months at 60, 170 at 55.
    assert_eq!(row(&base, "60").0, "139");
    let (v, source) = row(&e, "60");
    assert_eq!(v, "135");
    assert!(source.contains("hypothetical"), "{source}");
    assert_eq!(row(&e, "55").0, "170"); // carried over from the law's table
}

#[test]
fn a_yearly_series_over_a_range_of_years() {
    let e = engine(json!({"award.pension_base": {"2031.2032": "9000"}}));
    let snap = e.rules().at(date("2033-01-01"));
    for y in [2031, 2032] {
        let b = snap.award.pension_base.get(y).unwrap();
        assert_eq!(b.value.to_string(), "9000");
        assert!(b.provenance.source.contains("hypothetical"));
    }
}

#[test]
fn every_problem_of_a_reform_at_once() {
    let e = Engine::embedded("cn/shaanxi").unwrap().with_overlay_data(
        "bad",
        &json!({
            "contribution.employer_rat": {"2030-01": "0.15"},
            "contribution.individual_rate": {"2030-13": "0.07"},
            "award.annuity_divisor": {"2030-01": "150"},
            "award.pension_base": {"2030-01": "9000"}
        }),
    );
    let Err(e) = e else { panic!("accepted") };
    let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "award.annuity_divisor.2030-01",
            "award.pension_base.2030-01",
            "contribution.employer_rat",
            "contribution.individual_rate.2030-13"
        ],
        "{e}"
    );
    assert!(e.to_string().contains("employer_rate"), "{e}"); // the near names
}
