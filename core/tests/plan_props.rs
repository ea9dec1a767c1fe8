//! Invariants of the `plan` kind over random people: a scenario is eligible
//! exactly when paid + deemed months reach the year's minimum, and then has
//! an award, else none and a make-up cost per base; paying more before
//! never brings break-even earlier; a growing pension never brings it
//! later; the undiscounted lifetime value is the pension × the expected
//! payments of the life table (its life expectancy + ½), a discount never
//! raises it and it never falls as the discount rate falls; the life
//! expectancy falls with the retirement age; a flexible worker pays at least what an
//! employee pays for the same base; nothing panics.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::sync::OnceLock;

use pension_rules::api::{Engine, Kind};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::embedded("cn/shaanxi").unwrap())
}

fn d(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

/// A person still contributing in 2026: category, birth year and month,
/// months paid so far, the future index (2 places).
fn person() -> impl Strategy<Value = Value> {
    (
        prop_oneof![Just("male"), Just("female_55"), Just("female_50")],
        1968..=1985i32,
        1..=12u32,
        0..=300u32,
        60..=300i64,
    )
        .prop_map(|(cat, y, m, paid, idx)| {
            let mut p = json!({"category": cat, "birth": format!("{y}-{m:02}"), "from": "2026-01",
                               "index": Decimal::new(idx, 2).to_string()});
            if paid > 0 {
                p["contribution_months"] = json!(paid);
                p["average_index"] = json!("1.0");
                p["account_balance"] =
                    json!((Decimal::from(paid) * Decimal::new(4000, 0)).to_string());
            }
            p
        })
}

fn plan(input: Value) -> Option<Value> {
    engine().compute(Kind::Plan, &input, false).ok()
}

fn input(person: &Value, extra: Value) -> Value {
    let mut i = json!({"person": person, "assumptions": {"average_wage_growth": "0.04",
        "pension_base_growth": "0.03", "interest_rate": "0.03"}});
    for (k, v) in extra.as_object().unwrap() {
        i[k] = v.clone();
    }
    i
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn eligibility_award_and_make_up_agree(p in person()) {
        let Some(r) = plan(input(&p, json!({"bases": ["0.6", "1.5"]}))) else { return Ok(()) };
        for s in r["scenarios"].as_array().unwrap() {
            let counted = s["contribution_months"].as_u64().unwrap() + s["deemed_months"].as_u64().unwrap();
            let required = s["required_months"].as_u64().unwrap();
            prop_assert_eq!(s["eligible"].as_bool().unwrap(), counted >= required);
            prop_assert_eq!(s["short_by_months"].as_u64().unwrap(), required.saturating_sub(counted));
            if s["eligible"].as_bool().unwrap() {
                prop_assert!(s["total"].is_string());
                prop_assert!(s.get("make_up").is_none());
                // Undiscounted: the pension × (life expectancy + ½), the
                // expectancy rounded to 0.1 month.
                let total = d(&s["total"]);
                let e = d(&s["life_expectancy_months"]);
                let gap = (d(&s["lifetime_value"]) - total * (e + Decimal::new(5, 1))).abs();
                prop_assert!(gap <= total * Decimal::new(5, 2) + Decimal::new(1, 2), "{}", gap);
            } else {
                prop_assert!(s["total"].is_null());
                let costs = s["make_up"].as_array().unwrap();
                prop_assert_eq!(costs.len(), 2);
                // A higher base costs more for the same months.
                prop_assert!(d(&costs[1]["total"]) > d(&costs[0]["total"]));
            }
        }
    }

    #[test]
    fn break_even_moves_the_right_way(p in person(), paid in 0..=200_000i64) {
        let month = json!(["2040-01"]);
        let base = plan(input(&p, json!({"retirement_months": month})));
        let more = plan(input(&p, json!({"retirement_months": month, "paid_to_date": paid.to_string()})));
        let grows = plan(input(&p, json!({"retirement_months": month, "paid_to_date": paid.to_string(),
                                           "pension_growth": "0.03", "discount_rate": "0.02"})));
        let (Some(base), Some(more), Some(grows)) = (base, more, grows) else { return Ok(()) };
        let (b, m, g) = (&base["scenarios"][0], &more["scenarios"][0], &grows["scenarios"][0]);
        if let (Some(nb), Some(nm), Some(ng)) = (
            b["break_even_months"].as_u64(),
            m["break_even_months"].as_u64(),
            g["break_even_months"].as_u64(),
        ) {
            prop_assert!(nm >= nb, "paying {paid} more before: {nm} < {nb}");
            prop_assert!(ng <= nm, "a growing pension: {ng} > {nm}");
        }
        if m["lifetime_value"].is_string() {
            // 3 % growth against 2 % discount over the same months: more, never less.
            prop_assert!(d(&g["lifetime_value"]) >= d(&m["lifetime_value"]));
        }
    }

    #[test]
    fn a_higher_discount_rate_never_raises_the_lifetime_value(
        p in person(), r1 in 0..=80i64, dr in 1..=80i64, growth in prop::bool::ANY,
    ) {
        let month = json!(["2040-01"]);
        let at = |r: i64| {
            let mut extra = json!({"retirement_months": month,
                                   "discount_rate": Decimal::new(r, 3).to_string()});
            if growth {
                extra["pension_growth"] = json!("0.03");
            }
            plan(input(&p, extra))
        };
        let (Some(lo), Some(hi)) = (at(r1), at(r1 + dr)) else { return Ok(()) };
        let (lo, hi) = (&lo["scenarios"][0], &hi["scenarios"][0]);
        if lo["lifetime_value"].is_string() {
            prop_assert!(d(&hi["lifetime_value"]) <= d(&lo["lifetime_value"]),
                "{} at {} > {} at {}", hi["lifetime_value"], r1 + dr, lo["lifetime_value"], r1);
            // The expectancy does not depend on money.
            prop_assert_eq!(&hi["life_expectancy_months"], &lo["life_expectancy_months"]);
        }
    }

    #[test]
    fn life_expectancy_falls_with_the_retirement_age(p in person(), later in 1..=60i32) {
        let first = pension_rules::YearMonth::new(2040, 1).unwrap();
        let second = first.add_months(later);
        let Some(r) = plan(input(&p, json!({"retirement_months":
            [first.to_string(), second.to_string()]}))) else { return Ok(()) };
        let (a, b) = (&r["scenarios"][0], &r["scenarios"][1]);
        if a["eligible"] == true && b["eligible"] == true {
            let (ea, eb) = (d(&a["life_expectancy_months"]), d(&b["life_expectancy_months"]));
            prop_assert!(eb < ea, "{} months later: {} ≥ {}", later, eb, ea);
            // … but those who live to the later age live longer in all.
            prop_assert!(eb + Decimal::from(later) + Decimal::new(1, 1) >= ea,
                "{} + {} < {}", eb, later, ea);
        }
    }

    #[test]
    fn a_flexible_worker_pays_at_least_the_employees_share(p in person()) {
        let month = json!(["2040-01"]);
        let e = plan(input(&p, json!({"retirement_months": month})));
        let f = plan(input(&p, json!({"retirement_months": month, "payer": "flexible"})));
        let (Some(e), Some(f)) = (e, f) else { return Ok(()) };
        let (e, f) = (&e["scenarios"][0], &f["scenarios"][0]);
        if e["own_to_come"].is_string() {
            prop_assert!(d(&f["own_to_come"]) >= d(&e["own_to_come"]));
            prop_assert_eq!(d(&f["employer_to_come"]), Decimal::ZERO);
            // Who pays does not change the award.
            prop_assert_eq!(&e["total"], &f["total"]);
        }
    }
}
