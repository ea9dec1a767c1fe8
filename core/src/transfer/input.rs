//! The input of a transfer plan: the vector format's `transfer` input
//! (`hukou_region`, `birth`, `category`, `history`, `retirement_month`) and the
//! optional figures a plan may need (docs/vectors.md, kind `transfer`).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::award::Category;
use crate::contribution_index::{self, Span, SpanKind};
use crate::error::{Error, FieldError, InputErrors};
use crate::time::YearMonth;

/// An account amount the caller knows for one move (as printed on the
/// 参保缴费凭证 / 转移接续信息表), used instead of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KnownAccount {
    /// Region left (any code in the province).
    pub from: String,
    /// Region moved to (any code in the province).
    pub to: String,
    /// The move's month, where `from` → `to` happens more than once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<YearMonth>,
    /// The individual-account amount moved (本息).
    pub account: Decimal,
}

/// The person's residents' scheme (城乡居民基本养老保险) record, for the
/// scheme link (人社部发〔2014〕17号).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResidentsScheme {
    /// Months contributed to the residents' scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// Its individual-account balance (本息).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_balance: Option<Decimal>,
}

/// Who moves where: the history by place, the household registration and
/// what the money and the award need besides the rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferInput {
    /// GB/T 2260 code of the household registration (户籍所在地); its
    /// province counts.
    pub hukou_region: String,
    /// Birth month.
    pub birth: YearMonth,
    /// Retirement category (sets the temporary-account age).
    pub category: Category,
    /// The contribution history; every paid and deemed span names its
    /// `region` (deemed years count where they were earned).
    pub history: Vec<Span>,
    /// The month benefits are claimed (the plan's end).
    pub retirement_month: YearMonth,
    /// First months in a new province of moves approved by a 县级以上
    /// 党委组织部门 or 人社部门 (调动): they move the relation whatever the age.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approved_moves: Vec<YearMonth>,
    /// Account amounts known for some moves (they replace the ledger there).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub account_transfers: Vec<KnownAccount>,
    /// The personal-contribution part of the account (本息) at 1997-12-31:
    /// what moves for the years before 1998 (国办发〔2009〕66号 第四条 (一)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_personal_1997: Option<Decimal>,
    /// Account interest rates by year, for years the rule set lacks (before
    /// 2016 each province set its own) or to override it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rates: BTreeMap<i32, Decimal>,
    /// Employer contribution rates by region, for temporary accounts in
    /// places without a rule set (or to override it).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub employer_rates: BTreeMap<String, Decimal>,
    /// The benefit place's average monthly wages by year (the award's
    /// `average_wages`), where its rule set lacks them or it has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_wages: Option<BTreeMap<i32, Decimal>>,
    /// The benefit place's 计发基数 (the award's `pension_base`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pension_base: Option<Decimal>,
    /// Deemed index (视同缴费指数), where deemed months enter the average.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deemed_index: Option<Decimal>,
    /// The account balance at retirement, instead of the ledger's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_balance: Option<Decimal>,
    /// The residents' scheme record, for the 2014 scheme link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residents_scheme: Option<ResidentsScheme>,
}

/// The province of a GB/T 2260 code: its first two digits + `0000`.
/// Pension relations are provincial (省级统筹), so `610100` (Xi'an) is in
/// `610000` (Shaanxi).
///
/// ```
/// assert_eq!(pension_rules::transfer::province("610100"), "610000");
/// ```
pub fn province(code: &str) -> String {
    format!("{}0000", code.get(..2).unwrap_or(code))
}

impl TransferInput {
    /// Read an input object, reporting every field problem at once with its
    /// path (types, unknown and missing fields, inside `history` too).
    ///
    /// ```
    /// use pension_rules::transfer::TransferInput;
    /// let v = serde_json::json!({"hukou_region": "61", "birth": "1975-13", "category": "male",
    ///     "history": [{"from": "2016-01", "to": "2017-12", "base": "6000", "colour": 1}],
    ///     "retirement_month": "2035-03"});
    /// let e = TransferInput::from_json(&v).unwrap_err();
    /// let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
    /// assert_eq!(paths, ["birth", "history[0].colour"]);
    /// ```
    pub fn from_json(v: &Value) -> Result<Self, Error> {
        crate::json_fields::read(v)
    }

    /// Value checks that need no rules; every problem at once.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errs = vec![];
        let mut err = |path: String, message: String| errs.push(FieldError { path, message });
        let negative = |v: Decimal| v.is_sign_negative() && !v.is_zero();
        if let Err(m) = crate::bounds::region(&self.hukou_region) {
            err("hukou_region".into(), m);
        }
        if self.retirement_month < self.birth {
            err(
                "retirement_month".into(),
                format!(
                    "{} is before the birth month {}",
                    self.retirement_month, self.birth
                ),
            );
        }
        if self.history.is_empty() {
            err("history".into(), "must hold at least one span".into());
        }
        for (i, s) in self.history.iter().enumerate() {
            if s.kind != SpanKind::Gap && s.region.is_none() {
                err(
                    format!("history[{i}].region"),
                    "required for a transfer: the GB/T 2260 code of the place paid to (deemed years: where they were earned)".into(),
                );
            }
            if s.from < self.birth {
                err(
                    format!("history[{i}].from"),
                    format!("{} is before the birth month {}", s.from, self.birth),
                );
            }
        }
        for e in contribution_index::validate_spans(&self.history, self.retirement_month, "history")
        {
            err(e.path, e.message);
        }
        for (i, k) in self.account_transfers.iter().enumerate() {
            for (name, code) in [("from", &k.from), ("to", &k.to)] {
                if let Err(m) = crate::bounds::region(code) {
                    err(format!("account_transfers[{i}].{name}"), m);
                }
            }
            if negative(k.account) {
                err(
                    format!("account_transfers[{i}].account"),
                    format!("must not be negative, got {}", k.account),
                );
            }
        }
        if let Some(a) = self.account_personal_1997 {
            if negative(a) {
                err(
                    "account_personal_1997".into(),
                    format!("must not be negative, got {a}"),
                );
            }
            let pre_1998 = YearMonth::new(1998, 1).is_some_and(|m| {
                self.history
                    .iter()
                    .any(|s| s.kind == SpanKind::Paid && s.from < m)
            });
            if !pre_1998 {
                err(
                    "account_personal_1997".into(),
                    "used only when the history has paid months before 1998".into(),
                );
            }
        }
        for (y, r) in &self.rates {
            if negative(*r) || *r > Decimal::ONE {
                err(
                    format!("rates.{y}"),
                    format!("{r} is not a rate between 0 and 1"),
                );
            }
        }
        for (region, r) in &self.employer_rates {
            if let Err(m) = crate::bounds::region(region) {
                err(format!("employer_rates.{region}"), m);
            }
            if negative(*r) || *r > Decimal::ONE {
                err(
                    format!("employer_rates.{region}"),
                    format!("{r} is not a rate between 0 and 1"),
                );
            }
        }
        for (y, w) in self.average_wages.iter().flatten() {
            if *w <= Decimal::ZERO {
                err(
                    format!("average_wages.{y}"),
                    format!("must be above 0, got {w}"),
                );
            }
        }
        if let Some(c) = self.pension_base
            && c <= Decimal::ZERO
        {
            err("pension_base".into(), format!("must be above 0, got {c}"));
        }
        for (name, v) in [
            ("deemed_index", self.deemed_index),
            ("account_balance", self.account_balance),
            (
                "residents_scheme.account_balance",
                self.residents_scheme
                    .as_ref()
                    .and_then(|r| r.account_balance),
            ),
        ] {
            if let Some(v) = v
                && negative(v)
            {
                err(name.into(), format!("must not be negative, got {v}"));
            }
        }
        errs
    }

    /// The input as an error when [`TransferInput::validate`] finds problems.
    pub(crate) fn check(&self) -> Result<(), Error> {
        let errs = self.validate();
        if errs.is_empty() {
            Ok(())
        } else {
            Err(Error::Input(InputErrors(errs)))
        }
    }
}
