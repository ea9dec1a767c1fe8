//! Award and contribution-index tests. Expected figures are derived with
//! Python `decimal` by tests/vectors/derive/award_history.py (a separate
//! implementation; formulas and sources in its docstring) or come from the
//! vectors and sources (docs/sources.md) cited at each test.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::award::{AwardInput, award, recompute, render};
use pension_rules::rules::RuleSet;
use pension_rules::trace::Tracer;
use pension_rules::{Error, YearMonth};
use serde_json::{Value, json};

fn shaanxi() -> RuleSet {
    RuleSet::embedded("cn/shaanxi").unwrap()
}

/// The Shaanxi rule set with one index variant switched (same `from` as the
/// national default, so the overlay entry replaces it).
fn variant(name: &str, value: &str) -> RuleSet {
    let text = format!(
        "[overlay]\nid = \"test/{value}\"\ntitle = \"variant {name} = {value}\"\n\
         [award.{name}]\n[[award.{name}.values]]\nfrom = 2006-01-01\nvalue = \"{value}\"\n\
         source = \"test: index variant switch\"\n"
    );
    shaanxi().with_overlay("test", &text).unwrap()
}

fn vector_input(file: &str, id: &str) -> Value {
    let path = format!("{}/../tests/vectors/{file}", env!("CARGO_MANIFEST_DIR"));
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    cases
        .into_iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no vector {id}"))["input"]
        .clone()
}

fn zhongren() -> AwardInput {
    AwardInput::from_json(&vector_input(
        "award-history.json",
        "award-history-shaanxi-zhongren-2025",
    ))
    .unwrap()
}

fn run(rules: &RuleSet, input: &AwardInput) -> Result<pension_rules::award::Award, Error> {
    let snap = rules.at(input.retirement_month.first_day());
    award(input, &snap, &mut Tracer::new(true))
}

#[test]
fn index_variants_match_the_python_derivation() {
    // award_history.py: zhongren_* figures.
    let input = zhongren();
    let idx = |rules: &RuleSet| run(rules, &input).unwrap().average_index.to_string();
    assert_eq!(idx(&shaanxi()), "0.9654");
    assert_eq!(idx(&variant("index_weighting", "yearly")), "0.9608");
    assert_eq!(idx(&variant("index_denominator", "same_year")), "0.8556");
    assert_eq!(idx(&variant("index_gaps", "skip")), "0.9804");
    let combined = variant("index_weighting", "yearly")
        .with_overlay(
            "t2",
            "[overlay]\nid = \"t2\"\n[award.index_denominator]\n[[award.index_denominator.values]]\n\
             from = 2006-01-01\nvalue = \"same_year\"\nsource = \"test\"\n\
             [award.index_gaps]\n[[award.index_gaps.values]]\nfrom = 2006-01-01\nvalue = \"skip\"\nsource = \"test\"\n",
        )
        .unwrap();
    assert_eq!(idx(&combined), "0.8614");
}

#[test]
fn deemed_months_in_the_average_need_a_deemed_index() {
    let rules = variant("index_deemed", "included");
    let input = zhongren();
    let e = run(&rules, &input).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert_eq!(e.fields()[0].path, "history[0].index");
    // With 视同缴费指数 1.0 (the usual value, 国发〔2005〕38号, docs/sources.md §1.6):
    // award_history.py zhongren_deemed_included_1.
    let mut input = input;
    input.deemed_index = Some("1".parse().unwrap());
    let a = run(&rules, &input).unwrap();
    assert_eq!(a.average_index.to_string(), "0.9719");
    assert_eq!(a.basic_pension.to_string(), "3075.73");
    assert_eq!(a.transitional_pension.to_string(), "804.25");
    assert_eq!(a.total.to_string(), "4808.86");
}

#[test]
fn floor_payer_under_the_two_denominator_readings() {
    // docs/sources.md §10.3: base-setting year → 0.6; same year → below 0.6.
    let input = AwardInput::from_json(&vector_input(
        "award-history.json",
        "award-history-shaanxi-floor-payer",
    ))
    .unwrap();
    let base = run(&shaanxi(), &input).unwrap();
    assert_eq!(base.average_index.to_string(), "0.6000");
    let same = run(&variant("index_denominator", "same_year"), &input).unwrap();
    assert_eq!(same.average_index.to_string(), "0.5595");
    let idx = base.index.unwrap();
    assert_eq!(idx.contribution_months, 182);
    assert_eq!(idx.flexible_months, 182);
}

#[test]
fn history_summary_and_detail() {
    let a = run(&shaanxi(), &zhongren()).unwrap();
    assert_eq!(a.form, "history");
    assert_eq!((a.contribution_months, a.deemed_months), (385, 90));
    let idx = a.index.as_ref().unwrap();
    assert_eq!(idx.gap_months, 6);
    assert_eq!(idx.back_paid_months, 12);
    assert_eq!(idx.flexible_months, 61);
    // 1993–1995 are paid before the account began (1996-01, account.established).
    assert_eq!(idx.pre_account_months, 36);
    assert_eq!(idx.counted, 391);
    let y2020 = idx.years.iter().find(|y| y.year == 2020).unwrap();
    assert_eq!((y2020.paid_months, y2020.gap_months), (6, 6));
    assert_eq!(y2020.denominator.unwrap().to_string(), "6594"); // X(2019)
    assert!(a.notes.iter().any(|n| n.code == "back_payments"));
    // The same figures from the summary form give the same award.
    let summary = AwardInput::from_json(&json!({
        "category": "male", "birth": "1965-06", "retirement_month": "2025-08",
        "contribution_months": 385, "deemed_months": 90,
        "average_index": a.average_index.to_string(), "account_balance": "128000"
    }))
    .unwrap();
    let b = run(&shaanxi(), &summary).unwrap();
    assert_eq!((b.total, b.basic_pension), (a.total, a.basic_pension));
}

#[test]
fn missing_denominator_names_the_year() {
    let mut input = zhongren();
    input.average_wages = None;
    let e = run(&shaanxi(), &input).unwrap_err();
    assert_eq!(e.code(), "rule_missing_year");
    assert!(e.to_string().contains("1992"), "{e}");
}

#[test]
fn provisional_then_final_base_and_arrears() {
    // vector award-shaanxi-2025-male-60y1m-deemed recomputed: 预发 on 7727 (approval
    // 2025-08-01, docs/sources.md §11.1) then the final 7881. Python decimal: 5361.17 →
    // 5444.98, 83.81 × 16 months (2025-03 … 2026-06) = 1340.96.
    let input = AwardInput::from_json(&json!({
        "category": "male", "birth": "1965-01", "retirement_month": "2025-02",
        "contribution_months": 385, "deemed_months": 130,
        "average_index": "0.9", "account_balance": "160000"
    }))
    .unwrap();
    let r = recompute(
        &input,
        &shaanxi(),
        "2025-08-01".parse().unwrap(),
        Some("2026-07-01".parse().unwrap()),
        "2026-06".parse().unwrap(),
        true,
    )
    .unwrap();
    assert_eq!(r.provisional.pension_base.to_string(), "7727");
    assert!(r.provisional.pension_base_provisional);
    assert!(
        r.provisional
            .notes
            .iter()
            .any(|n| n.code == "provisional_base")
    );
    assert_eq!(r.provisional.total.to_string(), "5361.17");
    assert!(!r.final_award.pension_base_provisional);
    assert_eq!(r.final_award.total.to_string(), "5444.98");
    assert_eq!(r.monthly_difference.to_string(), "83.81");
    assert_eq!(
        r.first_pension_month,
        "2025-03".parse::<YearMonth>().unwrap()
    );
    assert_eq!(r.arrears_months, 16);
    assert_eq!(r.arrears.to_string(), "1340.96");
    // Known before even the provisional base was published: a clear rule error.
    let snap = shaanxi().at_known(
        input.retirement_month.first_day(),
        "2024-12-31".parse().unwrap(),
    );
    let e = award(&input, &snap, &mut Tracer::new(false)).unwrap_err();
    assert_eq!(e.code(), "rule_missing_year");
    let text = render::recomputation(&r, render::Lang::Zh, false);
    assert!(text.contains("补发金额 = 83.81 × 16 = 1340.96"), "{text}");
}

#[test]
fn eligibility_comes_first() {
    // 2025 minimum: 180 months (2024 NPC decision, 附件 提高最低缴费年限情况表).
    let mk = |m: u32| {
        AwardInput::from_json(&json!({
            "category": "male", "birth": "1965-01", "retirement_month": "2025-02",
            "contribution_months": m, "deemed_months": 12,
            "average_index": "1", "account_balance": "50000"
        }))
        .unwrap()
    };
    let e = run(&shaanxi(), &mk(167)).unwrap_err();
    assert_eq!(e.code(), "not_applicable");
    assert!(e.to_string().contains("179"), "{e}");
    assert!(run(&shaanxi(), &mk(168)).is_ok());
}

#[test]
fn off_statutory_months_are_flagged_not_rejected() {
    let code = |file: &str, id: &str, rules: &str| {
        let input = AwardInput::from_json(&vector_input(file, id)).unwrap();
        let a = run(&RuleSet::embedded(rules).unwrap(), &input).unwrap();
        a.notes.iter().map(|n| n.code).collect::<Vec<_>>()
    };
    // Born 1965-03: statutory 60y1m (2025-04); retired 2025-03 at the original age.
    assert_eq!(
        code("award.json", "derived-award-1", "cn/shaanxi"),
        ["elastic_early"]
    );
    // Age 47: only special early retirement (the 2024 NPC retirement decision, docs/sources.md §5.5).
    assert_eq!(
        code(
            "award.json",
            "award-national-age47-divisor-208",
            "cn/national"
        ),
        ["before_statutory"]
    );
    // 58y1m for a female_55 cohort with statutory 58y0m: elastic late.
    assert_eq!(
        code(
            "award.json",
            "award-national-female55-late-58y1m",
            "cn/national"
        ),
        ["elastic_late"]
    );
    assert!(code("award.json", "award-shaanxi-2025-male-60y2m", "cn/shaanxi").is_empty());
}

#[test]
fn no_transitional_rule_in_the_national_set() {
    let input = AwardInput::from_json(&json!({
        "category": "male", "birth": "1964-06", "retirement_month": "2024-06",
        "contribution_months": 360, "deemed_months": 120,
        "average_index": "0.8", "account_balance": "120000", "pension_base": "7727"
    }))
    .unwrap();
    let a = run(&RuleSet::embedded("cn/national").unwrap(), &input).unwrap();
    assert!(a.transitional_pension.is_zero());
    assert!(a.transitional_coefficient.is_none());
    assert!(a.notes.iter().any(|n| n.code == "no_transitional_rule"));
    // basic and account as in derived-award-2 (docs/sources.md §9.2 worked example 11).
    assert_eq!(a.basic_pension.to_string(), "2781.72");
    assert_eq!(a.account_pension.to_string(), "863.31");
}

#[test]
fn all_field_problems_at_once() {
    let v = json!({
        "category": "male", "birth": "1965-06", "retirement_month": "2025-08",
        "history": [
            {"from": "1996-01", "to": "2025-07", "base": 5000.5},
            {"from": "2001-13", "to": "2002-01", "bonus": true}
        ],
        "account_balance": "100,000"
    });
    let e = AwardInput::from_json(&v).unwrap_err();
    let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "account_balance",
            "history[0].base",
            "history[1].bonus",
            "history[1].from"
        ]
    );
}

#[test]
fn huge_figures_are_errors_not_panics() {
    let input = AwardInput::from_json(&json!({
        "category": "male", "birth": "1965-01", "retirement_month": "2025-02",
        "contribution_months": 4000000000u32, "deemed_months": 400000000,
        "average_index": "79228162514264337593543950335",
        "account_balance": "79228162514264337593543950335",
        "pension_base": "79228162514264337593543950335"
    }))
    .unwrap();
    assert!(run(&shaanxi(), &input).is_err());
}

#[test]
fn renderings_carry_figures_sources_and_identity() {
    let a = run(&shaanxi(), &zhongren()).unwrap();
    let table = render::table(&a);
    for s in [
        "企业职工基本养老金核定表",
        "基础养老金",
        "个人账户养老金",
        "过渡性养老金",
        "合计",
        "4793.34",
    ] {
        assert!(table.contains(s), "{s} missing in\n{table}");
    }
    let en = render::text(&a, render::Lang::En);
    assert!(en.contains("Basic pension = 3065.59"), "{en}");
    assert!(
        en.contains("award.transitional_coefficient = 0.014"),
        "{en}"
    );
    assert!(en.contains(&a.trace.rules.hash), "{en}");
    let zh = render::text(&a, render::Lang::Zh);
    assert!(zh.contains("陕政发〔2006〕27号"), "{zh}");
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["trace"]["rules"]["id"], "cn/shaanxi");
    assert!(
        v["trace"]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "year_index")
    );
}
