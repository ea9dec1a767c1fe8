//! The parsed and merged rule set: parameters as dated entries with sources.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::registry::ParamSpec;
use crate::rounding::Rounding;
use crate::time::{Age, YearMonth};

/// Where a value stands in the rule files (for error messages and `rules show`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Origin {
    /// File path as given to the loader (`cn/national/award.toml` for embedded sets).
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
}

/// How sure the data is, as tagged in docs/sources.md §0.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Confidence {
    /// Official text seen, or two independent sources agree.
    H,
    /// One good source.
    M,
    /// A single weak source, or inferred.
    L,
}

/// A documented reading that was not chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Alternative {
    /// Row key, for table alternatives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<i64>,
    /// The other value, as written.
    pub value: String,
    /// Where it comes from.
    pub source: String,
    /// Where it was seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<String>,
    /// Why it was not chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The legal source and status of one value: what every trace cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Provenance {
    /// Document number and article/table/annex.
    pub source: String,
    /// Where the text was seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<String>,
    /// When the value was published (for "as known on" queries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// Paid provisionally (预发) until the final value is published.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
    /// Confidence tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Readings not chosen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternative>,
    /// File and line (left out of the content hash).
    pub origin: Origin,
}

/// A parameter value. Written untagged in JSON (`"0.16"`, `180`, `"60y"`):
/// the parameter says which kind it holds. In the binary form of baked rule
/// sets ([`super::baked`]), which carries no parameter names to say so, it
/// is tagged (`TaggedValue`).
#[derive(Debug, Clone, PartialEq, Eq, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Value {
    /// A decimal number (ratio, money, rate, divisor …).
    Decimal(Decimal),
    /// A whole number of months.
    Months(u32),
    /// A calendar month.
    Month(YearMonth),
    /// An age.
    Age(Age),
    /// A named formula variant.
    Variant(String),
    /// A rounding rule.
    Rounding(Rounding),
    /// A local extra (`award.extras.<name>`, 地方增发).
    Extra(Arc<super::family::ExtraRule>),
    /// A declared person attribute (`award.attributes.<name>`).
    Attribute(Arc<super::family::AttributeDecl>),
    /// A coefficient chosen by a condition (`award.coefficient_overrides.<name>`).
    Override(Arc<super::family::CoefficientOverride>),
}

/// [`Value`] as an externally tagged enum, for formats that are not human
/// readable (the baked rule sets), where an untagged decimal, variant name
/// and month would all be strings.
#[derive(Serialize, Deserialize)]
#[serde(remote = "Value")]
enum TaggedValue {
    Decimal(Decimal),
    Months(u32),
    Month(YearMonth),
    Age(Age),
    Variant(String),
    Rounding(Rounding),
    Extra(Arc<super::family::ExtraRule>),
    Attribute(Arc<super::family::AttributeDecl>),
    Override(Arc<super::family::CoefficientOverride>),
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !s.is_human_readable() {
            return TaggedValue::serialize(self, s);
        }
        match self {
            Value::Decimal(d) => Serialize::serialize(d, s),
            Value::Months(m) => m.serialize(s),
            Value::Month(m) => m.serialize(s),
            Value::Age(a) => a.serialize(s),
            Value::Variant(v) => v.serialize(s),
            Value::Rounding(r) => r.serialize(s),
            Value::Extra(x) => x.serialize(s),
            Value::Attribute(a) => a.serialize(s),
            Value::Override(o) => o.serialize(s),
        }
    }
}

/// Read back only from the baked binary form: in a human-readable format
/// the kind of an untagged value is the parameter's to say, and rule files
/// are read by the TOML reader, which knows it.
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            return Err(serde::de::Error::custom(
                "a rule value is read from a rule file or a baked rule set, not from JSON",
            ));
        }
        TaggedValue::deserialize(d)
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Decimal(d) => write!(f, "{d}"),
            Value::Months(m) => write!(f, "{m}"),
            Value::Month(m) => write!(f, "{m}"),
            Value::Age(a) => write!(f, "{a}"),
            Value::Variant(v) => f.write_str(v),
            Value::Rounding(r) => write!(f, "{r}"),
            Value::Extra(x) => write!(f, "{x}"),
            Value::Attribute(a) => write!(f, "{a}"),
            Value::Override(o) => write!(f, "{o}"),
        }
    }
}

/// A value in force from a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DatedEntry {
    /// First day in force.
    pub from: NaiveDate,
    /// Last day in force, when the rule says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// The value.
    pub value: Value,
    /// Its source.
    pub provenance: Arc<Provenance>,
}

/// The value of one calendar year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct YearlyEntry {
    /// The year.
    pub year: i32,
    /// The value.
    pub value: Value,
    /// Its source (with `provisional` and `published`).
    pub provenance: Arc<Provenance>,
}

/// A whole table in force from a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TableVersion {
    /// First day in force.
    pub from: NaiveDate,
    /// Last day in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Rows by key.
    pub rows: BTreeMap<i64, Value>,
    /// Its source (row alternatives are in `provenance.alternatives`).
    pub provenance: Arc<Provenance>,
}

/// The 2025-style gradual rise of a retirement age by birth cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CohortRise {
    /// First birth month affected.
    pub start_birth: YearMonth,
    /// One more month of age per this many months of birth.
    pub step_months: u32,
    /// Largest delay.
    pub max_delay_months: u32,
    /// `original_age + max_delay_months`.
    pub final_age: Age,
}

/// A retirement-age schedule in force from a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScheduleVersion {
    /// First day in force.
    pub from: NaiveDate,
    /// Last day in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Age before any rise (the "original" statutory age).
    pub original_age: Age,
    /// The cohort rise, if the version has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rise: Option<CohortRise>,
    /// Its source.
    pub provenance: Arc<Provenance>,
}

/// A parameter's entries, by shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "shape", content = "entries")]
pub enum Entries {
    /// Dated scalar values.
    Dated(Vec<DatedEntry>),
    /// One value per year.
    Yearly(Vec<YearlyEntry>),
    /// Dated table versions.
    Table(Vec<TableVersion>),
    /// Dated schedule versions.
    Schedule(Vec<ScheduleVersion>),
}

/// One parameter with all its entries.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Param {
    /// What the engine knows of it.
    #[serde(skip)]
    pub spec: Option<&'static ParamSpec>,
    /// Human title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The entries.
    #[serde(flatten)]
    pub entries: Entries,
}

/// An entry in force over a period: a dated value, a table version or a
/// schedule version.
pub trait Period {
    /// First day in force.
    fn from(&self) -> NaiveDate;
    /// Last day in force, when the rule says so.
    fn until(&self) -> Option<NaiveDate>;
    /// Its source.
    fn provenance(&self) -> &Arc<Provenance>;
}

macro_rules! period {
    ($($t:ty),+) => {$(
        impl Period for $t {
            fn from(&self) -> NaiveDate { self.from }
            fn until(&self) -> Option<NaiveDate> { self.until }
            fn provenance(&self) -> &Arc<Provenance> { &self.provenance }
        }
    )+};
}
period!(DatedEntry, TableVersion, ScheduleVersion);

impl Value {
    /// The decimal, if this is one.
    pub fn as_decimal(&self) -> Option<Decimal> {
        if let Value::Decimal(d) = self {
            Some(*d)
        } else {
            None
        }
    }
    /// The whole months, if this is a count of months.
    pub fn as_months(&self) -> Option<u32> {
        if let Value::Months(m) = self {
            Some(*m)
        } else {
            None
        }
    }
    /// The calendar month, if this is one.
    pub fn as_month(&self) -> Option<YearMonth> {
        if let Value::Month(m) = self {
            Some(*m)
        } else {
            None
        }
    }
    /// The age, if this is one.
    pub fn as_age(&self) -> Option<Age> {
        if let Value::Age(a) = self {
            Some(*a)
        } else {
            None
        }
    }
    /// The variant name, if this is one.
    pub fn as_variant(&self) -> Option<&str> {
        if let Value::Variant(s) = self {
            Some(s)
        } else {
            None
        }
    }
    /// The rounding rule, if this is one.
    pub fn as_rounding(&self) -> Option<Rounding> {
        if let Value::Rounding(r) = self {
            Some(*r)
        } else {
            None
        }
    }
}

impl Entries {
    /// The dated values, if this parameter has that shape.
    pub fn dated(&self) -> Option<&[DatedEntry]> {
        if let Entries::Dated(v) = self {
            Some(v)
        } else {
            None
        }
    }
    /// The table versions, if this parameter is a table.
    pub fn tables(&self) -> Option<&[TableVersion]> {
        if let Entries::Table(v) = self {
            Some(v)
        } else {
            None
        }
    }
    /// The schedule versions, if this parameter is a schedule.
    pub fn schedules(&self) -> Option<&[ScheduleVersion]> {
        if let Entries::Schedule(v) = self {
            Some(v)
        } else {
            None
        }
    }
}
