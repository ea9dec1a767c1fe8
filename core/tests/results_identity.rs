//! Every result states the rules that produced it: the trace of every
//! engine carries the rule set's id (with overlays), version and content
//! hash — the same as the rule set's own identity.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use pension_rules::account::{AccountInput, Credit, statement};
use pension_rules::adjustment::{AdjustmentInput, adjust};
use pension_rules::award::{AwardInput, award};
use pension_rules::contribution::{ContributionInput, Employment, assess};
use pension_rules::payroll::{PayrollRow, Period, assess_payroll};
use pension_rules::retirement::{Category, RetirementInput, retirement};
use pension_rules::rules::{Identity, RuleSet};
use pension_rules::survivor::{SurvivorInput, survivor};
use pension_rules::trace::{Trace, Tracer};
use pension_rules::transfer::{RuleSets, TransferInput, transfer};
use serde_json::json;

fn check(t: &Trace, rules: &RuleSet, what: &str) {
    let id: &Identity = &t.rules;
    assert_eq!(id, &**rules.identity(), "{what}");
    assert!(!id.id.is_empty() && !id.version.is_empty(), "{what}");
    assert!(
        id.hash.len() == 64 && id.hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{what}: {}",
        id.hash
    );
    // Serialised results carry it under `rules`.
    let v = serde_json::to_value(t).unwrap();
    assert_eq!(v["rules"]["hash"], json!(id.hash), "{what}");
}

fn rule_sets() -> Vec<RuleSet> {
    let shaanxi = RuleSet::embedded("cn/shaanxi").unwrap();
    let overlay = shaanxi
        .with_overlay(
            "o",
            "[overlay]\nid = \"test/same\"\n[award.basic_rate_per_year]\n[[award.basic_rate_per_year.values]]\nfrom = 2006-01-01\nvalue = \"0.01\"\nsource = \"test\"\n",
        )
        .unwrap();
    assert_eq!(overlay.id(), "cn/shaanxi+test/same");
    vec![shaanxi, overlay]
}

#[test]
fn every_engine_states_id_version_and_hash() {
    for rules in rule_sets() {
        let at = |y, m| rules.at(chrono::NaiveDate::from_ymd_opt(y, m, 1).unwrap());

        let snap = at(2025, 7);
        let mut t = Tracer::new(true);
        let input = ContributionInput {
            month: "2025-07".parse().unwrap(),
            wage: Some("6000".parse().unwrap()),
            employment: Employment::Employee,
            chosen_base: None,
        };
        assess(&input, &snap, &mut t).unwrap();
        check(&t.finish(&snap), &rules, "contribution");

        let mut t = Tracer::new(true);
        let rows = [PayrollRow {
            employee_id: "A".into(),
            wage: "6000".into(),
            employment: "employee".into(),
        }];
        assess_payroll(&rows, Period::Year(2025), &snap, &mut t).unwrap();
        check(&t.finish(&snap), &rules, "payroll");

        let snap = at(2024, 12);
        let mut t = Tracer::new(true);
        let input = AccountInput {
            opening_balance: "100000".parse().unwrap(),
            opening_year: 2022,
            credits: vec![Credit {
                month: None,
                year: Some(2023),
                amount: "4800".parse().unwrap(),
                personal: None,
            }],
            through_year: Some(2023),
            ..Default::default()
        };
        statement(&input, &snap, &mut t).unwrap();
        check(&t.finish(&snap), &rules, "account");

        let r = retirement(
            &at(2025, 1),
            &RetirementInput::new("1976-02".parse().unwrap(), Category::Male),
            &mut Tracer::new(true),
        )
        .unwrap();
        check(&r.trace, &rules, "retirement");

        let input = AwardInput::from_json(&json!({
            "category": "male", "birth": "1964-06", "retirement_month": "2024-06",
            "contribution_months": 360, "deemed_months": 120,
            "average_index": "0.8", "account_balance": "120000"
        }))
        .unwrap();
        let a = award(&input, &at(2024, 6), &mut Tracer::new(true)).unwrap();
        check(&a.trace, &rules, "award");

        let s = survivor(
            &at(2023, 1),
            &SurvivorInput {
                monthly_income_base: Some("2818.5".parse().unwrap()),
                contribution_months: 345,
                ..Default::default()
            },
            &mut Tracer::new(true),
        )
        .unwrap();
        check(&s.trace, &rules, "survivor");

        let r = adjust(
            &at(2025, 1),
            &AdjustmentInput {
                year: 2025,
                pension: "3000".parse().unwrap(),
                contribution_months: 420,
                birth: "1952-05".parse().unwrap(),
                retirement_month: "2012-05".parse().unwrap(),
                category: None,
                military_transfer_cadre: false,
                city_average_pension: None,
                payment_month: None,
            },
            &mut Tracer::new(true),
        )
        .unwrap();
        check(&r.trace, &rules, "adjustment");

        let input = TransferInput::from_json(&json!({
            "hukou_region": "610000", "birth": "1980-05", "category": "male",
            "retirement_month": "2040-05",
            "history": [
                {"from": "2020-01", "to": "2021-12", "base": "6000", "region": "440300"},
                {"from": "2022-01", "to": "2040-04", "base": "6000", "region": "610100"}]
        }))
        .unwrap();
        let sets = [rules.clone(), RuleSet::embedded("cn/national").unwrap()];
        let t = transfer(&input, RuleSets::new(&sets).unwrap(), true).unwrap();
        check(&t.plan.trace, &rules, "transfer");
        if let Some(a) = &t.award {
            // The award at the benefit place names the rules of that place.
            assert_eq!(a.trace.rules.hash.len(), 64);
        }
    }
}
