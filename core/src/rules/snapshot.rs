//! A rule set resolved into plain typed fields: built once, then read by every
//! computation without touching the parsed tree.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::family::{AttributeDecl, ExtraRule, Family, Member};
use super::model::*;
use super::params::*;
use super::{Identity, RuleSet};
use crate::error::RuleError;
use crate::rounding::Rounding;
use crate::time::{Age, YearMonth};

/// A value with the parameter it came from and its legal source.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// The parameter's registered name.
    pub param: &'static str,
    /// Where the value comes from.
    pub provenance: Arc<Provenance>,
}

/// A dated series: the value in force on any day.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline<T> {
    param: &'static str,
    as_of: NaiveDate,
    entries: Vec<(NaiveDate, Option<NaiveDate>, Sourced<T>)>,
}

impl<T: Clone> Timeline<T> {
    /// The value in force on `date`: the last entry whose `from` is on or
    /// before it (and whose `until`, if any, is not before it).
    pub fn at(&self, date: NaiveDate) -> Result<Sourced<T>, RuleError> {
        let i = self.entries.partition_point(|(from, _, _)| *from <= date);
        match i.checked_sub(1).map(|i| &self.entries[i]) {
            Some((_, until, v)) if until.is_none_or(|u| date <= u) => Ok(v.clone()),
            _ => Err(RuleError::NotInForce {
                param: self.param,
                date,
            }),
        }
    }
    /// The value in force during `month` (on its first day).
    pub fn in_month(&self, month: YearMonth) -> Result<Sourced<T>, RuleError> {
        self.at(month.first_day())
    }
    /// The value in force on the snapshot's date.
    pub fn current(&self) -> Result<Sourced<T>, RuleError> {
        self.at(self.as_of)
    }
    /// Whether the parameter has any entry at all.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// The parameter's name.
    pub fn param(&self) -> &'static str {
        self.param
    }
    /// Every entry, earliest first, as `(from, until, value)`: for rules
    /// applied by the date a later event falls on (the retirement age in
    /// force when it is reached).
    pub fn versions(
        &self,
    ) -> impl DoubleEndedIterator<Item = (NaiveDate, Option<NaiveDate>, &Sourced<T>)> + '_ {
        self.entries.iter().map(|(f, u, v)| (*f, *u, v))
    }
}

/// A yearly series as known on the snapshot's knowledge date.
#[derive(Debug, Clone, PartialEq)]
pub struct YearSeries<T> {
    param: &'static str,
    /// The rule set it belongs to (named by its errors).
    set: Arc<str>,
    by_year: BTreeMap<i32, Sourced<T>>,
}

impl<T: Clone> YearSeries<T> {
    /// The value for `year`; a final value beats a provisional (预发) one.
    pub fn get(&self, year: i32) -> Result<Sourced<T>, RuleError> {
        self.by_year
            .get(&year)
            .cloned()
            .ok_or_else(|| RuleError::NoYear {
                param: self.param,
                year,
                ruleset: self.set.to_string(),
            })
    }
    /// The rule set it belongs to.
    pub fn ruleset(&self) -> &str {
        &self.set
    }
    /// Whether the series has no value at all.
    pub fn is_empty(&self) -> bool {
        self.by_year.is_empty()
    }
    /// Whether `year` has a value.
    pub fn has(&self, year: i32) -> bool {
        self.by_year.contains_key(&year)
    }
    /// Years with values.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.by_year.keys().copied()
    }
    /// The parameter's name.
    pub fn param(&self) -> &'static str {
        self.param
    }
}

/// One version of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRows<T> {
    rows: BTreeMap<i64, T>,
    step: bool,
}

impl<T: Clone> TableRows<T> {
    /// The row for `key` (exact tables), or the row with the greatest key not
    /// above it (step tables).
    pub fn get(&self, key: i64) -> Option<T> {
        if self.step {
            self.rows.range(..=key).next_back().map(|(_, v)| v.clone())
        } else {
            self.rows.get(&key).cloned()
        }
    }
    /// Smallest and largest key.
    pub fn key_range(&self) -> Option<(i64, i64)> {
        Some((*self.rows.keys().next()?, *self.rows.keys().next_back()?))
    }
    /// All rows.
    pub fn rows(&self) -> &BTreeMap<i64, T> {
        &self.rows
    }
}

impl<T> std::fmt::Display for TableRows<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "table of {} rows", self.rows.len())
    }
}

/// A retirement-age schedule version.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ScheduleRule {
    /// Age before any rise.
    pub original_age: Age,
    /// The gradual rise by birth cohort, if any.
    pub rise: Option<CohortRise>,
}

impl std::fmt::Display for ScheduleRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.rise {
            None => write!(f, "{}", self.original_age),
            Some(r) => write!(
                f,
                "{} rising from births {} by 1 month per {} months, up to +{} months = {}",
                self.original_age, r.start_birth, r.step_months, r.max_delay_months, r.final_age
            ),
        }
    }
}

macro_rules! variant_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
        pub enum $name { $($(#[$vm])* $v),+ }
        impl FromStr for $name {
            type Err = ();
            fn from_str(s: &str) -> Result<Self, ()> {
                match s { $($s => Ok(Self::$v),)+ _ => Err(()) }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.name()) }
        }
        impl $name {
            /// The names used in rule files, in declaration order: the
            /// registry's domain for a parameter of this type, so the loader
            /// accepts exactly the names [`FromStr`] parses.
            pub const NAMES: &'static [&'static str] = &[$($s),+];
            /// The name used in rule files.
            pub fn name(self) -> &'static str { match self { $(Self::$v => $s),+ } }
        }
        impl FromValue for $name {
            fn from_value(v: &Value) -> Option<Self> {
                v.as_variant().and_then(|s| s.parse().ok())
            }
        }
    };
}

variant_enum!(
    /// Year-end interest convention (劳办发〔1997〕116号 附件3).
    InterestConvention {
        /// `B(1+r) + A(1 + r × 1.083 / 2)`.
        Annual1083 = "annual_1083",
        /// Exact 月积数: each month's credit earns r × (13 − n) / 12.
        MonthlyProduct = "monthly_product",
    }
);
variant_enum!(
    /// Interest of a year closed mid-year (retirement, death, transfer out):
    /// 月积数 over the months that earn interest. An event in month m counts
    /// months 1..m−1 or 1..m.
    PartialYearConvention {
        /// Months 1 to m − 1 earn interest; the event month does not.
        MonthsBeforeEvent = "months_before_event",
        /// Months 1 to m earn interest, the event month included.
        MonthsThroughEvent = "months_through_event",
    }
);
variant_enum!(
    /// The inheritable part of the individual account.
    Inheritance {
        /// Personal contributions and their interest only (国发〔1997〕26号).
        PersonalContributions = "personal_contributions",
        /// The whole remaining balance (社会保险法 第十四条).
        WholeBalance = "whole_balance",
    }
);
variant_enum!(
    /// 计发月数 for ages with months.
    DivisorMonthRule {
        /// The whole-year row.
        WholeYears = "whole_years",
        /// Linear between the year rows, by month.
        LinearByMonth = "linear_by_month",
    }
);
variant_enum!(
    /// Which average wage divides a year's contribution base.
    IndexDenominator {
        /// The wage that set that year's base (usually the previous year's).
        BaseSettingYear = "base_setting_year",
        /// The average wage of the same calendar year.
        SameYear = "same_year",
    }
);
variant_enum!(
    /// Weighting of the average index.
    IndexWeighting {
        /// Each month counts once.
        Monthly = "monthly",
        /// Each year's index counts once.
        Yearly = "yearly",
    }
);
variant_enum!(
    /// How gaps (断缴) enter the average index.
    GapRule {
        /// Counted with index 0.
        Zero = "zero",
        /// Left out.
        Skip = "skip",
    }
);
variant_enum!(
    /// Whether deemed (视同) years enter the average index.
    DeemedRule {
        /// Not in the average.
        Excluded = "excluded",
        /// In the average with the deemed index.
        Included = "included",
    }
);
variant_enum!(
    /// Which years earn the transitional pension.
    TransitionalYears {
        /// Deemed (视同) years only.
        DeemedOnly = "deemed_only",
        /// Deemed years and actual years before the account began.
        DeemedAndPreAccount = "deemed_and_pre_account",
    }
);
variant_enum!(
    /// The base slot of the transitional pension (过渡性养老金计发基数).
    TransitionalBase {
        /// C, the 计发基数 (most provinces: C × index × years × k).
        PensionBase = "pension_base",
        /// (C + C × Ī) / 2, the basic pension's average (Sichuan, Chongqing,
        /// Qinghai: (C + C·Ī)/2 × years × k).
        BasicAverage = "basic_average",
    }
);
variant_enum!(
    /// How the transitional pension is obtained.
    TransitionalMethod {
        /// Computed from the template's slots (base × index × years × k).
        Template = "template",
        /// The province's formula needs figures the engine does not model
        /// (Beijing's G同 + G实 windows, Shanghai's 虚账实记 ÷ 120, Guangdong's
        /// 视同指数 table): the input gives the amount (`transitional_pension`),
        /// and without it the award is a typed error, never a silent zero.
        Given = "given",
        /// 加权视同缴费年限 (粤府函〔2021〕294号): C × W × k with W = (D ×
        /// (deemed months + actual months before the index window) + Σ monthly
        /// indices in the window) / 12, D the 视同缴费指数 of the person's
        /// locality (`award.deemed_index.<locality>`); see
        /// [`crate::award::weighted_years`].
        WeightedYears = "weighted_years",
    }
);
variant_enum!(
    /// What a retirement year after the last one of
    /// `award.transitional_phase_in` pays (新老办法过渡 之后).
    PhaseInAfter {
        /// The last listed share goes on (old + max(new − old, 0) × share).
        LastShare = "last_share",
        /// The new method alone, with no comparison to the old (Guangdong
        /// 2026+: 粤府函〔2021〕294号).
        NewMethod = "new_method",
    }
);
variant_enum!(
    /// The index slot of the transitional pension.
    TransitionalIndexRule {
        /// Ī, the average index (a `transitional_index` given in the input
        /// replaces it, as printed on the sheet).
        AverageIndex = "average_index",
        /// A separate transitional index (过渡性平均缴费指数, e.g. over the
        /// years before the account) that the input must give.
        Separate = "separate",
        /// 1: the base slot alone (with `basic_average`, or a fixed deemed index).
        One = "one",
        /// max(Ī, 1): the average index, at least 1.
        AverageIndexFloorOne = "average_index_floor_one",
    }
);
variant_enum!(
    /// How the total (合计) of an award is formed.
    TotalRule {
        /// The sum of the rounded components and extras (then `rounding.total`).
        SumOfRounded = "sum_of_rounded",
        /// The exact sum, rounded once with `rounding.total`.
        RoundedSum = "rounded_sum",
    }
);

variant_enum!(
    /// Structure of the contribution-years part of a yearly adjustment.
    YearsPart {
        /// `a × n` for all years (Shaanxi 2016).
        PerYearAll = "per_year_all",
        /// `a × min(n, T) + b × max(n − T, 0)` (Shaanxi 2017–2020).
        PerYearTiered = "per_year_tiered",
        /// `X + b × max(n − T, 0)`: a lump sum for the part up to T (Shaanxi 2021+).
        LumpThenPerYear = "lump_then_per_year",
    }
);
variant_enum!(
    /// How a part-year of contribution counts in an adjustment.
    PartYear {
        /// 不足1年的按1年计算: rounded up to whole years.
        FullYear = "full_year",
        /// Only completed years count.
        WholeYears = "whole_years",
        /// Months / 12, unrounded.
        Exact = "exact",
    }
);
variant_enum!(
    /// The lump sum for people with fewer years than the threshold.
    LumpBelow {
        /// The whole lump sum, whatever the years.
        Whole = "whole",
        /// The lump sum × years / threshold.
        ProRata = "pro_rata",
    }
);
variant_enum!(
    /// The 企业军转干部 top-up in a yearly adjustment.
    MilitaryCadre {
        /// Raised to the city's average enterprise pension after the adjustment.
        TopUpToCityAverage = "top_up_to_city_average",
        /// No top-up in that year's scheme.
        NoTopUp = "none",
    }
);

/// A rule set resolved for computations on one date, as known on one date.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Which rules: id, version, hash.
    pub identity: Arc<Identity>,
    /// The evaluation date (`current()` values are those in force then).
    pub as_of: NaiveDate,
    /// The knowledge date: values published later are left out.
    pub known_on: Option<NaiveDate>,
    /// GB/T 2260 code of the most specific layer that names a region
    /// (`610000` for cn/shaanxi; `None` for cn/national).
    pub region: Option<String>,
    /// `contribution.*`: contribution parameters (缴费).
    pub contribution: ContributionRules,
    /// `account.*`: individual-account parameters (个人账户).
    pub account: AccountRules,
    /// `retirement.*`: retirement parameters (退休).
    pub retirement: RetirementRules,
    /// `award.*`: award parameters (待遇计发).
    pub award: AwardRules,
    /// `transfer.*`: transfer parameters (转移接续).
    pub transfer: TransferRules,
    /// `survivor.*`: survivor-benefit parameters (遗属待遇).
    pub survivor: SurvivorRules,
    /// `rounding.*`: rounding rules (舍入).
    pub rounding: RoundingRules,
    /// `adjustment.*`: yearly pension-adjustment schemes (基本养老金调整).
    pub adjustment: AdjustmentRules,
    /// `life.*`: life tables (生命表), assumptions of the plan.
    pub life: LifeRules,
    /// `award.extras.*`: the local extras (地方增发/补贴), by name.
    pub extras: Family<ExtraRule>,
    /// `award.attributes.*`: the declared person attributes (人员属性), by name.
    pub attributes: Family<AttributeDecl>,
    /// `award.deemed_index.*`: 视同缴费指数 by locality (Guangdong's 1993
    /// locality table), by name.
    pub deemed_indices: Family<Decimal>,
    /// `award.coefficient_overrides.*`: coefficients chosen by a person
    /// attribute (宁夏 知识分子 过渡系数), by name.
    pub overrides: Family<super::family::CoefficientOverride>,
}

impl Snapshot {
    /// Whether the award uses only the national skeleton of 国发〔2005〕38号
    /// 第六条 with a `C × Ī × years × k` transitional pension and one money
    /// rounding — what the population fast path implements. Any provincial
    /// template slot, coefficient condition, second base, per-component or
    /// total rounding, total rule, local extra or person attribute makes it
    /// `false` (then every person takes the general path, which computes
    /// them as the Engine does).
    pub fn follows_the_national_skeleton(&self) -> bool {
        let (a, r) = (&self.award, &self.rounding);
        a.transitional_base.is_empty()
            && a.transitional_method.is_empty()
            && a.transitional_index_rule.is_empty()
            && a.transitional_coefficient_above.is_empty()
            && a.transitional_threshold_months.is_empty()
            && a.flat_part_base.is_empty()
            && a.transitional_phase_in.is_empty()
            && a.basic_rate_per_extra_month.is_empty()
            && a.transitional_notional_divisor.is_empty()
            && a.transitional_window_coefficient.is_empty()
            && a.transitional_window_end.is_empty()
            && a.total_rule.is_empty()
            && r.transitional_years.is_empty()
            && r.basic_pension.is_empty()
            && r.account_pension.is_empty()
            && r.transitional_pension.is_empty()
            && r.total.is_empty()
            && r.local_extras.is_empty()
            && self.extras.is_empty()
            && self.attributes.is_empty()
            && self.deemed_indices.is_empty()
            && a.transitional_old_divisor.is_empty()
            && a.transitional_old_per_year.is_empty()
            && a.transitional_fixed.is_empty()
            && a.transitional_phase_in_after.is_empty()
            && a.transitional_window_start.is_empty()
            && self.overrides.is_empty()
    }
}

fn visible(p: &Provenance, known_on: Option<NaiveDate>) -> bool {
    match (known_on, p.published) {
        (Some(k), Some(published)) => published <= k,
        _ => true,
    }
}

/// A snapshot field's value type, read from a parsed [`Value`].
///
/// The loader has already checked every value against its parameter's
/// domain, and each declaration in `params.rs` derives the field type and
/// the domain from the same tokens (a `Variant(T)` domain is `T::NAMES`), so
/// `None` here cannot meet a loaded rule set.
pub(super) trait FromValue: Sized {
    /// The typed value, if `v` is of this type.
    fn from_value(v: &Value) -> Option<Self>;
}

impl FromValue for Decimal {
    fn from_value(v: &Value) -> Option<Self> {
        v.as_decimal()
    }
}
impl FromValue for u32 {
    fn from_value(v: &Value) -> Option<Self> {
        v.as_months()
    }
}
impl FromValue for YearMonth {
    fn from_value(v: &Value) -> Option<Self> {
        v.as_month()
    }
}
impl FromValue for Age {
    fn from_value(v: &Value) -> Option<Self> {
        v.as_age()
    }
}
impl FromValue for Rounding {
    fn from_value(v: &Value) -> Option<Self> {
        v.as_rounding()
    }
}

/// Fills the snapshot's fields from the merged rule set; one call per
/// parameter, generated from its declaration in `params.rs`.
pub(super) struct Builder<'a> {
    rs: &'a RuleSet,
    as_of: NaiveDate,
    known_on: Option<NaiveDate>,
}

impl Builder<'_> {
    /// Every visible period entry of `name`, converted.
    fn periods<E: Period, T>(
        &self,
        name: &'static str,
        list: fn(&Entries) -> Option<&[E]>,
        conv: impl Fn(&E) -> Option<T>,
    ) -> Timeline<T> {
        let entries = self
            .rs
            .params
            .get(name)
            .and_then(|p| list(&p.entries))
            .unwrap_or_default()
            .iter()
            .filter(|e| visible(e.provenance(), self.known_on))
            .filter_map(|e| {
                let provenance = e.provenance().clone();
                conv(e).map(|value| {
                    (
                        e.from(),
                        e.until(),
                        Sourced {
                            value,
                            param: name,
                            provenance,
                        },
                    )
                })
            })
            .collect();
        Timeline {
            param: name,
            as_of: self.as_of,
            entries,
        }
    }

    /// A `Dated` parameter.
    pub(super) fn dated<T: FromValue>(&self, name: &'static str) -> Timeline<T> {
        self.periods(name, Entries::dated, |e: &DatedEntry| {
            T::from_value(&e.value)
        })
    }

    /// A `Yearly` parameter.
    pub(super) fn yearly<T: FromValue>(&self, name: &'static str) -> YearSeries<T> {
        let mut by_year: BTreeMap<i32, Sourced<T>> = BTreeMap::new();
        if let Some(Param {
            entries: Entries::Yearly(v),
            ..
        }) = self.rs.params.get(name)
        {
            // A visible final value beats a provisional one, whatever the
            // order of the entries in the file.
            for e in v.iter().filter(|e| visible(&e.provenance, self.known_on)) {
                if e.provenance.provisional
                    && by_year
                        .get(&e.year)
                        .is_some_and(|prev| !prev.provenance.provisional)
                {
                    continue;
                }
                if let Some(value) = T::from_value(&e.value) {
                    by_year.insert(
                        e.year,
                        Sourced {
                            value,
                            param: name,
                            provenance: e.provenance.clone(),
                        },
                    );
                }
            }
        }
        YearSeries {
            param: name,
            set: Arc::from(self.rs.identity.id.as_str()),
            by_year,
        }
    }

    /// A `Table` parameter; `step` for `Lookup::Step`.
    pub(super) fn table<T: FromValue>(
        &self,
        name: &'static str,
        step: bool,
    ) -> Timeline<Arc<TableRows<T>>> {
        self.periods(name, Entries::tables, |e: &TableVersion| {
            let rows = e
                .rows
                .iter()
                .filter_map(|(k, v)| T::from_value(v).map(|v| (*k, v)))
                .collect();
            Some(Arc::new(TableRows { rows, step }))
        })
    }

    /// Every member of a parameter family (`award.extras`), with the
    /// visible entries of each.
    fn family<T>(&self, prefix: &str, conv: impl Fn(&Value) -> Option<Arc<T>>) -> Family<T> {
        let mut f = Family::default();
        let dotted = format!("{prefix}.");
        for (name, p) in self.rs.params.range(dotted.clone()..) {
            let Some(member) = name.strip_prefix(&dotted) else {
                break;
            };
            let (member, param): (Arc<str>, Arc<str>) = (Arc::from(member), Arc::from(&**name));
            for e in p.entries.dated().unwrap_or_default() {
                if !visible(&e.provenance, self.known_on) {
                    continue;
                }
                if let Some(value) = conv(&e.value) {
                    f.push(
                        e.from,
                        e.until,
                        Member {
                            name: member.clone(),
                            param: param.clone(),
                            value,
                            provenance: e.provenance.clone(),
                        },
                    );
                }
            }
        }
        f
    }

    /// A `Schedule` parameter.
    pub(super) fn schedule(&self, name: &'static str) -> Timeline<ScheduleRule> {
        self.periods(name, Entries::schedules, |e: &ScheduleVersion| {
            Some(ScheduleRule {
                original_age: e.original_age,
                rise: e.rise,
            })
        })
    }
}

impl Snapshot {
    pub(super) fn build(rs: &RuleSet, as_of: NaiveDate, known_on: Option<NaiveDate>) -> Snapshot {
        let b = Builder {
            rs,
            as_of,
            known_on,
        };
        Snapshot {
            identity: rs.identity.clone(),
            as_of,
            known_on,
            region: rs.layers.iter().rev().find_map(|l| l.region.clone()),
            contribution: ContributionRules::build(&b),
            account: AccountRules::build(&b),
            retirement: RetirementRules::build(&b),
            award: AwardRules::build(&b),
            transfer: TransferRules::build(&b),
            survivor: SurvivorRules::build(&b),
            rounding: RoundingRules::build(&b),
            adjustment: AdjustmentRules::build(&b),
            life: LifeRules::build(&b),
            extras: b.family(super::family::EXTRAS, |v| match v {
                Value::Extra(x) => Some(x.clone()),
                _ => None,
            }),
            attributes: b.family(super::family::ATTRIBUTES, |v| match v {
                Value::Attribute(a) => Some(a.clone()),
                _ => None,
            }),
            deemed_indices: b.family(super::family::DEEMED_INDEX, |v| match v {
                Value::Decimal(d) => Some(Arc::new(*d)),
                _ => None,
            }),
            overrides: b.family(super::family::OVERRIDES, |v| match v {
                Value::Override(o) => Some(o.clone()),
                _ => None,
            }),
        }
    }
}

/// A parameter's value on a date, with its source (for display).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "ResolvedParam")] // its name in the bindings and the schema
pub struct Resolved {
    /// Parameter name.
    pub name: String,
    /// Title from the rule file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The values that apply: one for dated parameters, one per year for
    /// yearly series, one per row for tables.
    pub values: Vec<ResolvedValue>,
}

/// One applicable value and its source.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ResolvedValue {
    /// Year, age or other key, where the parameter has keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The value as text.
    pub value: String,
    /// In force from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Its source.
    pub provenance: Arc<Provenance>,
}

/// The entry in force on `date` among those published by `known_on`.
fn in_force<E: Period>(v: &[E], date: NaiveDate, known_on: Option<NaiveDate>) -> Option<&E> {
    v.iter()
        .filter(|e| visible(e.provenance(), known_on))
        .rev()
        .find(|e| e.from() <= date)
        .filter(|e| e.until().is_none_or(|u| date <= u))
}

pub(super) fn resolve_param(
    name: &str,
    p: &Param,
    date: NaiveDate,
    known_on: Option<NaiveDate>,
) -> Resolved {
    let one = |value: String, e: &dyn Period| ResolvedValue {
        key: None,
        value,
        from: Some(e.from()),
        provenance: e.provenance().clone(),
    };
    let values = match &p.entries {
        Entries::Dated(v) => in_force(v, date, known_on)
            .map(|e| one(e.value.to_string(), e))
            .into_iter()
            .collect(),
        Entries::Yearly(v) => {
            // Sorted provisional first, so a visible final value wins.
            let mut by_year: BTreeMap<i32, &YearlyEntry> = BTreeMap::new();
            for e in v.iter().filter(|e| visible(&e.provenance, known_on)) {
                by_year.insert(e.year, e);
            }
            by_year
                .values()
                .map(|e| ResolvedValue {
                    key: Some(e.year.to_string()),
                    value: e.value.to_string(),
                    from: None,
                    provenance: e.provenance.clone(),
                })
                .collect()
        }
        Entries::Table(v) => in_force(v, date, known_on)
            .map(|t| {
                t.rows
                    .iter()
                    .map(|(k, val)| ResolvedValue {
                        key: Some(k.to_string()),
                        ..one(val.to_string(), t)
                    })
                    .collect()
            })
            .unwrap_or_default(),
        Entries::Schedule(v) => in_force(v, date, known_on)
            .map(|s| {
                one(
                    ScheduleRule {
                        original_age: s.original_age,
                        rise: s.rise,
                    }
                    .to_string(),
                    s,
                )
            })
            .into_iter()
            .collect(),
    };
    Resolved {
        name: name.to_string(),
        title: p.title.clone(),
        unit: p.unit.clone(),
        values,
    }
}
