//! Parameter families: every name under a prefix has one shape.
//!
//! * `award.extras.<name>` — 地方增发 / 地方补贴 / 津贴, a provincial or city
//!   addition to the pension on top of the three parts of 国发〔2005〕38号
//!   第六条 (a province's own decision; each entry cites it). Dated; each
//!   entry gives a `title`, a `kind` with its fields, optional `when`
//!   conditions and `in_total`.
//! * `award.attributes.<name>` — 人员属性: a fact about the person an extra
//!   may depend on (独生子女, 地区类别 …), declared with its `title` and
//!   `type` (`bool`, or `text` with `allowed` values).
//!
//! * `award.deemed_index.<locality>` — 视同缴费指数 of a locality (Guangdong:
//!   the 1993 place of work, 粤府函〔2021〕294号 附表一、二), a dated number
//!   with its `title` (the place's Chinese name), used by the
//!   `weighted_years` transitional method.
//!
//! * `award.coefficient_overrides.<name>` — a coefficient of the award chosen
//!   by a condition on the person (宁夏 知识分子: 过渡系数 1.49 % instead of
//!   1.3 %): the `slot` it replaces (`transitional_coefficient`,
//!   `basic_rate_per_year`), its `value` and the `when` conditions, written
//!   as for extras. Where no override's `when` holds, the slot's own
//!   parameter applies.
//!
//! The loader reads them into [`Value::Extra`](super::Value::Extra),
//! [`Value::Attribute`](super::Value::Attribute),
//! [`Value::Decimal`](super::Value::Decimal) and
//! [`Value::Override`](super::Value::Override); the snapshot holds them as
//! [`Family`] timelines by name.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::model::Provenance;

/// The prefix of the extras family.
pub const EXTRAS: &str = "award.extras";
/// The prefix of the attributes family.
pub const ATTRIBUTES: &str = "award.attributes";
/// The prefix of the 视同缴费指数-by-locality family (Guangdong's 1993
/// locality table, 粤府函〔2021〕294号 附表一、二).
pub const DEEMED_INDEX: &str = "award.deemed_index";
/// The prefix of the coefficient-overrides family.
pub const OVERRIDES: &str = "award.coefficient_overrides";

/// Whether `s` is a snake_case name (`only_child`, `heating_2`).
pub fn is_snake(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A person attribute's value: `true`/`false` or a text.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(untagged)]
pub enum AttrValue {
    /// A yes/no attribute.
    Bool(bool),
    /// A text attribute (one of its `allowed` values).
    Text(String),
}

impl std::fmt::Display for AttrValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AttrValue::Bool(b) => write!(f, "{b}"),
            AttrValue::Text(t) => write!(f, "{t:?}"),
        }
    }
}

/// The type of a declared attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum AttributeType {
    /// `true` or `false`.
    Bool,
    /// One of the listed texts.
    Text {
        /// The values allowed.
        allowed: Vec<String>,
    },
    /// A number not below zero, written as a decimal string (`"12.5"`): a
    /// count a stepped extra reads (years worked in 西藏 …).
    Number,
}

/// 人员属性: a declared person attribute (`award.attributes.<name>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AttributeDecl {
    /// Title (Chinese and English).
    pub title: String,
    /// Its type.
    #[serde(flatten)]
    pub kind: AttributeType,
    /// The value taken when an input does not give it (e.g. `false` for a
    /// status that must be certified to count); without one, an extra that
    /// needs the attribute refuses an input lacking it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<AttrValue>,
}

impl AttributeDecl {
    /// Why `v` is not a value of this attribute, if it is not.
    pub fn refuse(&self, v: &AttrValue) -> Option<String> {
        match (&self.kind, v) {
            (AttributeType::Bool, AttrValue::Bool(_)) => None,
            (AttributeType::Bool, AttrValue::Text(_)) => Some("expected true or false".into()),
            (AttributeType::Text { allowed }, AttrValue::Text(t)) => (!allowed.contains(t))
                .then(|| format!("{t:?} is not one of {}", allowed.join(", "))),
            (AttributeType::Text { allowed }, AttrValue::Bool(_)) => {
                Some(format!("expected one of {}", allowed.join(", ")))
            }
            (AttributeType::Number, v) => match v.number() {
                Some(n) if n >= Decimal::ZERO => None,
                _ => Some(format!(
                    "expected a number not below zero as a decimal string (\"12.5\"), got {v}"
                )),
            },
        }
    }
}

impl AttrValue {
    /// The value of a `number` attribute (a decimal string), if it is one.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            AttrValue::Text(t) => t.trim().parse().ok().filter(|_| t.trim() == t),
            AttrValue::Bool(_) => None,
        }
    }
}

impl std::fmt::Display for AttributeDecl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            AttributeType::Bool => write!(f, "{}: bool", self.title),
            AttributeType::Text { allowed } => {
                write!(f, "{}: text ({})", self.title, allowed.join(" | "))
            }
            AttributeType::Number => write!(f, "{}: number", self.title),
        }
    }
}

/// Which contribution years a `per_year` extra counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum YearsBasis {
    /// Actual and deemed months (累计缴费年限).
    Total,
    /// Actual months only (实际缴费年限).
    Actual,
    /// Deemed months only (视同缴费年限).
    Deemed,
}

/// How the years of a `per_year` extra are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum YearsRounding {
    /// months / 12.
    Exact,
    /// Whole years only (满1年).
    Floor,
}

/// A component of the pension an extra is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PensionPart {
    /// 基础养老金.
    Basic,
    /// 个人账户养老金.
    Account,
    /// 过渡性养老金.
    Transitional,
}

impl PensionPart {
    /// The names used in rule files.
    pub const NAMES: &'static [&'static str] = &["basic", "account", "transitional"];
}

/// A rate for the years above a threshold (up to the next band).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Band {
    /// Years above which the rate applies.
    pub above_years: u32,
    /// The rate per year.
    pub rate: Decimal,
}

/// What an extra is, with its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ExtraKind {
    /// A flat monthly amount.
    Flat {
        /// Yuan per month.
        amount: Decimal,
    },
    /// An amount per contribution year, plus an optional fixed part.
    PerYear {
        /// Yuan per year.
        amount: Decimal,
        /// Fixed yuan per month.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fixed: Option<Decimal>,
        /// Which years.
        years: YearsBasis,
        /// How they are counted.
        years_rounding: YearsRounding,
    },
    /// A share of pension components (the rounded amounts).
    PctOfPension {
        /// The share.
        rate: Decimal,
        /// The components.
        of: Vec<PensionPart>,
    },
    /// rate × C·Ī × N, with higher rates for years above the band thresholds.
    PctOfIndexedWage {
        /// The rate per year up to the first band.
        rate: Decimal,
        /// Rates for the years above a threshold.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        bands: Vec<Band>,
    },
    /// rate × (C_flat + C·Ī) / 2 × N, with bands (Jilin 增发).
    PctOfBasicBase {
        /// The rate per year up to the first band.
        rate: Decimal,
        /// Rates for the years above a threshold.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        bands: Vec<Band>,
    },
    /// rate × an amount given in the entry (a province statistic).
    PctOfAmount {
        /// The share.
        rate: Decimal,
        /// The amount (yuan per month).
        amount: Decimal,
    },
    /// In force, but no source gives its amount for the period: an award
    /// it applies to is a typed error (`rule_missing_year`), never a zero.
    Unknown,
    /// rate × C·Ī, the rate chosen by a `number` attribute of the person:
    /// the step with the highest `at_least` not above the attribute's value
    /// (none: 0). 西藏 高原补贴: 5 % / 10 % / 15 % of C·Ī after 10 / 15 / 20
    /// years worked in Tibet.
    PctOfIndexedWageStepped {
        /// The `number` attribute the steps read.
        attribute: String,
        /// The steps, by rising `at_least`.
        steps: Vec<Step>,
    },
}

/// A step of a stepped extra: `rate` from `at_least` on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Step {
    /// The attribute value from which the rate applies.
    pub at_least: Decimal,
    /// The rate.
    pub rate: Decimal,
}

/// When an extra applies: every condition must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExtraWhen {
    /// Attribute equalities.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, AttrValue>,
    /// Month-count bounds, by name (`min_deemed_months` …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub months: BTreeMap<MonthBound, u32>,
}

/// A bound on a month count in `when`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MonthBound {
    /// At least this many deemed months.
    MinDeemedMonths,
    /// At least this many actual months.
    MinActualMonths,
    /// At least this many months in all.
    MinTotalMonths,
    /// At most this many deemed months.
    MaxDeemedMonths,
    /// At most this many actual months.
    MaxActualMonths,
    /// At most this many months in all.
    MaxTotalMonths,
}

impl MonthBound {
    /// Every bound, with its name in rule files.
    pub const ALL: [(MonthBound, &'static str); 6] = [
        (MonthBound::MinDeemedMonths, "min_deemed_months"),
        (MonthBound::MinActualMonths, "min_actual_months"),
        (MonthBound::MinTotalMonths, "min_total_months"),
        (MonthBound::MaxDeemedMonths, "max_deemed_months"),
        (MonthBound::MaxActualMonths, "max_actual_months"),
        (MonthBound::MaxTotalMonths, "max_total_months"),
    ];
    /// The name in rule files.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(b, _)| *b == self)
            .map_or("", |(_, n)| n)
    }
    /// Whether `(actual, deemed)` months meet the bound `n`; the months are
    /// exact (a sheet's half month kept: 119.5 deemed months are fewer than
    /// 120, 360.5 months in all more than 360).
    pub fn holds(self, actual: Decimal, deemed: Decimal, n: u32) -> bool {
        let total = actual + deemed;
        let n = Decimal::from(n);
        match self {
            MonthBound::MinDeemedMonths => deemed >= n,
            MonthBound::MinActualMonths => actual >= n,
            MonthBound::MinTotalMonths => total >= n,
            MonthBound::MaxDeemedMonths => deemed <= n,
            MonthBound::MaxActualMonths => actual <= n,
            MonthBound::MaxTotalMonths => total <= n,
        }
    }
}

/// 地方增发 / 补贴: one local extra as an entry defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExtraRule {
    /// Title (Chinese and English).
    pub title: String,
    /// What it is.
    #[serde(flatten)]
    pub kind: ExtraKind,
    /// When it applies (always, when empty).
    #[serde(default, skip_serializing_if = "is_always")]
    pub when: ExtraWhen,
    /// Whether it enters the total (合计).
    pub in_total: bool,
}

fn is_always(w: &ExtraWhen) -> bool {
    w.attributes.is_empty() && w.months.is_empty()
}

fn rate_text(r: Decimal) -> String {
    format!("{}%", (r * Decimal::ONE_HUNDRED).normalize())
}

fn bands_text(rate: Decimal, bands: &[Band]) -> String {
    let mut s = rate_text(rate);
    for b in bands {
        s.push_str(&format!(
            ", {} above {} years",
            rate_text(b.rate),
            b.above_years
        ));
    }
    s
}

impl std::fmt::Display for ExtraKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExtraKind::Flat { amount } => write!(f, "flat {amount}"),
            ExtraKind::PerYear {
                amount,
                fixed,
                years,
                years_rounding,
            } => {
                write!(
                    f,
                    "per_year {amount} × {years:?} years ({years_rounding:?})"
                )?;
                if let Some(x) = fixed {
                    write!(f, " + {x}")?;
                }
                Ok(())
            }
            ExtraKind::PctOfPension { rate, of } => {
                let of: Vec<_> = of.iter().map(|p| format!("{p:?}").to_lowercase()).collect();
                write!(f, "pct_of_pension {} of {}", rate_text(*rate), of.join("+"))
            }
            ExtraKind::PctOfIndexedWage { rate, bands } => {
                write!(f, "pct_of_indexed_wage {}", bands_text(*rate, bands))
            }
            ExtraKind::PctOfBasicBase { rate, bands } => {
                write!(f, "pct_of_basic_base {}", bands_text(*rate, bands))
            }
            ExtraKind::PctOfAmount { rate, amount } => {
                write!(f, "pct_of_amount {} of {amount}", rate_text(*rate))
            }
            ExtraKind::Unknown => f.write_str("unknown amount"),
            ExtraKind::PctOfIndexedWageStepped { attribute, steps } => {
                let s: Vec<String> = steps
                    .iter()
                    .map(|s| format!("{} from {attribute} {}", rate_text(s.rate), s.at_least))
                    .collect();
                write!(f, "pct_of_indexed_wage_stepped {}", s.join(", "))
            }
        }
    }
}

impl std::fmt::Display for ExtraWhen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts: Vec<String> = self
            .attributes
            .iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect();
        parts.extend(
            self.months
                .iter()
                .map(|(b, n)| format!("{} = {n}", b.name())),
        );
        f.write_str(&parts.join(", "))
    }
}

impl std::fmt::Display for ExtraRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.title, self.kind)?;
        if !is_always(&self.when) {
            write!(f, " when {}", self.when)?;
        }
        if !self.in_total {
            f.write_str(" (not in total)")?;
        }
        Ok(())
    }
}

/// The coefficient of the award a [`CoefficientOverride`] replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CoefficientSlot {
    /// k of the transitional pension (`award.transitional_coefficient`, 过渡系数).
    TransitionalCoefficient,
    /// The basic pension's rate per year (`award.basic_rate_per_year`).
    BasicRatePerYear,
}

impl CoefficientSlot {
    /// The names used in rule files (each the parameter it replaces).
    pub const NAMES: &'static [&'static str] = &["transitional_coefficient", "basic_rate_per_year"];
    /// The name in rule files.
    pub fn name(self) -> &'static str {
        match self {
            CoefficientSlot::TransitionalCoefficient => Self::NAMES[0],
            CoefficientSlot::BasicRatePerYear => Self::NAMES[1],
        }
    }
}

/// A coefficient chosen by a condition (`award.coefficient_overrides.<name>`):
/// where `when` holds, `value` replaces the slot's parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CoefficientOverride {
    /// Title (Chinese and English).
    pub title: String,
    /// The coefficient it replaces.
    pub slot: CoefficientSlot,
    /// The coefficient where `when` holds.
    pub value: Decimal,
    /// When it applies (at least one condition).
    pub when: ExtraWhen,
}

impl std::fmt::Display for CoefficientOverride {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} = {} when {}",
            self.title,
            self.slot.name(),
            self.value,
            self.when
        )
    }
}

/// One member of a family in force on a date, with its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<T> {
    /// The member's name (`only_child_subsidy`).
    pub name: Arc<str>,
    /// Its registered parameter name (`award.extras.only_child_subsidy`).
    pub param: Arc<str>,
    /// The value.
    pub value: Arc<T>,
    /// Where it comes from.
    pub provenance: Arc<Provenance>,
}

type Dated<T> = Vec<(NaiveDate, Option<NaiveDate>, Member<T>)>;

/// A family's members as dated series, by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Family<T> {
    by_name: BTreeMap<Arc<str>, Dated<T>>,
}

impl<T> Default for Family<T> {
    fn default() -> Self {
        Family {
            by_name: BTreeMap::new(),
        }
    }
}

impl<T> Family<T> {
    pub(super) fn push(&mut self, from: NaiveDate, until: Option<NaiveDate>, m: Member<T>) {
        self.by_name
            .entry(m.name.clone())
            .or_default()
            .push((from, until, m));
    }

    /// Whether no member has any entry.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    /// Every member's names.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.by_name.keys().map(|k| &**k)
    }

    /// The member in force on `date` under `name`, if any.
    pub fn get(&self, name: &str, date: NaiveDate) -> Option<&Member<T>> {
        let v = self.by_name.get(name)?;
        let i = v.partition_point(|(from, _, _)| *from <= date);
        let (_, until, m) = &v[i.checked_sub(1)?];
        until.is_none_or(|u| date <= u).then_some(m)
    }

    /// Every member in force on `date`, by name.
    pub fn at(&self, date: NaiveDate) -> Vec<&Member<T>> {
        self.by_name
            .keys()
            .filter_map(|n| self.get(n, date))
            .collect()
    }
}
