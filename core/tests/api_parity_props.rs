//! Invariants of the front-door payroll declaration and award views
//! (core/src/api/payroll_case.rs, award_view.rs): nothing dropped or
//! reordered, totals are the sum of the assessed rows, CSV and row objects
//! give the same declaration, and the recomputation's arrears are the
//! monthly difference times the months owed.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::api::Engine;
use pension_rules::api::award_view::{AwardOptions, TextFormat};
use pension_rules::api::payroll_case::period;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn dec(v: &Value) -> Decimal {
    v.as_str().and_then(|s| s.parse().ok()).unwrap()
}

fn wage() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..4_000_000).prop_map(|c| Decimal::new(i64::from(c), 2).to_string()),
        Just("abc".to_string()),
        Just("-1".to_string()),
        Just(String::new()),
    ]
}

fn row() -> impl Strategy<Value = (String, String, String)> {
    (
        prop_oneof![Just("E1"), Just("E2"), Just("E3"), Just("")].prop_map(String::from),
        wage(),
        prop_oneof![Just("employee"), Just("flexible"), Just("other")].prop_map(String::from),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_row_comes_back_in_order_and_totals_add_up(
        rows in prop::collection::vec(row(), 0..12),
        month in 1u32..=12,
    ) {
        let engine = Engine::embedded("cn/shaanxi").unwrap();
        let p = period(Some(&format!("2024-{month:02}")), None).unwrap();
        let objs: Vec<Value> = rows.iter()
            .map(|(id, w, e)| json!({"employee_id": id, "wage": w, "employment": e}))
            .collect();
        let r = serde_json::to_value(engine.payroll(&Value::Array(objs), p, false).unwrap()).unwrap();
        let out = r["rows"].as_array().unwrap();
        prop_assert_eq!(out.len(), rows.len());
        let mut employer = Decimal::ZERO;
        let mut assessed = 0;
        for (i, line) in out.iter().enumerate() {
            // Rows from 1 (issue 16).
            prop_assert_eq!(line["row"].as_u64(), Some(i as u64 + 1));
            if line.get("error").is_none() {
                employer += dec(&line["employer"]);
                assessed += 1;
            }
        }
        prop_assert_eq!(r["totals"]["assessed"].as_u64(), Some(assessed));
        prop_assert_eq!(r["totals"]["rejected"].as_u64(), Some((rows.len() - assessed as usize) as u64));
        prop_assert_eq!(dec(&r["totals"]["employer"]), employer);
        let mut csv = String::from("employee_id,wage,employment\n");
        for (id, w, e) in &rows {
            csv.push_str(&format!("{id},{w},{e}\n"));
        }
        let c = serde_json::to_value(engine.payroll_csv(&csv, p, false).unwrap()).unwrap();
        prop_assert_eq!(&c["totals"], &r["totals"]);
        prop_assert_eq!(&c["rows"], &r["rows"]);
    }

    #[test]
    fn arrears_are_the_difference_times_the_months(
        through in 0i32..36,
        index in 60u32..300,
    ) {
        let engine = Engine::embedded("cn/shaanxi").unwrap();
        let input = json!({"category": "male", "birth": "1965-01", "retirement_month": "2025-02",
            "contribution_months": 385, "deemed_months": 130,
            "average_index": Decimal::new(i64::from(index), 2).to_string(),
            "account_balance": "160000"});
        let y = 2025 + (2 + through) / 12;
        let m = (2 + through) % 12 + 1;
        let through = format!("{y}-{m:02}");
        let opts = AwardOptions::parse(Some("2025-08-01"), None, Some(&through)).unwrap();
        let r = engine.award_with(&input, &opts, false).unwrap();
        let diff = dec(&r["final"]["total"]) - dec(&r["provisional"]["total"]);
        prop_assert_eq!(dec(&r["monthly_difference"]), diff);
        let months = r["arrears_months"].as_u64().unwrap();
        prop_assert_eq!(dec(&r["arrears"]), diff * Decimal::from(months));
        let text = engine.award_text(&input, &opts, TextFormat::Table).unwrap();
        prop_assert!(text.contains(r["arrears"].as_str().unwrap()));
    }
}
