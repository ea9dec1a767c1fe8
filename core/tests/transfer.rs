//! Transfer plans (转移接续) through the public API: the deciding rule in the
//! trace, the pre-1998 account, the award at a benefit place without a rule
//! set, the errors that name the region and the years, the scheme link.
//! Figures are derived by hand from the cited rules (Python `decimal` in
//! tests/vectors/derive/transfer.py for the vector cases).
#![allow(clippy::unwrap_used)]

use pension_rules::rules::RuleSet;
use pension_rules::trace::Tracer;
use pension_rules::transfer::{
    AccountFrom, LinkDirection, ReceiptRule, RuleSets, TransferInput, award_at_receipt, plan,
    transfer,
};
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn sets() -> Vec<RuleSet> {
    vec![
        RuleSet::embedded("cn/national").unwrap(),
        RuleSet::embedded("cn/shaanxi").unwrap(),
    ]
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn input(v: Value) -> TransferInput {
    TransferInput::from_json(&v).unwrap()
}

fn t14() -> TransferInput {
    input(json!({
        "hukou_region": "610000", "birth": "1980-05", "category": "male",
        "retirement_month": "2040-05",
        "history": [
            {"from": "2020-01", "to": "2021-12", "base": "6000", "region": "440300"},
            {"from": "2022-01", "to": "2040-04", "base": "6000", "region": "610100"}]
    }))
}

#[test]
fn t14_pooled_money_and_the_deciding_rule_in_the_trace() {
    // 国办发〔2009〕66号, docs/sources.md §6.2 / §9.1 T14: 6000 × 24 × 12 % = 17,280.00, no interest.
    let sets = sets();
    let p = plan(
        &t14(),
        RuleSets::new(&sets).unwrap(),
        &mut Tracer::new(true),
    )
    .unwrap();
    let mv = &p.moves[0];
    assert_eq!((mv.from.as_str(), mv.to.as_str()), ("440000", "610000"));
    assert_eq!(mv.pooled, d("17280.00"));
    // 2020: 5760 + 5760 × 6.04 % × 1.083 / 2 = 188.39; 2021: 5948.39 × 6.69 % +
    // 5760 × 6.69 % × 1.083 / 2 = 606.61 → 12,315.00; closed in 2022-01, no
    // month earns interest (劳办发〔1997〕116号; months_before_event).
    assert_eq!(mv.account, Some(d("12315.00")));
    assert_eq!(mv.account_from, AccountFrom::Ledger);
    assert_eq!(p.receipt.rule, ReceiptRule::Hukou);
    let step = p
        .trace
        .steps
        .iter()
        .find(|s| s.name == "benefit_place")
        .unwrap();
    assert!(
        step.formula.contains("国办发〔2009〕66号 第六条 (一)"),
        "{}",
        step.formula
    );
    assert!(
        step.params
            .iter()
            .any(|u| u.param == "transfer.receipt_min_months" && u.value == "120")
    );
    let money = p.trace.steps.iter().find(|s| s.name == "move").unwrap();
    assert!(
        money
            .params
            .iter()
            .any(|u| u.param == "transfer.pooled_share" && u.provenance.source.contains("第四条"))
    );
}

#[test]
fn pre_1998_account_is_the_personal_part_then_the_ledger() {
    // 国办发〔2009〕66号 第四条 (一): before 1998 only the personal contributions
    // with interest move (given: 500 at 1997-12-31); 1998–1999 credits 11 % ×
    // 1000 = 110 a month with caller rates 5 % and 4 %:
    // 1998: 500 + 1320 + (25 + 35.74) = 1880.74; 1999: 1880.74 + 1320 +
    // (75.23 + 28.59 → 103.82) = 3304.56. Pooled: 12 % × 1000 × 24 (1998–1999).
    let sets = sets();
    let inp = input(json!({
        "hukou_region": "440000", "birth": "1970-01", "category": "male",
        "retirement_month": "2030-01",
        "history": [
            {"from": "1996-01", "to": "1999-12", "base": "1000", "region": "610100"},
            {"from": "2000-01", "to": "2020-12", "base": "3000", "region": "440100"}],
        "account_personal_1997": "500",
        "rates": {"1998": "0.05", "1999": "0.04"}
    }));
    let p = plan(&inp, RuleSets::new(&sets).unwrap(), &mut Tracer::new(false)).unwrap();
    assert_eq!(p.moves[0].account, Some(d("3304.56")));
    assert_eq!(p.moves[0].pooled, d("2880.00"));
    assert!(p.notes.iter().any(|n| n.code == "before_2010"));
}

#[test]
fn missing_rates_leave_the_account_unknown_with_the_reason() {
    let sets = sets();
    let inp = input(json!({
        "hukou_region": "610000", "birth": "1975-03", "category": "male",
        "retirement_month": "2035-03",
        "history": [
            {"from": "2005-01", "to": "2011-12", "base": "3000", "region": "610100"},
            {"from": "2012-01", "to": "2024-12", "base": "8000", "region": "440100"}]
    }));
    let p = plan(&inp, RuleSets::new(&sets).unwrap(), &mut Tracer::new(false)).unwrap();
    assert_eq!(p.moves[0].account, None);
    let why = p.moves[0].account_unknown.clone().unwrap();
    assert!(why.contains("2005") && why.contains("rates.2005"), "{why}");
    // The pooled part never needs a rate: 12 % × 3000 × 84.
    assert_eq!(p.moves[0].pooled, d("30240.00"));
}

#[test]
fn benefit_place_without_rules_is_an_error_naming_it_unless_wages_are_given() {
    let sets = sets();
    let sets = RuleSets::new(&sets).unwrap();
    let mut v = json!({
        "hukou_region": "440000", "birth": "1964-05", "category": "male",
        "retirement_month": "2024-05",
        "history": [{"from": "2009-01", "to": "2024-04", "base": "6000", "region": "440100"}],
        "account_balance": "50000"
    });
    let inp = input(v.clone());
    let p = plan(&inp, sets, &mut Tracer::new(false)).unwrap();
    let e = award_at_receipt(&inp, &p, sets, &mut Tracer::new(false)).unwrap_err();
    assert_eq!(e.code(), "rule_missing_year");
    let msg = e.to_string();
    assert!(msg.contains("region 440000 has no rule set"), "{msg}");
    assert!(msg.contains("2008, 2009") && msg.contains("2023"), "{msg}");
    // With the place's wages (all 6000 → Ī = 1) and 计发基数 9000 given, the
    // national rules compute it (国发〔2005〕38号 第六条): basic = 9000 × (1 + 1)
    // / 2 × 184/12 × 1 % = 1380.00; account = 50000 / 139 = 359.71.
    let wages: serde_json::Map<String, Value> = (2008..=2023)
        .map(|y| (y.to_string(), json!("6000")))
        .collect();
    v["average_wages"] = Value::Object(wages);
    v["pension_base"] = json!("9000");
    let inp = input(v);
    let a = award_at_receipt(&inp, &p, sets, &mut Tracer::new(false)).unwrap();
    assert_eq!(a.average_index, d("1.0000"));
    assert_eq!(a.basic_pension, d("1380.00"));
    assert_eq!(a.account_pension, d("359.71"));
    assert_eq!(a.total, d("1739.71"));
    assert!(a.notes.iter().any(|n| n.code == "no_benefit_place_rules"));
}

#[test]
fn missing_wage_years_of_the_benefit_place_are_all_named() {
    // Shaanxi's average wages start in 1993; contributions 1990–1993 need
    // 1989–1992 under the base-setting-year denominator.
    let sets = sets();
    let inp = input(json!({
        "hukou_region": "610000", "birth": "1964-05", "category": "male",
        "retirement_month": "2024-05",
        "history": [
            {"from": "1990-01", "to": "2015-12", "base": "1000", "region": "440100"},
            {"from": "2016-01", "to": "2024-04", "base": "5500", "region": "610100"}],
        "account_balance": "90000"
    }));
    let t = transfer(&inp, RuleSets::new(&sets).unwrap(), false).unwrap();
    let e = t.award_error.unwrap();
    assert_eq!(e.code, "rule_missing_year");
    assert!(
        e.message
            .contains("region 610000 (rule set cn/shaanxi): `award.average_wage` has no value for 1989, 1990, 1991, 1992"),
        "{}",
        e.message
    );
}

#[test]
fn every_input_problem_at_once() {
    let e = TransferInput::from_json(&json!({
        "hukou_region": "61", "birth": "1980-05", "category": "male",
        "retirement_month": "2040-05",
        "history": [{"from": "2020-01", "to": "2021-12", "base": "6000"},
                    {"from": "2021-06", "to": "2022-12", "base": "6000", "region": "440300"}]
    }))
    .and_then(|i| {
        let sets = sets();
        plan(&i, RuleSets::new(&sets).unwrap(), &mut Tracer::new(false)).map(|_| ())
    })
    .unwrap_err();
    let paths: Vec<&str> = e.fields().iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"hukou_region"), "{paths:?}");
    assert!(paths.contains(&"history[0].region"), "{paths:?}");
    assert!(paths.contains(&"history[1]"), "{paths:?}"); // overlap
}

#[test]
fn temporary_account_uses_the_national_employer_rate_where_no_provincial_set_has_it() {
    // A man of 55 moving to Guangdong (第五条): the temporary account's pooled
    // part needs Guangdong's employer rate; with no Guangdong set among the
    // plan's sets, the national one applies: 20 % to 2019-04, then the 16 %
    // of 国办发〔2019〕13号 — 40 × 7000 × 20 % + 8 × 7000 × 16 % = 64960.
    let sets = sets();
    assert!(RuleSets::new(&sets).unwrap().for_region("440300").is_none());
    let inp = input(json!({
        "hukou_region": "610000", "birth": "1960-06", "category": "male",
        "retirement_month": "2020-06",
        "history": [
            {"from": "2010-01", "to": "2015-12", "base": "4000", "region": "610100"},
            {"from": "2016-01", "to": "2019-12", "base": "7000", "region": "440300"}]
    }));
    let p = plan(&inp, RuleSets::new(&sets).unwrap(), &mut Tracer::new(false)).unwrap();
    let temp = p.moves.iter().find(|m| m.from == "440000").unwrap();
    assert_eq!(temp.pooled.to_string(), "64960.00");
}

#[test]
fn scheme_link_direction_follows_the_15_year_threshold() {
    // 人社部发〔2014〕17号 第三条: 180 months is the threshold (rule parameter).
    let snap = RuleSet::embedded("cn/national")
        .unwrap()
        .at("2024-01-01".parse().unwrap());
    let link = |m| {
        pension_rules::transfer::scheme_link(
            m,
            Some(d("47377.54")),
            Some(120),
            Some(d("3000")),
            &snap,
            "2024-01".parse().unwrap(),
            &mut Tracer::new(false),
        )
        .unwrap()
    };
    let down = link(96);
    assert_eq!(down.direction, LinkDirection::EmployeesToResidents);
    assert_eq!(down.threshold_months, 180);
    assert_eq!(down.carried_account, Some(d("47377.54"))); // 第六条: employee balance added
    assert_eq!(down.residents_months_after, Some(216)); // employee years count
    assert!(down.citation.contains("第六条"));
    let up = link(180);
    assert_eq!(up.direction, LinkDirection::ResidentsToEmployees);
    assert_eq!(up.carried_account, Some(d("3000"))); // 第五条: residents' balance added
    assert!(!up.years_counted);
}
