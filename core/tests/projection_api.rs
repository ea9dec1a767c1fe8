//! The `projection` kind at the front door: the same figures as the
//! population engine's single path and fast path for full careers, every
//! field problem at once, and the result's shape (sources, basis, trace).

use pension_rules::api::{Engine, Kind};
use pension_rules::population::synthetic::{Config, generate};
use pension_rules::population::{Options, Population, evaluate, simulate_all};
use pension_rules::rules::RuleSet;
use serde_json::{Value, json};

fn as_json(v: &impl serde::Serialize) -> Value {
    serde_json::to_value(v).expect("json")
}

#[test]
fn full_careers_equal_the_population_engine() {
    let engine = Engine::embedded("cn/shaanxi").expect("rules");
    let rules = RuleSet::embedded("cn/shaanxi").expect("rules");
    let a = Config::shaanxi_assumptions();
    let pop = generate(
        &Config::shaanxi(300, 7),
        &rules.at("2026-01-01".parse().expect("day")),
    );
    let mut compared = 0;
    let mut fast = 0;
    for person in pop.rows.iter().flatten() {
        let mut input = as_json(&person.projection_input());
        input["assumptions"] = as_json(&a);
        let got = engine.compute(Kind::Projection, &input, false);
        let Ok(got) = got else {
            continue;
        };
        let month: pension_rules::YearMonth = got["retirement_month"]
            .as_str()
            .expect("month")
            .parse()
            .expect("month");
        let snap = rules.at(month.first_day());
        let single = evaluate(person, &snap, &a).expect("single path");
        let (all, summary) = simulate_all(
            &Population::from_persons(vec![person.clone()]),
            std::slice::from_ref(&snap),
            &a,
            &Options::default(),
        )
        .expect("run");
        let batch = all[0][0].as_ref().expect("batch");
        fast += summary[0].fast_path;
        for o in [&single, batch] {
            let o = as_json(o);
            assert_eq!(
                got["retirement_month"], o["retirement_month"],
                "{}",
                person.id
            );
            for k in [
                "total",
                "basic_pension",
                "account_pension",
                "transitional_pension",
                "divisor",
                "average_index",
                "account_balance",
            ] {
                assert_eq!(got["award"][k], o[k], "{} {k}", person.id);
            }
            assert_eq!(
                got["pension_base"]["value"], o["pension_base"],
                "{}",
                person.id
            );
            assert_eq!(got["final_base"], o["final_base"], "{}", person.id);
        }
        compared += 1;
    }
    assert!(compared > 250, "{compared}");
    assert!(fast > 200, "fast path {fast}");
}

fn case() -> Value {
    // tests/vectors/projection.json: projection-shaanxi-2026-statutory-60y4m-projected-base.
    json!({"category": "male", "birth": "1966-01", "from": "2026-01",
        "contribution_months": 360, "average_index": "1.0", "deemed_months": 24,
        "account_balance": 150000, "index": "1.2",
        "assumptions": {"average_wage_growth": "0.05", "pension_base_growth": "0.03",
                        "interest_rate": "0.025"}})
}

#[test]
fn result_says_where_each_figure_comes_from() {
    let engine = Engine::embedded("cn/shaanxi").expect("rules");
    let r = engine
        .compute(Kind::Projection, &case(), true)
        .expect("projection");
    // Derived in tests/vectors/derive/projection.py: 2026-05 (60y4m, 2024 决定 附件),
    // base 1.2 × X(2025) 7895 = 9474, total 3984.04.
    assert_eq!(r["retirement_month"], "2026-05");
    assert_eq!(r["statutory"], true);
    let y = &r["years"][0];
    assert_eq!(
        (y["year"].clone(), y["months"].clone()),
        (json!(2026), json!(4))
    );
    assert_eq!(y["base"], "9474.00");
    assert_eq!(y["average_wage"]["source"], "rules");
    assert!(
        y["average_wage"]["basis"]
            .as_str()
            .is_some_and(|b| b.contains("陕人社函〔2026〕326号")),
        "{y}"
    );
    assert_eq!(y["interest_rate"]["source"], "assumed");
    assert_eq!(
        y["interest_rate"]["basis"],
        "assumptions.interest_rates.2026, else assumptions.interest_rate"
    );
    assert_eq!(r["pension_base"]["source"], "projected");
    assert_eq!(r["pension_base"]["value"], "8117.43");
    assert_eq!(r["award"]["total"], "3984.04");
    assert!(r["award"].get("trace").is_none());
    assert_eq!(r["trace"]["rules"]["id"], "cn/shaanxi");
    assert!(r["trace"]["rules"]["hash"].is_string());
    let steps: Vec<&str> = r["trace"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(steps.contains(&"projected_base"), "{steps:?}");
    assert!(steps.contains(&"total"), "{steps:?}");
    assert_eq!(r["assumptions"]["interest_rate"], "0.025");
}

#[test]
fn every_field_problem_at_once() {
    let engine = Engine::embedded("cn/shaanxi").expect("rules");
    let bad = json!({"category": "man", "birth": "1966-01", "from": "2026-13",
        "colour": "red", "index": 1.5,
        "assumptions": {"average_wage_growth": "0.05", "interest_rate": "x", "extra": 1}});
    let e = engine
        .compute(Kind::Projection, &bad, false)
        .expect_err("invalid");
    assert_eq!(e.code(), "invalid_input");
    let paths: Vec<&str> = e.fields().iter().map(|f| f.path.as_str()).collect();
    for p in [
        "colour",
        "category",
        "from",
        "index",
        "assumptions.extra",
        "assumptions.pension_base_growth",
        "assumptions.interest_rate",
    ] {
        assert!(paths.contains(&p), "{p} not in {paths:?}");
    }
    // Value checks, also all at once, with assumption paths.
    let mut v = case();
    v["assumptions"]["average_wage_growth"] = json!("-1");
    v["assumptions"]["pension_bases"] = json!({"2027": "0"});
    v["index"] = json!("0");
    let e = engine
        .compute(Kind::Projection, &v, false)
        .expect_err("invalid");
    let paths: Vec<&str> = e.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "index",
            "assumptions.average_wage_growth",
            "assumptions.pension_bases.2027"
        ]
    );
    let mut v = case();
    v.as_object_mut().expect("object").remove("assumptions");
    let e = engine
        .compute(Kind::Projection, &v, false)
        .expect_err("invalid");
    assert_eq!(e.fields()[0].path, "assumptions");
}

#[test]
fn figures_equal_the_full_result() {
    let engine = Engine::embedded("cn/shaanxi").expect("rules");
    let full = engine
        .compute(Kind::Projection, &case(), false)
        .expect("full");
    let f = engine.figures(Kind::Projection, &case()).expect("figures");
    assert_eq!(f["total"], full["award"]["total"]);
    assert_eq!(f["account_balance"], full["account_balance"]);
    assert_eq!(f["years"][0]["balance"], full["years"][0]["balance"]);
    assert_eq!(f["pension_base_source"], "projected");
}

/// A person whose rule set's transitional pension needs figures from the
/// agency's records: refused naming them without, computed with them, and
/// the figures reach the award as they are (the award kind on the
/// projection's own figures gives the same pension).
#[test]
fn agency_records_reach_the_award() {
    let cases: [(&str, Value, &[&str]); 4] = [
        // 上海: the 虚账实记 total over 120.
        (
            "cn/shanghai",
            json!({"notional_account": "36000"}),
            &["notional_account"],
        ),
        // 深圳: the transitional pension as the agency computed it.
        (
            "cn/guangdong/shenzhen",
            json!({"transitional_pension": "812.40"}),
            &["transitional_pension"],
        ),
        // 广东: 1993's locality, the months before the window, the window's Σ.
        (
            "cn/guangdong",
            json!({"deemed_index_locality": "guangzhou", "pre_window_months": 24,
                   "window_index_sum": "48.5"}),
            // Months paid before `from` may lie in 1994 … 1998: the Σ is the records', never 0 by default.
            &["deemed_index_locality", "window_index_sum"],
        ),
        // 北京: N实98 and Z实 (1992-10 … 1998-06) of the months paid before `from`.
        (
            "cn/beijing",
            json!({"transitional_window_months": 69, "transitional_window_index": "1.2"}),
            &["transitional_window_months", "transitional_window_index"],
        ),
    ];
    for (id, records, named) in cases {
        let engine = Engine::embedded(id).expect("rules");
        let mut input = json!({
            "category": "male", "birth": "1968-05", "from": "2026-01",
            "contribution_months": 300, "average_index": "1.1", "deemed_months": 60,
            "pre_account_months": 0, "account_balance": "90000", "index": "1.0",
            "assumptions": as_json(&Config::shaanxi_assumptions()),
        });
        let e = engine
            .compute(Kind::Projection, &input, false)
            .expect_err("refused without the records");
        let paths: Vec<&str> = e.fields().iter().map(|f| f.path.as_str()).collect();
        for n in named {
            assert!(paths.contains(n), "{id}: {paths:?}");
        }
        for (k, v) in records.as_object().expect("object") {
            input[k] = v.clone();
        }
        let got = engine
            .compute(Kind::Projection, &input, false)
            .unwrap_or_else(|e| panic!("{id}: {e} {:?}", e.fields()));
        // The award of the projection's own figures, with the same records.
        let mut award = json!({
            "category": "male", "birth": "1968-05",
            "retirement_month": got["retirement_month"],
            "contribution_months": got["contribution_months"],
            "deemed_months": 60,
            "average_index": got["average_index"],
            "pre_account_months": 0,
            "account_balance": got["account_balance"],
            "pension_base": got["pension_base"]["value"],
        });
        for (k, v) in records.as_object().expect("object") {
            award[k] = v.clone();
        }
        let want = engine
            .compute(Kind::Award, &award, false)
            .unwrap_or_else(|e| panic!("{id}: {e} {:?}", e.fields()));
        for k in ["transitional_pension", "total"] {
            assert_eq!(got["award"][k], want[k], "{id} {k}");
        }
    }
    // 上海: the notional account adds exactly its 120th.
    let engine = Engine::embedded("cn/shanghai").expect("rules");
    let at = |notional: &str| -> rust_decimal::Decimal {
        let input = json!({
            "category": "male", "birth": "1968-05", "from": "2026-01",
            "contribution_months": 300, "average_index": "1.1", "deemed_months": 60,
            "account_balance": "90000", "index": "1.0", "notional_account": notional,
            "assumptions": as_json(&Config::shaanxi_assumptions()),
        });
        let r = engine
            .compute(Kind::Projection, &input, false)
            .expect("computes");
        r["award"]["transitional_pension"]
            .as_str()
            .expect("figure")
            .parse()
            .expect("decimal")
    };
    assert_eq!(at("36000") - at("0"), rust_decimal::Decimal::from(300));
}

/// 郑州's flat half is on the province's base (`award.flat_part_base`, the
/// province series of cn/henan): a retirement after its last published year
/// grows that base by `pension_base_growth` from the 2026 预发 6738, as C
/// grows, and an explicit `flat_part_bases` value is used for its year. The
/// basic pension is (flat base + C × Ī) / 2 × years × 1 % (豫政〔2006〕29号 as
/// quoted in the rule file). A rule set without that base refuses a given one.
#[test]
fn zhengzhou_flat_part_base_is_projected_like_c() {
    let engine = Engine::embedded("cn/henan/zhengzhou").expect("rules");
    let mut input = json!({
        "category": "male", "birth": "1968-05", "from": "2026-01",
        "contribution_months": 216, "average_index": "1.0", "account_balance": "60000",
        "index": "1.0",
        "assumptions": {"average_wage_growth": "0.04", "pension_base_growth": "0.03",
                        "interest_rate": "0.03", "average_wages": {"2025": "7000"}},
    });
    let got = engine
        .compute(Kind::Projection, &input, true)
        .unwrap_or_else(|e| panic!("{e} {:?}", e.fields()));
    assert_eq!(got["retirement_month"], "2029-04");
    // 6738 × 1.03 = 6940.14; × 1.03 = 7148.34 (7148.3442); × 1.03 = 7362.79 (7362.7902).
    assert_eq!(
        got["flat_part_base"],
        json!({"value": "7362.79", "source": "projected"})
    );
    // 255 months = 21.25 years, Ī = 1: (7362.79 + C) / 2 × 21.25 %.
    let c: rust_decimal::Decimal = got["pension_base"]["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let basic = ((c + rust_decimal::Decimal::new(736279, 2)) / rust_decimal::Decimal::TWO
        * rust_decimal::Decimal::new(2125, 4))
    .round_dp(2);
    assert_eq!(got["award"]["basic_pension"], basic.to_string());
    let steps: Vec<&str> = got["trace"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(steps.contains(&"projected_flat_part_base"), "{steps:?}");

    // An explicit 2028 value: 2029 grows from it (7500 × 1.03 = 7725).
    input["assumptions"]["flat_part_bases"] = json!({"2028": "7500"});
    let got = engine
        .compute(Kind::Projection, &input, false)
        .expect("projection");
    assert_eq!(
        got["flat_part_base"],
        json!({"value": "7725.00", "source": "projected"})
    );

    // Within the published years the rule set's value stands (2025: 6738).
    let award = json!({"category": "male", "birth": "1964-05", "retirement_month": "2025-06",
        "contribution_months": 300, "average_index": "1.0", "account_balance": "60000"});
    let a = engine.compute(Kind::Award, &award, false).expect("award");
    assert_eq!(a["flat_part_base"], "6738");
    // Shaanxi's flat half is on C: a given flat base is refused, naming the field.
    let mut award = award;
    award["flat_part_base"] = json!("7000");
    award["pension_base"] = json!("7881");
    let e = Engine::embedded("cn/shaanxi")
        .expect("rules")
        .compute(Kind::Award, &award, false)
        .expect_err("refused");
    assert_eq!(e.fields()[0].path, "flat_part_base", "{e}");
}

/// A local extra whose amount the rule set cannot hold (郑州过渡性补贴: its
/// parameter table was not found, `kind = "unknown"`) refuses with its name
/// and title; given as the agency computed it (`extra_amounts`), it is paid
/// as given, traced as given, in the projection as in the award. A name no
/// such extra takes is refused, naming it.
#[test]
fn an_extra_of_unknown_amount_is_taken_from_the_records() {
    let engine = Engine::embedded("cn/henan/zhengzhou").expect("rules");
    let mut input = json!({
        "category": "male", "birth": "1968-05", "from": "2026-01",
        "contribution_months": 216, "average_index": "1.0", "deemed_months": 72,
        "transitional_index": "1.0", "account_balance": "60000", "index": "1.0",
        "assumptions": {"average_wage_growth": "0.04", "pension_base_growth": "0.03",
                        "interest_rate": "0.03", "average_wages": {"2025": "7000"}},
    });
    let e = engine
        .compute(Kind::Projection, &input, false)
        .expect_err("refused without the amount");
    let report = e.report();
    assert_eq!(report.code, "rule_missing_year");
    let details = serde_json::to_value(&report).expect("json")["rule"].clone();
    assert_eq!(details["name"], "transitional_subsidy", "{details}");
    assert!(
        details["title"]
            .as_str()
            .expect("title")
            .starts_with("郑州过渡性补贴"),
        "{details}"
    );
    input["extra_amounts"] = json!({"transitional_subsidy": "123.40"});
    let got = engine
        .compute(Kind::Projection, &input, true)
        .unwrap_or_else(|e| panic!("{e} {:?}", e.fields()));
    let lines = got["award"]["extras"].as_array().expect("extras");
    let line = lines
        .iter()
        .find(|l| l["name"] == "transitional_subsidy")
        .expect("the extra's line");
    assert_eq!(line["amount"], "123.40");
    assert!(
        line["formula"]
            .as_str()
            .unwrap()
            .contains("given in the input")
    );
    // The total adds it exactly: the same projection with the amount 0 pays 123.40 less.
    let total = |v: &Value| -> rust_decimal::Decimal {
        v["award"]["total"].as_str().unwrap().parse().unwrap()
    };
    let mut zero = input.clone();
    zero["extra_amounts"] = json!({"transitional_subsidy": "0"});
    let zero = engine
        .compute(Kind::Projection, &zero, false)
        .expect("zero");
    assert_eq!(
        total(&got) - total(&zero),
        rust_decimal::Decimal::new(12340, 2)
    );
    // A name no extra of unknown amount takes: refused by name.
    input["extra_amounts"] = json!({"transitional_subsidy": "123.40", "no_such": "5"});
    let e = engine
        .compute(Kind::Projection, &input, false)
        .expect_err("refused");
    assert_eq!(e.fields()[0].path, "extra_amounts.no_such", "{e}");
}
