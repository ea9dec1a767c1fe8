//! 按人员属性选择的系数 — a coefficient of the award chosen by a fact about
//! the person. Where a province pays a category of people at another rate
//! (宁夏: 知识分子 过渡系数 1.49 % instead of 1.3 %, 宁政办发〔2006〕126号 及相关
//! 规定 as cited), the rule set declares the attribute
//! (`award.attributes.<name>`) and an override
//! `award.coefficient_overrides.<name>` naming the `slot` it replaces
//! (`transitional_coefficient` or `basic_rate_per_year`), its `value` and its
//! `when` — the same conditions as the local extras' (attribute equalities,
//! month bounds; a missing attribute takes its declared `default`, and
//! without one is an input error naming it).
//!
//! The overrides of a slot in force on the first day of the retirement month
//! are tried by name; the first whose `when` holds replaces the slot's own
//! parameter. Where none holds, the parameter applies. Either way the trace
//! says which branch was taken.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::AwardInput;
use super::extras::when_holds;
use crate::error::Error;
use crate::rules::Snapshot;
use crate::rules::family::{CoefficientOverride, CoefficientSlot, Member};
use crate::trace::{ParamUse, Step};

/// The override of `slot` that applies to the person, if any.
pub(super) fn chosen<'s>(
    slot: CoefficientSlot,
    input: &AwardInput,
    months: (Decimal, Decimal),
    snap: &'s Snapshot,
    date: NaiveDate,
) -> Result<Option<&'s Member<CoefficientOverride>>, Error> {
    for m in snap.overrides.at(date) {
        if m.value.slot != slot {
            continue;
        }
        let what = format!(
            "the coefficient override `{}` ({}) of {}",
            m.param,
            m.value.title,
            slot.name()
        );
        if when_holds(&m.value.when, &what, input, months, snap, date)? {
            return Ok(Some(m));
        }
    }
    Ok(None)
}

/// The coefficient of `slot` for the person: the override that holds, else
/// `own()` (the slot's own parameter, as [`Applied::plain`]).
pub(super) fn resolve(
    slot: CoefficientSlot,
    input: &AwardInput,
    months: (Decimal, Decimal),
    snap: &Snapshot,
    date: NaiveDate,
    own: impl FnOnce() -> Result<Applied, Error>,
) -> Result<Applied, Error> {
    match chosen(slot, input, months, snap, date)? {
        Some(m) => Ok(Applied::overridden(m)),
        None => own(),
    }
}

/// The overrides of `slot` in force whose conditions do not hold, as text
/// for the trace ("intellectual = true does not hold").
pub(super) fn not_taken(slot: CoefficientSlot, snap: &Snapshot, date: NaiveDate) -> Vec<String> {
    snap.overrides
        .at(date)
        .into_iter()
        .filter(|m| m.value.slot == slot)
        .map(|m| format!("{} ({}) does not hold", m.value.when, m.param))
        .collect()
}

/// A coefficient as applied: its value, the parameter uses behind it and the
/// branch in words.
pub(super) struct Applied {
    /// The coefficient.
    pub(super) value: Decimal,
    /// The parameters it was read from.
    pub(super) uses: Vec<ParamUse>,
    /// Which branch applied, for the trace (`None`: the slot has no override).
    pub(super) branch: Option<String>,
    /// The attributes the applied override tested.
    pub(super) attributes: Vec<(String, String)>,
}

impl Applied {
    /// The slot's own parameter (no override holds).
    pub(super) fn plain(
        value: Decimal,
        uses: Vec<ParamUse>,
        slot: CoefficientSlot,
        snap: &Snapshot,
        date: NaiveDate,
    ) -> Applied {
        let others = not_taken(slot, snap, date);
        Applied {
            value,
            uses,
            branch: (!others.is_empty()).then(|| {
                format!(
                    "{} = {value} from its own parameter: {}",
                    slot.name(),
                    others.join("; ")
                )
            }),
            attributes: vec![],
        }
    }

    /// Adds to a step what the coefficient rests on: the attributes tested,
    /// the branch (after `label` at the end of the formula) and the
    /// parameters.
    pub(super) fn explain(&self, mut st: Step, label: &str) -> Step {
        for (attr, v) in &self.attributes {
            st = st.input(attr.clone(), v);
        }
        if let Some(b) = &self.branch {
            st.formula.push_str(&format!("; {label}: {b}"));
        }
        for u in &self.uses {
            st = st.param(u.clone());
        }
        st
    }

    /// An override that holds.
    pub(super) fn overridden(m: &Member<CoefficientOverride>) -> Applied {
        Applied {
            value: m.value.value,
            uses: vec![ParamUse::member(m)],
            branch: Some(format!(
                "{} = {} by {} ({}): {} holds",
                m.value.slot.name(),
                m.value.value,
                m.param,
                m.value.title,
                m.value.when
            )),
            attributes: m
                .value
                .when
                .attributes
                .iter()
                .map(|(k, v)| (format!("attributes.{k}"), v.to_string()))
                .collect(),
        }
    }
}
