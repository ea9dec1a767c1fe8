//! 关系随人走 — who holds each stay: the relation follows the person
//! (国办发〔2009〕66号 第三条) unless a temporary contribution account opens
//! (临时基本养老保险缴费账户, 第五条).

use super::{Entry, Holding, MoveKind, PaidMonth, Spec, Stay, TransferInput, err_list, province};
use crate::award::Category;
use crate::contribution_index::{Employment, SpanKind};
use crate::error::{Error, FieldError};
use crate::rules::{Snapshot, Sourced};
use crate::time::Age;
use crate::trace::{ParamUse, Step, Tracer};

/// Build the stays from the history (paid and deemed spans, by month).
pub(super) fn build_stays(input: &TransferInput) -> (Vec<Stay>, Vec<PaidMonth>) {
    let mut order: Vec<usize> = (0..input.history.len())
        .filter(|&i| {
            input
                .history
                .get(i)
                .is_some_and(|s| s.kind != SpanKind::Gap)
        })
        .collect();
    order.sort_by_key(|&i| input.history.get(i).map(|s| (s.from, s.to)));
    let mut stays: Vec<Stay> = vec![];
    let mut paid = vec![];
    for i in order {
        let Some(s) = input.history.get(i) else {
            continue;
        };
        let code = s.region.clone().unwrap_or_default();
        let prov = province(&code);
        let n = u32::try_from(s.to.months_since(s.from) + 1).unwrap_or(0);
        let same = stays.last().is_some_and(|l| l.region == prov);
        if !same {
            stays.push(Stay {
                region: prov.clone(),
                codes: vec![],
                from: s.from,
                to: s.to,
                paid_months: 0,
                deemed_months: 0,
                age: Age::from_months(0),
                threshold: None,
                entry: Entry::First,
                holding: Holding::Relation,
                relation_region: prov.clone(),
            });
        }
        let idx = stays.len().saturating_sub(1);
        if let Some(st) = stays.last_mut() {
            st.to = st.to.max(s.to);
            if !st.codes.contains(&code) {
                st.codes.push(code);
            }
            match s.kind {
                SpanKind::Paid => {
                    st.paid_months += n;
                    let base = s.base.unwrap_or_default();
                    let flexible = s.employment == Some(Employment::Flexible);
                    let mut m = s.from;
                    while m <= s.to {
                        paid.push(PaidMonth {
                            month: m,
                            base,
                            flexible,
                            stay: idx,
                        });
                        m = m.add_months(1);
                    }
                }
                SpanKind::Deemed => st.deemed_months += n,
                SpanKind::Gap => {}
            }
        }
    }
    paid.sort_by_key(|p| p.month);
    (stays, paid)
}

/// The history must hold something to transfer, and every approved move
/// (组织/人社部门调动, 第五条 (三)) must name the first month of a stay in a
/// new province.
pub(super) fn check_stays(input: &TransferInput, stays: &[Stay]) -> Result<(), Error> {
    if stays.is_empty() {
        return Err(Error::field(
            "history",
            "has no paid or deemed span: there is nothing to transfer",
        ));
    }
    let mut errs = vec![];
    for (i, m) in input.approved_moves.iter().enumerate() {
        if !stays.iter().skip(1).any(|s| s.from == *m) {
            errs.push(FieldError {
                path: format!("approved_moves[{i}]"),
                message: format!(
                    "{m} is not the first month of a stay in a new province (those are: {})",
                    stays
                        .iter()
                        .skip(1)
                        .map(|s| format!("{} {}", s.from, s.region))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
    }
    err_list(errs)
}

/// Each stay after the first: does the relation follow the person there
/// (第三条), or does a man of 50 / a woman of 40
/// (`transfer.temporary_account_age_*`) keep it in the old place while the
/// new place opens a temporary account (第五条 (二)), the 户籍 province
/// (第五条 (一)) and approved moves (第五条 (三)) excepted? Sets each stay's
/// age, entry, holding and relation place; returns the place of the relation
/// at the end and the moves of working life (the relation's, and each
/// temporary account's money at the next move), one `entry` step per stay.
pub(super) fn follow(
    input: &TransferInput,
    primary: &Snapshot,
    hukou: &str,
    stays: &mut [Stay],
    tracer: &mut Tracer,
) -> (String, Vec<Spec>) {
    let age_param = match input.category {
        Category::Male => &primary.transfer.temporary_account_age_male,
        Category::Female50 | Category::Female55 => &primary.transfer.temporary_account_age_female,
    };
    let mut relation = stays.first().map(|s| s.region.clone()).unwrap_or_default();
    let mut specs: Vec<Spec> = vec![];
    for i in 0..stays.len() {
        let prev = i.checked_sub(1).and_then(|j| stays.get(j)).cloned();
        let Some(s) = stays.get_mut(i) else { continue };
        s.age = Age::between(input.birth, s.from).unwrap_or(Age::from_months(0));
        let Some(prev) = prev else {
            s.relation_region = relation.clone();
            continue;
        };
        if prev.holding == Holding::Temporary {
            specs.push(Spec {
                from: prev.region.clone(),
                to: relation.clone(),
                month: s.from,
                kind: MoveKind::Temporary,
                stay: Some(i - 1),
            });
        }
        let threshold = age_param.in_month(s.from).ok();
        s.threshold = threshold.as_ref().map(|t| t.value);
        s.entry = entry(s, &relation, s.threshold, hukou, input);
        if s.entry == Entry::Temporary {
            s.holding = Holding::Temporary;
        } else if s.region != relation {
            specs.push(Spec {
                from: relation.clone(),
                to: s.region.clone(),
                month: s.from,
                kind: MoveKind::Relation,
                stay: None,
            });
            relation = s.region.clone();
        }
        s.relation_region = relation.clone();
        let s = s.clone();
        tracer.step(|| entry_step(&s, threshold.as_ref(), input, hukou));
    }
    (relation, specs)
}

/// Why a stay after the first holds what it holds: back where the relation
/// is; no temporary-account rule yet (before 2010); below the age, the
/// relation follows (第三条); at or above it, the relation still moves to the
/// 户籍 province (第五条 (一)) or on an approved move (第五条 (三)), else a
/// temporary account opens (第五条 (二)).
fn entry(
    s: &Stay,
    relation: &str,
    threshold: Option<Age>,
    hukou: &str,
    input: &TransferInput,
) -> Entry {
    if s.region == relation {
        return Entry::Returned;
    }
    match threshold {
        None => Entry::BeforeRules,
        Some(t) if s.age < t => Entry::BelowAge,
        Some(_) if s.region == hukou => Entry::Hukou,
        Some(_) if input.approved_moves.contains(&s.from) => Entry::Approved,
        Some(_) => Entry::Temporary,
    }
}

/// The `entry` step of a stay: what it holds and the article why.
fn entry_step(
    s: &Stay,
    threshold: Option<&Sourced<Age>>,
    input: &TransferInput,
    hukou: &str,
) -> Step {
    let (what, why) = match s.entry {
        Entry::Returned => (
            "relation",
            format!("back in {}, where the relation is", s.region),
        ),
        Entry::BelowAge => (
            "relation moves",
            format!(
                "age {} < {} in {}: the relation follows the person (国办发〔2009〕66号 第三条)",
                s.age,
                s.threshold.map(|t| t.to_string()).unwrap_or_default(),
                s.from
            ),
        ),
        Entry::Hukou => (
            "relation moves",
            format!(
                "age {} ≥ {}, but {} is the 户籍 province: the relation moves (第五条)",
                s.age,
                s.threshold.map(|t| t.to_string()).unwrap_or_default(),
                s.region
            ),
        ),
        Entry::Approved => (
            "relation moves",
            format!(
                "age {} ≥ {}, but an approved transfer (组织/人社部门调动): the relation moves (第五条)",
                s.age,
                s.threshold.map(|t| t.to_string()).unwrap_or_default()
            ),
        ),
        Entry::BeforeRules => (
            "relation moves",
            format!(
                "{}: before the temporary-account rule (in force 2010-01-01); the relation moves",
                s.from
            ),
        ),
        Entry::Temporary => (
            "temporary account",
            format!(
                "age {} ≥ {} and {} is not the 户籍 province {hukou}: the relation stays in {}, {} opens a temporary contribution account (临时基本养老保险缴费账户, 第五条)",
                s.age,
                s.threshold.map(|t| t.to_string()).unwrap_or_default(),
                s.region,
                s.relation_region,
                s.region
            ),
        ),
        Entry::First => ("relation", String::new()),
    };
    let mut st = Step::new(
        "entry",
        "跨省流动",
        what,
        format!("{} {}: {why}", s.from, s.region),
    )
    .input("birth", input.birth)
    .input("hukou_region", hukou);
    if let Some(t) = threshold {
        st = st.param(ParamUse::of(t));
    }
    st
}
