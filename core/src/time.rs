//! Calendar months and ages in months.
//!
//! Contributions are paid by the month and the 2025 retirement reform counts
//! ages in years and months, so both get their own small types instead of
//! fractional years.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar month, `YYYY-MM`.
///
/// ```
/// use pension_rules::YearMonth;
/// let m: YearMonth = "2025-02".parse().unwrap();
/// assert_eq!(m.add_months(11).to_string(), "2026-01");
/// assert_eq!(m.year(), 2025);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// Months since year 0 (`year * 12 + month - 1`).
    index: i32,
}

/// Why a month or age string was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} {input:?} is not valid: expected {expected}")]
pub struct ParseTimeError {
    what: &'static str,
    input: String,
    expected: &'static str,
}

impl YearMonth {
    /// The month `month` (1–12) of `year`; `None` when out of range.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        if !(1..=12).contains(&month) || !(1..=9999).contains(&year) {
            return None;
        }
        Some(Self {
            index: year * 12 + month as i32 - 1,
        })
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        self.index.div_euclid(12)
    }

    /// The month of the year, 1–12.
    pub fn month(self) -> u32 {
        self.index.rem_euclid(12) as u32 + 1
    }

    /// This month moved by `n` months (may be negative). Far moves saturate
    /// instead of wrapping; a month past year 9999 is caught by the callers
    /// that check `YearMonth::new`.
    pub fn add_months(self, n: i32) -> Self {
        Self {
            index: self.index.saturating_add(n),
        }
    }

    /// Months from `earlier` to `self` (negative when `earlier` is later),
    /// saturating at the `i32` range.
    pub fn months_since(self, earlier: YearMonth) -> i32 {
        self.index.saturating_sub(earlier.index)
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the month.
    pub fn last_day(self) -> NaiveDate {
        self.add_months(1)
            .first_day()
            .pred_opt()
            .unwrap_or(NaiveDate::MIN)
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        Self {
            index: date.year() * 12 + date.month0() as i32,
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// `YYYY-MM`, or a date `YYYY-MM-DD` read as the month it falls in (the
/// day must exist: `1971-02-30` is refused).
impl FromStr for YearMonth {
    type Err = ParseTimeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseTimeError {
            what: "month",
            input: s.to_string(),
            expected: "YYYY-MM",
        };
        if s.len() == 10 {
            // A date: the month it falls in (the day must exist).
            return chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .filter(|_| s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-')
                .map(YearMonth::of)
                .ok_or_else(|| ParseTimeError {
                    what: "date",
                    input: s.to_string(),
                    expected: "YYYY-MM (or a date YYYY-MM-DD)",
                });
        }
        let (y, m) = s.split_once('-').ok_or_else(err)?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let y: i32 = y.parse().map_err(|_| err())?;
        let m: u32 = m.parse().map_err(|_| err())?;
        Self::new(y, m).ok_or_else(err)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl schemars::JsonSchema for YearMonth {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "YearMonth".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
            "description": "A calendar month, `YYYY-MM`.",
            "examples": ["2025-06"]
        })
    }
}

/// A month `YYYY-MM` of any year, for readers that check the years
/// themselves with the field's name (the population rows: `check_plausible`).
pub(crate) fn any_year<'de, D: Deserializer<'de>>(d: D) -> Result<YearMonth, D::Error> {
    let s = String::deserialize(d)?;
    s.parse().map_err(serde::de::Error::custom)
}

/// [`any_year`] for an optional month.
pub(crate) fn any_year_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<YearMonth>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| s.parse().map_err(serde::de::Error::custom))
        .transpose()
}

/// An input month: `YYYY-MM` within the plausible years
/// ([`crate::bounds::YEARS`], 1900–2200), so that no input (a birth, a
/// retirement, a period of any kind) names a month no rule data describes.
/// A month read from input (as [`YearMonth::from_str`]: `YYYY-MM`, or a
/// date `YYYY-MM-DD` — a Python `datetime.date`, a JS date string — read as
/// the month it falls in).
///
/// ```
/// use pension_rules::YearMonth;
/// let m: YearMonth = serde_json::from_value(serde_json::json!("1971-04-15")).unwrap();
/// assert_eq!(m.to_string(), "1971-04");
/// assert!(serde_json::from_value::<YearMonth>(serde_json::json!("1971-02-30")).is_err());
/// ```
impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let m: YearMonth = s.parse().map_err(serde::de::Error::custom)?;
        match crate::bounds::month("", m) {
            None => Ok(m),
            Some(e) => Err(serde::de::Error::custom(e.message)),
        }
    }
}

/// An age (or a duration) in whole months, written `60y`, `60y1m` or `63y0m`.
///
/// ```
/// use pension_rules::Age;
/// let a: Age = "62y10m".parse().unwrap();
/// assert_eq!(a.total_months(), 754);
/// assert_eq!(a.years(), 62);
/// assert_eq!(a.to_string(), "62y10m");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Age {
    months: u32,
}

impl Age {
    /// An age of `months` months.
    pub const fn from_months(months: u32) -> Self {
        Self { months }
    }
    /// An age of whole years and months.
    pub const fn new(years: u32, months: u32) -> Self {
        Self {
            months: years * 12 + months,
        }
    }
    /// Total months.
    pub const fn total_months(self) -> u32 {
        self.months
    }
    /// Whole years.
    pub const fn years(self) -> u32 {
        self.months / 12
    }
    /// Months beyond the whole years (0–11).
    pub const fn extra_months(self) -> u32 {
        self.months % 12
    }
    /// The age reached in `month` by someone born in `birth` (whole months).
    pub fn between(birth: YearMonth, month: YearMonth) -> Option<Self> {
        u32::try_from(month.months_since(birth))
            .ok()
            .map(Self::from_months)
    }
}

impl fmt::Display for Age {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}y{}m", self.years(), self.extra_months())
    }
}

impl FromStr for Age {
    type Err = ParseTimeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseTimeError {
            what: "age",
            input: s.to_string(),
            expected: "e.g. 60y, 60y1m",
        };
        let (y, rest) = s.split_once('y').ok_or_else(err)?;
        let years: u32 = y.parse().map_err(|_| err())?;
        let months: u32 = if rest.is_empty() {
            0
        } else {
            rest.strip_suffix('m')
                .ok_or_else(err)?
                .parse()
                .map_err(|_| err())?
        };
        if months > 11 || years > 150 || y.starts_with('+') {
            return Err(err());
        }
        Ok(Self::new(years, months))
    }
}

impl Serialize for Age {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl schemars::JsonSchema for Age {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Age".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]+y([0-9]+m)?$",
            "description": "An age or duration in years and months: `60y`, `62y10m`.",
            "examples": ["62y10m"]
        })
    }
}

impl<'de> Deserialize<'de> for Age {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A count of months as an approval sheet prints it: whole (`515`) or with a
/// half month (`"515.5"` — some provinces count a part month as half).
/// Written as an integer, or as a decimal string ending in `.5` or `.0`.
///
/// ```
/// use pension_rules::time::SheetMonths;
/// let m: SheetMonths = serde_json::from_value(serde_json::json!("515.5")).unwrap();
/// assert_eq!((m.whole(), m.exact().to_string()), (515, "515.5".to_string()));
/// let w: SheetMonths = serde_json::from_value(serde_json::json!(360)).unwrap();
/// assert_eq!(w, SheetMonths::from(360));
/// assert!(serde_json::from_value::<SheetMonths>(serde_json::json!("515.3")).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SheetMonths {
    halves: u64,
}

impl SheetMonths {
    /// The whole months (a half month dropped).
    pub fn whole(self) -> u32 {
        u32::try_from(self.halves / 2).unwrap_or(u32::MAX)
    }
    /// The exact count (`515.5`).
    pub fn exact(self) -> rust_decimal::Decimal {
        (rust_decimal::Decimal::from(self.halves) / rust_decimal::Decimal::TWO).normalize()
    }
    /// Whether it has a half month.
    pub fn has_half(self) -> bool {
        self.halves % 2 == 1
    }
}

impl From<u32> for SheetMonths {
    fn from(m: u32) -> Self {
        SheetMonths {
            halves: u64::from(m) * 2,
        }
    }
}

impl fmt::Display for SheetMonths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.has_half() {
            write!(f, "{}.5", self.halves / 2)
        } else {
            write!(f, "{}", self.halves / 2)
        }
    }
}

impl Serialize for SheetMonths {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.has_half() {
            s.collect_str(self)
        } else {
            s.serialize_u64(self.halves / 2)
        }
    }
}

impl<'de> Deserialize<'de> for SheetMonths {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Whole(u32),
            Text(String),
        }
        let bad = || {
            serde::de::Error::custom(
                "expected a whole number of months, or a half month as a string like \"515.5\"",
            )
        };
        match Raw::deserialize(d).map_err(|_| bad())? {
            Raw::Whole(m) => Ok(SheetMonths::from(m)),
            Raw::Text(t) => {
                let (w, frac) = t.split_once('.').unwrap_or((t.as_str(), "0"));
                let w: u32 = w
                    .parse()
                    .ok()
                    .filter(|_| w.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(bad)?;
                let half = match frac {
                    "0" => 0,
                    "5" => 1,
                    _ => return Err(bad()),
                };
                Ok(SheetMonths {
                    halves: u64::from(w) * 2 + half,
                })
            }
        }
    }
}

impl schemars::JsonSchema for SheetMonths {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SheetMonths".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Months: a whole number, or a half month as a string (`\"515.5\"`).",
            "oneOf": [
                {"type": "integer", "minimum": 0, "maximum": 4294967295u32},
                {"type": "string", "pattern": "^[0-9]+\\.[05]$"}
            ],
            "examples": [515, "515.5"]
        })
    }
}
