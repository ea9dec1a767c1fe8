//! 基本养老金 — the components of the pension under 国发〔2005〕38号 第六条:
//! the basic pension (基础养老金) from the base C (计发基数) and the years N,
//! the account pension (个人账户养老金) over the divisor (计发月数, 附件), the
//! provincial transitional pension (过渡性养老金), and their sum. Each is
//! rounded to money (`rounding.money`) and the total is the sum of the
//! rounded components.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::summary::Summary;
use super::{AwardInput, Note, WHOLE_INPUT, years_text};
use crate::annuity_divisor::annuity_divisor;
use crate::error::Error;
use crate::money::{Checked, too_large};
use crate::rounding::Rounding;
use crate::rules::{Snapshot, Sourced, TotalRule, TransitionalYears};
use crate::time::{Age, YearMonth};
use crate::trace::{ParamUse, Step, Tracer};

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
    let (contribution_months, deemed_months, total_months) =
        (f.contribution_months, f.deemed_months, f.total_months);
    let months_dec = Decimal::from(total_months);
    let twelve = Decimal::from(12);
    let years_rounding = if snap.rounding.years.is_empty() {
        None
    } else {
        Some(snap.rounding.years.at(date)?)
    };
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
}

/// 基础养老金 = C × (1 + Ī) / 2 × N × 1 % (国发〔2005〕38号 第六条: the average
/// of the base and the indexed wage, 1 % for each year); `indexed_wage` and
/// `basic_pension` steps.
pub(super) fn basic_pension(
    c: Decimal,
    f: &Summary,
    n: &Years,
    snap: &Snapshot,
    date: NaiveDate,
    money: &Sourced<Rounding>,
    tracer: &mut Tracer,
) -> Result<Basic, Error> {
    let (average_index, total_months) = (f.average_index, f.total_months);
    let (years, years_num, years_den, years_rounding) = (n.value, n.num, n.den, &n.rounding);
    let rate = snap.award.basic_rate_per_year.at(date)?;
    let one_plus = Decimal::ONE
        .checked_add(average_index)
        .or_too_large(WHOLE_INPUT)?;
    let basic_exact = c
        .checked_mul(one_plus)
        .and_then(|x| x.checked_mul(years_num))
        .and_then(|x| x.checked_mul(rate.value))
        .and_then(|x| x.checked_div(Decimal::TWO * years_den))
        .or_too_large(WHOLE_INPUT)?;
    let basic = money.value.apply(basic_exact);
    let indexed_wage = money
        .value
        .apply(c.checked_mul(average_index).or_too_large(WHOLE_INPUT)?);
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
        Step::new(
            "basic_pension",
            "基础养老金",
            basic,
            format!(
                "C × (1 + Ī) / 2 × N × rate = {c} × (1 + {average_index}) / 2 × {} × {} = {}, rounded ({})",
                years_text(years, years_rounding, total_months),
                rate.value,
                basic_exact.round_dp(6).normalize(),
                money.value
            ),
        )
        .input("average_index", average_index)
        .param(ParamUse::of(&rate))
        .param(ParamUse::of(money))
    });
    Ok(Basic {
        value: basic,
        exact: basic_exact,
        indexed_wage,
        rate: rate.value,
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
    /// S in months: deemed months (and, in some provinces, months before the
    /// account).
    pub(super) months: u32,
    /// The index it uses: given, else Ī.
    pub(super) index: Decimal,
    /// k, the province's coefficient, where the rule set defines one.
    pub(super) coefficient: Option<Decimal>,
}

/// 过渡性养老金 = C × Ī_t × S × k: 国发〔2005〕38号 第六条 pays it to those who
/// joined before the reform and leaves the formula to the provinces
/// (`award.transitional_coefficient`, `award.transitional_years`); zero, with
/// a note for deemed months, where the rule set defines none.
pub(super) fn transitional_pension(
    input: &AwardInput,
    c: Decimal,
    f: &Summary,
    snap: &Snapshot,
    money: &Sourced<Rounding>,
    notes: &mut Vec<Note>,
    tracer: &mut Tracer,
) -> Result<Transitional, Error> {
    let date = input.retirement_month.first_day();
    let (average_index, deemed_months, pre_account) =
        (f.average_index, f.deemed_months, f.pre_account);
    let twelve = Decimal::from(12);
    let t_index = input.transitional_index.unwrap_or(average_index);
    let coefficient = if snap.award.transitional_coefficient.is_empty() {
        None
    } else {
        Some(snap.award.transitional_coefficient.at(date)?)
    };
    let (transitional, transitional_exact, t_months) = match &coefficient {
        None => {
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
            (money.value.apply(Decimal::ZERO), Decimal::ZERO, 0)
        }
        Some(k) => {
            let which = snap.award.transitional_years.at(date)?;
            let t_months = match which.value {
                TransitionalYears::DeemedOnly => deemed_months,
                TransitionalYears::DeemedAndPreAccount => deemed_months
                    .checked_add(pre_account)
                    .ok_or_else(|| too_large(WHOLE_INPUT))?,
            };
            let exact = c
                .checked_mul(t_index)
                .and_then(|x| x.checked_mul(Decimal::from(t_months)))
                .and_then(|x| x.checked_mul(k.value))
                .and_then(|x| x.checked_div(twelve))
                .or_too_large(WHOLE_INPUT)?;
            let value = money.value.apply(exact);
            tracer.step(|| {
                Step::new(
                    "transitional_pension",
                    "过渡性养老金",
                    value,
                    format!(
                        "C × index × S × k = {c} × {t_index} × {t_months}/12 × {} = {}, rounded ({})",
                        k.value,
                        exact.round_dp(6).normalize(),
                        money.value
                    ),
                )
                .input(
                    "transitional_index",
                    if input.transitional_index.is_some() {
                        format!("{t_index} (given)")
                    } else {
                        format!("{t_index} (= average index)")
                    },
                )
                .input("transitional_months", t_months)
                .param(ParamUse::of(k))
                .param(ParamUse::of(&which))
                .param(ParamUse::of(money))
            });
            (value, exact, t_months)
        }
    };
    Ok(Transitional {
        value: transitional,
        exact: transitional_exact,
        months: t_months,
        index: t_index,
        coefficient: coefficient.map(|k| k.value),
    })
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
    let rule = if snap.award.total_rule.is_empty() {
        None
    } else {
        Some(snap.award.total_rule.at(date)?)
    };
    let rounding = if snap.rounding.total.is_empty() {
        money.clone()
    } else {
        snap.rounding.total.at(date)?
    };
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
