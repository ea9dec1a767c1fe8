//! 基本养老金 — the components of the pension under 国发〔2005〕38号 第六条:
//! the basic pension (基础养老金) from the base C (计发基数) and the years N,
//! the account pension (个人账户养老金) over the divisor (计发月数, 附件), the
//! provincial transitional pension (过渡性养老金), and their sum. Each is
//! rounded to money (its own `rounding.<component>` where the province has
//! one, else `rounding.money`) and the total is the sum of the rounded
//! components.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::summary::Summary;
use super::{AwardInput, Note, WHOLE_INPUT, years_text};
use crate::annuity_divisor::annuity_divisor;
use crate::error::{Error, FieldError, InputErrors};
use crate::money::{Checked, too_large};
use crate::rounding::Rounding;
use crate::rules::{
    PhaseInAfter, Snapshot, Sourced, Timeline, TotalRule, TransitionalBase, TransitionalIndexRule,
    TransitionalMethod, TransitionalYears,
};
use crate::time::{Age, YearMonth};
use crate::trace::{ParamUse, Step, Tracer};

use super::overrides::{self, Applied};
use crate::rules::family::CoefficientSlot;

/// The money rounding of one component: its own rule where the rule set has
/// one (`rounding.basic_pension` …), else `rounding.money`.
pub(super) fn component_rounding(
    own: &Timeline<Rounding>,
    money: &Sourced<Rounding>,
    date: NaiveDate,
) -> Result<Sourced<Rounding>, Error> {
    Ok(optional(own, date)?.unwrap_or_else(|| money.clone()))
}

/// 计发基数 C: given in the input, else the rule set's base for the
/// retirement year (the province's average wage of the year before); a
/// provisional base (预发) is noted, to be recomputed ([`super::recompute`]).
/// Also whether it is provisional.
pub(super) fn pension_base(
    input: &AwardInput,
    snap: &Snapshot,
    month: YearMonth,
    notes: &mut Vec<Note>,
    tracer: &mut Tracer,
) -> Result<(Decimal, bool), Error> {
    let (c, provisional) = match input.pension_base {
        Some(c) => {
            tracer.step(|| {
                Step::new(
                    "pension_base",
                    "计发基数",
                    c,
                    "given in the input (overrides the rule set)",
                )
                .input("pension_base", c)
            });
            (c, false)
        }
        None => {
            let s = snap.award.pension_base.get(month.year())?;
            let prov = s.provenance.provisional;
            tracer.step(|| {
                Step::new(
                    "pension_base",
                    "计发基数",
                    s.value,
                    format!(
                        "the base for people retiring in {}{}",
                        month.year(),
                        if prov {
                            " — provisional (预发): the year's base was not yet published"
                        } else {
                            ""
                        }
                    ),
                )
                .param(ParamUse::keyed(&s, month.year()))
            });
            if prov {
                notes.push(Note {
                    code: "provisional_base",
                    message: format!(
                        "the {} pension base {} is provisional (预发){}; recompute when the final base is published",
                        month.year(),
                        s.value,
                        snap.known_on
                            .map(|k| format!(" as known on {k}"))
                            .unwrap_or_default()
                    ),
                    zh: format!(
                        "{}年计发基数 {} 为预发基数{}；正式基数公布后应重新核定并补发差额",
                        month.year(),
                        s.value,
                        snap.known_on
                            .map(|k| format!("（截至 {k}）"))
                            .unwrap_or_default()
                    ),
                });
            }
            (s.value, prov)
        }
    };
    Ok((c, provisional))
}

/// N, the contribution years (累计缴费年限): (actual + deemed months) / 12,
/// rounded where the rule set says (`rounding.years`), else exact — then
/// kept as a fraction `num / den` so that the basic pension is exact.
pub(super) struct Years {
    /// N as reported.
    pub(super) value: Decimal,
    /// N = `num / den`.
    num: Decimal,
    den: Decimal,
    /// `rounding.years`, where the rule set has it.
    rounding: Option<Sourced<Rounding>>,
}

/// N from the summary figures; one `years` step.
pub(super) fn years(
    f: &Summary,
    snap: &Snapshot,
    date: NaiveDate,
    tracer: &mut Tracer,
) -> Result<Years, Error> {
    let (contribution_months, deemed_months, total_months) = (
        f.contribution_exact.normalize(),
        f.deemed_exact.normalize(),
        f.total_exact.normalize(),
    );
    let months_dec = f.total_exact;
    let twelve = Decimal::from(12);
    let years_rounding = optional(&snap.rounding.years, date)?;
    let years_exact = months_dec / twelve;
    let (years, years_num, years_den) = match &years_rounding {
        Some(r) => {
            let y = r.value.apply(years_exact);
            (y, y, Decimal::ONE)
        }
        None => (years_exact, months_dec, twelve),
    };
    tracer.step(|| {
        let mut st = Step::new(
            "years",
            "累计缴费年限",
            years.round_dp(4).normalize(),
            match &years_rounding {
                Some(r) => format!(
                    "({contribution_months} + {deemed_months}) / 12 = {}, rounded ({})",
                    years_exact.round_dp(6).normalize(),
                    r.value
                ),
                None => format!(
                    "({contribution_months} + {deemed_months}) / 12 = {total_months}/12, kept exact (no rounding rule)"
                ),
            },
        );
        if let Some(r) = &years_rounding {
            st = st.param(ParamUse::of(r));
        }
        st
    });
    Ok(Years {
        value: years,
        num: years_num,
        den: years_den,
        rounding: years_rounding,
    })
}

/// The base of the flat half of the basic pension where the rule set gives
/// it one apart from C (`award.flat_part_base`, by retirement year: Jilin,
/// Henan); `None` where the flat half uses C (国发〔2005〕38号 第六条).
pub(super) fn flat_part_base(
    input: &AwardInput,
    snap: &Snapshot,
    month: YearMonth,
    tracer: &mut Tracer,
) -> Result<Option<Decimal>, Error> {
    if snap.award.flat_part_base.is_empty() {
        return match input.flat_part_base {
            Some(_) => Err(Error::field(
                "flat_part_base",
                format!(
                    "rule set `{}` has no separate base for the flat half of the basic pension (award.flat_part_base): its flat half is on C (pension_base)",
                    snap.identity.id
                ),
            )),
            None => Ok(None),
        };
    }
    if let Some(b) = input.flat_part_base {
        tracer.step(|| {
            Step::new(
                "flat_part_base",
                "基础养老金均值部分基数",
                b,
                "given in the input (overrides the rule set)",
            )
            .input("flat_part_base", b)
        });
        return Ok(Some(b));
    }
    let b = snap.award.flat_part_base.get(month.year())?;
    tracer.step(|| {
        Step::new(
            "flat_part_base",
            "基础养老金均值部分基数",
            b.value,
            format!(
                "the base of the flat half of the basic pension for people retiring in {} (the indexed half uses C)",
                month.year()
            ),
        )
        .param(ParamUse::keyed(&b, month.year()))
    });
    Ok(Some(b.value))
}

/// The basic pension and the indexed wage it rests on.
pub(super) struct Basic {
    /// 基础养老金, rounded.
    pub(super) value: Decimal,
    /// Before rounding.
    pub(super) exact: Decimal,
    /// 本人指数化月平均缴费工资 C × Ī, rounded.
    pub(super) indexed_wage: Decimal,
    /// `award.basic_rate_per_year` (1 % a year).
    pub(super) rate: Decimal,
    /// (B + C × Ī) / 2, exact: the average the basic pension pays a share of
    /// (B = C unless the flat half has its own base).
    pub(super) average: Decimal,
    /// The rate per month beyond whole years, where the rule set has one.
    pub(super) month_rate: Option<Decimal>,
}

/// 基础养老金 = (B + C × Ī) / 2 × N × 1 % (国发〔2005〕38号 第六条: the average
/// of the base and the indexed wage, 1 % for each year; B = C unless the
/// province gives the flat half its own base; the rate may be replaced by a
/// coefficient override whose `when` holds, see [`super::overrides`]);
/// `indexed_wage` and `basic_pension` steps.
#[allow(clippy::too_many_arguments)]
pub(super) fn basic_pension(
    input: &AwardInput,
    c: Decimal,
    flat: Option<Decimal>,
    f: &Summary,
    n: &Years,
    snap: &Snapshot,
    date: NaiveDate,
    money: &Sourced<Rounding>,
    tracer: &mut Tracer,
) -> Result<Basic, Error> {
    let (average_index, total_months) = (f.average_index, f.total_exact);
    let (years, years_num, years_den, years_rounding) = (n.value, n.num, n.den, &n.rounding);
    let slot = CoefficientSlot::BasicRatePerYear;
    let months = (f.contribution_exact, f.deemed_exact);
    let rate = overrides::resolve(slot, input, months, snap, date, || {
        let own = snap.award.basic_rate_per_year.at(date)?;
        Ok(Applied::plain(
            own.value,
            vec![ParamUse::of(&own)],
            slot,
            snap,
            date,
        ))
    })?;
    let month_rate = optional(&snap.award.basic_rate_per_extra_month, date)?;
    let b = flat.unwrap_or(c);
    let indexed_exact = c.checked_mul(average_index).or_too_large(WHOLE_INPUT)?;
    let sum = b.checked_add(indexed_exact).or_too_large(WHOLE_INPUT)?;
    // The share of the average paid: N × rate, or whole years × rate +
    // remaining months × the monthly rate (Shanghai).
    let whole = (total_months / Decimal::from(12)).floor();
    let rest = total_months - whole * Decimal::from(12);
    // Every product before the one division: N = num / den is a repeating
    // decimal (475 / 12 = 39.58333…), and dividing first would round a
    // half fen away (31 524.96 × 475 × 1 % / 24 = 6 239.315 exactly).
    let basic_exact = match &month_rate {
        None => sum
            .checked_mul(years_num)
            .and_then(|x| x.checked_mul(rate.value))
            .and_then(|x| x.checked_div(years_den * Decimal::TWO)),
        Some(m) => whole
            .checked_mul(rate.value)
            .and_then(|x| x.checked_add(rest * m.value))
            .and_then(|share| sum.checked_mul(share))
            .and_then(|x| x.checked_div(Decimal::TWO)),
    }
    .or_too_large(WHOLE_INPUT)?;
    let basic = money.value.apply(basic_exact);
    let indexed_wage = money.value.apply(indexed_exact);
    tracer.step(|| {
        Step::new(
            "indexed_wage",
            "本人指数化月平均缴费工资",
            indexed_wage,
            format!("C × Ī = {c} × {average_index}"),
        )
        .param(ParamUse::of(money))
    });
    tracer.step(|| {
        let (shape, values) = match flat {
            None => (
                "C × (1 + Ī) / 2",
                format!("{c} × (1 + {average_index}) / 2"),
            ),
            Some(b) => (
                "(B + C × Ī) / 2",
                format!("({b} + {c} × {average_index}) / 2"),
            ),
        };
        let (part_words, part_values) = match &month_rate {
            None => (
                "N × rate".to_string(),
                format!(
                    "{} × {}",
                    years_text(years, years_rounding, total_months),
                    rate.value
                ),
            ),
            Some(m) => (
                "(whole years × rate + months × monthly rate)".to_string(),
                format!("({whole} × {} + {rest} × {})", rate.value, m.value),
            ),
        };
        let mut st = Step::new(
            "basic_pension",
            "基础养老金",
            basic,
            format!(
                "{shape} × {part_words} = {values} × {part_values} = {}, rounded ({})",
                basic_exact.round_dp(6).normalize(),
                money.value
            ),
        )
        .input("average_index", average_index);
        st = rate.explain(st, "rate");
        if let Some(m) = &month_rate {
            st = st.param(ParamUse::of(m));
        }
        st.param(ParamUse::of(money))
    });
    Ok(Basic {
        value: basic,
        exact: basic_exact,
        indexed_wage,
        rate: rate.value,
        average: sum / Decimal::TWO,
        month_rate: month_rate.map(|m| m.value),
    })
}

/// The account pension and what it divides.
pub(super) struct AccountPension {
    /// 个人账户储存额 B.
    pub(super) balance: Decimal,
    /// 计发月数 M.
    pub(super) divisor: Decimal,
    /// 个人账户养老金, rounded.
    pub(super) value: Decimal,
    /// Before rounding.
    pub(super) exact: Decimal,
}

/// 个人账户养老金 = B / M (国发〔2005〕38号 第六条; M from the 计发月数表 of its
/// 附件 by the age at retirement): B given, else the ledger of the history
/// closed at retirement ([`crate::account::from_history`]).
pub(super) fn account_pension(
    input: &AwardInput,
    age: Age,
    snap: &Snapshot,
    date: NaiveDate,
    money: &Sourced<Rounding>,
    tracer: &mut Tracer,
) -> Result<AccountPension, Error> {
    let month = input.retirement_month;
    let balance = match (input.account_balance, &input.history) {
        (Some(b), _) => b,
        (None, Some(history)) => {
            let rates = input.account_rates.clone().unwrap_or_default();
            crate::account::from_history(history, month, &rates, snap, tracer)?.balance
        }
        (None, None) => Decimal::ZERO, // refused by validation
    };
    let divisor = annuity_divisor(snap, age, date, tracer)?;
    let account_exact = balance.checked_div(divisor).or_too_large(WHOLE_INPUT)?;
    let account = money.value.apply(account_exact);
    tracer.step(|| {
        Step::new(
            "account_pension",
            "个人账户养老金",
            account,
            format!(
                "B / M = {balance} / {divisor} = {}, rounded ({})",
                account_exact.round_dp(6).normalize(),
                money.value
            ),
        )
        .input("account_balance", balance)
        .param(ParamUse::of(money))
    });
    Ok(AccountPension {
        balance,
        divisor,
        value: account,
        exact: account_exact,
    })
}

/// The transitional pension and its terms.
pub(super) struct Transitional {
    /// 过渡性养老金, rounded.
    pub(super) value: Decimal,
    /// Before rounding.
    pub(super) exact: Decimal,
    /// The months it counts: deemed months (and, in some provinces, months
    /// before the account).
    pub(super) months: u32,
    /// Those months in years, as the formula uses them (rounded where the
    /// rule set says, `rounding.transitional_years`).
    pub(super) years: Decimal,
    /// The index it uses.
    pub(super) index: Decimal,
    /// k, the province's coefficient, where the rule set defines one.
    pub(super) coefficient: Option<Decimal>,
    /// The template's slots as filled, where the rule set defines one.
    pub(super) formula: Option<TransitionalFormula>,
    /// The old/new method phase-in, where the retirement year has one.
    pub(super) phase_in: Option<PhaseIn>,
    /// Given in the input (`award.transitional_method = given`).
    pub(super) given: bool,
    /// The weighted-years method as computed
    /// (`award.transitional_method = weighted_years`).
    pub(super) weighted: Option<super::weighted_years::WeightedYears>,
}

/// 过渡性养老金 = base × index × years × k: 国发〔2005〕38号 第六条 pays it to
/// those who joined before the reform and leaves the formula to the
/// provinces. The rule set fills the template's slots: the base
/// (`award.transitional_base`: C, or the basic pension's average
/// (C + C·Ī)/2), the index (`award.transitional_index_rule`: Ī, a separate
/// transitional index, 1, or max(Ī, 1)), the years
/// (`award.transitional_years`, rounded by `rounding.transitional_years`)
/// and k (`award.transitional_coefficient`, the higher
/// `award.transitional_coefficient_above` beyond
/// `award.transitional_threshold_months` actual months). Zero, with a note
/// for deemed months, where the rule set defines no coefficient.
#[allow(clippy::too_many_arguments)]
pub(super) fn transitional_pension(
    input: &AwardInput,
    c: Decimal,
    basic_average: Decimal,
    f: &Summary,
    snap: &Snapshot,
    money: &Sourced<Rounding>,
    notes: &mut Vec<Note>,
    tracer: &mut Tracer,
) -> Result<Transitional, Error> {
    let date = input.retirement_month.first_day();
    let (average_index, deemed_months) = (f.average_index, f.deemed_months);
    let twelve = Decimal::from(12);
    let method = optional(&snap.award.transitional_method, date)?;
    if let Some(m) = method
        .as_ref()
        .filter(|m| m.value == TransitionalMethod::Given)
    {
        return given(input, f, m, snap, money, tracer);
    }
    if input.transitional_pension.is_some() {
        return Err(Error::field(
            "transitional_pension",
            format!(
                "rule set `{}` computes the transitional pension itself; give it only where the rule set says `award.transitional_method = given`",
                snap.identity.id
            ),
        ));
    }
    if let Some(m) = method
        .as_ref()
        .filter(|m| m.value == TransitionalMethod::WeightedYears)
    {
        return super::weighted_years::transitional(input, c, f, m, snap, money, tracer);
    }
    let Some(k) = coefficient(input, f, snap, date)? else {
        tracer.step(|| {
            Step::new(
                "transitional_pension",
                "过渡性养老金",
                Decimal::ZERO,
                "0: the rule set defines no transitional pension — 国发〔2005〕38号 leaves it to the provinces (docs/sources.md §2.1)",
            )
        });
        if deemed_months > 0 {
            notes.push(Note {
                code: "no_transitional_rule",
                message: format!(
                    "{deemed_months} deemed months earn no transitional pension here: the province decides it and rule set `{}` defines none",
                    snap.identity.id
                ),
                zh: format!(
                    "视同缴费 {deemed_months} 个月不计过渡性养老金：过渡性养老金由省级规定，规则集 `{}` 未定义",
                    snap.identity.id
                ),
            });
        }
        return Ok(Transitional {
            value: money.value.apply(Decimal::ZERO),
            exact: Decimal::ZERO,
            months: 0,
            years: Decimal::ZERO,
            index: input.transitional_index.unwrap_or(average_index),
            coefficient: None,
            formula: None,
            phase_in: None,
            given: false,
            weighted: None,
        });
    };

    // The years slot.
    let which = snap.award.transitional_years.at(date)?;
    // Exact months (a sheet's half deemed month kept); whole for display.
    let t_exact = match which.value {
        TransitionalYears::DeemedOnly => f.deemed_exact,
        TransitionalYears::DeemedAndPreAccount => match f.pre_account_total {
            Some(total) => Decimal::from(total),
            None => f.deemed_exact + Decimal::from(f.pre_account),
        },
    };
    let t_months = rust_decimal::prelude::ToPrimitive::to_u32(&t_exact.floor())
        .ok_or_else(|| too_large(WHOLE_INPUT))?;
    let years_rounding = optional(&snap.rounding.transitional_years, date)?;
    let months_dec = t_exact;
    let (t_years, num, den) = match &years_rounding {
        Some(r) => {
            let y = r.value.apply(months_dec / twelve);
            (y, y, Decimal::ONE)
        }
        None => (months_dec / twelve, months_dec, twelve),
    };

    // The base slot.
    let base_rule = optional(&snap.award.transitional_base, date)?;
    let base = match base_rule.as_ref().map(|b| b.value) {
        None | Some(TransitionalBase::PensionBase) => c,
        Some(TransitionalBase::BasicAverage) => basic_average,
    };

    // The index slot.
    let index_rule = optional(&snap.award.transitional_index_rule, date)?;
    let given = input.transitional_index;
    let (t_index, index_text) = match index_rule.as_ref().map(|r| r.value) {
        None | Some(TransitionalIndexRule::AverageIndex) => match given {
            Some(t) => (t, format!("{t} (given)")),
            None => (average_index, format!("{average_index} (= average index)")),
        },
        Some(TransitionalIndexRule::Separate) => match given {
            Some(t) => (t, format!("{t} (the separate transitional index, given)")),
            // No transitional years: nothing for an index to multiply.
            None if t_months == 0 => (Decimal::ZERO, "none needed (no transitional years)".into()),
            None => {
                let r = index_rule.as_ref().map(|r| r.provenance.source.clone());
                return Err(Error::field(
                    "transitional_index",
                    format!(
                        "required: rule set `{}` computes the transitional pension with a separate transitional index (过渡性养老金平均缴费指数; award.transitional_index_rule = separate: {})",
                        snap.identity.id,
                        r.unwrap_or_default()
                    ),
                ));
            }
        },
        Some(TransitionalIndexRule::One) => {
            if given.is_some() {
                notes.push(Note {
                    code: "transitional_index_unused",
                    message: "transitional_index is not used: the rule set's transitional pension has no index slot (index 1)".into(),
                    zh: "未使用所给过渡性养老金指数：本规则集的过渡性养老金公式不含缴费指数（按 1 计）".into(),
                });
            }
            (Decimal::ONE, "1 (the formula has no index)".into())
        }
        Some(TransitionalIndexRule::AverageIndexFloorOne) => {
            let t = given.unwrap_or(average_index);
            let floored = t.max(Decimal::ONE);
            (floored, format!("max({t}, 1) = {floored}"))
        }
    };

    let exact = base
        .checked_mul(t_index)
        .and_then(|x| x.checked_mul(num))
        .and_then(|x| x.checked_mul(k.value))
        .and_then(|x| x.checked_div(den))
        .or_too_large(WHOLE_INPUT)?;
    let notional = notional_part(input, snap, date, tracer)?;
    let window = window_part(f, c, snap, date, tracer)?;
    let exact = [notional.map(|n| n.0), window.map(|w| w.0)]
        .into_iter()
        .flatten()
        .try_fold(exact, |x, part| x.checked_add(part))
        .or_too_large(WHOLE_INPUT)?;
    let new_value = money.value.apply(exact);
    tracer.step(|| {
        let base_text = match base_rule.as_ref().map(|b| b.value) {
            Some(TransitionalBase::BasicAverage) => format!(
                "(C + C × Ī) / 2 = {}",
                basic_average.round_dp(6).normalize()
            ),
            _ => format!("C = {c}"),
        };
        let t = t_exact.normalize();
        let years_text = match &years_rounding {
            Some(r) => format!("{t}/12 → {} ({})", t_years.normalize(), r.value),
            None => format!("{t}/12"),
        };
        let mut st = Step::new(
            "transitional_pension",
            "过渡性养老金",
            new_value,
            match notional {
                None => format!(
                    "base × index × years × k = {base_text} × {t_index} × {years_text} × {} = {}, rounded ({})",
                    k.value,
                    exact.round_dp(6).normalize(),
                    money.value
                ),
                Some((n, _, _)) => format!(
                    "base × index × years × k + notional account part = {base_text} × {t_index} × {years_text} × {} + {} = {}, rounded ({})",
                    k.value,
                    n.round_dp(6).normalize(),
                    exact.round_dp(6).normalize(),
                    money.value
                ),
            },
        )
        .input("transitional_index", index_text)
        .input("transitional_months", t_months);
        st = k.explain(st, "k");
        st = st.param(ParamUse::of(&which));
        if let Some(b) = &base_rule {
            st = st.param(ParamUse::of(b));
        }
        if let Some(i) = &index_rule {
            st = st.param(ParamUse::of(i));
        }
        if let Some(r) = &years_rounding {
            st = st.param(ParamUse::of(r));
        }
        st.param(ParamUse::of(money))
    });
    let phase_in = phase_in(input, f, new_value, snap, money, tracer)?;
    let (value, exact) = match &phase_in {
        Some(p) => (p.payable, p.payable_exact),
        None => (new_value, exact),
    };
    Ok(Transitional {
        value,
        exact,
        months: t_months,
        years: t_years,
        index: t_index,
        coefficient: Some(k.value),
        formula: Some(TransitionalFormula {
            base: base_rule
                .as_ref()
                .map_or(TransitionalBase::PensionBase, |b| b.value)
                .name(),
            base_value: base,
            index: index_rule
                .as_ref()
                .map_or(TransitionalIndexRule::AverageIndex, |r| r.value)
                .name(),
            years: which.value.name(),
            notional_account: notional.map(|n| n.1),
            notional_divisor: notional.map(|n| n.2),
            window: window.map(|w| TransitionalWindow {
                months: w.1,
                index: w.2,
                coefficient: w.3,
            }),
        }),
        phase_in,
        given: false,
        weighted: None,
    })
}

/// The transitional template as filled for one award: the names of the
/// slots' variants (as in the rule files) and the base slot's value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct TransitionalFormula {
    /// `pension_base` (C) or `basic_average` ((B + C·Ī)/2).
    pub base: &'static str,
    /// The base slot's value (exact).
    pub base_value: Decimal,
    /// `average_index`, `separate`, `one` or `average_index_floor_one`.
    pub index: &'static str,
    /// `deemed_only` or `deemed_and_pre_account`.
    pub years: &'static str,
    /// The notionally credited account added over a divisor (Shanghai).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notional_account: Option<Decimal>,
    /// Its divisor (`award.transitional_notional_divisor`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notional_divisor: Option<Decimal>,
    /// The window part (Beijing G实), where the rule set has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<TransitionalWindow>,
}

/// The window part of a transitional pension: C × index × months / 12 × k.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct TransitionalWindow {
    /// Actual contribution months in the window.
    pub months: u32,
    /// Their own average index.
    pub index: Decimal,
    /// `award.transitional_window_coefficient`.
    pub coefficient: Decimal,
}

/// A transitional pension under an old/new method phase-in (新老办法过渡):
/// both methods and the amount payable.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct PhaseIn {
    /// The new method's transitional pension (the template), rounded.
    pub new_method: Decimal,
    /// The old method's, as given in the input (`old_transitional_pension`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_method: Option<Decimal>,
    /// The share of the gain (new − old, where positive) paid for the
    /// retirement year (`award.transitional_phase_in`).
    pub share: Decimal,
    /// old + max(new − old, 0) × share (the new method alone at a share of 1
    /// without an old amount), rounded.
    pub payable: Decimal,
    /// The same before rounding.
    #[serde(skip)]
    pub payable_exact: Decimal,
    /// 缴费年限津贴 inside the computed old method
    /// (`award.transitional_old_per_year` × whole contribution years).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years_allowance: Option<Decimal>,
}

/// 新老办法过渡: where the rule set phases a new transitional method in by
/// retirement year (`award.transitional_phase_in`: Jiangsu 40 / 70 / 100 %
/// of the gain for 2024 / 2025 / 2026 retirees), the payable amount is the
/// old method's plus that share of the gain. The old method's amount comes
/// from the input (`old_transitional_pension`: required unless the share
/// is 1), or is computed where the rule set says how
/// (`award.transitional_old_divisor`: the input's `notional_account` over
/// the divisor, plus `award.transitional_old_per_year` × whole contribution
/// years — Guangdong). A year before the first listed pays the old method
/// (share 0); a year after the last keeps the last share, or pays the new
/// method alone (`award.transitional_phase_in_after = new_method`: `None`).
pub(super) fn phase_in(
    input: &AwardInput,
    f: &Summary,
    new: Decimal,
    snap: &Snapshot,
    money: &Sourced<Rounding>,
    tracer: &mut Tracer,
) -> Result<Option<PhaseIn>, Error> {
    let series = &snap.award.transitional_phase_in;
    if series.is_empty() {
        return Ok(None);
    }
    let date = input.retirement_month.first_day();
    let year = input.retirement_month.year();
    let key = series.years().filter(|y| *y <= year).max();
    let after = optional(&snap.award.transitional_phase_in_after, date)?;
    if let (Some(a), Some(last)) = (&after, series.years().max())
        && a.value == PhaseInAfter::NewMethod
        && year > last
    {
        tracer.step(|| {
            Step::new(
                "transitional_phase_in",
                "新老办法过渡",
                new,
                format!("over: retirees after {last} are paid the new method alone"),
            )
            .param(ParamUse::of(a))
        });
        return Ok(None);
    }
    let share = match key {
        Some(y) => Some(series.get(y)?),
        None => None,
    };
    let share_value = share.as_ref().map_or(Decimal::ZERO, |s| s.value);
    let computed = old_method(input, f, snap, date, money, tracer)?;
    let years_allowance = computed.and_then(|c| c.1);
    let old = computed.map(|c| c.0).or(input.old_transitional_pension);
    let (payable_exact, text) = match old {
        None if share_value == Decimal::ONE => (new, "the new method alone (share 1)".to_string()),
        None => {
            return Err(Error::field(
                "old_transitional_pension",
                format!(
                    "required: rule set `{}` pays retirees of {year} the old-method transitional pension plus {} of the new method's gain (新老办法过渡, award.transitional_phase_in{}); give the old method's amount",
                    snap.identity.id,
                    share_value.normalize(),
                    share
                        .as_ref()
                        .map(|s| format!(": {}", s.provenance.source))
                        .unwrap_or_default()
                ),
            ));
        }
        Some(old) => {
            let gain = new
                .checked_sub(old)
                .or_too_large(WHOLE_INPUT)?
                .max(Decimal::ZERO);
            let p = gain
                .checked_mul(share_value)
                .and_then(|g| g.checked_add(old))
                .or_too_large(WHOLE_INPUT)?;
            (
                p,
                format!(
                    "old + max(new − old, 0) × share = {old} + max({new} − {old}, 0) × {} = {}",
                    share_value.normalize(),
                    p.round_dp(6).normalize()
                ),
            )
        }
    };
    let payable = money.value.apply(payable_exact);
    tracer.step(|| {
        let mut st = Step::new(
            "transitional_phase_in",
            "新老办法过渡",
            payable,
            format!("{text}, rounded ({})", money.value),
        )
        .input("new_method", new);
        if let Some(o) = input.old_transitional_pension {
            st = st.input("old_transitional_pension", o);
        }
        if let (Some(s), Some(y)) = (&share, key) {
            st = st.param(ParamUse::keyed(s, y));
        }
        st.param(ParamUse::of(money))
    });
    Ok(Some(PhaseIn {
        new_method: new,
        old_method: old,
        share: share_value,
        payable,
        payable_exact,
        years_allowance,
    }))
}

/// 原办法过渡性养老金 computed from the notional account, where the rule set
/// says how (`award.transitional_old_divisor`): 视同账户额 ÷ divisor, rounded
/// to money, plus `award.transitional_old_per_year` × whole contribution
/// years (缴费年限津贴). `None` where the rule set has no divisor. The input's
/// `notional_account` is required; an `old_transitional_pension` besides is
/// refused (the rule set computes it).
fn old_method(
    input: &AwardInput,
    f: &Summary,
    snap: &Snapshot,
    date: NaiveDate,
    money: &Sourced<Rounding>,
    tracer: &mut Tracer,
) -> Result<Option<(Decimal, Option<Decimal>)>, Error> {
    let Some(d) = optional(&snap.award.transitional_old_divisor, date)? else {
        return Ok(None);
    };
    let why = format!(
        "rule set `{}` computes the old-method transitional pension as 视同账户额 ÷ {} (award.transitional_old_divisor: {})",
        snap.identity.id,
        d.value.normalize(),
        d.provenance.source
    );
    let mut errs = vec![];
    if input.old_transitional_pension.is_some() {
        errs.push(FieldError {
            path: "old_transitional_pension".into(),
            message: format!("not used: {why}; give notional_account instead"),
        });
    }
    if input.notional_account.is_none() {
        errs.push(FieldError {
            path: "notional_account".into(),
            message: format!("required: {why}; give the 视同账户额 (0 if none)"),
        });
    }
    if !errs.is_empty() {
        return Err(Error::Input(InputErrors(errs)));
    }
    let acct = input.notional_account.unwrap_or_default();
    let part = money
        .value
        .apply(acct.checked_div(d.value).or_too_large(WHOLE_INPUT)?);
    let per_year = optional(&snap.award.transitional_old_per_year, date)?;
    let whole_years = (f.total_exact / Decimal::from(12)).floor();
    let allowance = match &per_year {
        Some(p) => Some(p.value.checked_mul(whole_years).or_too_large(WHOLE_INPUT)?),
        None => None,
    };
    let old = part
        .checked_add(allowance.unwrap_or_default())
        .or_too_large(WHOLE_INPUT)?;
    tracer.step(|| {
        let mut st = Step::new(
            "transitional_old_method",
            "原办法过渡性养老金",
            old,
            match (&per_year, allowance) {
                (Some(p), Some(a)) => format!(
                    "notional account ÷ divisor, rounded ({}), + per year × whole contribution years = {acct} ÷ {} → {part} + {} × {whole_years} = {part} + {a}",
                    money.value,
                    d.value.normalize(),
                    p.value
                ),
                _ => format!(
                    "notional account ÷ divisor, rounded ({}) = {acct} ÷ {} → {part}",
                    money.value,
                    d.value.normalize()
                ),
            },
        )
        .input("notional_account", acct)
        .param(ParamUse::of(&d));
        if let Some(p) = &per_year {
            st = st.param(ParamUse::of(p));
        }
        st.param(ParamUse::of(money))
    });
    Ok(Some((old, allowance)))
}

/// The transitional pension as the input gives it, where the province's
/// formula needs figures the engine does not model
/// (`award.transitional_method = given`); missing, a typed error naming the
/// field and the provincial rule — never a silent zero.
fn given(
    input: &AwardInput,
    f: &Summary,
    method: &Sourced<TransitionalMethod>,
    snap: &Snapshot,
    money: &Sourced<Rounding>,
    tracer: &mut Tracer,
) -> Result<Transitional, Error> {
    let Some(t) = input.transitional_pension else {
        return Err(Error::field(
            "transitional_pension",
            format!(
                "required: rule set `{}` does not model this province's transitional pension formula ({}{}); give the amount the agency computed",
                snap.identity.id,
                method.provenance.source,
                method
                    .provenance
                    .note
                    .as_ref()
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default()
            ),
        ));
    };
    let value = money.value.apply(t);
    tracer.step(|| {
        Step::new(
            "transitional_pension",
            "过渡性养老金",
            value,
            "given in the input: the province's formula needs figures the engine does not model",
        )
        .input("transitional_pension", t)
        .param(ParamUse::of(method))
        .param(ParamUse::of(money))
    });
    Ok(Transitional {
        value,
        exact: t,
        months: f.deemed_months,
        years: Decimal::from(f.deemed_months) / Decimal::from(12),
        index: input.transitional_index.unwrap_or(f.average_index),
        coefficient: None,
        formula: None,
        phase_in: None,
        given: true,
        weighted: None,
    })
}

/// The notionally credited account's part of the transitional pension
/// (`award.transitional_notional_divisor`: Shanghai adds 虚账实记 ÷ 120):
/// the input's `notional_account` over the divisor, exact (with the account
/// and the divisor); `None` where the
/// rule set has no such part. Missing input: a typed error naming it.
fn notional_part(
    input: &AwardInput,
    snap: &Snapshot,
    date: NaiveDate,
    tracer: &mut Tracer,
) -> Result<Option<(Decimal, Decimal, Decimal)>, Error> {
    let Some(d) = optional(&snap.award.transitional_notional_divisor, date)? else {
        return Ok(None);
    };
    let Some(acct) = input.notional_account else {
        return Err(Error::field(
            "notional_account",
            format!(
                "required: rule set `{}` adds the notionally credited account (虚账实记 / 视同缴费账户额) ÷ {} to the transitional pension ({})",
                snap.identity.id,
                d.value.normalize(),
                d.provenance.source
            ),
        ));
    };
    let part = acct.checked_div(d.value).or_too_large(WHOLE_INPUT)?;
    tracer.step(|| {
        Step::new(
            "transitional_notional",
            "视同缴费账户部分",
            part.round_dp(6).normalize(),
            format!(
                "notional account ÷ divisor = {acct} ÷ {}",
                d.value.normalize()
            ),
        )
        .input("notional_account", acct)
        .param(ParamUse::of(&d))
    });
    Ok(Some((part, acct, d.value)))
}

/// The window part of the transitional pension
/// (`award.transitional_window_coefficient`: Beijing adds G实 = C × Z实 ×
/// actual years 1992-10 … 1998-06 × 1 %): C × the input's
/// `transitional_window_index` × `transitional_window_months` / 12 × k,
/// exact (with months, index and k); `None` where the rule set has no such
/// part. Missing inputs: one typed error naming both.
fn window_part(
    f: &Summary,
    c: Decimal,
    snap: &Snapshot,
    date: NaiveDate,
    tracer: &mut Tracer,
) -> Result<Option<(Decimal, u32, Decimal, Decimal)>, Error> {
    let Some(k) = optional(&snap.award.transitional_window_coefficient, date)? else {
        return Ok(None);
    };
    // No months in the window: no part, and no index to give.
    let index_given = match f.window_months {
        Some(0) => Some(f.window_index.unwrap_or(Decimal::ZERO)),
        _ => f.window_index,
    };
    let (Some(months), Some(index)) = (f.window_months, index_given) else {
        let why = format!(
            "required: rule set `{}` adds the actual contribution years in its transitional window at their own index ({})",
            snap.identity.id, k.provenance.source
        );
        let missing: Vec<FieldError> = [
            ("transitional_window_months", f.window_months.is_none()),
            ("transitional_window_index", index_given.is_none()),
        ]
        .into_iter()
        .filter(|(_, m)| *m)
        .map(|(p, _)| FieldError {
            path: p.into(),
            message: why.clone(),
        })
        .collect();
        return Err(Error::Input(InputErrors(missing)));
    };
    let part = c
        .checked_mul(index)
        .and_then(|x| x.checked_mul(Decimal::from(months)))
        .and_then(|x| x.checked_mul(k.value))
        .and_then(|x| x.checked_div(Decimal::from(12)))
        .or_too_large(WHOLE_INPUT)?;
    tracer.step(|| {
        Step::new(
            "transitional_window",
            "过渡性养老金 实际缴费年限部分",
            part.round_dp(6).normalize(),
            format!(
                "C × window index × window months / 12 × k = {c} × {index} × {months}/12 × {}",
                k.value
            ),
        )
        .input("transitional_window_months", months)
        .input("transitional_window_index", index)
        .param(ParamUse::of(&k))
    });
    Ok(Some((part, months, index, k.value)))
}

/// A parameter that may be absent from the rule set.
pub(super) fn optional<T: Clone>(
    t: &Timeline<T>,
    date: NaiveDate,
) -> Result<Option<Sourced<T>>, Error> {
    if t.is_empty() {
        Ok(None)
    } else {
        Ok(Some(t.at(date)?))
    }
}

/// k: `award.transitional_coefficient`, or `award.transitional_coefficient_above`
/// where the actual contribution months exceed
/// `award.transitional_threshold_months` (Jilin: 1.4 % beyond 20 actual
/// years, else 1.2 %), or a coefficient override of the slot whose `when`
/// holds for the person (宁夏 知识分子, see [`super::overrides`]). `None`
/// where the rule set has no coefficient.
fn coefficient(
    input: &AwardInput,
    f: &Summary,
    snap: &Snapshot,
    date: NaiveDate,
) -> Result<Option<Applied>, Error> {
    let Some(k) = optional(&snap.award.transitional_coefficient, date)? else {
        return Ok(None);
    };
    let slot = CoefficientSlot::TransitionalCoefficient;
    let months = (f.contribution_exact, f.deemed_exact);
    overrides::resolve(slot, input, months, snap, date, || {
        let above = optional(&snap.award.transitional_coefficient_above, date)?;
        let threshold = optional(&snap.award.transitional_threshold_months, date)?;
        let k = match (above, threshold) {
            (Some(above), Some(t)) if f.contribution_months > t.value => above,
            _ => k,
        };
        Ok(Applied::plain(
            k.value,
            vec![ParamUse::of(&k)],
            slot,
            snap,
            date,
        ))
    })
    .map(Some)
}

/// A part of the total: its rounded amount and its exact one.
pub(super) struct Part {
    name: &'static str,
    rounded: Decimal,
    exact: Decimal,
}

impl Part {
    pub(super) fn new(name: &'static str, rounded: Decimal, exact: Decimal) -> Part {
        Part {
            name,
            rounded,
            exact,
        }
    }
}

/// 基本养老金合计 by `award.total_rule`: the sum of the rounded parts
/// (`sum_of_rounded`, the default), or their exact sum rounded once
/// (`rounded_sum`); either way rounded with `rounding.total` (absent:
/// `rounding.money`). The parts are the components and the local extras
/// that enter the total. One `total` step.
pub(super) fn total(
    parts: &[Part],
    snap: &Snapshot,
    date: NaiveDate,
    money: &Sourced<Rounding>,
    tracer: &mut Tracer,
) -> Result<Decimal, Error> {
    let rule = optional(&snap.award.total_rule, date)?;
    let rounding = component_rounding(&snap.rounding.total, money, date)?;
    let exact_sum = matches!(rule.as_ref().map(|r| r.value), Some(TotalRule::RoundedSum));
    let mut sum = Decimal::ZERO;
    for p in parts {
        sum = sum
            .checked_add(if exact_sum { p.exact } else { p.rounded })
            .or_too_large(WHOLE_INPUT)?;
    }
    let total = rounding.value.apply(sum);
    tracer.step(|| {
        let shown: Vec<String> = parts
            .iter()
            .filter(|p| p.name != "local_extras" || !p.rounded.is_zero() || !p.exact.is_zero())
            .map(|p| {
                if exact_sum {
                    p.exact.round_dp(6).normalize().to_string()
                } else {
                    p.rounded.to_string()
                }
            })
            .collect();
        let mut st = Step::new(
            "total",
            "基本养老金合计",
            total,
            if exact_sum {
                format!(
                    "the exact sum of the components rounded once = {} = {}, rounded ({})",
                    shown.join(" + "),
                    sum.round_dp(6).normalize(),
                    rounding.value
                )
            } else {
                format!("sum of the rounded components = {}", shown.join(" + "))
            },
        );
        if let Some(r) = &rule {
            st = st.param(ParamUse::of(r));
        }
        st.param(ParamUse::of(&rounding))
    });
    Ok(total)
}
