//! 个人账户 — the individual account ledger: postings (monthly credits, back
//! payments 补缴, transfers in and out, interest), the year-end close
//! (年度结息), partial-year closes on retirement, death or transfer, the balance
//! at any month, the yearly statement (the 个人权益记录单 figures: opening,
//! credits, interest, closing) and the inheritable balance on death.
//!
//! Law: 国发〔1997〕26号 第四条 (account at 11 %, personal part inheritable);
//! 劳办发〔1997〕116号 职工基本养老保险个人帐户管理暂行办法 附件3 (year-end formula);
//! 国发〔2005〕38号 第四条 (8 % from 2006, personal contributions only);
//! 人社部发〔2017〕31号 (one national 记账利率 from 2016); 社会保险法 第十四条
//! (the whole balance inheritable from 2011-07-01).
//!
//! Conventions (each one a rule-set parameter or stated here):
//! * **Full year**, `account.interest_convention`:
//!   `annual_1083`: interest = B × r + A × r × f / 2, where B is the previous
//!   year-end balance, f = `account.annual_interest_factor` (1.083) and A the
//!   year's net postings (credits, back payments, transfers in, posted interest,
//!   less transfers out: the 本年记账额 of the formula); `monthly_product`
//!   (exact 月积数): interest = B × r + Σ amountₙ × r × (13 − n) / 12, a posting in
//!   month n counting from the start of that month, a yearly total spread
//!   evenly over the twelve months (78/144 of a year).
//! * **Partial year** (close event in month m), `account.partial_year_convention`:
//!   interest = B × r × k / 12 + Σ amountₙ × r × (k + 1 − n) / 12 over the
//!   months n ≤ k, with k = m − 1 (`months_before_event`) or k = m
//!   (`months_through_event`); 劳办发〔1997〕116号 附件3, docs/sources.md §3.2: partial years are
//!   prorated by the months elapsed (provincial detail, confidence L).
//! * Each year's interest is rounded with `rounding.money` and added; the
//!   year-end balance carried into the next year is therefore exact to the fen.
//!   Balances inside a year exclude that year's interest, which is credited in
//!   the closing month (December or the event month).
//! * A back payment (补缴) for an earlier period is credited in the month it is
//!   posted and earns interest from then on, like any credit of that year;
//!   interest the payer was charged for the late period is a separate `interest`
//!   posting, if the agency credits it.
//! * Interest rates: `account.interest_rate` by year (national from 2016); a
//!   caller may supply or override years with `rates`. A year that needs a rate
//!   and has none is an error naming the year. A year with a zero balance and no
//!   postings, or a partial year in which no month earns interest, needs no rate.
//! * The personal-contribution part of each credit is tracked for the
//!   inheritance rule before 2011-07-01: given by the caller (`personal`), or
//!   derived as credit × individual rate / credit rate when the rule set has
//!   both rates for the month (from 2006: the whole credit); otherwise it is
//!   unknown (not assumed) and the trace says which posting made it unknown.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::contribution::{Contribution, pct};
use crate::error::{Error, FieldError};
use crate::json_fields::{Fields, join};
use crate::money;
use crate::rounding::Rounding;
use crate::rules::{Inheritance, InterestConvention, PartialYearConvention, Snapshot, Sourced};
use crate::time::YearMonth;
use crate::trace::{ParamUse, Step, Tracer};

/// What a posting does to the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PostingKind {
    /// 记账: the month's credit from contributions.
    Credit,
    /// 补缴: a credit paid late for an earlier period (`period_from`…`period_to`).
    BackPayment,
    /// 转入: an account balance moved in from another place.
    TransferIn,
    /// 转出: an amount moved out (a debit).
    TransferOut,
    /// 利息: interest posted by the agency (e.g. on a back payment); year-end
    /// interest is computed by the close, not posted by the caller.
    Interest,
}

impl PostingKind {
    /// The name used in inputs.
    pub fn name(self) -> &'static str {
        match self {
            PostingKind::Credit => "credit",
            PostingKind::BackPayment => "back_payment",
            PostingKind::TransferIn => "transfer_in",
            PostingKind::TransferOut => "transfer_out",
            PostingKind::Interest => "interest",
        }
    }
    /// Whether it takes money out.
    pub fn is_debit(self) -> bool {
        self == PostingKind::TransferOut
    }
}

impl std::fmt::Display for PostingKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One dated posting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Posting {
    /// The month it is posted in.
    pub month: YearMonth,
    /// What it is.
    pub kind: PostingKind,
    /// The amount (not negative; `transfer_out` takes it out).
    pub amount: Decimal,
    /// The part formed by the person's own contributions, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<Decimal>,
    /// First month a back payment covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_from: Option<YearMonth>,
    /// Last month a back payment covers (default `period_from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_to: Option<YearMonth>,
}

impl Posting {
    /// The account credit of an assessed month, with its personal part.
    ///
    /// ```
    /// use pension_rules::{account::Posting, contribution::{assess, ContributionInput, Employment}};
    /// use pension_rules::{rules::RuleSet, trace::Tracer};
    /// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
    /// let snap = rules.at("2024-03-01".parse().unwrap());
    /// let input = ContributionInput { month: "2024-03".parse().unwrap(),
    ///     wage: Some("6123.45".parse().unwrap()), employment: Employment::Employee, chosen_base: None };
    /// let p = Posting::credit_from(&assess(&input, &snap, &mut Tracer::new(false)).unwrap());
    /// assert_eq!(p.amount.to_string(), "489.88");
    /// ```
    pub fn credit_from(c: &Contribution) -> Posting {
        Posting {
            month: c.month,
            kind: PostingKind::Credit,
            amount: c.account_credit,
            personal: c.account_personal,
            period_from: None,
            period_to: None,
        }
    }
}

/// A credit in the vector format: by month, or a year's total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    /// The month credited (give this or `year`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<YearMonth>,
    /// The year whose total this is (give this or `month`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The amount credited.
    pub amount: Decimal,
    /// The part formed by the person's own contributions, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<Decimal>,
}

/// What ends the ledger mid-year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CloseKind {
    /// 退休: the balance at retirement funds the account pension.
    Retirement,
    /// 死亡: the inheritable part is worked out.
    Death,
    /// 转出: the whole balance moves to another place.
    TransferOut,
}

/// A partial-year close.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseEvent {
    /// What happens.
    pub event: CloseKind,
    /// The month it happens in.
    pub month: YearMonth,
}

/// The ledger to compute (the vector format's `account` input, extended).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountInput {
    /// Balance at the end of `opening_year`.
    #[serde(deserialize_with = "crate::bounds::plausible_amount")]
    pub opening_balance: Decimal,
    /// The year whose end the opening balance stands at.
    #[serde(deserialize_with = "crate::bounds::plausible_year")]
    pub opening_year: i32,
    /// Personal-contribution part of the opening balance, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_personal: Option<Decimal>,
    /// Credits by month or by year.
    #[serde(default)]
    pub credits: Vec<Credit>,
    /// Other postings (back payments, transfers, posted interest; credits too).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub postings: Vec<Posting>,
    /// Last year to close at year-end (or the year of `close`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::bounds::plausible_year_opt"
    )]
    pub through_year: Option<i32>,
    /// A partial-year close (retirement, death, transfer out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close: Option<CloseEvent>,
    /// Caller-supplied interest rates by year; they override the rule set.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rates: BTreeMap<i32, Decimal>,
}

impl AccountInput {
    /// Read from JSON, reporting every field problem at once with its path.
    ///
    /// ```
    /// use pension_rules::account::AccountInput;
    /// let v = serde_json::json!({"opening_balance": "x", "opening_year": 2022,
    ///     "credits": [{"month": "2023-13", "amount": "1"}], "through_year": 2023});
    /// let e = AccountInput::from_json(&v).unwrap_err();
    /// let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
    /// assert_eq!(paths, ["credits[0].month", "opening_balance"]); // in the order of the keys
    /// ```
    pub fn from_json(v: &Value) -> Result<Self, Error> {
        crate::json_fields::read_checked(v, AccountInput::ranges)
    }

    /// The order of the years (their ranges are checked as they are read).
    fn ranges(&self) -> Vec<FieldError> {
        match self.through_year {
            Some(t) if t < self.opening_year => vec![FieldError {
                path: "through_year".into(),
                message: format!("{t} is before the opening year {}", self.opening_year),
            }],
            _ => vec![],
        }
    }
}

/// Where a year's interest rate came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RateOrigin {
    /// `account.interest_rate` of the rule set.
    Rules,
    /// Supplied by the caller (`rates`).
    Caller,
    /// Not needed: no balance and no postings that year.
    NotNeeded,
}

/// How a year was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CloseMethod {
    /// A full year under the named convention.
    FullYear {
        /// The convention.
        #[serde(serialize_with = "ser_interest")]
        #[schemars(with = "String")] // its rule-file name
        convention: InterestConvention,
    },
    /// A partial year: `months` months earn interest (月积数).
    PartialYear {
        /// The convention.
        #[serde(serialize_with = "ser_partial")]
        #[schemars(with = "String")] // its rule-file name
        convention: PartialYearConvention,
        /// Months that earn interest.
        months: u32,
    },
}

// Variants serialize under their rule-file names (`annual_1083`).
fn ser_interest<S: serde::Serializer>(c: &InterestConvention, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.name())
}
fn ser_partial<S: serde::Serializer>(c: &PartialYearConvention, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.name())
}

fn ser_inheritance<S: serde::Serializer>(c: &Inheritance, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.name())
}

/// One line of a year's postings.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PostingLine {
    /// The month (`None` for a yearly total, counted at year-end).
    pub month: Option<YearMonth>,
    /// What it is (`interest` lines include the year-end interest).
    pub kind: PostingKind,
    /// Signed amount (debits negative).
    pub amount: Decimal,
    /// Signed personal part, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personal: Option<Decimal>,
    /// Balance after it.
    pub balance: Decimal,
}

/// One year of the statement (the 个人权益记录单 figures and the detail).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct YearStatement {
    /// The year.
    pub year: i32,
    /// 上年末累计储存额: balance at the end of the previous year.
    pub opening: Decimal,
    /// 当年记账额: credits and back payments.
    pub credits: Decimal,
    /// 转入.
    pub transfers_in: Decimal,
    /// 转出 (positive).
    pub transfers_out: Decimal,
    /// 当年记账利息: interest computed at the close plus any posted interest.
    pub interest: Decimal,
    /// 至本年末累计储存额 (or at the close event).
    pub closing: Decimal,
    /// Personal-contribution part of the closing balance, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personal_closing: Option<Decimal>,
    /// The interest rate (0 when not needed).
    pub rate: Decimal,
    /// Where the rate came from.
    pub rate_origin: RateOrigin,
    /// How the year was closed.
    pub method: CloseMethod,
    /// Balance at the end of each month, January first (up to the event month).
    pub month_end: Vec<Decimal>,
    /// The postings, in month order, ending with the interest.
    pub postings: Vec<PostingLine>,
}

/// The inheritable balance on death.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Inheritable {
    /// The rule in force in the month of death.
    #[serde(serialize_with = "ser_inheritance")]
    #[schemars(with = "String")] // its rule-file name
    pub rule: Inheritance,
    /// The amount, when it can be known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// Why the amount is not known (personal part of some credit unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown_because: Option<String>,
}

/// What the close event produced.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CloseOutcome {
    /// The event.
    pub event: CloseKind,
    /// Its month.
    pub month: YearMonth,
    /// Balance at the event, with the partial year's interest.
    pub balance: Decimal,
    /// Amount moved out (transfer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transferred: Option<Decimal>,
    /// The inheritable part (death).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inheritable: Option<Inheritable>,
}

/// A computed ledger: one statement per year and the final balance.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AccountStatement {
    /// The year the opening balance stands at the end of.
    pub opening_year: i32,
    /// The opening balance.
    pub opening_balance: Decimal,
    /// One statement per year after the opening year.
    pub years: Vec<YearStatement>,
    /// Balance at the end (after a transfer-out close: 0).
    pub balance: Decimal,
    /// Personal part of the final balance, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personal_balance: Option<Decimal>,
    /// The close event's outcome.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close: Option<CloseOutcome>,
}

impl AccountStatement {
    /// The balance at the end of `month`: the year's opening balance plus the
    /// postings up to that month; the year's interest counts from its closing
    /// month. `None` outside the ledger.
    ///
    /// ```
    /// use pension_rules::account::{statement, AccountInput, Credit};
    /// use pension_rules::{rules::RuleSet, trace::Tracer};
    /// let rules = RuleSet::embedded("cn/national").unwrap();
    /// let snap = rules.at("2023-12-31".parse().unwrap());
    /// let input = AccountInput {
    ///     opening_balance: "100000.00".parse().unwrap(), opening_year: 2022,
    ///     credits: (1..=12).map(|m| Credit { month: Some(format!("2023-{m:02}").parse().unwrap()),
    ///         year: None, amount: "400".parse().unwrap(), personal: None }).collect(),
    ///     through_year: Some(2023), ..Default::default() };
    /// let s = statement(&input, &snap, &mut Tracer::new(false)).unwrap();
    /// assert_eq!(s.balance_at("2023-06".parse().unwrap()).unwrap().to_string(), "102400.00");
    /// assert_eq!(s.balance_at("2023-12".parse().unwrap()).unwrap().to_string(), "108873.19");
    /// ```
    pub fn balance_at(&self, month: YearMonth) -> Option<Decimal> {
        if month.year() == self.opening_year && month.month() == 12 {
            return Some(self.opening_balance);
        }
        let y = self.years.iter().find(|y| y.year == month.year())?;
        let i = usize::try_from(month.month()).ok()?.checked_sub(1)?;
        y.month_end.get(i).copied()
    }

    /// The statement of one year.
    pub fn year(&self, year: i32) -> Option<&YearStatement> {
        self.years.iter().find(|y| y.year == year)
    }
}

/// A posting prepared for the close: month (None for a yearly total), signed
/// amount and signed personal part.
#[derive(Debug, Clone)]
struct Entry {
    month: Option<YearMonth>,
    kind: PostingKind,
    amount: Decimal,
    personal: Option<Decimal>,
    path: String,
}

/// Decimal overflow in the ledger is an input problem of the whole input
/// (the amounts together, not one of them): [`money::too_large`] at `input`.
const WHOLE_INPUT: &str = "input";
fn add(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    money::add(a, b, WHOLE_INPUT)
}
fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    money::mul(a, b, WHOLE_INPUT)
}
fn div(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    money::div(a, b, WHOLE_INPUT)
}

fn year_end(year: i32) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(year, 12, 31)
        .ok_or_else(|| Error::field("through_year", format!("{year} is not a usable year")))
}

fn negative(d: Decimal) -> bool {
    d.is_sign_negative() && !d.is_zero()
}

/// Interest of one year on the total or on the personal part.
struct Interest<'a> {
    rate: Decimal,
    method: CloseMethod,
    factor: Decimal,
    rounding: Rounding,
    entries: &'a [Entry],
}

impl Interest<'_> {
    /// Exact interest on `opening` and the entries' amounts (or personal parts).
    fn exact(&self, opening: Decimal, personal: bool) -> Result<Option<Decimal>, Error> {
        let twelve = Decimal::from(12);
        let amount = |e: &Entry| if personal { e.personal } else { Some(e.amount) };
        let r = self.rate;
        match self.method {
            CloseMethod::FullYear {
                convention: InterestConvention::Annual1083,
            } => {
                let mut a = Decimal::ZERO;
                for e in self.entries {
                    let Some(x) = amount(e) else { return Ok(None) };
                    a = add(a, x)?;
                }
                let on_b = mul(opening, r)?;
                let on_a = div(mul(mul(a, r)?, self.factor)?, Decimal::TWO)?;
                Ok(Some(add(on_b, on_a)?))
            }
            CloseMethod::FullYear {
                convention: InterestConvention::MonthlyProduct,
            } => {
                // Σ amountₙ × (13 − n); a yearly total spread evenly: × 78/12 = 6.5.
                let mut months = mul(opening, twelve)?;
                for e in self.entries {
                    let Some(x) = amount(e) else { return Ok(None) };
                    let w = match e.month {
                        Some(m) => Decimal::from(13 - m.month()),
                        None => div(Decimal::from(78), twelve)?,
                    };
                    months = add(months, mul(x, w)?)?;
                }
                Ok(Some(div(mul(months, r)?, twelve)?))
            }
            CloseMethod::PartialYear { months: k, .. } => {
                let mut months = mul(opening, Decimal::from(k))?;
                for e in self.entries {
                    let Some(x) = amount(e) else { return Ok(None) };
                    let n = e.month.map_or(13, |m| m.month());
                    if n <= k {
                        months = add(months, mul(x, Decimal::from(k + 1 - n))?)?;
                    }
                }
                Ok(Some(div(mul(months, r)?, twelve)?))
            }
        }
    }
}

/// The ledger's personal part: known, or unknown with the reason.
#[derive(Debug, Clone)]
enum Personal {
    Known(Decimal),
    Unknown(String),
}

impl Personal {
    fn value(&self) -> Option<Decimal> {
        match self {
            Personal::Known(d) => Some(*d),
            Personal::Unknown(_) => None,
        }
    }
}

/// Validated input, with the postings grouped by year.
struct Prepared {
    last_year: i32,
    by_year: BTreeMap<i32, Vec<Entry>>,
    opening_personal: Personal,
}

fn prepare(input: &AccountInput, snap: &Snapshot, tracer: &mut Tracer) -> Result<Prepared, Error> {
    let mut f = Fields::default();
    let oy = input.opening_year;
    if negative(input.opening_balance) {
        f.push(
            "opening_balance",
            format!("{} is negative", input.opening_balance),
        );
    }
    if let Some(e) = crate::bounds::year("opening_year", oy) {
        f.push(e.path, e.message);
    }
    let opening_personal = match input.opening_personal {
        Some(p) if negative(p) || p > input.opening_balance => {
            f.push(
                "opening_personal",
                format!("{p} must lie between 0 and the opening balance"),
            );
            Personal::Known(Decimal::ZERO)
        }
        Some(p) => Personal::Known(p),
        None if input.opening_balance.is_zero() => Personal::Known(Decimal::ZERO),
        None => Personal::Unknown(
            "the personal part of the opening balance is not given (opening_personal)".into(),
        ),
    };
    let last_year = match (input.through_year, input.close) {
        (Some(t), Some(c)) if t != c.month.year() => {
            f.push(
                "through_year",
                format!(
                    "{t} differs from the year of the close event ({}); give one of them",
                    c.month
                ),
            );
            t
        }
        (_, Some(c)) => c.month.year(),
        (Some(t), None) => t,
        (None, None) => {
            f.push(
                "through_year",
                "missing: give the last year to close (or a close event)",
            );
            oy
        }
    };
    if last_year < oy {
        f.push(
            "through_year",
            format!("{last_year} is before the opening year {oy}"),
        );
    }
    if last_year > 9998 {
        f.push("through_year", format!("{last_year} is out of range"));
    }
    if let Some(c) = input.close
        && c.month.year() <= oy
    {
        f.push(
            "close.month",
            format!("{} is not after the opening year {oy}", c.month),
        );
    }
    for (y, r) in &input.rates {
        if negative(*r) || *r > Decimal::ONE {
            f.push(
                format!("rates.{y}"),
                format!("{r} is not a rate between 0 and 1"),
            );
        }
    }
    let close_month = input.close.map(|c| c.month);
    let in_range = |f: &mut Fields, path: &str, y: i32, what: String| {
        if y <= oy || y > last_year {
            f.push(
                path,
                format!(
                    "{what} lies outside the ledger's years {}–{last_year}",
                    oy.saturating_add(1)
                ),
            );
            false
        } else {
            true
        }
    };
    let mut by_year: BTreeMap<i32, Vec<Entry>> = BTreeMap::new();
    let check_amounts = |f: &mut Fields, path: &str, amount: Decimal, personal: Option<Decimal>| {
        if negative(amount) {
            f.push(
                join(path, "amount"),
                format!("{amount} is negative; use a transfer_out posting to take money out"),
            );
        }
        if let Some(p) = personal
            && (negative(p) || p > amount)
        {
            f.push(
                join(path, "personal"),
                format!("{p} must lie between 0 and the amount {amount}"),
            );
        }
    };
    for (i, c) in input.credits.iter().enumerate() {
        let path = format!("credits[{i}]");
        check_amounts(&mut f, &path, c.amount, c.personal);
        match (c.month, c.year) {
            (Some(m), None) => {
                if !in_range(&mut f, &join(&path, "month"), m.year(), format!("{m}")) {
                    continue;
                }
                if close_month.is_some_and(|cm| m > cm) {
                    f.push(
                        join(&path, "month"),
                        format!("{m} is after the close event"),
                    );
                    continue;
                }
                let personal = c
                    .personal
                    .or_else(|| derived_personal(snap, m, m, c.amount));
                by_year.entry(m.year()).or_default().push(Entry {
                    month: Some(m),
                    kind: PostingKind::Credit,
                    amount: c.amount,
                    personal,
                    path,
                });
            }
            (None, Some(y)) => {
                if !in_range(&mut f, &join(&path, "year"), y, format!("{y}")) {
                    continue;
                }
                if close_month.is_some_and(|cm| cm.year() == y) {
                    f.push(
                        join(&path, "year"),
                        "a yearly total cannot be split at the close event; give the year's credits by month",
                    );
                    continue;
                }
                let personal = c.personal.or_else(|| {
                    let (a, b) = (YearMonth::new(y, 1)?, YearMonth::new(y, 12)?);
                    derived_personal(snap, a, b, c.amount)
                });
                by_year.entry(y).or_default().push(Entry {
                    month: None,
                    kind: PostingKind::Credit,
                    amount: c.amount,
                    personal,
                    path,
                });
            }
            _ => f.push(path, "give exactly one of `month` and `year`"),
        }
    }
    for (i, p) in input.postings.iter().enumerate() {
        let path = format!("postings[{i}]");
        check_amounts(&mut f, &path, p.amount, p.personal);
        let m = p.month;
        if !in_range(&mut f, &join(&path, "month"), m.year(), format!("{m}")) {
            continue;
        }
        if close_month.is_some_and(|cm| m > cm) {
            f.push(
                join(&path, "month"),
                format!("{m} is after the close event"),
            );
            continue;
        }
        let personal = match p.kind {
            PostingKind::BackPayment => {
                let Some(from) = p.period_from else {
                    f.push(
                        join(&path, "period_from"),
                        "missing: a back payment names the earlier period it pays for",
                    );
                    continue;
                };
                let to = p.period_to.unwrap_or(from);
                if to < from || to >= m {
                    f.push(
                        join(&path, "period_to"),
                        format!("the period {from}…{to} must run forward and end before the posting month {m}"),
                    );
                    continue;
                }
                p.personal
                    .or_else(|| derived_personal(snap, from, to, p.amount))
            }
            PostingKind::Credit => p
                .personal
                .or_else(|| derived_personal(snap, m, m, p.amount)),
            _ => {
                if p.period_from.is_some() || p.period_to.is_some() {
                    f.push(
                        join(&path, "period_from"),
                        "only a back payment covers an earlier period",
                    );
                }
                p.personal
            }
        };
        let (amount, personal) = if p.kind.is_debit() {
            (-p.amount, personal.map(|x| -x))
        } else {
            (p.amount, personal)
        };
        by_year.entry(m.year()).or_default().push(Entry {
            month: Some(m),
            kind: p.kind,
            amount,
            personal,
            path,
        });
    }
    f.finish()?;
    // Month order; within a month credits before debits; yearly totals last.
    for v in by_year.values_mut() {
        v.sort_by_key(|e| (e.month.map_or(13, |m| m.month()), e.kind.is_debit()));
    }
    if let Personal::Unknown(why) = &opening_personal {
        let why = why.clone();
        tracer.step(|| {
            Step::new(
                "personal_part",
                "个人缴费部分",
                "unknown",
                format!(
                    "{why}; the inheritable part under the pre-2011-07-01 rule cannot be known"
                ),
            )
        });
    }
    Ok(Prepared {
        last_year,
        by_year,
        opening_personal,
    })
}

/// The personal part of a credit covering `from`…`to`, when the rule set has
/// both the individual rate and the credit rate there (the same through the
/// period): credit × individual / credit rate, at most the whole credit.
fn derived_personal(
    snap: &Snapshot,
    from: YearMonth,
    to: YearMonth,
    amount: Decimal,
) -> Option<Decimal> {
    let share = |m: YearMonth| -> Option<Decimal> {
        let ind = snap.contribution.individual_rate.in_month(m).ok()?.value;
        let cr = snap.account.credit_rate.in_month(m).ok()?.value;
        if cr.is_zero() {
            return None;
        }
        Some((ind.checked_div(cr)?).min(Decimal::ONE))
    };
    let s = share(from)?;
    if share(to)? != s {
        return None;
    }
    let money = snap.rounding.money.in_month(from).ok()?.value;
    Some(money.apply(amount.checked_mul(s)?).min(amount))
}

/// Compute the ledger: every year after `opening_year` closed at year-end, the
/// last one possibly by a close event; the statement of each year, the final
/// balance and the close outcome (for death: the inheritable part).
///
/// ```
/// use pension_rules::account::{statement, AccountInput, Credit};
/// use pension_rules::{rules::RuleSet, trace::Tracer};
/// let rules = RuleSet::embedded("cn/national").unwrap();
/// let snap = rules.at("2023-12-31".parse().unwrap());
/// // 劳办发〔1997〕116号 附件3, docs/sources.md §3.2 example T15: 100,000.00 + 4,800 credited in 2023 at 3.97 %
/// let input = AccountInput {
///     opening_balance: "100000.00".parse().unwrap(), opening_year: 2022,
///     credits: vec![Credit { month: None, year: Some(2023), amount: "4800".parse().unwrap(), personal: None }],
///     through_year: Some(2023), ..Default::default() };
/// let s = statement(&input, &snap, &mut Tracer::new(false)).unwrap();
/// assert_eq!(s.balance.to_string(), "108873.19");
/// assert_eq!(s.years[0].interest.to_string(), "4073.19");
/// ```
pub fn statement(
    input: &AccountInput,
    snap: &Snapshot,
    tracer: &mut Tracer,
) -> Result<AccountStatement, Error> {
    let prep = prepare(input, snap, tracer)?;
    let mut balance = input.opening_balance;
    let mut personal = prep.opening_personal.clone();
    let mut years = vec![];
    let mut close_outcome = None;
    let no_entries: Vec<Entry> = vec![];
    for year in (input.opening_year + 1)..=prep.last_year {
        let entries = prep.by_year.get(&year).unwrap_or(&no_entries);
        let event = input.close.filter(|c| c.month.year() == year);
        let ys = close_year(
            year,
            balance,
            &mut personal,
            entries,
            event,
            &input.rates,
            snap,
            tracer,
        )?;
        balance = ys.closing;
        if let Some(ev) = event {
            let (ys, outcome) = close_event(ys, ev, &personal, snap, tracer)?;
            balance = ys.closing;
            if ev.event == CloseKind::TransferOut {
                personal = Personal::Known(Decimal::ZERO);
            }
            years.push(ys);
            close_outcome = Some(outcome);
        } else {
            years.push(ys);
        }
    }
    Ok(AccountStatement {
        opening_year: input.opening_year,
        opening_balance: input.opening_balance,
        years,
        balance,
        personal_balance: personal.value(),
        close: close_outcome,
    })
}

#[allow(clippy::too_many_arguments)]
fn close_year(
    year: i32,
    opening: Decimal,
    personal: &mut Personal,
    entries: &[Entry],
    event: Option<CloseEvent>,
    rates: &BTreeMap<i32, Decimal>,
    snap: &Snapshot,
    tracer: &mut Tracer,
) -> Result<YearStatement, Error> {
    let end = year_end(year)?;
    let close_date = match event {
        Some(e) => e.month.last_day(),
        None => end,
    };
    let last_month = event.map_or(12, |e| e.month.month());
    let rounding = snap.rounding.money.at(close_date)?;
    // Running balances, debits checked against what is there.
    let personal_opening = personal.clone();
    let mut lines = vec![];
    let mut month_end = vec![];
    let mut bal = opening;
    let mut pers = personal.clone();
    let (mut credits, mut t_in, mut t_out, mut posted_interest) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut personal_entries: Vec<Entry> = vec![];
    let mut it = entries.iter().peekable();
    for n in 1..=last_month {
        while let Some(e) = it.next_if(|e| e.month.map_or(12, |m| m.month()) == n) {
            let before = bal;
            bal = add(bal, e.amount)?;
            if negative(bal) {
                return Err(Error::field(
                    join(&e.path, "amount"),
                    format!(
                        "{} of {} in {} exceeds the balance {before}",
                        e.kind,
                        -e.amount,
                        e.month.map_or_else(|| year.to_string(), |m| m.to_string())
                    ),
                ));
            }
            pers = match (pers, e.personal, e.kind.is_debit()) {
                // A debit takes the given personal part, else its share pro rata.
                (Personal::Known(p), given, true) => {
                    let share = match given {
                        Some(x) => (-x).min(p),
                        None if before.is_zero() => Decimal::ZERO,
                        None => rounding
                            .value
                            .apply(div(mul(p, -e.amount)?, before)?)
                            .min(p),
                    };
                    personal_entries.push(Entry {
                        personal: Some(-share),
                        ..e.clone()
                    });
                    Personal::Known(p - share)
                }
                (Personal::Known(p), Some(x), false) => {
                    personal_entries.push(e.clone());
                    Personal::Known(add(p, x)?)
                }
                (Personal::Known(_), None, false) => {
                    let why = format!(
                        "the personal part of {} {} ({}) is not known: give `personal`, or a rule set with the individual rate for that month",
                        e.kind,
                        e.month.map_or_else(|| year.to_string(), |m| m.to_string()),
                        e.path
                    );
                    tracer.step(|| {
                        Step::new("personal_part", "个人缴费部分", "unknown", why.clone())
                            .input(&e.path, e.amount)
                    });
                    Personal::Unknown(why)
                }
                (u @ Personal::Unknown(_), _, _) => u,
            };
            match e.kind {
                PostingKind::Credit | PostingKind::BackPayment => credits = add(credits, e.amount)?,
                PostingKind::TransferIn => t_in = add(t_in, e.amount)?,
                PostingKind::TransferOut => t_out = add(t_out, -e.amount)?,
                PostingKind::Interest => posted_interest = add(posted_interest, e.amount)?,
            }
            lines.push(PostingLine {
                month: e.month,
                kind: e.kind,
                amount: e.amount,
                personal: e.personal,
                balance: bal,
            });
        }
        month_end.push(bal);
    }
    let method = match event {
        None => CloseMethod::FullYear {
            convention: snap.account.interest_convention.at(end)?.value,
        },
        Some(e) => {
            let c = snap
                .account
                .partial_year_convention
                .in_month(e.month)?
                .value;
            let m = e.month.month();
            CloseMethod::PartialYear {
                convention: c,
                months: match c {
                    PartialYearConvention::MonthsBeforeEvent => m - 1,
                    PartialYearConvention::MonthsThroughEvent => m,
                },
            }
        }
    };
    // The rate: caller first, then the rule set; not needed for an empty year.
    let (rate, origin, rule_rate) = match (rates.get(&year), snap.account.interest_rate.get(year)) {
        (Some(r), rule) => (*r, RateOrigin::Caller, rule.ok()),
        (None, Ok(s)) => (s.value, RateOrigin::Rules, Some(s)),
        (None, Err(_))
            if (opening.is_zero() && entries.is_empty())
                || matches!(method, CloseMethod::PartialYear { months: 0, .. }) =>
        {
            // Nothing earns interest: an empty year, or a close in January
            // under `months_before_event`.
            (Decimal::ZERO, RateOrigin::NotNeeded, None)
        }
        (None, Err(e)) => return Err(e.into()),
    };
    let factor = match method {
        CloseMethod::FullYear {
            convention: InterestConvention::Annual1083,
        } => Some(snap.account.annual_interest_factor.at(end)?),
        _ => None,
    };
    let calc = Interest {
        rate,
        method,
        factor: factor.as_ref().map_or(Decimal::ZERO, |f| f.value),
        rounding: rounding.value,
        entries,
    };
    let exact = calc.exact(opening, false)?.unwrap_or_default();
    let interest = calc.rounding.apply(exact);
    let closing = add(bal, interest)?;
    let pers = match (pers, &personal_opening) {
        (Personal::Known(p), Personal::Known(po)) => {
            let on_personal = Interest {
                entries: &personal_entries,
                ..calc
            };
            match on_personal.exact(*po, true)? {
                Some(x) => Personal::Known(add(p, calc.rounding.apply(x))?.min(closing)),
                None => Personal::Unknown("personal part of a posting unknown".into()),
            }
        }
        (p, _) => p,
    };
    lines.push(PostingLine {
        month: YearMonth::new(year, last_month),
        kind: PostingKind::Interest,
        amount: interest,
        personal: None,
        balance: closing,
    });
    if let Some(last) = month_end.last_mut() {
        *last = closing;
    }
    *personal = pers.clone();
    tracer.step(|| {
        let formula = match method {
            CloseMethod::FullYear {
                convention: InterestConvention::Annual1083,
            } => {
                let a: Decimal = entries.iter().map(|e| e.amount).sum();
                format!(
                    "B × r + A × r × {f} / 2 = {opening} × {r} + {a} × {r} × {f} / 2 = {x}, rounded ({ro}) to {interest}; closing = {opening} + {a} + {interest} = {closing}",
                    f = calc.factor,
                    r = pct(rate),
                    x = exact.round_dp(6).normalize(),
                    ro = calc.rounding
                )
            }
            CloseMethod::FullYear {
                convention: InterestConvention::MonthlyProduct,
            } => format!(
                "月积数: B × r + Σ amountₙ × r × (13 − n) / 12 = {opening} × {r} + … = {x}, rounded ({ro}) to {interest}; closing {closing}",
                r = pct(rate),
                x = exact.round_dp(6).normalize(),
                ro = calc.rounding
            ),
            CloseMethod::PartialYear { months, .. } => format!(
                "partial year, {months} months earn interest (月积数): B × r × {months}/12 + Σ amountₙ × r × ({} − n) / 12 = {opening} × {r} × {months}/12 + … = {x}, rounded ({ro}) to {interest}; closing {closing}",
                months + 1,
                r = pct(rate),
                x = exact.round_dp(6).normalize(),
                ro = calc.rounding
            ),
        };
        let mut s = Step::new("year_close", "年度结息", closing, formula)
            .input("year", year)
            .input("opening", opening)
            .input("credits", credits)
            .param(ParamUse::of(&rounding));
        s = match (origin, &rule_rate) {
            (RateOrigin::Rules, Some(r)) => s.param(ParamUse::keyed(r, year)),
            (RateOrigin::Caller, Some(r)) => s
                .input(format!("rate {year} (caller, overrides rule value {})", r.value), rate)
                .param(ParamUse::keyed(r, year)),
            (RateOrigin::Caller, None) => s.input(format!("rate {year} (caller-supplied)"), rate),
            _ => s.input("rate", "not needed: no balance and no postings"),
        };
        if let Some(f) = &factor {
            s = s.param(ParamUse::of(f));
        }
        s
    });
    if let Some(e) = event {
        // Record the partial-year convention used.
        if let Ok(c) = snap.account.partial_year_convention.in_month(e.month) {
            tracer.step(|| {
                Step::new(
                    "partial_year",
                    "年度中间结息",
                    c.value,
                    format!(
                        "{:?} in {}: interest of {year} counted to the event",
                        e.event, e.month
                    ),
                )
                .param(ParamUse::of(&c))
            });
        }
    } else if let Ok(c) = snap.account.interest_convention.at(end) {
        tracer.step(|| {
            Step::new(
                "interest_convention",
                "记账利率计息办法",
                c.value,
                format!("full year {year}"),
            )
            .param(ParamUse::of(&c))
        });
    }
    Ok(YearStatement {
        year,
        opening,
        credits,
        transfers_in: t_in,
        transfers_out: t_out,
        interest: add(interest, posted_interest)?,
        closing,
        personal_closing: pers.value(),
        rate,
        rate_origin: origin,
        method,
        month_end,
        postings: lines,
    })
}

fn close_event(
    mut ys: YearStatement,
    ev: CloseEvent,
    personal: &Personal,
    snap: &Snapshot,
    tracer: &mut Tracer,
) -> Result<(YearStatement, CloseOutcome), Error> {
    let balance = ys.closing;
    let mut outcome = CloseOutcome {
        event: ev.event,
        month: ev.month,
        balance,
        transferred: None,
        inheritable: None,
    };
    match ev.event {
        CloseKind::Retirement => tracer.step(|| {
            Step::new(
                "retirement_balance",
                "退休时个人账户储存额",
                balance,
                format!(
                    "balance at retirement in {} with the partial year's interest",
                    ev.month
                ),
            )
        }),
        CloseKind::TransferOut => {
            ys.transfers_out = add(ys.transfers_out, balance)?;
            ys.closing = Decimal::ZERO;
            ys.personal_closing = Some(Decimal::ZERO);
            ys.postings.push(PostingLine {
                month: Some(ev.month),
                kind: PostingKind::TransferOut,
                amount: -balance,
                personal: personal.value().map(|p| -p),
                balance: Decimal::ZERO,
            });
            if let Some(last) = ys.month_end.last_mut() {
                *last = Decimal::ZERO;
            }
            outcome.transferred = Some(balance);
            tracer.step(|| {
                Step::new(
                    "transfer_out",
                    "个人账户转出",
                    balance,
                    format!("the whole balance moves out in {}", ev.month),
                )
            });
        }
        CloseKind::Death => {
            let rule = snap.account.inheritance.in_month(ev.month)?;
            let (amount, unknown_because) = match (rule.value, personal) {
                (Inheritance::WholeBalance, _) => (Some(balance), None),
                (Inheritance::PersonalContributions, Personal::Known(p)) => (Some(*p), None),
                (Inheritance::PersonalContributions, Personal::Unknown(why)) => {
                    (None, Some(why.clone()))
                }
            };
            tracer.step(|| {
                let what = match (rule.value, amount) {
                    (Inheritance::WholeBalance, _) => {
                        format!("death in {}: the whole remaining balance is inheritable", ev.month)
                    }
                    (_, Some(_)) => format!(
                        "death in {}: only the personal-contribution part (with its interest) is inheritable",
                        ev.month
                    ),
                    (_, None) => format!(
                        "death in {}: only the personal part is inheritable, and it is not known: {}",
                        ev.month,
                        unknown_because.clone().unwrap_or_default()
                    ),
                };
                Step::new(
                    "inheritable",
                    "个人账户可继承额",
                    amount.map_or_else(|| "unknown".to_string(), |a| a.to_string()),
                    what,
                )
                .input("balance", balance)
                .param(ParamUse::of(&rule))
            });
            outcome.inheritable = Some(Inheritable {
                rule: rule.value,
                amount,
                unknown_because,
            });
        }
    }
    Ok((ys, outcome))
}

/// The interest rate of `year` the ledger would use: the caller's, else the
/// rule set's (an error naming the year when neither has it).
///
/// ```
/// use pension_rules::{account::interest_rate, rules::RuleSet};
/// let snap = RuleSet::embedded("cn/shaanxi").unwrap().at("2024-12-31".parse().unwrap());
/// let none = Default::default();
/// assert_eq!(interest_rate(&snap, 2024, &none).unwrap().0.to_string(), "0.0262");
/// let e = interest_rate(&snap, 2014, &none).unwrap_err();
/// assert!(e.to_string().contains("2014"));
/// ```
pub fn interest_rate(
    snap: &Snapshot,
    year: i32,
    rates: &BTreeMap<i32, Decimal>,
) -> Result<(Decimal, Option<Sourced<Decimal>>), Error> {
    if let Some(r) = rates.get(&year) {
        return Ok((*r, None));
    }
    let s = snap.account.interest_rate.get(year)?;
    Ok((s.value, Some(s)))
}

impl AccountStatement {
    /// The headline figures by name: `balance`, `interest` by year,
    /// `personal_balance` and `inheritable` where they apply.
    pub fn figures(&self) -> Map<String, Value> {
        let s = self;
        let mut m = Map::new();
        m.insert("balance".into(), Value::String(s.balance.to_string()));
        let interest: Map<String, Value> = s
            .years
            .iter()
            .map(|y| (y.year.to_string(), Value::String(y.interest.to_string())))
            .collect();
        m.insert("interest".into(), Value::Object(interest));
        if let Some(p) = s.personal_balance {
            m.insert("personal_balance".into(), Value::String(p.to_string()));
        }
        if let Some(a) = s
            .close
            .as_ref()
            .and_then(|c| c.inheritable.as_ref())
            .and_then(|i| i.amount)
        {
            m.insert("inheritable".into(), Value::String(a.to_string()));
        }
        m
    }
}

/// The monthly credits of a history's paid months before `before`: each
/// month's base × the account share in force that month, from the month the
/// accounts began; a back payment is credited in the month it was paid.
fn history_credits(
    spans: &[crate::contribution_index::Span],
    before: YearMonth,
    established: Option<YearMonth>,
    snap: &Snapshot,
) -> Result<Vec<Credit>, Error> {
    use crate::contribution::Employment;
    use crate::contribution_index::SpanKind;
    let mut credits = vec![];
    for (i, span) in spans.iter().enumerate() {
        if span.kind != SpanKind::Paid {
            continue;
        }
        let Some(base) = span.base else {
            return Err(Error::field(
                format!("history[{i}].base"),
                "a paid span needs its monthly base",
            ));
        };
        let mut month = span.from;
        while month <= span.to && month < before {
            if established.is_none_or(|e| month >= e) {
                let rate = match span.employment.unwrap_or_default() {
                    Employment::Employee => snap.account.credit_rate.in_month(month)?,
                    Employment::Flexible => {
                        snap.contribution.flexible_account_rate.in_month(month)?
                    }
                };
                let round = snap.rounding.money.in_month(month)?.value;
                let amount =
                    money::product(base, rate.value, round, &format!("history[{i}].base"))?;
                credits.push(Credit {
                    month: Some(span.paid_in.unwrap_or(month)),
                    year: None,
                    amount,
                    personal: None,
                });
            }
            month = month.add_months(1);
        }
    }
    Ok(credits)
}

/// The account ledger built from a contribution history (个人账户 from 缴费记录):
/// each paid month credits its base × the share credited then — the
/// employee credit rate in force that month (`account.credit_rate`: 11 %
/// 1998–2005 under 国发〔1997〕26号, 8 % from 2006 under 国发〔2005〕38号
/// 第四条) or, for flexible employment, `contribution.flexible_account_rate`
/// — from the month the accounts began (`account.established`, where the
/// rule set has it), with yearly interest and a partial-year close at
/// `retirement`. A back payment (补缴) is credited in the month it was paid.
///
/// Months with no credit rate in the rule set (e.g. before 1998) and years
/// with no interest rate (e.g. Shaanxi before 2016) are errors naming them,
/// unless `rates` supplies the year's rate: pass the balance itself
/// (`account_balance`) where the agency knows it.
///
/// ```
/// use pension_rules::account::from_history;
/// use pension_rules::contribution_index::Span;
/// use pension_rules::{rules::RuleSet, trace::Tracer};
/// let rules = RuleSet::embedded("cn/national").unwrap();
/// let snap = rules.at("2024-12-31".parse().unwrap());
/// let span: Span = serde_json::from_str(r#"{"from": "2023-01", "to": "2023-12", "base": "5000"}"#).unwrap();
/// let s = from_history(&[span], "2024-01".parse().unwrap(), &Default::default(), &snap, &mut Tracer::new(false)).unwrap();
/// // 12 × 400 credited in 2023 at 3.97 % (劳办发〔1997〕116号 annual formula): 4800 + 4800 × 0.0397 × 1.083 / 2.
/// assert_eq!(s.years[0].closing.to_string(), "4903.19");
/// ```
pub fn from_history(
    spans: &[crate::contribution_index::Span],
    retirement: YearMonth,
    rates: &BTreeMap<i32, Decimal>,
    snap: &Snapshot,
    tracer: &mut Tracer,
) -> Result<AccountStatement, Error> {
    let established = snap
        .account
        .established
        .in_month(retirement)
        .ok()
        .map(|s| s.value);
    let credits = history_credits(spans, retirement, established, snap)?;
    let Some(first) = credits.iter().filter_map(|c| c.month).min() else {
        return Err(Error::field(
            "history",
            "no paid months before the retirement month to credit the account",
        ));
    };
    tracer.step(|| {
        let total: Decimal = credits.iter().map(|c| c.amount).sum();
        let mut step = Step::new(
            "account_credits",
            "个人账户记账额",
            total,
            format!(
                "{} monthly credits from {first}: each paid month's base × the account share in force that month{}",
                credits.len(),
                established.map(|e| format!(" (accounts began {e})")).unwrap_or_default()
            ),
        );
        if let Ok(r) = snap.account.credit_rate.in_month(first) {
            step = step.param(ParamUse::of(&r));
        }
        if let Ok(e) = snap.account.established.in_month(retirement) {
            step = step.param(ParamUse::of(&e));
        }
        step
    });
    let input = AccountInput {
        opening_balance: Decimal::ZERO,
        opening_year: first.year() - 1,
        credits,
        close: Some(CloseEvent {
            event: CloseKind::Retirement,
            month: retirement,
        }),
        rates: rates.clone(),
        ..Default::default()
    };
    statement(&input, snap, tracer)
}

/// The ledger of a history's paid months up to the end of `through_year`
/// (no close: the balance at the end of that year, as a statement prints
/// it), for a history that is a person's past before a projection. `None`
/// where no month was credited (all before the accounts began).
pub fn from_history_through(
    spans: &[crate::contribution_index::Span],
    through_year: i32,
    rates: &BTreeMap<i32, Decimal>,
    snap: &Snapshot,
    tracer: &mut Tracer,
) -> Result<Option<AccountStatement>, Error> {
    let before = YearMonth::new(through_year + 1, 1)
        .ok_or_else(|| Error::field("history", "year out of range"))?;
    let established = snap
        .account
        .established
        .in_month(before.add_months(-1))
        .ok()
        .map(|s| s.value);
    let credits = history_credits(spans, before, established, snap)?;
    let Some(first) = credits.iter().filter_map(|c| c.month).min() else {
        return Ok(None);
    };
    let input = AccountInput {
        opening_balance: Decimal::ZERO,
        opening_year: first.year() - 1,
        credits,
        through_year: Some(through_year),
        rates: rates.clone(),
        ..Default::default()
    };
    statement(&input, snap, tracer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }
    fn ym(s: &str) -> YearMonth {
        s.parse().unwrap_or_else(|_| YearMonth::of(NaiveDate::MIN))
    }
    fn monthly(year: i32, amount: &str) -> Vec<Credit> {
        (1..=12)
            .filter_map(|m| YearMonth::new(year, m))
            .map(|m| Credit {
                month: Some(m),
                year: None,
                amount: d(amount),
                personal: None,
            })
            .collect()
    }
    fn run(rules: &str, input: &AccountInput) -> Result<AccountStatement, Error> {
        let rs = RuleSet::embedded(rules)?;
        let snap = rs.at(NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default());
        statement(input, &snap, &mut Tracer::new(true))
    }

    #[test]
    fn t15_annual_formula() -> Result<(), Error> {
        // 劳办发〔1997〕116号 附件3, docs/sources.md §3.2 / §9.1 T15: 100,000.00, 400 × 12 at 3.97 % → 108,873.19 (1.083)
        let input = AccountInput {
            opening_balance: d("100000.00"),
            opening_year: 2022,
            credits: monthly(2023, "400"),
            through_year: Some(2023),
            ..Default::default()
        };
        let s = run("cn/national", &input)?;
        assert_eq!(s.balance.to_string(), "108873.19");
        let y = &s.years[0];
        assert_eq!(
            (y.opening, y.credits, y.interest),
            (d("100000.00"), d("4800"), d("4073.19"))
        );
        assert_eq!(s.personal_balance, None); // opening split not given
        Ok(())
    }

    #[test]
    fn t15_monthly_product_variant() -> Result<(), Error> {
        // 劳办发〔1997〕116号 附件3, docs/sources.md §3.2: the exact 13/12 / 月积数 reading of T15 gives 108,873.22
        let rs = RuleSet::embedded("cn/national")?.with_overlay(
            "test",
            r#"[overlay]
id = "test/monthly"
[account.interest_convention]
[[account.interest_convention.values]]
from = 2023-01-01
value = "monthly_product"
source = "test"
"#,
        )?;
        let snap = rs.at(NaiveDate::from_ymd_opt(2023, 12, 31).unwrap_or_default());
        let input = AccountInput {
            opening_balance: d("100000.00"),
            opening_year: 2022,
            credits: monthly(2023, "400"),
            through_year: Some(2023),
            ..Default::default()
        };
        let s = statement(&input, &snap, &mut Tracer::new(false))?;
        assert_eq!(s.balance.to_string(), "108873.22");
        Ok(())
    }

    #[test]
    fn pre_2016_year_needs_a_rate() -> Result<(), Error> {
        let mut input = AccountInput {
            opening_balance: d("1000"),
            opening_year: 2013,
            through_year: Some(2014),
            ..Default::default()
        };
        let Err(e) = run("cn/shaanxi", &input) else {
            panic!("no error for 2014 without a rate")
        };
        assert_eq!(e.code(), "rule_missing_year");
        assert!(e.to_string().contains("2014"));
        input.rates.insert(2014, d("0.03"));
        let s = run("cn/shaanxi", &input)?;
        assert_eq!(s.balance, d("1030.00"));
        assert_eq!(s.years[0].rate_origin, RateOrigin::Caller);
        Ok(())
    }

    #[test]
    fn empty_years_need_no_rate() -> Result<(), Error> {
        // Zero balance and nothing posted before 2016: no rate needed.
        let input = AccountInput {
            opening_balance: d("0"),
            opening_year: 2010,
            credits: vec![Credit {
                month: None,
                year: Some(2016),
                amount: d("1000"),
                personal: None,
            }],
            through_year: Some(2016),
            ..Default::default()
        };
        let s = run("cn/national", &input)?;
        // 1000 × 8.31 % × 1.083 / 2 = 44.998… → 45.00
        assert_eq!(s.balance, d("1045.00"));
        assert_eq!(s.personal_balance, Some(d("1045.00"))); // 2016: 8 % / 8 % → all personal
        Ok(())
    }

    #[test]
    fn death_before_2011_personal_part_only() -> Result<(), Error> {
        // 国发〔1997〕26号 第四条: before 2011-07-01 only the personal part inherits.
        let mut input = AccountInput {
            opening_balance: d("10000"),
            opening_year: 2009,
            opening_personal: Some(d("6000")),
            credits: vec![Credit {
                month: Some(ym("2010-01")),
                year: None,
                amount: d("100"),
                personal: None,
            }],
            close: Some(CloseEvent {
                event: CloseKind::Death,
                month: ym("2010-07"),
            }),
            ..Default::default()
        };
        input.rates.insert(2010, d("0.024"));
        let s = run("cn/national", &input)?;
        // 6 months earn (months_before_event): 10000 × 2.4 % × 6/12 + 100 × 2.4 % × 6/12 = 121.20
        assert_eq!(s.balance, d("10221.20"));
        let inh = s.close.as_ref().and_then(|c| c.inheritable.clone());
        // personal: 6000 × 2.4 % × 6/12 + 100 × 2.4 % × 6/12 = 73.20 → 6173.20
        assert_eq!(inh.and_then(|i| i.amount), Some(d("6173.20")));
        Ok(())
    }

    #[test]
    fn death_from_2011_whole_balance() -> Result<(), Error> {
        // 社会保险法 第十四条: from 2011-07-01 the whole balance inherits.
        let input = AccountInput {
            opening_balance: d("50000"),
            opening_year: 2023,
            close: Some(CloseEvent {
                event: CloseKind::Death,
                month: ym("2024-04"),
            }),
            ..Default::default()
        };
        let s = run("cn/national", &input)?;
        // 50000 × 2.62 % × 3/12 = 327.50
        let c = s.close.as_ref().map(|c| (c.balance, c.inheritable.clone()));
        let Some((bal, Some(inh))) = c else {
            panic!("no inheritable")
        };
        assert_eq!(bal, d("50327.50"));
        assert_eq!(inh.rule, Inheritance::WholeBalance);
        assert_eq!(inh.amount, Some(bal));
        Ok(())
    }

    #[test]
    fn transfer_out_empties_the_account() -> Result<(), Error> {
        let input = AccountInput {
            opening_balance: d("20000"),
            opening_year: 2023,
            credits: monthly(2024, "500").into_iter().take(5).collect(),
            close: Some(CloseEvent {
                event: CloseKind::TransferOut,
                month: ym("2024-06"),
            }),
            ..Default::default()
        };
        let s = run("cn/national", &input)?;
        // k = 5: 20000 × 5 + 500 × (5+4+3+2+1) = 107500 month-yuan × 2.62 % / 12 = 234.7083 → 234.71
        let moved = s.close.as_ref().and_then(|c| c.transferred);
        assert_eq!(moved, Some(d("22734.71")));
        assert_eq!(s.balance, Decimal::ZERO);
        assert_eq!(s.balance_at(ym("2024-05")), Some(d("22500")));
        Ok(())
    }

    #[test]
    fn debit_beyond_balance_is_rejected() {
        let input = AccountInput {
            opening_balance: d("100"),
            opening_year: 2023,
            postings: vec![Posting {
                month: ym("2024-03"),
                kind: PostingKind::TransferOut,
                amount: d("100.01"),
                personal: None,
                period_from: None,
                period_to: None,
            }],
            through_year: Some(2024),
            ..Default::default()
        };
        let Err(e) = run("cn/national", &input) else {
            panic!("overdraft accepted")
        };
        assert_eq!(e.fields()[0].path, "postings[0].amount");
    }

    #[test]
    fn back_payment_needs_an_earlier_period() {
        let input = AccountInput {
            opening_balance: d("0"),
            opening_year: 2023,
            postings: vec![Posting {
                month: ym("2024-03"),
                kind: PostingKind::BackPayment,
                amount: d("800"),
                personal: None,
                period_from: Some(ym("2024-04")),
                period_to: None,
            }],
            through_year: Some(2024),
            ..Default::default()
        };
        let Err(e) = run("cn/national", &input) else {
            panic!("accepted")
        };
        assert_eq!(e.fields()[0].path, "postings[0].period_to");
    }

    #[test]
    fn eleven_percent_era_split_unknown() -> Result<(), Error> {
        // No individual rate before 2006 in the national data (国发〔1997〕26号 set a
        // path, not a value): the personal part of a 2003 credit stays unknown.
        let mut input = AccountInput {
            opening_balance: d("0"),
            opening_year: 2002,
            credits: monthly(2003, "110"),
            close: Some(CloseEvent {
                event: CloseKind::Death,
                month: ym("2004-02"),
            }),
            ..Default::default()
        };
        input.rates.insert(2003, d("0.0198"));
        input.rates.insert(2004, d("0.0198"));
        let s = run("cn/national", &input)?;
        let inh = s.close.as_ref().and_then(|c| c.inheritable.clone());
        let Some(inh) = inh else {
            panic!("no inheritable")
        };
        assert_eq!(inh.amount, None);
        assert!(inh.unknown_because.unwrap_or_default().contains("personal"));
        Ok(())
    }

    #[test]
    fn months_through_event_variant() -> Result<(), Error> {
        // The same death case as above with the event month earning interest (k = m).
        let rs = RuleSet::embedded("cn/national")?.with_overlay(
            "test",
            r#"[overlay]
id = "test/through"
[account.partial_year_convention]
[[account.partial_year_convention.values]]
from = 1998-01-01
value = "months_through_event"
source = "test"
"#,
        )?;
        let snap = rs.at(NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default());
        let input = AccountInput {
            opening_balance: d("50000"),
            opening_year: 2023,
            close: Some(CloseEvent {
                event: CloseKind::Retirement,
                month: ym("2024-04"),
            }),
            ..Default::default()
        };
        let s = statement(&input, &snap, &mut Tracer::new(false))?;
        // 50000 × 2.62 % × 4/12 = 436.666… → 436.67
        assert_eq!(s.balance, d("50436.67"));
        Ok(())
    }

    #[test]
    fn monthly_product_spreads_a_yearly_total() -> Result<(), Error> {
        // A yearly total under 月积数 earns 78/144 of a year: the 13/12 reading
        // of T15 (劳办发〔1997〕116号 附件3, docs/sources.md §3.2: 108,873.22).
        let rs = RuleSet::embedded("cn/national")?.with_overlay(
            "test",
            r#"[overlay]
id = "test/monthly"
[account.interest_convention]
[[account.interest_convention.values]]
from = 2023-01-01
value = "monthly_product"
source = "test"
"#,
        )?;
        let snap = rs.at(NaiveDate::from_ymd_opt(2023, 12, 31).unwrap_or_default());
        let input = AccountInput {
            opening_balance: d("100000.00"),
            opening_year: 2022,
            credits: vec![Credit {
                month: None,
                year: Some(2023),
                amount: d("4800"),
                personal: None,
            }],
            through_year: Some(2023),
            ..Default::default()
        };
        let s = statement(&input, &snap, &mut Tracer::new(false))?;
        assert_eq!(s.balance.to_string(), "108873.22");
        Ok(())
    }

    #[test]
    fn caller_rate_overrides_and_is_traced() -> Result<(), Error> {
        let mut input = AccountInput {
            opening_balance: d("1000"),
            opening_year: 2023,
            through_year: Some(2024),
            ..Default::default()
        };
        input.rates.insert(2024, d("0.05"));
        let rs = RuleSet::embedded("cn/national")?;
        let snap = rs.at(NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default());
        let mut t = Tracer::new(true);
        let s = statement(&input, &snap, &mut t)?;
        assert_eq!(s.balance, d("1050.00"));
        let trace = t.finish(&snap);
        let close = trace.steps.iter().find(|s| s.name == "year_close");
        let inputs = close.map(|s| s.inputs.clone()).unwrap_or_default();
        // the rule value (2.62 %) is named beside the caller's
        assert!(
            inputs
                .iter()
                .any(|(k, _)| k.contains("overrides rule value 0.0262"))
        );
        Ok(())
    }

    #[test]
    fn all_problems_at_once() {
        let input = AccountInput {
            opening_balance: d("-1"),
            opening_year: 2020,
            credits: vec![
                Credit {
                    month: Some(ym("2019-05")),
                    year: None,
                    amount: d("-3"),
                    personal: None,
                },
                Credit {
                    month: None,
                    year: None,
                    amount: d("1"),
                    personal: None,
                },
            ],
            ..Default::default()
        };
        let Err(e) = run("cn/national", &input) else {
            panic!("accepted")
        };
        let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "opening_balance",
                "through_year",
                "credits[0].amount",
                "credits[0].month",
                "credits[1]"
            ]
        );
    }
}
