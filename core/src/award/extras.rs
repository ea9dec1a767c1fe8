//! 地方增发 / 地方补贴 / 津贴 — local extras: amounts a province or city pays
//! on top of the three parts of 国发〔2005〕38号 第六条 (基础养老金, 个人账户养老金,
//! 过渡性养老金). The national rules leave room for them (第六条: 各地… 制定
//! 具体过渡办法); each is the province's own decision and each rule entry
//! cites its document. The rule set declares them as the family
//! `award.extras.<name>` (see [`crate::rules::family`]); some depend on
//! person attributes (人员属性, `award.attributes.<name>`: 独生子女, 地区类别 …)
//! given in the input's `attributes`.
//!
//! Each extra in force on the first day of the retirement month whose `when`
//! holds is computed exactly, then rounded with `rounding.local_extras`
//! (absent: `rounding.money`); `local_extras` is the sum of the rounded
//! lines, and the lines with `in_total` enter the total (合计).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{AwardInput, WHOLE_INPUT};
use crate::error::{Error, FieldError, InputErrors};
use crate::money::{Checked, too_large};
use crate::rounding::Rounding;
use crate::rules::family::{
    Band, ExtraKind, ExtraRule, ExtraWhen, Member, PensionPart, YearsBasis, YearsRounding,
};
use crate::rules::{Snapshot, Sourced};
use crate::trace::{ParamUse, Step, Tracer};

/// One local extra of an award (a line of the 核定表).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "AwardExtra")] // its name in the bindings and the schema
pub struct ExtraLine {
    /// Its name in the rule set (`only_child_subsidy`).
    pub name: String,
    /// Its title (Chinese and English).
    pub title: String,
    /// The monthly amount, rounded (`rounding.local_extras`).
    pub amount: Decimal,
    /// Whether it enters the total (合计).
    pub in_total: bool,
    /// The formula in words, with the numbers filled in.
    pub formula: String,
    /// Its legal source.
    pub source: String,
}

/// The figures an extra may be computed from.
pub(super) struct Basis {
    /// 计发基数 C.
    pub(super) c: Decimal,
    /// The base of the flat half of the basic pension (C unless a rule says otherwise).
    pub(super) flat_base: Decimal,
    /// Ī.
    pub(super) average_index: Decimal,
    /// N (as the basic pension counts it).
    pub(super) years: Decimal,
    /// Months actually paid.
    pub(super) actual_months: Decimal,
    /// Deemed months.
    pub(super) deemed_months: Decimal,
    /// The rounded 基础养老金, 个人账户养老金, 过渡性养老金.
    pub(super) basic: Decimal,
    pub(super) account: Decimal,
    pub(super) transitional: Decimal,
}

/// The extras of one award.
pub(super) struct Extras {
    /// The lines, by name.
    pub(super) lines: Vec<ExtraLine>,
    /// 地方增发合计: the sum of the rounded lines.
    pub(super) sum: Decimal,
    /// The exact sum of the lines.
    pub(super) exact: Decimal,
    /// The rounded lines that enter the total.
    pub(super) in_total: Decimal,
    /// Their exact sum.
    pub(super) in_total_exact: Decimal,
}

/// The input's `attributes` against those the rule set declares: an
/// undeclared one, or a value outside its type, is an input error (every
/// one at once).
pub(super) fn check_attributes(
    input: &AwardInput,
    snap: &Snapshot,
    date: NaiveDate,
) -> Result<(), Error> {
    let Some(given) = &input.attributes else {
        return Ok(());
    };
    let declared: Vec<&str> = snap
        .attributes
        .at(date)
        .into_iter()
        .map(|m| &*m.name)
        .collect();
    let mut errs = vec![];
    for (name, v) in given {
        let path = format!("attributes.{name}");
        match snap.attributes.get(name, date) {
            None => errs.push(FieldError {
                path,
                message: format!(
                    "attribute `{name}` is declared by no layer of rule set `{}`; declared: {}",
                    snap.identity.id,
                    if declared.is_empty() {
                        "none".to_string()
                    } else {
                        declared.join(", ")
                    }
                ),
            }),
            Some(m) => {
                if let Some(why) = m.value.refuse(v) {
                    errs.push(FieldError {
                        path,
                        message: format!("{why} ({})", m.value.title),
                    });
                }
            }
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(InputErrors(errs)))
    }
}

/// Whether the extra applies; an attribute its `when` needs that the input
/// lacks takes the declared `default`, and without one is an input error
/// naming it.
fn applies(
    m: &Member<ExtraRule>,
    input: &AwardInput,
    b: &Basis,
    snap: &Snapshot,
    date: NaiveDate,
) -> Result<bool, Error> {
    when_holds(
        &m.value.when,
        &format!("the local extra `{}` ({})", m.param, m.value.title),
        input,
        (b.actual_months, b.deemed_months),
        snap,
        date,
    )
}

/// Whether every condition of `when` holds for the person (`months`: actual
/// and deemed months); an attribute it needs that the input lacks takes the
/// declared `default`, and without one is an input error naming it and
/// `what` depends on it. Shared by the local extras and the coefficient
/// overrides.
pub(super) fn when_holds(
    when: &ExtraWhen,
    what: &str,
    input: &AwardInput,
    months: (Decimal, Decimal),
    snap: &Snapshot,
    date: NaiveDate,
) -> Result<bool, Error> {
    let empty = BTreeMap::new();
    let given = input.attributes.as_ref().unwrap_or(&empty);
    let mut holds = true;
    for (attr, want) in &when.attributes {
        let default = snap
            .attributes
            .get(attr, date)
            .and_then(|d| d.value.default.clone());
        match given.get(attr).or(default.as_ref()) {
            None => {
                return Err(Error::field(
                    format!("attributes.{attr}"),
                    format!("missing: {what} depends on it"),
                ));
            }
            Some(v) => holds &= v == want,
        }
    }
    for (bound, n) in &when.months {
        holds &= bound.holds(months.0, months.1, *n);
    }
    Ok(holds)
}

/// Σ rate × years over the bands: `rate` up to the first threshold, each
/// band's rate from its threshold to the next.
fn banded(rate: Decimal, bands: &[Band], years: Decimal) -> Option<(Decimal, String)> {
    let mut total = Decimal::ZERO;
    let mut parts = vec![];
    let mut lower = Decimal::ZERO;
    let mut r = rate;
    for b in bands.iter().map(Some).chain([None]) {
        let upper = b.map(|b| Decimal::from(b.above_years));
        let span = match upper {
            Some(u) => years.min(u) - lower,
            None => years - lower,
        };
        if span > Decimal::ZERO {
            total = total.checked_add(r.checked_mul(span)?)?;
            parts.push(format!("{} × {}", r.normalize(), span.normalize()));
        }
        if let (Some(b), Some(u)) = (b, upper) {
            lower = u;
            r = b.rate;
        }
    }
    let text = if parts.is_empty() {
        "0".to_string()
    } else {
        parts.join(" + ")
    };
    Some((total, text))
}

/// The value of the `number` attribute a stepped extra reads: the input's,
/// else the declared default; without either an input error naming it.
fn number_attribute(
    attr: &str,
    m: &Member<ExtraRule>,
    input: &AwardInput,
    snap: &Snapshot,
    date: NaiveDate,
) -> Result<Decimal, Error> {
    let default = snap
        .attributes
        .get(attr, date)
        .and_then(|d| d.value.default.clone());
    let given = input.attributes.as_ref().and_then(|a| a.get(attr));
    let path = format!("attributes.{attr}");
    match given.or(default.as_ref()) {
        None => Err(Error::field(
            path,
            format!(
                "missing: the local extra `{}` ({}) depends on it",
                m.param, m.value.title
            ),
        )),
        Some(v) => v.number().ok_or_else(|| {
            Error::field(
                path,
                format!("expected a number as a decimal string (\"12.5\"), got {v}"),
            )
        }),
    }
}

/// The exact amount of one extra and its formula; `n` is the value of the
/// attribute a stepped extra reads.
fn amount(rule: &ExtraRule, b: &Basis, n: Option<Decimal>) -> Option<(Decimal, String)> {
    Some(match &rule.kind {
        ExtraKind::Flat { amount } => (*amount, format!("flat {amount}")),
        ExtraKind::PerYear {
            amount,
            fixed,
            years,
            years_rounding,
        } => {
            let months = match years {
                YearsBasis::Total => b.actual_months.checked_add(b.deemed_months)?,
                YearsBasis::Actual => b.actual_months,
                YearsBasis::Deemed => b.deemed_months,
            };
            // The exact months (a sheet's half month kept): the years the
            // legal text counts are months / 12, or the whole years in them.
            let twelve = Decimal::from(12);
            let y = match years_rounding {
                YearsRounding::Exact => months.checked_div(twelve)?,
                YearsRounding::Floor => months.checked_div(twelve)?.floor(),
            };
            let months = months.normalize();
            let fixed_v = fixed.unwrap_or(Decimal::ZERO);
            let v = amount.checked_mul(y)?.checked_add(fixed_v)?;
            let years_text = match years_rounding {
                YearsRounding::Exact if !(months % twelve).is_zero() => format!("{months}/12"),
                YearsRounding::Exact => y.normalize().to_string(),
                YearsRounding::Floor => format!("floor({months}/12) = {y}"),
            };
            let fixed_text = fixed.map(|f| format!(" + {f}")).unwrap_or_default();
            (
                v,
                format!("{amount} × {years_text} years ({years:?}){fixed_text}").to_lowercase(),
            )
        }
        ExtraKind::PctOfPension { rate, of } => {
            let mut sum = Decimal::ZERO;
            let mut names = vec![];
            for p in of {
                let (v, n) = match p {
                    PensionPart::Basic => (b.basic, "basic"),
                    PensionPart::Account => (b.account, "account"),
                    PensionPart::Transitional => (b.transitional, "transitional"),
                };
                sum = sum.checked_add(v)?;
                names.push(format!("{n} {v}"));
            }
            (
                rate.checked_mul(sum)?,
                format!("{} × ({})", rate.normalize(), names.join(" + ")),
            )
        }
        ExtraKind::PctOfIndexedWage { rate, bands } => {
            let w = b.c.checked_mul(b.average_index)?;
            let (r, text) = banded(*rate, bands, b.years)?;
            (
                w.checked_mul(r)?,
                format!(
                    "C × Ī × ({text}) = {} × {} × {}",
                    b.c,
                    b.average_index,
                    r.normalize()
                ),
            )
        }
        ExtraKind::PctOfBasicBase { rate, bands } => {
            let base = b
                .flat_base
                .checked_add(b.c.checked_mul(b.average_index)?)?
                .checked_div(Decimal::TWO)?;
            let (r, text) = banded(*rate, bands, b.years)?;
            (
                base.checked_mul(r)?,
                format!(
                    "(C + C × Ī) / 2 × ({text}) = ({} + {} × {}) / 2 × {}",
                    b.flat_base,
                    b.c,
                    b.average_index,
                    r.normalize()
                ),
            )
        }
        ExtraKind::PctOfAmount { rate, amount } => (
            rate.checked_mul(*amount)?,
            format!("{} × {amount}", rate.normalize()),
        ),
        ExtraKind::Unknown => return None,
        ExtraKind::PctOfIndexedWageStepped { attribute, steps } => {
            let v = n?;
            let step = steps.iter().rev().find(|s| s.at_least <= v);
            let rate = step.map_or(Decimal::ZERO, |s| s.rate);
            let w = b.c.checked_mul(b.average_index)?;
            let why = match step {
                Some(s) => format!("{attribute} {} ≥ {}", v.normalize(), s.at_least),
                None => format!("{attribute} {} below every step", v.normalize()),
            };
            (
                w.checked_mul(rate)?,
                format!(
                    "C × Ī × {} ({why}) = {} × {} × {}",
                    rate.normalize(),
                    b.c,
                    b.average_index,
                    rate.normalize()
                ),
            )
        }
    })
}

/// An amount given in `extra_amounts` that no applying extra of unknown
/// amount took: refused, naming it (a given figure never replaces one the
/// rule set computes, and never goes unused).
fn given_but_unused(
    input: &AwardInput,
    used: &[String],
    snap: &Snapshot,
    date: NaiveDate,
) -> Result<(), Error> {
    let errs: Vec<crate::error::FieldError> = input
        .extra_amounts
        .iter()
        .flatten()
        .filter(|(name, _)| !used.contains(name))
        .map(|(name, _)| crate::error::FieldError {
            path: format!("extra_amounts.{name}"),
            message: format!(
                "no local extra `{name}` of unknown amount applies to this person on {date} in rule set `{}` (an amount is given only where the rule set holds none)",
                snap.identity.id
            ),
        })
        .collect();
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(crate::error::InputErrors(errs)))
    }
}

/// Every extra in force on `date` that applies to the person; one step per
/// extra and one `local_extras` step when there are any.
pub(super) fn extras(
    input: &AwardInput,
    b: &Basis,
    snap: &Snapshot,
    date: NaiveDate,
    money: &Sourced<Rounding>,
    tracer: &mut Tracer,
) -> Result<Extras, Error> {
    let mut out = Extras {
        lines: vec![],
        sum: Decimal::ZERO,
        exact: Decimal::ZERO,
        in_total: Decimal::ZERO,
        in_total_exact: Decimal::ZERO,
    };
    let members = snap.extras.at(date);
    // The extras of unknown amount given in the input and applied.
    let mut used: Vec<String> = vec![];
    if members.is_empty() {
        given_but_unused(input, &used, snap, date)?;
        return Ok(out);
    }
    let r = super::components::component_rounding(&snap.rounding.local_extras, money, date)?;
    for m in members {
        if !applies(m, input, b, snap, date)? {
            tracer.step(|| {
                Step::new(
                    "local_extra",
                    "地方增发",
                    Decimal::ZERO,
                    format!(
                        "{}: 0 — its conditions ({}) do not hold",
                        m.value.title, m.value.when
                    ),
                )
                .param(ParamUse::member(m))
            });
            continue;
        }
        let given = input
            .extra_amounts
            .as_ref()
            .and_then(|g| g.get(&*m.name))
            .copied();
        let (exact, formula) = match (&m.value.kind, given) {
            // The rule set holds no amount: the agency's figure, given.
            (ExtraKind::Unknown, Some(v)) => {
                used.push(m.name.to_string());
                (
                    v,
                    format!(
                        "given in the input (extra_amounts.{}: the amount the agency computed; the rule set holds none)",
                        m.name
                    ),
                )
            }
            (ExtraKind::Unknown, None) => {
                return Err(Error::Rules(crate::error::RuleError::UnknownAmount {
                    param: m.param.to_string(),
                    name: m.name.to_string(),
                    title: m.value.title.clone(),
                    date,
                    ruleset: snap.identity.id.clone(),
                }));
            }
            (kind, _) => {
                let n = match kind {
                    ExtraKind::PctOfIndexedWageStepped { attribute, .. } => {
                        Some(number_attribute(attribute, m, input, snap, date)?)
                    }
                    _ => None,
                };
                amount(&m.value, b, n).ok_or_else(|| too_large(WHOLE_INPUT))?
            }
        };
        let value = r.value.apply(exact);
        let formula = format!(
            "{formula} = {}, rounded ({})",
            exact.round_dp(6).normalize(),
            r.value
        );
        tracer.step(|| {
            let mut st = Step::new(
                "local_extra",
                "地方增发",
                value,
                format!(
                    "{}: {formula}{}",
                    m.value.title,
                    if m.value.in_total {
                        ""
                    } else {
                        " (not in the total)"
                    }
                ),
            )
            .param(ParamUse::member(m))
            .param(ParamUse::of(&r));
            for (attr, want) in &m.value.when.attributes {
                st = st.input(format!("attributes.{attr}"), want);
            }
            st
        });
        out.sum = out.sum.checked_add(value).or_too_large(WHOLE_INPUT)?;
        out.exact = out.exact.checked_add(exact).or_too_large(WHOLE_INPUT)?;
        if m.value.in_total {
            out.in_total = out.in_total.checked_add(value).or_too_large(WHOLE_INPUT)?;
            out.in_total_exact = out
                .in_total_exact
                .checked_add(exact)
                .or_too_large(WHOLE_INPUT)?;
        }
        out.lines.push(ExtraLine {
            name: m.name.to_string(),
            title: m.value.title.clone(),
            amount: value,
            in_total: m.value.in_total,
            formula,
            source: m.provenance.source.clone(),
        });
    }
    given_but_unused(input, &used, snap, date)?;
    out.sum = r.value.apply(out.sum);
    tracer.step(|| {
        let amounts: Vec<String> = out.lines.iter().map(|l| l.amount.to_string()).collect();
        Step::new(
            "local_extras",
            "地方增发合计",
            out.sum,
            if amounts.is_empty() {
                "no local extra applies".to_string()
            } else {
                format!("sum of the rounded extras = {}", amounts.join(" + "))
            },
        )
        .param(ParamUse::of(&r))
    });
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::rules::family::MonthBound;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn basis() -> Basis {
        // C 8000, Ī 1.2, N 35.5 (actual 306 + deemed 120 = 426 months).
        Basis {
            c: d("8000"),
            flat_base: d("8000"),
            average_index: d("1.2"),
            years: d("35.5"),
            actual_months: d("306"),
            deemed_months: d("120"),
            basic: d("3124.00"),
            account: d("1000.00"),
            transitional: d("1344.00"),
        }
    }

    fn rule(kind: ExtraKind) -> ExtraRule {
        ExtraRule {
            title: "t".into(),
            kind,
            when: Default::default(),
            in_total: true,
        }
    }

    #[test]
    fn flat_and_amount_kinds() {
        let b = basis();
        let (v, _) = amount(&rule(ExtraKind::Flat { amount: d("50") }), &b, None).unwrap();
        assert_eq!(v, d("50"));
        // Yunnan-type: 5 % of an average pension of 3210.40 = 160.52.
        let k = ExtraKind::PctOfAmount {
            rate: d("0.05"),
            amount: d("3210.40"),
        };
        assert_eq!(amount(&rule(k), &b, None).unwrap().0, d("160.5200"));
    }

    #[test]
    fn per_year_counts_the_years_asked_for() {
        let b = basis();
        // Guangdong-type: 4 × floor(426/12) = 4 × 35 = 140, + 10 fixed = 150.
        let k = ExtraKind::PerYear {
            amount: d("4"),
            fixed: Some(d("10")),
            years: YearsBasis::Total,
            years_rounding: YearsRounding::Floor,
        };
        assert_eq!(amount(&rule(k), &b, None).unwrap().0, d("150"));
        // Exact deemed years: 3 × 120/12 = 30; actual exact: 2 × 306/12 = 51.
        let k = ExtraKind::PerYear {
            amount: d("3"),
            fixed: None,
            years: YearsBasis::Deemed,
            years_rounding: YearsRounding::Exact,
        };
        assert_eq!(amount(&rule(k), &b, None).unwrap().0, d("30"));
        let k = ExtraKind::PerYear {
            amount: d("2"),
            fixed: None,
            years: YearsBasis::Actual,
            years_rounding: YearsRounding::Exact,
        };
        assert_eq!(amount(&rule(k), &b, None).unwrap().0, d("51"));
    }

    #[test]
    fn pct_of_pension_takes_the_named_parts() {
        let b = basis();
        // 2 % of (3124 + 1344) = 89.36.
        let k = ExtraKind::PctOfPension {
            rate: d("0.02"),
            of: vec![PensionPart::Basic, PensionPart::Transitional],
        };
        assert_eq!(amount(&rule(k), &b, None).unwrap().0, d("89.36"));
    }

    #[test]
    fn bands_apply_their_rate_between_thresholds() {
        let b = basis();
        // C·Ī = 9600; N = 35.5: 0.1 % × 20 + 0.15 % × 10 + 0.2 % × 5.5
        // = 0.02 + 0.015 + 0.011 = 0.046; 9600 × 0.046 = 441.6.
        let bands = vec![
            Band {
                above_years: 20,
                rate: d("0.0015"),
            },
            Band {
                above_years: 30,
                rate: d("0.002"),
            },
        ];
        let k = ExtraKind::PctOfIndexedWage {
            rate: d("0.001"),
            bands: bands.clone(),
        };
        assert_eq!(
            amount(&rule(k), &b, None).unwrap().0.normalize(),
            d("441.6")
        );
        // (8000 + 9600) / 2 = 8800; 8800 × 0.046 = 404.8.
        let k = ExtraKind::PctOfBasicBase {
            rate: d("0.001"),
            bands,
        };
        assert_eq!(
            amount(&rule(k), &b, None).unwrap().0.normalize(),
            d("404.8")
        );
        // Fewer years than the first threshold: only the base rate.
        let (r, _) = banded(
            d("0.001"),
            &[Band {
                above_years: 20,
                rate: d("0.5"),
            }],
            d("15"),
        )
        .unwrap();
        assert_eq!(r, d("0.015"));
    }

    #[test]
    fn month_bounds() {
        let m = |a: &str, b: &str| (d(a), d(b));
        let holds = |bound: MonthBound, (a, b): (Decimal, Decimal), n| bound.holds(a, b, n);
        assert!(holds(MonthBound::MinDeemedMonths, m("10", "120"), 120));
        assert!(!holds(MonthBound::MinDeemedMonths, m("10", "119"), 120));
        assert!(holds(MonthBound::MaxTotalMonths, m("300", "60"), 360));
        assert!(!holds(MonthBound::MaxTotalMonths, m("300", "61"), 360));
        assert!(holds(MonthBound::MinActualMonths, m("240", "0"), 240));
        assert!(!holds(MonthBound::MaxActualMonths, m("241", "0"), 240));
        // Half months count exactly: 119.5 deemed months are not 120, and
        // 360.5 months in all are more than 360.
        assert!(!holds(MonthBound::MinDeemedMonths, m("10", "119.5"), 120));
        assert!(!holds(MonthBound::MaxTotalMonths, m("300", "60.5"), 360));
        assert!(holds(MonthBound::MaxTotalMonths, m("299.5", "60.5"), 360));
    }

    #[test]
    fn per_year_counts_half_months_exactly() {
        // 4 × 120.5/12 = 40.1666…; whole years: floor(120.5/12) = 10 → 40.
        let b = Basis {
            deemed_months: d("120.5"),
            ..basis()
        };
        let k = |years_rounding| ExtraKind::PerYear {
            amount: d("4"),
            fixed: None,
            years: YearsBasis::Deemed,
            years_rounding,
        };
        let (v, text) = amount(&rule(k(YearsRounding::Exact)), &b, None).unwrap();
        assert_eq!(v.round_dp(6), d("40.166667"));
        assert!(text.contains("120.5/12"), "{text}");
        let (v, text) = amount(&rule(k(YearsRounding::Floor)), &b, None).unwrap();
        assert_eq!(v, d("40"));
        assert!(text.contains("floor(120.5/12) = 10"), "{text}");
        // Exactly 120 months: 10 years either way.
        let (v, _) = amount(&rule(k(YearsRounding::Exact)), &basis(), None).unwrap();
        assert_eq!(v, d("40"));
    }
}
