//! 待遇领取地 — the benefit place (国办发〔2009〕66号 第六条, restated by
//! 人社部规〔2016〕5号 一) and the moves it makes at retirement.

use super::{Holding, MoveKind, Receipt, ReceiptRule, Spec, Stay, in_force_or_first};
use crate::error::Error;
use crate::rules::Snapshot;
use crate::time::YearMonth;
use crate::trace::{ParamUse, Step, Tracer};

/// The benefit place, the four rules of 第六条 in order: (一) the relation is
/// in the 户籍 province; (二) ≥ `transfer.receipt_min_months` (10 years) in
/// the relation's current place; (三) the last earlier place with as many;
/// (四) gathered to the 户籍 province. Months are paid + deemed, counted
/// where earned (5号规 一; 人社厅函〔2017〕151号); temporary accounts do not
/// count (docs/sources.md §6.5). Also whether the threshold was taken from
/// the 2010 rules for an earlier claim; one `benefit_place` step.
pub(super) fn benefit_place(
    stays: &[Stay],
    relation: &str,
    hukou: &str,
    primary: &Snapshot,
    month: YearMonth,
    tracer: &mut Tracer,
) -> Result<(Receipt, bool), Error> {
    let (min, receipt_retro) = in_force_or_first(&primary.transfer.receipt_min_months, month)?;
    let mut months_by: Vec<(String, u32)> = vec![];
    for s in stays.iter().filter(|s| s.holding == Holding::Relation) {
        let n = s.paid_months + s.deemed_months;
        match months_by.iter_mut().find(|(r, _)| *r == s.region) {
            Some((_, m)) => *m += n,
            None => months_by.push((s.region.clone(), n)),
        }
    }
    let months_in = |r: &str| {
        months_by
            .iter()
            .find(|(x, _)| x == r)
            .map_or(0, |(_, m)| *m)
    };
    let (receipt_region, rule) = if relation == hukou {
        (hukou.to_string(), ReceiptRule::Hukou)
    } else if months_in(relation) >= min.value {
        (relation.to_string(), ReceiptRule::CurrentPlace)
    } else if let Some(p) = stays
        .iter()
        .rev()
        .filter(|s| s.holding == Holding::Relation && s.region != relation)
        .map(|s| s.region.clone())
        .find(|r| months_in(r) >= min.value)
    {
        (p, ReceiptRule::PreviousPlace)
    } else {
        (hukou.to_string(), ReceiptRule::GatheredToHukou)
    };
    let receipt = Receipt {
        region: receipt_region.clone(),
        rule,
        relation_region: relation.to_string(),
        hukou_region: hukou.to_string(),
        months_by_region: months_by.clone(),
        threshold_months: min.value,
    };
    tracer.step(|| {
        let by = months_by
            .iter()
            .map(|(r, m)| format!("{r} {m}"))
            .collect::<Vec<_>>()
            .join(", ");
        let why = match rule {
            ReceiptRule::Hukou => format!("the relation is in {relation} = the 户籍 province"),
            ReceiptRule::CurrentPlace => format!(
                "the relation is in {relation} ≠ 户籍 {hukou}, with {} months there ≥ {}",
                months_in(relation),
                min.value
            ),
            ReceiptRule::PreviousPlace => format!(
                "the relation is in {relation} ≠ 户籍 {hukou} with {} months < {}; the last earlier place with ≥ {} months is {receipt_region} ({} months)",
                months_in(relation),
                min.value,
                min.value,
                months_in(&receipt_region)
            ),
            ReceiptRule::GatheredToHukou => format!(
                "the relation is in {relation} ≠ 户籍 {hukou} and no place reaches {} months: gathered to the 户籍 province",
                min.value
            ),
        };
        Step::new(
            "benefit_place",
            "待遇领取地",
            &receipt_region,
            format!(
                "{why} — {}; months (paid + deemed, counted where earned; temporary accounts excluded): {by}",
                rule.citation()
            ),
        )
        .input("hukou_region", hukou)
        .param(ParamUse::of(&min))
    });
    Ok((receipt, receipt_retro))
}

/// The moves at retirement: the last temporary account's money goes to the
/// benefit place (第五条 (二)), and the relation goes there when it is
/// elsewhere (第六条 (三)、(四)).
pub(super) fn moves_at_retirement(
    stays: &[Stay],
    relation: &str,
    receipt_region: &str,
    month: YearMonth,
) -> Vec<Spec> {
    let mut specs = vec![];
    if let Some(last) = stays.len().checked_sub(1)
        && stays
            .get(last)
            .is_some_and(|s| s.holding == Holding::Temporary)
    {
        specs.push(Spec {
            from: stays
                .get(last)
                .map(|s| s.region.clone())
                .unwrap_or_default(),
            to: receipt_region.to_string(),
            month,
            kind: MoveKind::Temporary,
            stay: Some(last),
        });
    }
    if receipt_region != relation {
        specs.push(Spec {
            from: relation.to_string(),
            to: receipt_region.to_string(),
            month,
            kind: MoveKind::ToBenefitPlace,
            stay: None,
        });
    }
    specs
}
