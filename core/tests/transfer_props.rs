//! Invariants of transfer plans (国办发〔2009〕66号; docs/sources.md §6):
//! the pooled money of a move is 12 % × the actual bases from 1998 of the
//! record it moves (temporary accounts: the higher of the employer rate and
//! 12 %), the benefit place is always a place of the history or the 户籍
//! province, the deciding rule agrees with the months by place, and no input
//! makes the planner panic.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::sync::OnceLock;

use pension_rules::YearMonth;
use pension_rules::rules::RuleSet;
use pension_rules::trace::Tracer;
use pension_rules::transfer::{
    Holding, MoveKind, ReceiptRule, RuleSets, TransferInput, plan, province,
};
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

const PLACES: &[&str] = &["610100", "440300", "330100", "410100", "110000"];

fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

/// A history of consecutive stays in different provinces, with a base each.
fn history() -> impl Strategy<Value = (i32, Vec<(usize, u32, u32)>)> {
    (
        1992i32..2016,
        prop::collection::vec((0usize..PLACES.len(), 1u32..150, 1000u32..20000), 1..6),
    )
        .prop_map(|(start, mut stays)| {
            // Adjacent stays in different provinces.
            for i in 1..stays.len() {
                if stays[i].0 == stays[i - 1].0 {
                    stays[i].0 = (stays[i].0 + 1) % PLACES.len();
                }
            }
            (start, stays)
        })
}

fn input(
    hukou: usize,
    birth_year: i32,
    category: &str,
    start: i32,
    stays: &[(usize, u32, u32)],
    tail: u32,
) -> (TransferInput, Vec<(YearMonth, YearMonth, Decimal, String)>) {
    let mut from = ym(start, 1);
    let mut spans = vec![];
    let mut json_spans = vec![];
    for (p, months, base) in stays {
        let to = from.add_months(*months as i32 - 1);
        spans.push((from, to, Decimal::from(*base), PLACES[*p].to_string()));
        json_spans.push(json!({"from": from.to_string(), "to": to.to_string(),
                               "base": base.to_string(), "region": PLACES[*p]}));
        from = to.add_months(1);
    }
    let retirement = from.add_months(tail as i32);
    let rates: serde_json::Map<String, Value> = PLACES
        .iter()
        .map(|p| (p.to_string(), Value::String("0.14".into())))
        .collect();
    let v = json!({
        "hukou_region": PLACES[hukou], "birth": format!("{birth_year}-06"), "category": category,
        "retirement_month": retirement.to_string(), "history": json_spans,
        "employer_rates": rates,
    });
    (TransferInput::from_json(&v).unwrap(), spans)
}

fn round(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn pooled_money_is_the_share_of_bases_from_1998(
        hukou in 0usize..PLACES.len(), birth in 1945i32..1990,
        category in prop::sample::select(vec!["male", "female_50", "female_55"]),
        (start, stays) in history(), tail in 0u32..36,
    ) {
        let (inp, spans) = input(hukou, birth, category, start, &stays, tail);
        let p = plan(&inp, RuleSets::new(sets()).unwrap(), &mut Tracer::new(false)).unwrap();
        let share = Decimal::new(12, 2);
        let y1998 = ym(1998, 1);
        // Which stay holds each month: the plan's stays cover the spans in order.
        let holding = |m: YearMonth| {
            p.stays.iter().find(|s| s.from <= m && m <= s.to).map(|s| s.holding)
        };
        let mut carried = Decimal::ZERO;
        for mv in &p.moves {
            match mv.kind {
                MoveKind::Temporary => {
                    let st = p.temporary_accounts.iter()
                        .find(|t| t.region == mv.from && t.moved_in == mv.month).unwrap();
                    let mut exact = Decimal::ZERO;
                    for (f, t, base, _) in &spans {
                        let mut m = *f;
                        while m <= *t {
                            if m >= st.from && m <= st.to && m >= y1998 {
                                exact += base * Decimal::new(14, 2); // 14 % > 12 %: the actual rate
                            }
                            m = m.add_months(1);
                        }
                    }
                    prop_assert_eq!(mv.pooled, round(exact));
                    if mv.month != inp.retirement_month || mv.to != p.receipt.region {
                        carried += mv.pooled;
                    }
                }
                MoveKind::Relation | MoveKind::ToBenefitPlace => {
                    let mut bases = Decimal::ZERO;
                    for (f, t, base, _) in &spans {
                        let mut m = *f;
                        while m <= *t {
                            let before = mv.kind == MoveKind::ToBenefitPlace || m < mv.month;
                            if before && m >= y1998 && holding(m) == Some(Holding::Relation) {
                                bases += base;
                            }
                            m = m.add_months(1);
                        }
                    }
                    prop_assert_eq!(mv.pooled_carried, carried);
                    prop_assert_eq!(mv.pooled, round(share * bases) + carried);
                }
            }
        }
    }

    #[test]
    fn benefit_place_is_a_place_of_the_history_or_the_hukou_province(
        hukou in 0usize..PLACES.len(), birth in 1945i32..1990,
        category in prop::sample::select(vec!["male", "female_50", "female_55"]),
        (start, stays) in history(), tail in 0u32..36,
    ) {
        let (inp, spans) = input(hukou, birth, category, start, &stays, tail);
        let p = plan(&inp, RuleSets::new(sets()).unwrap(), &mut Tracer::new(false)).unwrap();
        let r = &p.receipt;
        let hukou_p = province(PLACES[hukou]);
        prop_assert!(r.region == hukou_p || spans.iter().any(|s| province(&s.3) == r.region));
        let months = |x: &str| r.months_by_region.iter().find(|(y, _)| y == x).map_or(0, |(_, m)| *m);
        match r.rule {
            ReceiptRule::Hukou => prop_assert!(r.relation_region == hukou_p && r.region == hukou_p),
            ReceiptRule::CurrentPlace => {
                prop_assert!(r.region == r.relation_region && months(&r.region) >= r.threshold_months)
            }
            ReceiptRule::PreviousPlace => {
                prop_assert!(r.region != r.relation_region && months(&r.region) >= r.threshold_months);
                prop_assert!(months(&r.relation_region) < r.threshold_months);
            }
            ReceiptRule::GatheredToHukou => {
                prop_assert_eq!(&r.region, &hukou_p);
                prop_assert!(r.months_by_region.iter().all(|(_, m)| *m < r.threshold_months));
            }
        }
        // Every month counts once, wherever it was paid (合并计算).
        let total: u32 = stays.iter().map(|s| s.1).sum();
        prop_assert_eq!(p.total_months, total);
        // All money ends at the benefit place: the last move of the relation
        // goes there, or the relation is there already.
        prop_assert!(p.moves.iter().rev().find(|m| m.kind != MoveKind::Temporary)
            .is_none_or(|m| m.to == r.relation_region || m.to == r.region));
    }

    #[test]
    fn never_panics_on_odd_histories(
        spans in prop::collection::vec(
            (1980i32..2030, 1u32..13, 0u32..300, -5i64..50000,
             prop::sample::select(vec!["610100", "440300", "x", "", "999999"]),
             prop::sample::select(vec!["paid", "deemed", "gap"])), 0..6),
        hukou in prop::sample::select(vec!["610000", "44", "330000"]),
        birth in 1940i32..2000, retire in 1990i32..2050,
    ) {
        let hist: Vec<Value> = spans.iter().map(|(y, m, n, base, region, kind)| {
            let from = ym(*y, *m);
            let mut s = json!({"from": from.to_string(), "to": from.add_months(*n as i32).to_string(),
                               "kind": kind, "region": region});
            if *kind == "paid" { s["base"] = json!(base.to_string()); }
            s
        }).collect();
        let v = json!({"hukou_region": hukou, "birth": format!("{birth}-01"), "category": "female_50",
                       "retirement_month": format!("{retire}-01"), "history": hist,
                       "rates": {"2010": "0.03"}, "account_personal_1997": "100"});
        if let Ok(inp) = TransferInput::from_json(&v) {
            let _ = pension_rules::transfer::transfer(&inp, RuleSets::new(sets()).unwrap(), true);
        }
    }
}
