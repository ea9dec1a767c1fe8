//! Invariants across the engines, for arbitrary but well-typed inputs: any
//! month of years 1–9999, any `i32` year, any `u32`/`i64` month count, any
//! decimal from `Decimal::MIN` to `Decimal::MAX`.
//!
//! * No engine panics; each returns a result or a typed error.
//! * Contribution: unit + individual = base × (their rates), to the rounding
//!   of each (国办发〔2019〕13号: 16 % + 8 %), and the base lies within the
//!   year's limits.
//! * Account ledger: each year's closing = opening + credits + transfers in −
//!   transfers out + interest, the years chain, and overall balance = opening
//!   + credits + interest − debits (劳办发〔1997〕116号).
//! * Award: total = the sum of the rounded components (国发〔2005〕38号).
//! * Survivor: total = funeral grant + allowance (人社部发〔2021〕18号).
//! * Adjustment: pension after = pension + increase + top-up, increase = the
//!   sum of its parts.
//! * Transfer: the pooled money gathered from temporary accounts is passed on
//!   whole (money moved = money received), and the plan counts every month
//!   once.
//! * Payroll: one result per row, in order.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::collections::BTreeMap;
use std::sync::OnceLock;

use pension_rules::account::{
    AccountInput, CloseEvent, CloseKind, Credit, Posting, PostingKind, statement,
};
use pension_rules::adjustment::{AdjustmentInput, adjust};
use pension_rules::award::{AwardInput, award};
use pension_rules::contribution::{ContributionInput, Employment, assess};
use pension_rules::payroll::{PayrollRow, Period, assess_payroll};
use pension_rules::retirement::{Category, RetirementInput, retirement};
use pension_rules::rules::RuleSet;
use pension_rules::survivor::{SurvivorInput, survivor};
use pension_rules::trace::Tracer;
use pension_rules::transfer::{MoveKind, RuleSets, TransferInput, transfer};
use pension_rules::{Error, YearMonth};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn sets() -> &'static [RuleSet] {
    static SETS: OnceLock<Vec<RuleSet>> = OnceLock::new();
    SETS.get_or_init(|| {
        vec![
            RuleSet::embedded("cn/national").unwrap(),
            RuleSet::embedded("cn/shaanxi").unwrap(),
        ]
    })
}

fn any_set() -> impl Strategy<Value = &'static RuleSet> {
    (0usize..2).prop_map(|i| &sets()[i])
}

/// Any decimal: ordinary amounts, tiny and huge ones, negatives, the limits.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        4 => (0i64..10_000_000).prop_map(|c| Decimal::new(c, 2)),
        2 => (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => Just(Decimal::MAX),
        1 => Just(Decimal::MIN),
        1 => Just(Decimal::new(1, 28)),
        1 => Just(Decimal::ZERO),
    ]
}

/// Any month the type can hold (years 1–9999), mostly near the present.
fn any_month() -> impl Strategy<Value = YearMonth> {
    prop_oneof![
        3 => (1950i32..2080, 1u32..=12),
        1 => (1i32..=9999, 1u32..=12),
    ]
    .prop_map(|(y, m)| YearMonth::new(y, m).unwrap())
}

fn any_year() -> impl Strategy<Value = i32> {
    prop_oneof![3 => 1990i32..2030, 1 => any::<i32>()]
}

fn any_category() -> impl Strategy<Value = Category> {
    prop::sample::select(vec![Category::Male, Category::Female50, Category::Female55])
}

/// An ordinary amount, 0.00 to 99,999.99.
fn amount() -> impl Strategy<Value = Decimal> {
    (0i64..10_000_000).prop_map(|c| Decimal::new(c, 2))
}

fn tol() -> Decimal {
    Decimal::new(1, 2)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn contribution_amounts_are_base_times_rates(
        rules in prop_oneof![3 => Just(&sets()[1]), 1 => any_set()],
        month in prop_oneof![3 => (2023i32..=2026, 1u32..=12).prop_map(|(y, m)| YearMonth::new(y, m).unwrap()),
                             1 => any_month()],
        flexible in any::<bool>(),
        (realistic, wage, chosen) in (
            prop::bool::weighted(0.75), amount(),
            prop::option::of(any_decimal()), prop::option::of(any_decimal())
        ).prop_map(|(r, a, w, c)| (r, if r { Some(a) } else { w }, if r { Some(a) } else { c })),
    ) {
        // Realistic: an employee declares a wage, a flexible worker chooses a
        // base; otherwise any combination.
        let (wage, chosen) = match (realistic, flexible) {
            (true, false) => (wage, None),
            (true, true) => (None, chosen),
            (false, _) => (wage, chosen),
        };
        let input = ContributionInput {
            month,
            wage,
            employment: if flexible { Employment::Flexible } else { Employment::Employee },
            chosen_base: chosen,
        };
        let snap = rules.at(month.first_day());
        let Ok(c) = assess(&input, &snap, &mut Tracer::new(true)) else { return Ok(()) };
        prop_assert!(c.limits.floor <= c.base && c.base <= c.limits.cap, "{c:?}");
        let date = month.first_day();
        if flexible {
            let r = snap.contribution.flexible_rate.at(date).unwrap().value;
            prop_assert!(c.employer.is_zero());
            prop_assert!((c.individual - c.base * r).abs() <= tol() / Decimal::TWO, "{c:?}");
        } else {
            let er = snap.contribution.employer_rate.at(date).unwrap().value;
            let ir = snap.contribution.individual_rate.at(date).unwrap().value;
            let exact = c.base * (er + ir);
            prop_assert!((c.employer + c.individual - exact).abs() <= tol(), "{c:?}");
        }
        prop_assert_eq!(c.pooled + c.account_credit, c.employer + c.individual, "{:?}", c);
    }

    #[test]
    fn account_balance_is_opening_plus_credits_plus_interest_minus_debits(
        rules in any_set(),
        opening in any_decimal(), opening_year in any_year(),
        credits in prop::collection::vec(
            (prop::option::of(any_month()), prop::option::of(any_year()), any_decimal()), 0..8),
        postings in prop::collection::vec(
            (any_month(), prop::sample::select(vec![PostingKind::Credit, PostingKind::BackPayment,
                PostingKind::TransferIn, PostingKind::TransferOut, PostingKind::Interest]), any_decimal()),
            0..4),
        through in prop::option::of(any_year()),
        close in prop::option::of((prop::sample::select(vec![CloseKind::Retirement, CloseKind::Death,
            CloseKind::TransferOut]), any_month())),
        rates in prop::collection::btree_map(any_year(), any_decimal(), 0..3),
    ) {
        let input = AccountInput {
            opening_balance: opening,
            opening_year,
            opening_personal: None,
            credits: credits.into_iter().map(|(month, year, amount)| Credit { month, year, amount, personal: None }).collect(),
            postings: postings.into_iter().map(|(month, kind, amount)| Posting {
                month, kind, amount, personal: None, period_from: None, period_to: None }).collect(),
            through_year: through,
            close: close.map(|(event, month)| CloseEvent { event, month }),
            rates,
        };
        let snap = rules.at(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        let Ok(s) = statement(&input, &snap, &mut Tracer::new(true)) else { return Ok(()) };
        check_ledger(&s)?;
    }

    /// The same on ledgers that compute (national rates 2016–2024), so the
    /// conservation check runs on many real statements, not only rejections.
    #[test]
    fn account_conservation_on_valid_ledgers(
        opening in (0i64..100_000_000).prop_map(|c| Decimal::new(c, 2)),
        credits in prop::collection::vec((2016i32..=2024, 1u32..=12, 0i64..1_000_000), 0..30),
        moves in prop::collection::vec((2016i32..=2024, 1u32..=12, 0i64..100_000, any::<bool>()), 0..3),
        death in any::<bool>(),
    ) {
        let input = AccountInput {
            opening_balance: opening,
            opening_year: 2015,
            credits: credits.iter().map(|&(y, m, c)| Credit {
                month: YearMonth::new(y, m), year: None, amount: Decimal::new(c, 2), personal: None }).collect(),
            postings: moves.iter().map(|&(y, m, c, out)| Posting {
                month: YearMonth::new(y, m).unwrap(),
                kind: if out { PostingKind::TransferOut } else { PostingKind::TransferIn },
                amount: Decimal::new(c, 2), personal: None, period_from: None, period_to: None }).collect(),
            through_year: (!death).then_some(2024),
            close: death.then(|| CloseEvent { event: CloseKind::Death, month: YearMonth::new(2024, 12).unwrap() }),
            ..Default::default()
        };
        let snap = sets()[0].at(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        match statement(&input, &snap, &mut Tracer::new(false)) {
            Ok(s) => {
                prop_assert_eq!(s.years.len(), 9);
                check_ledger(&s)?;
            }
            // Only a transfer out of more than the balance may be refused.
            Err(e) => prop_assert!(moves.iter().any(|m| m.3), "{}", e),
        }
    }

    #[test]
    fn award_total_is_the_sum_of_rounded_components(
        rules in any_set(), category in any_category(),
        (birth, retire) in prop_oneof![
            3 => (2023i32..=2025, 1u32..=12, 50i32..=63).prop_map(|(y, m, age)| {
                let r = YearMonth::new(y, m).unwrap();
                (r.add_months(-12 * age), r)
            }),
            1 => (any_month(), any_month())],
        months in prop_oneof![3 => 180u32..540, 1 => any::<u32>()],
        deemed in prop_oneof![3 => 0u32..200, 1 => any::<u32>()],
        index in prop_oneof![3 => (60i64..=300).prop_map(|i| Decimal::new(i, 2)), 1 => any_decimal()],
        balance in prop_oneof![3 => amount(), 1 => any_decimal()],
        base in prop_oneof![1 => Just(None), 1 => amount().prop_map(Some), 1 => prop::option::of(any_decimal())],
        transitional in prop::option::of(any_decimal()),
    ) {
        let mut v = json!({"category": category.name(), "birth": birth.to_string(),
            "retirement_month": retire.to_string(), "contribution_months": months,
            "deemed_months": deemed, "average_index": index.to_string(),
            "account_balance": balance.to_string()});
        if let Some(b) = base { v["pension_base"] = json!(b.to_string()); }
        if let Some(t) = transitional { v["transitional_index"] = json!(t.to_string()); }
        let Ok(input) = AwardInput::from_json(&v) else { return Ok(()) };
        let snap = rules.at(retire.first_day());
        let Ok(a) = award(&input, &snap, &mut Tracer::new(true)) else { return Ok(()) };
        prop_assert_eq!(a.total, a.basic_pension + a.account_pension + a.transitional_pension);
        for x in [a.basic_pension, a.account_pension, a.transitional_pension] {
            prop_assert_eq!(x, x.round_dp(2), "components are rounded to the fen");
        }
    }

    #[test]
    fn retirement_never_panics(
        rules in any_set(), birth in any_month(), category in any_category(),
        months in prop::option::of(any::<u32>()),
        early in prop::option::of(prop_oneof![0u32..80, any::<u32>()]),
        delay in prop::option::of(prop_oneof![0u32..80, any::<u32>()]),
    ) {
        let mut input = RetirementInput::new(birth, category);
        input.contribution_months = months;
        input.early_months = early;
        input.delay_months = delay;
        let snap = rules.at(birth.first_day());
        let _ = retirement(&snap, &input, &mut Tracer::new(true));
    }

    #[test]
    fn survivor_total_is_grant_plus_allowance(
        rules in any_set(),
        base in prop_oneof![3 => amount().prop_map(Some), 1 => prop::option::of(any_decimal())],
        death in prop::option::of(any_month()),
        months in prop_oneof![3 => 0i64..600, 1 => any::<i64>()],
        received in prop_oneof![1 => Just(None), 2 => (0i64..400).prop_map(Some), 1 => prop::option::of(any::<i64>())],
        balance in prop::option::of(any_decimal()),
        personal in prop::option::of(any_decimal()),
        region in prop::option::of(prop::sample::select(vec!["610000", "100000", ""])),
    ) {
        let input = SurvivorInput {
            monthly_income_base: base,
            region: region.map(String::from),
            death_month: death,
            contribution_months: months,
            pension_months_received: received,
            account_balance: balance,
            personal_part: personal,
        };
        let snap = rules.at(chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
        let Ok(r) = survivor(&snap, &input, &mut Tracer::new(true)) else { return Ok(()) };
        prop_assert_eq!(r.total, r.funeral_grant + r.survivor_allowance);
    }

    #[test]
    fn adjustment_after_is_pension_plus_increase(
        rules in any_set(),
        year in prop_oneof![3 => 2017i32..=2025, 1 => any_year()],
        pension in prop_oneof![3 => amount(), 1 => any_decimal()],
        months in prop_oneof![3 => 120i64..540, 1 => any::<i64>()],
        birth in prop_oneof![3 => (1935i32..1965, 1u32..=12).prop_map(|(y, m)| YearMonth::new(y, m).unwrap()),
                             1 => any_month()],
        retire in prop_oneof![3 => (1990i32..2016, 1u32..=12).prop_map(|(y, m)| YearMonth::new(y, m).unwrap()),
                              1 => any_month()],
        cadre in any::<bool>(),
        city in prop::option::of(any_decimal()), pay in prop::option::of(any_month()),
    ) {
        let input = AdjustmentInput {
            year, pension, contribution_months: months, birth, retirement_month: retire,
            category: None, military_transfer_cadre: cadre, city_average_pension: city,
            payment_month: pay,
        };
        let snap = rules.at(chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap());
        let Ok(r) = adjust(&snap, &input, &mut Tracer::new(true)) else { return Ok(()) };
        prop_assert_eq!(r.increase, r.fixed + r.years_part + r.pct_part + r.age_extra);
        prop_assert_eq!(r.pension_after, pension + r.increase + r.top_up);
    }

    #[test]
    fn transfer_money_gathered_is_passed_on_whole(
        spans in prop::collection::vec(
            (1985i32..2030, 1u32..13, 0u32..200, prop_oneof![0i64..40000, any::<i64>()],
             prop::sample::select(vec!["610100", "440300", "330100", "110000"]),
             prop::sample::select(vec!["paid", "paid", "deemed"]),
             prop::sample::select(vec!["employee", "employee", "flexible"])), 1..6),
        hukou in prop::sample::select(vec!["610000", "440000", "330000"]),
        birth in 1950i32..1995, tail in 0i32..60,
    ) {
        let mut from = YearMonth::new(spans[0].0, spans[0].1).unwrap();
        let mut hist = vec![];
        for (_, _, n, base, region, kind, emp) in &spans {
            let to = from.add_months(*n as i32);
            let mut s = json!({"from": from.to_string(), "to": to.to_string(), "kind": kind, "region": region});
            if *kind == "paid" {
                s["base"] = json!(Decimal::new(*base, 2).to_string());
                s["employment"] = json!(emp);
            }
            hist.push(s);
            from = to.add_months(1);
        }
        let retire = from.add_months(tail);
        let v = json!({"hukou_region": hukou, "birth": format!("{birth}-03"), "category": "male",
                       "retirement_month": retire.to_string(), "history": hist});
        let Ok(inp) = TransferInput::from_json(&v) else { return Ok(()) };
        let Ok(t) = transfer(&inp, RuleSets::new(sets()).unwrap(), false) else { return Ok(()) };
        let p = &t.plan;
        // Every month counted once (合并计算).
        let months: u32 = p.stays.iter().map(|s| s.paid_months + s.deemed_months).sum();
        prop_assert_eq!(p.total_months, months);
        // Pooled money of temporary accounts that is not delivered at
        // retirement is carried by the next relation move, all of it.
        let mut carried = Decimal::ZERO;
        for mv in &p.moves {
            prop_assert!(mv.pooled >= Decimal::ZERO && mv.pooled_carried >= Decimal::ZERO);
            match mv.kind {
                MoveKind::Temporary => {
                    prop_assert!(mv.pooled_carried.is_zero());
                    if !(mv.to == p.receipt.region && mv.month == inp.retirement_month) {
                        carried += mv.pooled;
                    }
                }
                MoveKind::Relation | MoveKind::ToBenefitPlace => {
                    prop_assert_eq!(mv.pooled_carried, carried, "{:?}", p.moves);
                    prop_assert!(mv.pooled >= mv.pooled_carried);
                    carried = Decimal::ZERO;
                }
            }
        }
    }

    #[test]
    fn payroll_one_result_per_row(
        rows in prop::collection::vec((
            prop::sample::select(vec!["E1", "E2", "", " E3 "]),
            prop_oneof![any_decimal().prop_map(|d| d.to_string()), any::<String>(),
                        Just("1e30".to_string())],
            prop::sample::select(vec!["employee", "flexible", "contract", ""])), 0..12),
        year in 2023i32..=2026, whole_year in any::<bool>(),
    ) {
        let rows: Vec<PayrollRow> = rows.into_iter().map(|(id, wage, emp)| PayrollRow {
            employee_id: id.into(), wage, employment: emp.into() }).collect();
        let period = if whole_year { Period::Year(year) } else { Period::Month(YearMonth::new(year, 6).unwrap()) };
        let snap = sets()[1].at(YearMonth::new(year, 1).unwrap().first_day());
        let r = assess_payroll(&rows, period, &snap, &mut Tracer::new(false)).unwrap();
        prop_assert_eq!(r.rows.len(), rows.len());
        prop_assert_eq!(r.totals.assessed + r.totals.rejected, rows.len());
        let mut employer = Decimal::ZERO;
        for (i, row) in r.rows.iter().enumerate() {
            if let Ok(l) = row {
                prop_assert_eq!(l.row, i + 1); // rows from 1 (issue 16)
                employer += l.employer;
            }
        }
        prop_assert_eq!(r.totals.employer, employer);
    }
}

/// The ledger identities of one statement.
fn check_ledger(s: &pension_rules::account::AccountStatement) -> Result<(), TestCaseError> {
    let mut prev = s.opening_balance;
    let (mut credits, mut interest, mut debits) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for y in &s.years {
        prop_assert_eq!(y.opening, prev, "year {} opens at the last closing", y.year);
        prop_assert_eq!(
            y.closing,
            y.opening + y.credits + y.transfers_in - y.transfers_out + y.interest,
            "year {}: {:?}",
            y.year,
            y
        );
        credits += y.credits + y.transfers_in;
        interest += y.interest;
        debits += y.transfers_out;
        prev = y.closing;
    }
    // A transfer out at the close is posted in its year (transfers_out), so
    // it is among the debits already.
    let moved_out = s
        .close
        .as_ref()
        .and_then(|c| c.transferred)
        .unwrap_or(Decimal::ZERO);
    prop_assert!(moved_out <= debits, "{:?}", s);
    prop_assert_eq!(
        s.balance,
        s.opening_balance + credits + interest - debits,
        "{:?}",
        s
    );
    Ok(())
}

/// A rule set the engines have never seen must not make them panic either:
/// the embedded data with a few years removed through an overlay that ends
/// every dated value early.
#[test]
fn engines_survive_sparse_rules() -> Result<(), Error> {
    let sparse = sets()[1].with_overlay(
        "sparse",
        r#"[overlay]
id = "sparse"
[contribution.employer_rate]
mode = "replace"
[[contribution.employer_rate.values]]
from = 2020-01-01
until = 2020-12-31
value = "0.16"
source = "test: only 2020"
"#,
    )?;
    let handlers: BTreeMap<&str, Value> = [
        (
            "contribution",
            json!({"month": "2024-03", "wage": "6000", "employment": "employee"}),
        ),
        (
            "award",
            json!({"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
                "contribution_months": 360, "average_index": "1", "account_balance": "1000"}),
        ),
    ]
    .into_iter()
    .collect();
    let engine = pension_rules::Engine::from_rules(sparse);
    for (kind, input) in handlers {
        let _ = engine.figures(kind.parse().unwrap(), &input);
    }
    Ok(())
}
