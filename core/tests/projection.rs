//! Projection (养老金测算): cited figures and agreement with the award's
//! history form.

use std::collections::BTreeMap;

use pension_rules::award::{AwardInput, Category, award};
use pension_rules::projection::{Assumptions, FigureSource, ProjectionInput, project};
use pension_rules::rules::RuleSet;
use pension_rules::trace::Tracer;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}
fn ym(s: &str) -> pension_rules::YearMonth {
    s.parse().expect("month")
}
fn assumptions() -> Assumptions {
    Assumptions {
        average_wage_growth: d("0.05"),
        pension_base_growth: d("0.03"),
        interest_rate: d("0.03"),
        ..Default::default()
    }
}

#[test]
fn past_only_gives_the_summary_award() -> Result<(), pension_rules::Error> {
    // derived-award-2 (docs/sources.md §9.2 worked example 11): C 7727 (2024), Ī 0.8, 360 paid + 120
    // deemed months, B 120000, age 60 → basic 2781.72, account 863.31 (M 139),
    // transitional 865.42, total 4510.45. Retiring in January: the partial year
    // earns no interest (months_before_event, k = 0).
    let rules = RuleSet::embedded("cn/shaanxi")?;
    let snap = rules.at(ym("2024-01").first_day());
    let input = ProjectionInput {
        retirement_month: Some(ym("2024-01")),
        contribution_months: 360,
        average_index: Some(d("0.8")),
        deemed_months: 120,
        account_balance: d("120000"),
        index: None,
        ..ProjectionInput::career(Category::Male, ym("1964-01"), ym("2024-01"), Decimal::ONE)
    };
    let p = project(&input, &assumptions(), &snap, &mut Tracer::new(true))?;
    assert_eq!(p.account_balance, d("120000"));
    assert_eq!(p.pension_base.source, FigureSource::Rules);
    let a = &p.award;
    assert_eq!(
        (
            a.basic_pension,
            a.account_pension,
            a.transitional_pension,
            a.total
        ),
        (d("2781.72"), d("863.31"), d("865.42"), d("4510.45"))
    );
    Ok(())
}

#[test]
fn eleven_projected_months_with_a_past() -> Result<(), pension_rules::Error> {
    // Hand-derived with Python decimal: 2024 base = 1.0 × X(2023) 7598.33
    // (docs/sources.md §11.2, 91,180 / 12); credit 7598.33 × 8 % = 607.87 (国发〔2005〕38号
    // 第四条); 11 months (retiring 2024-12 at 60, 国发〔1978〕104号) at the 2024
    // 记账利率 2.62 % (national account.toml): interest (100000 × 11 + 607.87 × 66)
    // × 2.62 % / 12 = 2489.26, balance 109175.83; Ī = (0.8 × 348 + 11 × 1) / 359 =
    // 0.8061; C 7727; N = 479/12; M(60) = 139 →
    // basic 2785.33, account 785.44, transitional 872.02, total 4442.79.
    let rules = RuleSet::embedded("cn/shaanxi")?;
    let snap = rules.at(ym("2024-12").first_day());
    let input = ProjectionInput {
        contribution_months: 348,
        average_index: Some(d("0.8")),
        deemed_months: 120,
        account_balance: d("100000"),
        ..ProjectionInput::career(Category::Male, ym("1964-12"), ym("2024-01"), d("1.0"))
    };
    let p = project(&input, &assumptions(), &snap, &mut Tracer::new(false))?;
    assert_eq!(p.retirement_month, ym("2024-12"));
    assert!(p.statutory);
    let y = &p.years[0];
    assert_eq!(
        (y.months, y.base, y.credits),
        (11, d("7598.33"), d("6686.57"))
    );
    assert_eq!((y.interest, y.balance), (d("2489.26"), d("109175.83")));
    assert_eq!(y.average_wage.source, FigureSource::Rules);
    assert_eq!(y.interest_rate.value, d("0.0262"));
    assert_eq!(p.average_index, d("0.8061"));
    let a = &p.award;
    assert_eq!(
        (
            a.basic_pension,
            a.account_pension,
            a.transitional_pension,
            a.total
        ),
        (d("2785.33"), d("785.44"), d("872.02"), d("4442.79"))
    );
    Ok(())
}

#[test]
fn career_equals_award_history_form() -> Result<(), pension_rules::Error> {
    // The projection must give what the award computes from the same
    // history (the ledger building the balance), when every figure it needs
    // is rule data or an explicit assumption: Shaanxi male born 1965-06,
    // statutory 2025-08 (60y2m, 2024 决定 附件); paid 2005-01..2025-07 at index 0.9;
    // pre-2016 and 2025 记账利率 assumed 3 % (docs/sources.md §11.4: pre-2016 not found;
    // 2025 not yet published in the rule set).
    let rules = RuleSet::embedded("cn/shaanxi")?;
    let snap = rules.at(ym("2025-08").first_day());
    let mut a = assumptions();
    a.interest_rates = (2005..2016).chain([2025]).map(|y| (y, d("0.03"))).collect();
    let input = ProjectionInput {
        deemed_months: 90,
        ..ProjectionInput::career(Category::Male, ym("1965-06"), ym("2005-01"), d("0.9"))
    };
    let p = project(&input, &a, &snap, &mut Tracer::new(false))?;
    let history: Vec<serde_json::Value> = p
        .years
        .iter()
        .filter(|y| y.months > 0)
        .map(|y| {
            let from = ym(&format!("{}-01", y.year)).max(input.from);
            let to = from.add_months(i32::try_from(y.months).unwrap_or(0) - 1);
            serde_json::json!({"from": from.to_string(), "to": to.to_string(), "base": y.base.to_string()})
        })
        .collect();
    let mut spans = vec![serde_json::json!({"from": "1997-07", "to": "2004-12", "kind": "deemed"})];
    spans.extend(history);
    let rates: BTreeMap<String, String> = a
        .interest_rates
        .iter()
        .map(|(y, r)| (y.to_string(), r.to_string()))
        .collect();
    let h = AwardInput::from_json(&serde_json::json!({
        "category": "male", "birth": "1965-06", "retirement_month": "2025-08",
        "history": spans, "account_rates": rates,
    }))?;
    let direct = award(&h, &snap, &mut Tracer::new(false))?;
    assert_eq!(direct.account_balance, p.account_balance);
    assert_eq!(direct.average_index, p.average_index);
    assert_eq!(direct.contribution_months, p.contribution_months);
    assert_eq!(
        (
            direct.basic_pension,
            direct.account_pension,
            direct.transitional_pension,
            direct.total
        ),
        (
            p.award.basic_pension,
            p.award.account_pension,
            p.award.transitional_pension,
            p.award.total
        )
    );
    Ok(())
}

#[test]
fn future_figures_say_they_are_projected() -> Result<(), pension_rules::Error> {
    let rules = RuleSet::embedded("cn/shaanxi")?;
    let snap = rules.at(ym("2026-01").first_day());
    let input = ProjectionInput::career(Category::Female55, ym("1990-03"), ym("2012-07"), d("1.2"));
    let p = project(&input, &assumptions(), &snap, &mut Tracer::new(false))?;
    // 女职工 55 born 1990-03: 58y under the 2024 决定 (births from 1978-01 on).
    assert_eq!(p.retirement_month, ym("2048-03"));
    let first = &p.years[0];
    assert_eq!(
        (first.year, first.average_wage.source),
        (2012, FigureSource::Rules)
    );
    let last = p
        .years
        .iter()
        .rev()
        .find(|y| y.months > 0)
        .expect("a paid year");
    assert_eq!(last.average_wage.source, FigureSource::Projected);
    assert_eq!(last.interest_rate.source, FigureSource::Assumed);
    assert_eq!(p.pension_base.source, FigureSource::Projected);
    // Balance = Σ credits + Σ interest (no opening balance).
    let sum: Decimal = p.years.iter().map(|y| y.credits + y.interest).sum();
    assert_eq!(sum, p.account_balance);
    Ok(())
}

#[test]
fn every_problem_at_once() {
    let rules = RuleSet::embedded("cn/shaanxi").expect("rules");
    let snap = rules.at(ym("2026-01").first_day());
    let input = ProjectionInput {
        contribution_months: 10,
        account_balance: d("-1"),
        index: Some(d("0")),
        ..ProjectionInput::career(Category::Male, ym("1990-03"), ym("2012-07"), d("1"))
    };
    let mut a = assumptions();
    a.average_wage_growth = d("-1");
    let e = project(&input, &a, &snap, &mut Tracer::new(false)).expect_err("invalid");
    let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "average_index",
            "account_balance",
            "from",
            "index",
            "assumptions.average_wage_growth"
        ]
    );
}
