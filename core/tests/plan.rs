//! The `plan` kind (退休与缴费规划): its scenarios agree with the
//! `projection` kind they repeat, the default months are the elastic
//! window, and the arithmetic on top (make-up cost, break-even, lifetime
//! value) follows its stated formula from rule values.
#![allow(clippy::unwrap_used)]

use pension_rules::api::{Engine, Kind};
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn d(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

fn engine() -> Engine {
    Engine::embedded("cn/shaanxi").unwrap()
}

fn assumptions() -> Value {
    json!({"average_wage_growth": "0.04", "pension_base_growth": "0.03", "interest_rate": "0.03"})
}

#[test]
fn default_months_are_the_elastic_window_and_scenarios_equal_projections() {
    let e = engine();
    let person = json!({"category": "male", "birth": "1972-05", "from": "2026-01",
        "contribution_months": 180, "average_index": "1.1", "deemed_months": 0,
        "account_balance": "60000", "index": "1.0"});
    let plan = e
        .compute(
            Kind::Plan,
            &json!({"person": person, "assumptions": assumptions(), "bases": ["0.6", "2.0"]}),
            false,
        )
        .unwrap();
    let r = e
        .compute(
            Kind::Retirement,
            &json!({"birth": "1972-05", "category": "male"}),
            false,
        )
        .unwrap();
    let (first, last) = (
        r["elastic"]["earliest_month"].as_str().unwrap(),
        r["elastic"]["latest_month"].as_str().unwrap(),
    );
    assert_eq!(plan["earliest_month"], first);
    assert_eq!(plan["latest_month"], last);
    assert_eq!(plan["statutory_month"], r["statutory_month"]);
    let s = plan["scenarios"].as_array().unwrap();
    let months: Vec<&str> = s
        .iter()
        .map(|x| x["retirement_month"].as_str().unwrap())
        .collect();
    assert_eq!(months.first(), Some(&first));
    assert_eq!(months.last(), Some(&last));
    // Two bases a month, months in order, the statutory month flagged once per base.
    assert_eq!(s.len() % 2, 0);
    assert!(months.windows(3).all(|w| w[0] <= w[2]));
    assert_eq!(s.iter().filter(|x| x["statutory"] == true).count(), 2);
    // Each scenario is the projection of the same person at that month and base.
    for x in s.iter().step_by(17) {
        let mut p = person.clone();
        p["retirement_month"] = x["retirement_month"].clone();
        p["index"] = x["index"].clone();
        p["assumptions"] = assumptions();
        let proj = e.compute(Kind::Projection, &p, false).unwrap();
        assert_eq!(x["total"], proj["award"]["total"]);
        assert_eq!(x["account_balance"], proj["account_balance"]);
        let sum = |field: &str| -> Decimal {
            proj["years"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|y| !y[field].is_null())
                .map(|y| d(&y[field]))
                .sum()
        };
        let (own, employer) = (sum("individual_contribution"), sum("employer_contribution"));
        assert_eq!(d(&x["own_to_come"]), own);
        assert_eq!(d(&x["employer_to_come"]), employer);
        // Break-even without growth: ⌈own / pension⌉ months; undiscounted,
        // the lifetime value is the pension × the expected number of
        // payments, the life expectancy (rounded to 0.1 month) + ½.
        let total = d(&x["total"]);
        let n = (own / total).ceil();
        assert_eq!(Decimal::from(x["break_even_months"].as_u64().unwrap()), n);
        let e = d(&x["life_expectancy_months"]);
        let gap = (d(&x["lifetime_value"]) - total * (e + Decimal::new(5, 1))).abs();
        assert!(
            gap <= total * Decimal::new(5, 2) + Decimal::new(1, 2),
            "{gap}"
        );
        // The table's expectancy is well above the 计发月数.
        assert!(e > d(&x["divisor"]));
    }
    // Retiring later at the same base never pays less a month.
    for b in ["0.6", "2.0"] {
        let totals: Vec<Decimal> = s
            .iter()
            .filter(|x| x["index"] == b)
            .map(|x| d(&x["total"]))
            .collect();
        assert!(totals.windows(2).all(|w| w[0] <= w[1]), "{b}: {totals:?}");
    }
}

#[test]
fn short_of_the_minimum_gives_the_months_and_their_cost() {
    let e = engine();
    // A woman (50 originally) starting in 2026 has a few years at her window.
    let person = json!({"category": "female_50", "birth": "1980-01", "from": "2026-01",
        "index": "1.0"});
    let plan = e
        .compute(
            Kind::Plan,
            &json!({"person": person, "assumptions": assumptions(),
                     "retirement_months": ["2031-01"], "bases": ["0.6", "1.0"], "payer": "flexible"}),
            true,
        )
        .unwrap();
    let s = &plan["scenarios"][0];
    assert_eq!(s["eligible"], false);
    let paid = s["contribution_months"].as_u64().unwrap();
    assert_eq!(paid, 60); // 2026-01 … 2030-12
    let required = s["required_months"].as_u64().unwrap();
    assert_eq!(required, 192); // 2031: 15 years + 2 × 6 months (2024 决定 附件 第二条)
    assert_eq!(s["short_by_months"].as_u64().unwrap(), required - paid);
    // Cost: months × round(round(index × X(2030)) × 20 %), X(2030) the
    // average wage of 2030 (the base-setting year of 2031) grown by the
    // assumption from the last published year.
    let snap = pension_rules::rules::RuleSet::embedded("cn/shaanxi")
        .unwrap()
        .at("2031-01-01".parse().unwrap());
    let a: pension_rules::projection::Assumptions = serde_json::from_value(assumptions()).unwrap();
    let x2030 = pension_rules::projection::Economy::new(&snap, &a, 2030, 2030)
        .average_wage(2030)
        .unwrap()
        .value;
    let short = Decimal::from(required - paid);
    for (k, idx) in ["0.6", "1.0"].iter().enumerate() {
        let m = &s["make_up"][k];
        let base = (idx.parse::<Decimal>().unwrap() * x2030)
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(d(&m["monthly_base"]), base);
        let monthly = (base * Decimal::new(20, 2))
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(d(&m["monthly"]), monthly);
        assert_eq!(d(&m["total"]), monthly * short);
    }
    // No pension is payable then: no award, break-even or lifetime value;
    // the eligibility and the cost are in the trace with their sources.
    for absent in ["total", "own_to_come", "break_even_month", "lifetime_value"] {
        assert!(s[absent].is_null(), "{absent}");
    }
    let names: Vec<&str> = s["trace"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["plan_eligibility", "plan_make_up", "plan_make_up"]);
    assert_eq!(plan["assumptions"]["payer"], "flexible");
}

#[test]
fn every_problem_of_a_plan_input_at_once() {
    let e = engine();
    let err = e
        .compute(
            Kind::Plan,
            &json!({"person": {"category": "male", "birth": "1972-05", "from": "2026-01", "index": "1.0"},
                     "assumptions": assumptions(), "bases": ["-1", "1.0"], "retirement_months": [],
                     "paid_to_date": "-5", "discount_rate": "-2"}),
            false,
        )
        .unwrap_err();
    let paths: Vec<&str> = err.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "discount_rate",
            "paid_to_date",
            "bases[0]",
            "retirement_months"
        ]
    );
    let err = e
        .compute(
            Kind::Plan,
            &json!({"person": {"category": "male", "birth": "1972-05", "from": "x"},
                     "assumptions": {"average_wage_growth": "a"}, "payer": "boss"}),
            false,
        )
        .unwrap_err();
    let paths: Vec<&str> = err.fields().iter().map(|f| f.path.as_str()).collect();
    for p in [
        "person.from",
        "assumptions.average_wage_growth",
        "payer",
        "assumptions.interest_rate",
    ] {
        assert!(paths.contains(&p), "{p} in {paths:?}");
    }
}

/// A man with one year of history: 2024-01..06 at X(2023) = 7598.33 (index
/// 1) and 2024-07..12 at twice it (index 2), planned from 2025-01.
fn history_input(person_extra: Value) -> Value {
    let mut person = json!({"category": "male", "birth": "1966-01", "from": "2025-01",
        "index": "1.0"});
    for (k, v) in person_extra.as_object().unwrap() {
        person[k] = v.clone();
    }
    json!({"person": person, "assumptions": assumptions(),
           "retirement_months": ["2030-01"], "bases": ["1.0"],
           "history": [{"from": "2024-01", "to": "2024-06", "base": "7598.33"},
                       {"from": "2024-07", "to": "2024-12", "base": "15196.66"}]})
}

#[test]
fn a_history_is_reduced_to_the_summary_it_implies() {
    let e = engine();
    let by_history = e
        .compute(Kind::Plan, &history_input(json!({})), false)
        .unwrap();
    // By hand: 12 months; Ī = (6 × 1 + 6 × 2) / 12 = 1.5; the account gets
    // 6 × round(7598.33 × 8 %) + 6 × round(15196.66 × 8 %) = 6 × 607.87 +
    // 6 × 1215.73 = 10941.60 in 2024, with the year's interest at 2.62 %
    // (劳办发〔1997〕116号 annual formula, credits × rate × 1.083 / 2):
    // round(10941.60 × 0.0262 × 0.5415) = 155.23, so 11096.83 at the end of 2024.
    let h = &by_history["history_summary"];
    assert_eq!(h["through"], "2024-12");
    assert_eq!(h["contribution_months"], 12);
    assert_eq!(d(&h["average_index"]), Decimal::new(15, 1));
    assert_eq!(h["deemed_months"], 0);
    assert_eq!(h["account_balance"], "11096.83");
    // The same plan as with that summary given.
    let mut by_summary = history_input(json!({"contribution_months": 12,
        "average_index": "1.5", "account_balance": "11096.83"}));
    by_summary.as_object_mut().unwrap().remove("history");
    let by_summary = e.compute(Kind::Plan, &by_summary, false).unwrap();
    assert_eq!(by_history["scenarios"], by_summary["scenarios"]);
    let statements = by_history["assumptions"]["statements"].to_string();
    assert!(statements.contains("the history reduced to the summary at the end of 2024-12"));
}

/// Where the transitional pension reads a window of the past (广东: Σ of the
/// monthly indices 1994-01 … 1998-06 and the months before 1994, weighted with
/// the 1993 locality's 视同缴费指数; 北京: N实98 and Z实, 1992-10 … 1998-06), a
/// history gives them as it gives an award: a man paid from 1993-01 at the
/// average wage (index 1) has 54 window months with Σ = 54 and 12 months
/// before it in 广东; paid from 1998-01 (北京 stores no 记账比例 before the
/// national 1998 one, so an earlier history has no account), 6 months at Z实
/// = 1 in 北京. The plan then equals the
/// plan on the summary with those figures given as the records would.
/// The history's wages and early 记账利率 are inputs (`average_wages`,
/// `account_rates`) for the years a place's rule data lacks.
#[test]
fn a_history_gives_the_transitional_window_its_place_reads() {
    let wages: serde_json::Map<String, Value> = (1992..=2024)
        .map(|y| (y.to_string(), json!("3000")))
        .collect();
    let rates: serde_json::Map<String, Value> = (1993..=2015)
        .map(|y| (y.to_string(), json!("0.03")))
        .collect();
    for (id, start, window) in [
        (
            "cn/guangdong",
            "1993-01",
            json!({"from": "1994-01", "to": "1998-06", "months": 54, "index": "1.0000",
                   "index_sum": "54", "months_before": 12}),
        ),
        (
            "cn/beijing",
            "1998-01",
            json!({"from": "1992-10", "to": "1998-06", "months": 6, "index": "1.0000",
                   "index_sum": "6", "months_before": 0}),
        ),
    ] {
        let e = Engine::embedded(id).unwrap();
        let mut person = json!({"category": "male", "birth": "1966-01", "from": "2025-01",
            "index": "1.0", "deemed_index_locality": "guangzhou"});
        if id == "cn/beijing" {
            person
                .as_object_mut()
                .unwrap()
                .remove("deemed_index_locality");
        }
        let mut a = assumptions();
        a["average_wages"] = json!({"2024": "10000", "2025": "10000"});
        let by_history = json!({"person": person, "assumptions": a,
            "retirement_months": ["2027-01"], "bases": ["1.0"],
            "history": [{"from": start, "to": "2024-12", "base": "3000"}],
            "average_wages": wages, "account_rates": rates});
        let got = e
            .compute(Kind::Plan, &by_history, false)
            .unwrap_or_else(|e| panic!("{id}: {e} {:?}", e.fields()));
        let h = &got["history_summary"];
        assert_eq!(h["window"], window, "{id}");
        assert!(
            d(&got["scenarios"][0]["transitional_pension"]) > Decimal::ZERO,
            "{id}"
        );
        // The same plan on the summary, with the window as the records give it.
        let mut summary = by_history.clone();
        let o = summary.as_object_mut().unwrap();
        o.remove("history");
        o.remove("average_wages");
        o.remove("account_rates");
        let p = &mut summary["person"];
        for k in [
            "contribution_months",
            "average_index",
            "deemed_months",
            "pre_account_months",
            "account_balance",
        ] {
            p[k] = h[k].clone();
        }
        if id == "cn/guangdong" {
            p["window_index_sum"] = window["index_sum"].clone();
            p["pre_window_months"] = window["months_before"].clone();
        } else {
            p["transitional_window_months"] = window["months"].clone();
            p["transitional_window_index"] = window["index"].clone();
        }
        let want = e
            .compute(Kind::Plan, &summary, false)
            .unwrap_or_else(|e| panic!("{id}: {e} {:?}", e.fields()));
        assert_eq!(got["scenarios"], want["scenarios"], "{id}");
        let statements = got["assumptions"]["statements"].to_string();
        assert!(
            statements.contains("the transitional window"),
            "{id}: {statements}"
        );
        // Without them the summary is refused, naming the window's figures (never 0 by default).
        let p = &mut summary["person"];
        for k in [
            "window_index_sum",
            "pre_window_months",
            "transitional_window_months",
            "transitional_window_index",
        ] {
            p.as_object_mut().unwrap().remove(k);
        }
        let err = e.compute(Kind::Plan, &summary, false).expect_err("refused");
        let paths: Vec<&str> = err.fields().iter().map(|f| f.path.as_str()).collect();
        assert!(
            paths.iter().any(|p| p.contains("window")),
            "{id}: {paths:?}"
        );
    }
}

#[test]
fn a_history_and_summary_figures_together_are_refused_by_name() {
    let e = engine();
    let err = e
        .compute(
            Kind::Plan,
            &history_input(json!({"contribution_months": 12, "account_balance": "0"})),
            false,
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let paths: Vec<String> = err.fields().iter().map(|f| f.path.clone()).collect();
    assert_eq!(
        paths,
        ["person.contribution_months", "person.account_balance"]
    );
    // A span reaching into the projected years is refused at its path.
    let mut late = history_input(json!({}));
    late["history"][1]["to"] = json!("2025-02");
    let err = e.compute(Kind::Plan, &late, false).unwrap_err();
    let f = &err.fields()[0];
    assert_eq!(f.path, "history[1].to");
    assert!(f.message.contains("2024-12"), "{}", f.message);
}
