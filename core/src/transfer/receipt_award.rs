//! 待遇领取地计发 — the award at the benefit place (国办发〔2009〕66号 第七条,
//! as read in docs/sources.md §6.3 [M]): the 2005 formula (国发〔2005〕38号)
//! over the contribution wages and years of every place (合并计算), each
//! year's index with the benefit place's average wages, its 计发基数 and its
//! rules.

use std::collections::BTreeSet;

use super::{RuleSets, TransferInput, TransferPlan};
use crate::award::{self, Award, AwardInput, Note};
use crate::contribution_index::SpanKind;
use crate::error::{Error, RuleError};
use crate::rules::{IndexDenominator, Snapshot};
use crate::trace::{Step, Tracer};

/// The award at the benefit place (国办发〔2009〕66号 第七条 as read in
/// docs/sources.md §6.3): every year's index recomputed with its average
/// wages, its 计发基数 and its rules,
/// from the whole history (合并计算). The place's rule set comes from `sets`;
/// a place without one uses the national set with the input's
/// `average_wages` and `pension_base`.
///
/// Errors: the benefit place lacks average wages for some years
/// ([`RuleError::RegionYears`], naming the region and every year); the
/// account balance is neither given nor computable.
///
/// ```
/// use pension_rules::transfer::{award_at_receipt, plan, RuleSets, TransferInput};
/// use pension_rules::{rules::RuleSet, trace::Tracer};
/// let input = TransferInput::from_json(&serde_json::json!({
///     "hukou_region": "440000", "birth": "1980-05", "category": "male",
///     "retirement_month": "2040-05",
///     "history": [{"from": "2016-01", "to": "2040-04", "base": "6000", "region": "440100"}]
/// })).unwrap();
/// let sets = [RuleSet::embedded("cn/national").unwrap(), RuleSet::embedded("cn/shaanxi").unwrap()];
/// let sets = RuleSets::new(&sets).unwrap();
/// let p = plan(&input, sets, &mut Tracer::new(false)).unwrap();
/// let e = award_at_receipt(&input, &p, sets, &mut Tracer::new(false)).unwrap_err();
/// assert!(e.to_string().contains("region 440000 has no rule set"));
/// ```
pub fn award_at_receipt(
    input: &TransferInput,
    plan: &TransferPlan,
    sets: RuleSets<'_>,
    tracer: &mut Tracer,
) -> Result<Award, Error> {
    let region = plan.receipt.region.clone();
    let date = input.retirement_month.first_day();
    let own = sets.for_region(&region);
    let rs = match own.or_else(|| sets.national()) {
        Some(rs) => rs,
        None => {
            return Err(Error::NotApplicable(format!(
                "region {region} has no rule set in the catalog (known: {}) and no national rule set was given to fall back on",
                sets.known_regions()
            )));
        }
    };
    let snap = rs.at(date);
    let ruleset = own.map(|r| r.id().to_string());
    place_figures(input, &snap, own.is_some(), &region, ruleset.as_deref())?;
    let balance = match (input.account_balance, plan.account_at_retirement) {
        (Some(b), _) | (None, Some(b)) => b,
        (None, None) => {
            return Err(Error::field(
                "account_balance",
                format!(
                    "needed for the award (个人账户储存额 at retirement) and not computable: {}",
                    plan.account_at_retirement_unknown
                        .clone()
                        .unwrap_or_default()
                ),
            ));
        }
    };
    tracer.step(|| {
        Step::new(
            "benefit_place_wages",
            "待遇领取地计发",
            &region,
            format!(
                "the award is computed at {region} ({}) from the whole history: every year's index with {region}'s average wages, its 计发基数 and its rules (国办发〔2009〕66号; docs/sources.md §6.3)",
                ruleset.as_deref().unwrap_or("no own rule set: national rules with the given wages")
            ),
        )
        .input("account_balance", balance)
    });
    let ai = AwardInput {
        category: input.category,
        birth: Some(input.birth),
        age: None,
        retirement_month: input.retirement_month,
        contribution_months: None,
        deemed_months: None,
        average_index: None,
        deemed_index: input.deemed_index,
        pre_account_months: None,
        pre_account_total_months: None,
        history: Some(input.history.clone()),
        average_wages: input.average_wages.clone(),
        account_balance: Some(balance),
        account_rates: None,
        pension_base: input.pension_base,
        flat_part_base: None,
        extra_amounts: None,
        transitional_index: None,
        old_transitional_pension: None,
        transitional_pension: None,
        notional_account: None,
        transitional_window_months: None,
        transitional_window_index: None,
        first_pension_month: None,
        region: None,
        attributes: None,
        deemed_index_locality: None,
        pre_window_months: None,
        window_index_sum: None,
    };
    let mut a = award::award(&ai, &snap, tracer).map_err(|e| match e {
        Error::Rules(RuleError::NoYear { param, year, .. }) => RuleError::RegionYears {
            region: region.clone(),
            ruleset: ruleset.clone(),
            param,
            years: vec![year],
            input: match param {
                "award.average_wage" => "average_wages",
                "award.pension_base" => "pension_base",
                _ => "the rule set",
            },
        }
        .into(),
        other => other,
    })?;
    if own.is_none() {
        a.notes.push(Note {
            code: "no_benefit_place_rules",
            message: format!(
                "{region} has no rule set: the award uses the national rules ({}) with the given average wages and 计发基数",
                rs.id()
            ),
            zh: format!(
                "{region} 无规则集：按全国规则（{}）及输入的平均工资、计发基数计算",
                rs.id()
            ),
        });
    }
    Ok(a)
}

/// The place's figures the award needs, for every year at once: its average
/// wage of every year the index divides by (`award.index_denominator`), and
/// its 计发基数 of the retirement year — from its rule set (`own`) or the
/// input. Missing ones are one [`RuleError::RegionYears`].
fn place_figures(
    input: &TransferInput,
    snap: &Snapshot,
    own: bool,
    region: &str,
    ruleset: Option<&str>,
) -> Result<(), Error> {
    let date = input.retirement_month.first_day();
    let den = snap.award.index_denominator.at(date)?;
    let mut needed = BTreeSet::new();
    for s in input.history.iter().filter(|s| s.kind == SpanKind::Paid) {
        for y in s.from.year()..=s.to.year() {
            needed.insert(match den.value {
                IndexDenominator::BaseSettingYear => y - 1,
                IndexDenominator::SameYear => y,
            });
        }
    }
    let given = input.average_wages.as_ref();
    let missing: Vec<i32> = needed
        .into_iter()
        .filter(|y| {
            !given.is_some_and(|g| g.contains_key(y)) && (!own || !snap.award.average_wage.has(*y))
        })
        .collect();
    if !missing.is_empty() {
        return Err(RuleError::RegionYears {
            region: region.to_string(),
            ruleset: ruleset.map(str::to_string),
            param: "award.average_wage",
            years: missing,
            input: "average_wages",
        }
        .into());
    }
    let year = input.retirement_month.year();
    if input.pension_base.is_none() && (!own || !snap.award.pension_base.has(year)) {
        return Err(RuleError::RegionYears {
            region: region.to_string(),
            ruleset: ruleset.map(str::to_string),
            param: "award.pension_base",
            years: vec![year],
            input: "pension_base",
        }
        .into());
    }
    Ok(())
}
