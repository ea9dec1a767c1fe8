//! Invariants of the `projection` kind over random persons and assumptions:
//! the path adds up (opening + credits + interest = each year's balance, the
//! last one the balance at retirement), the award is the sum of its parts,
//! the conformance figures are the full result's, and nothing panics.

use pension_rules::api::{Engine, Kind};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or(Decimal::MIN)
}

fn person() -> impl Strategy<Value = Value> {
    (
        (1965i32..2000, 1u32..=12, 0usize..3),
        (0u32..400, 5000i64..25000, 0u32..120, 0i64..50_000_000),
        (2026i32..2031, 3000i64..30000),
        (
            -200i64..800,
            -200i64..800,
            0i64..600,
            proptest::option::of(-200i64..900),
        ),
    )
        .prop_map(
            |((by, bm, cat), (past, avg, deemed, bal), (from, index), (w, c, r, g))| {
                let category = ["male", "female_55", "female_50"][cat];
                let pct = |x: i64| Decimal::new(x, 4).to_string();
                let mut a = json!({"average_wage_growth": pct(w), "pension_base_growth": pct(c),
                    "interest_rate": pct(r)});
                if let Some(g) = g {
                    a["wage_growth"] = json!(pct(g));
                }
                let mut p = json!({"category": category, "birth": format!("{by}-{bm:02}"),
                    "from": format!("{from}-01"), "deemed_months": deemed,
                    "account_balance": Decimal::new(bal, 2).to_string(),
                    "index": Decimal::new(index, 4).to_string(), "assumptions": a});
                if past > 0 {
                    p["contribution_months"] = json!(past);
                    p["average_index"] = json!(Decimal::new(avg, 4).to_string());
                }
                p
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_path_adds_up(input in person()) {
        let engine = Engine::embedded("cn/shaanxi").expect("rules");
        let Ok(r) = engine.compute(Kind::Projection, &input, false) else {
            return Ok(());
        };
        let mut balance = dec(&input["account_balance"]);
        for y in r["years"].as_array().expect("years") {
            balance += dec(&y["credits"]) + dec(&y["interest"]);
            prop_assert_eq!(balance, dec(&y["balance"]), "{}", y);
        }
        prop_assert_eq!(balance, dec(&r["account_balance"]));
        let a = &r["award"];
        prop_assert_eq!(
            dec(&a["total"]),
            dec(&a["basic_pension"]) + dec(&a["account_pension"]) + dec(&a["transitional_pension"])
        );
        let f = engine.figures(Kind::Projection, &input).expect("figures");
        prop_assert_eq!(&f["total"], &a["total"]);
        prop_assert_eq!(&f["retirement_month"], &r["retirement_month"]);
        for fig in ["average_wage", "interest_rate"] {
            for y in r["years"].as_array().expect("years") {
                let s = y[fig]["source"].as_str().unwrap_or("");
                prop_assert!(["rules", "provisional", "assumed", "projected"].contains(&s));
            }
        }
    }
}
