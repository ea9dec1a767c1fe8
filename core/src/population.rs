//! 政策模拟 — a population run: every person's award under a baseline rule set
//! and under one or more reforms (rule sets with overlays), with per-person
//! outcomes and aggregates (mean and median pension, replacement rate,
//! contributions in and pensions out by year).
//!
//! **One computation, two speeds.** The meaning of a person's figures is
//! [`evaluate`]: the person becomes a [`ProjectionInput`] and
//! [`crate::projection::project`] computes their career with the account
//! ledger, the average index and the award of this crate. [`simulate`] gives
//! exactly the same figures (a test compares 5 000 random persons field by
//! field) but takes a fast path where it can: a plan resolves the rule set
//! once into dense per-month and per-year arrays, and each person is
//! computed in integer arithmetic on the figures' decimal scales, with no
//! trace and no allocation. Every rounding the fast path makes is the one
//! the single path makes: sums and products are exact, and each division is
//! rounded from its exact quotient. The one sum of inexact quotients, the
//! average index Σ base / X, is bounded from both sides; a person whose index
//! lies too near a rounding boundary (or a cap) for the bounds to decide, and
//! any case the plan does not cover (another interest convention, another
//! money scale, a drifting index, an error), goes the single path. Outcomes
//! say which path each person took only in the counts of [`Summary`].
//!
//! **Format** (docs/population.md): one person per row (CSV with a header,
//! or serde), fields of [`Person`].
//!
//! **Outcome**: the award's components and total; the replacement rate is
//! the total ÷ the monthly contribution base of the last contribution month
//! (the person's final insured wage), rounded like an index (`rounding.index`).
//!
//! **Aggregates** ([`Summary`]): count, errors by code, mean and median total
//! and replacement rate, and by calendar year: contributors, employer and
//! individual contributions (each month's base × rate, rounded), new
//! retirees and pensions paid — each award × the months paid in the year from
//! the month after retirement, without yearly adjustments or mortality, up to
//! the run's last year.

mod columns;
mod fast;
mod output;
mod plausible;
mod reading;
pub mod synthetic;

pub use columns::{CellValue, Cells};
pub use output::{ColumnType, OUTPUT_COLUMNS, OutputColumn, OutputValue, Rounded};
pub(crate) use reading::shown;
pub use reading::{REQUIRED_COLUMNS, check_columns, row_error};

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::award::Category;
use crate::error::{Error, FieldError, InputErrors};
use crate::projection::{Assumptions, FigureSource, Projection, ProjectionInput, project};
use crate::rules::{Identity, Snapshot};
use crate::time::YearMonth;
use crate::trace::Tracer;

/// One contribution index per calendar year; in CSV one field with the
/// values separated by `;` (`0.8;0.85;0.9`), in JSON a list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IndexList(pub Vec<Decimal>);

impl Serialize for IndexList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text: Vec<String> = self.0.iter().map(Decimal::to_string).collect();
        s.serialize_str(&text.join(";"))
    }
}

impl schemars::JsonSchema for IndexList {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IndexList".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let list = g.subschema_for::<Vec<Decimal>>();
        schemars::json_schema!({
            "description": "One contribution index per calendar year: a list, or one text with the values separated by `;` (`0.8;0.85;0.9`).",
            "anyOf": [{"type": "string"}, list]
        })
    }
}

impl<'de> Deserialize<'de> for IndexList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = IndexList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("indexes as \"0.8;0.9\" or a list of decimal strings")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<IndexList, E> {
                s.split(';')
                    .map(|x| {
                        let x = x.trim();
                        crate::decimal::parse(x, crate::decimal::Sign::Any)
                            .map_err(|e| E::custom(crate::decimal::refusal(x, e)))
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(IndexList)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<IndexList, A::Error> {
                let mut v = vec![];
                while let Some(x) = seq.next_element::<Decimal>()? {
                    v.push(x);
                }
                Ok(IndexList(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// A count that may be empty (0), a number, or a number written as text
/// (CSV fields and frames read as text).
fn zero_if_empty<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    #[derive(Deserialize, schemars::JsonSchema)]
    #[serde(untagged)]
    enum Count {
        Number(u32),
        Text(String),
    }
    match Option::<Count>::deserialize(d)? {
        None => Ok(0),
        Some(Count::Number(n)) => Ok(n),
        Some(Count::Text(t)) if t.trim().is_empty() => Ok(0),
        Some(Count::Text(t)) => t.trim().parse().map_err(|_| {
            serde::de::Error::custom(format!("expected a whole number of months, got {t:?}"))
        }),
    }
}

/// The snapshot a population run reads: every value published (or as known
/// on `known_on`); each rule is still taken as in force on the dates the
/// computations name (retirement month, contribution month).
pub fn snapshot(rules: &crate::rules::RuleSet, known_on: Option<chrono::NaiveDate>) -> Snapshot {
    let last = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(chrono::NaiveDate::MAX);
    match known_on {
        Some(k) => rules.at_known(last, k),
        None => rules.at(last),
    }
}

/// One person of a population: a career summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Identifier (kept in every output row).
    pub id: String,
    /// Birth month.
    #[serde(deserialize_with = "crate::time::any_year")]
    pub birth: YearMonth,
    /// Retirement category (`male`, `female_50`, `female_55`).
    pub category: Category,
    /// First month of the contributions described by `index`/`indexes`.
    #[serde(deserialize_with = "crate::time::any_year")]
    pub first_contribution: YearMonth,
    /// Retirement month; empty: the statutory one under each rule set.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::any_year_opt"
    )]
    pub retirement_month: Option<YearMonth>,
    /// Deemed months (视同缴费月数).
    #[serde(default, deserialize_with = "zero_if_empty")]
    pub deemed_months: u32,
    /// One contribution index for every year (a career average).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::decimal::optional"
    )]
    pub index: Option<Decimal>,
    /// Or one index per calendar year from `first_contribution`'s year, at
    /// least to the year of the last contribution month (later ones are
    /// ignored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indexes: Option<IndexList>,
    /// Months paid before `first_contribution` (a person mid-career).
    #[serde(default, deserialize_with = "zero_if_empty")]
    pub contribution_months: u32,
    /// Average index over those months.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::decimal::optional"
    )]
    pub average_index: Option<Decimal>,
    /// Account balance at the end of the year before `first_contribution`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::decimal::optional"
    )]
    pub account_balance: Option<Decimal>,
}

/// The column names of the population format, in order.
pub const COLUMNS: &[&str] = &[
    "id",
    "birth",
    "category",
    "first_contribution",
    "retirement_month",
    "deemed_months",
    "index",
    "indexes",
    "contribution_months",
    "average_index",
    "account_balance",
];

impl Person {
    /// Read one person from JSON (a Python dict, a JS object), reporting
    /// every field problem at once with its name.
    ///
    /// ```
    /// use pension_rules::population::Person;
    /// let e = Person::from_json(&serde_json::json!({
    ///     "id": "a", "birth": "1980-13", "category": "x", "first_contribution": "2002-09"
    /// })).unwrap_err();
    /// let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
    /// assert_eq!(paths, ["birth", "category"]);
    /// ```
    pub fn from_json(v: &serde_json::Value) -> Result<Person, Error> {
        let e = match Person::deserialize(crate::json_reader::strict(v)) {
            Ok(p) => return p.check_plausible().map(|()| p),
            Err(e) => e,
        };
        let Some(map) = v.as_object() else {
            return Err(Error::field("person", "expected an object"));
        };
        let mut errs = vec![];
        for (k, val) in map.iter().filter(|(_, v)| !v.is_null()) {
            if let Some(m) = reading::cell_problem(k, val) {
                errs.push(FieldError {
                    path: k.clone(),
                    message: m,
                });
            }
        }
        for req in REQUIRED_COLUMNS {
            if map.get(*req).is_none_or(Value::is_null) {
                errs.push(FieldError {
                    path: (*req).into(),
                    message: "missing".into(),
                });
            }
        }
        if errs.is_empty() {
            errs.push(FieldError {
                path: "person".into(),
                message: e.to_string(),
            });
        }
        Err(Error::Input(InputErrors(errs)))
    }

    /// The projection this person stands for.
    pub fn projection_input(&self) -> ProjectionInput {
        ProjectionInput {
            category: self.category,
            birth: self.birth,
            retirement_month: self.retirement_month,
            from: self.first_contribution,
            contribution_months: self.contribution_months,
            average_index: self.average_index,
            deemed_months: self.deemed_months,
            pre_account_months: 0,
            account_balance: self.account_balance.unwrap_or_default(),
            index: self.index,
            indexes: self.indexes.as_ref().map(|l| l.0.clone()),
            transitional_index: None,
            last_contribution_month: None,
            attributes: None,
        }
    }
}

/// A population: each row a person, or the error that row gave when read.
#[derive(Debug, Clone, Default)]
pub struct Population {
    /// The rows, in input order.
    pub rows: Vec<Result<Person, Error>>,
    /// The `id` cell of each row that did not read (row index → id), so
    /// that outputs name such a row by its person too.
    pub unread_ids: std::collections::BTreeMap<usize, String>,
}

impl Population {
    /// A population of valid persons.
    pub fn from_persons(persons: Vec<Person>) -> Population {
        Population::from_rows(persons.into_iter().map(Ok).collect())
    }

    /// A population of rows read elsewhere (no ids of unread rows known).
    pub fn from_rows(rows: Vec<Result<Person, Error>>) -> Population {
        Population {
            rows,
            unread_ids: Default::default(),
        }
    }

    /// The id of row `i` (0-based): the person's, or the non-empty `id`
    /// cell of a row that did not read.
    pub fn id_of(&self, i: usize) -> Option<&str> {
        match self.rows.get(i)? {
            Ok(p) => Some(p.id.as_str()).filter(|s| !s.is_empty()),
            Err(_) => self.unread_ids.get(&i).map(String::as_str),
        }
    }

    /// How outputs name row `i` (0-based) of a population whose first row
    /// is row `first_row` of the whole: its id ([`Population::id_of`]), else
    /// `row N` (N from 1, as in row errors) when there is none.
    ///
    /// ```
    /// use pension_rules::population::Population;
    /// let csv = "id,birth,category,first_contribution,index\n\
    ///            a,1990-03,male,2012-07,1.0\n\
    ///            b,1990-13,male,2012-07,1.0\n\
    ///            ,1990-13,male,2012-07,1.0\n";
    /// let p = Population::read_csv(csv.as_bytes()).unwrap();
    /// assert_eq!(p.label(0, 0), "a");
    /// assert_eq!(p.label(1, 0), "b");
    /// assert_eq!(p.label(2, 0), "row 3");
    /// ```
    pub fn label(&self, i: usize, first_row: usize) -> std::borrow::Cow<'_, str> {
        match self.id_of(i) {
            Some(id) => id.into(),
            None => format!("row {}", first_row + i + 1).into(),
        }
    }

    /// Read CSV with a header row naming [`COLUMNS`] (any order; optional
    /// columns may be left out). A header problem (an unknown, repeated or
    /// missing required column; [`check_columns`]) refuses the whole file,
    /// every problem at once under `header.COLUMN`; so does an empty file
    /// (no header: `header`; a header and no rows: `rows`). A row that does
    /// not read becomes an error row (`row N.column`, N from 1 for the
    /// first data row, the message led by `person ID:`), keeping its place.
    ///
    /// The file is read whole; a large one without quotes is cut at line
    /// ends and its parts read on all cores (feature `parallel`), giving the
    /// same rows in the same order as one stream.
    ///
    /// ```
    /// use pension_rules::population::Population;
    /// let csv = "id,birth,category,first_contribution,index\n\
    ///            a,1990-03,male,2012-07,1.0\n\
    ///            b,1990-13,male,2012-07,1.0\n";
    /// let p = Population::read_csv(csv.as_bytes()).unwrap();
    /// assert!(p.rows[0].is_ok());
    /// let e = p.rows[1].as_ref().unwrap_err();
    /// assert_eq!(e.fields()[0].path, "row 2.birth");
    /// assert_eq!(e.fields()[0].message, "person b: month \"1990-13\" is not valid: expected YYYY-MM");
    /// let e = Population::read_csv("id,birth,category\n".as_bytes()).unwrap_err();
    /// assert_eq!(e.fields()[0].path, "header.first_contribution");
    /// ```
    pub fn read_csv<R: std::io::Read>(mut reader: R) -> Result<Population, Error> {
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| Error::field("rows", format!("cannot read the population: {e}")))?;
        let mut r = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(bytes.as_slice());
        let headers = r
            .headers()
            .map_err(|e| Error::field("header", e.to_string()))?
            .clone();
        if headers.iter().all(str::is_empty) {
            return Err(reading::empty(false));
        }
        check_columns(&headers.iter().collect::<Vec<_>>(), "header")?;
        let id_column = headers.iter().position(|h| h == "id");
        let body = usize::try_from(r.position().byte())
            .ok()
            .and_then(|at| bytes.get(at..))
            .unwrap_or_default();
        // One record: its row error (N from 1) or its person, and the id
        // cell of a row that does not read.
        let read = |i: usize, rec: Result<csv::StringRecord, String>| {
            let id = rec
                .as_ref()
                .ok()
                .zip(id_column)
                .and_then(|(r, k)| r.get(k))
                .filter(|s| !s.is_empty())
                .map(String::from);
            let person = rec
                .map_err(|message| Error::field(format!("row {}", i + 1), message))
                .and_then(|rec| Person::from_record(&headers, &rec, i + 1));
            let unread = person.is_err().then_some(id).flatten();
            (person, unread)
        };
        let unequal = |len: usize| {
            format!(
                "the row has {len} cells, but the header names {} columns",
                headers.len()
            )
        };
        let read: Vec<_> = match reading::chunks(body) {
            // Large and without quotes (so no record spans a line): cut at
            // line ends, each part tokenised and read in parallel.
            Some(parts) => reading::parallel_records(&parts, |rec| {
                let rec = rec.map_err(|e| e.to_string())?;
                if rec.len() != headers.len() {
                    return Err(unequal(rec.len()));
                }
                let mut rec = csv::StringRecord::from_byte_record(rec)
                    .map_err(|_| "the row is not UTF-8 text".to_string())?;
                rec.trim();
                Ok(rec)
            })
            .map_indexed(read),
            None => r
                .records()
                .enumerate()
                .map(|(i, rec)| {
                    let rec = rec.map_err(|e| match e.kind() {
                        csv::ErrorKind::UnequalLengths { len, .. } => {
                            unequal(usize::try_from(*len).unwrap_or(usize::MAX))
                        }
                        csv::ErrorKind::Utf8 { .. } => "the row is not UTF-8 text".into(),
                        _ => e.to_string(),
                    });
                    read(i, rec)
                })
                .collect(),
        };
        let mut rows = Vec::with_capacity(read.len());
        let mut unread_ids = std::collections::BTreeMap::new();
        for (i, (person, unread)) in read.into_iter().enumerate() {
            if let Some(id) = unread {
                unread_ids.insert(i, id);
            }
            rows.push(person);
        }
        if rows.is_empty() {
            return Err(reading::empty(true));
        }
        Ok(Population { rows, unread_ids })
    }
}

impl Person {
    /// Read row `row` (1-based, for the error) of a table in the population
    /// format, its cells as text under `headers`: the one reading of a row
    /// that the CSV reader and other tabular readers (the CLI's Parquet)
    /// share, plausibility checked; a problem is an error of the row
    /// ([`row_error`]: `row N.column`, the message led by `person ID:`),
    /// every problem of the row at once.
    ///
    /// ```
    /// use pension_rules::population::Person;
    /// let h = csv::StringRecord::from(vec!["id", "birth", "category", "first_contribution"]);
    /// let ok = csv::StringRecord::from(vec!["a", "1990-03", "male", "2012-07"]);
    /// assert_eq!(Person::from_record(&h, &ok, 1).unwrap().id, "a");
    /// let late = csv::StringRecord::from(vec!["b", "1990-03", "male", "1989-07"]);
    /// let e = Person::from_record(&h, &late, 2).unwrap_err();
    /// assert_eq!(e.fields()[0].path, "row 2.first_contribution");
    /// assert!(e.fields()[0].message.starts_with("person b: 1989-07 is not after"));
    /// ```
    pub fn from_record(
        headers: &csv::StringRecord,
        record: &csv::StringRecord,
        row: usize,
    ) -> Result<Person, Error> {
        let id = headers
            .iter()
            .position(|h| h == "id")
            .and_then(|i| record.get(i));
        let p = match record.deserialize::<Person>(Some(headers)) {
            Ok(p) => p,
            Err(e) => {
                // The row again, cell by cell, for every problem in words.
                let cells: serde_json::Map<String, Value> = headers
                    .iter()
                    .zip(record.iter())
                    .filter(|(_, c)| !c.is_empty())
                    .map(|(h, c)| (h.to_string(), Value::String(c.to_string())))
                    .collect();
                let e = match Person::from_json(&Value::Object(cells)) {
                    Err(worded) => worded,
                    Ok(_) => Error::field("person", e.to_string()),
                };
                return Err(row_error(row, id, e));
            }
        };
        p.check_plausible().map_err(|e| row_error(row, id, e))?;
        Ok(p)
    }
}

impl Population {
    /// Write the valid persons as CSV (the format [`Population::read_csv`] reads).
    pub fn write_csv<W: std::io::Write>(&self, writer: W) -> Result<(), Error> {
        let mut w = csv::Writer::from_writer(writer);
        let io = |e: csv::Error| Error::field("output", e.to_string());
        w.write_record(COLUMNS).map_err(io)?;
        for p in self.rows.iter().flatten() {
            let opt = |v: Option<String>| v.unwrap_or_default();
            w.write_record([
                p.id.clone(),
                p.birth.to_string(),
                p.category.name().to_string(),
                p.first_contribution.to_string(),
                opt(p.retirement_month.map(|m| m.to_string())),
                p.deemed_months.to_string(),
                opt(p.index.map(|x| x.to_string())),
                opt(p.indexes.as_ref().map(|l| {
                    l.0.iter()
                        .map(Decimal::to_string)
                        .collect::<Vec<_>>()
                        .join(";")
                })),
                if p.contribution_months > 0 {
                    p.contribution_months.to_string()
                } else {
                    String::new()
                },
                opt(p.average_index.map(|x| x.to_string())),
                opt(p.account_balance.map(|x| x.to_string())),
            ])
            .map_err(io)?;
        }
        w.flush().map_err(|e| Error::field("output", e.to_string()))
    }
}

/// One person's result under one rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Outcome {
    /// Retirement month used.
    pub retirement_month: YearMonth,
    /// Whether it is the statutory one (the person gave none).
    pub statutory: bool,
    /// Months paid in all (实际缴费月数).
    pub contribution_months: u32,
    /// Deemed months.
    pub deemed_months: u32,
    /// Ī.
    pub average_index: Decimal,
    /// Account balance at retirement.
    pub account_balance: Decimal,
    /// 计发基数 C.
    pub pension_base: Decimal,
    /// Where C comes from (rules, provisional, assumed, projected).
    pub pension_base_source: FigureSource,
    /// 计发月数 M.
    pub divisor: Decimal,
    /// 基础养老金.
    pub basic_pension: Decimal,
    /// 个人账户养老金.
    pub account_pension: Decimal,
    /// 过渡性养老金.
    pub transitional_pension: Decimal,
    /// 合计.
    pub total: Decimal,
    /// Monthly base of the last contribution month.
    pub final_base: Option<Decimal>,
    /// total ÷ final base, rounded like an index.
    pub replacement_rate: Option<Decimal>,
}

fn replacement_rate(
    total: Decimal,
    final_base: Option<Decimal>,
    snap: &Snapshot,
    month: YearMonth,
) -> Result<Option<Decimal>, Error> {
    let Some(b) = final_base.filter(|b| !b.is_zero()) else {
        return Ok(None);
    };
    let r = snap.rounding.index.in_month(month)?.value;
    Ok(total.checked_div(b).map(|x| r.apply(x)))
}

fn outcome_of(p: &Projection, snap: &Snapshot) -> Result<Outcome, Error> {
    let a = &p.award;
    Ok(Outcome {
        retirement_month: p.retirement_month,
        statutory: p.statutory,
        contribution_months: a.contribution_months,
        deemed_months: a.deemed_months,
        average_index: a.average_index,
        account_balance: a.account_balance,
        pension_base: a.pension_base,
        pension_base_source: p.pension_base.source,
        divisor: a.divisor,
        basic_pension: a.basic_pension,
        account_pension: a.account_pension,
        transitional_pension: a.transitional_pension,
        total: a.total,
        final_base: p.final_base,
        replacement_rate: replacement_rate(a.total, p.final_base, snap, p.retirement_month)?,
    })
}

/// One person under one rule set: the single-case path that [`simulate`]
/// must equal.
///
/// ```
/// use pension_rules::population::{evaluate, Person};
/// use pension_rules::projection::Assumptions;
/// use pension_rules::rules::RuleSet;
/// let p: Person = serde_json::from_value(serde_json::json!({
///     "id": "a", "birth": "1990-03", "category": "male",
///     "first_contribution": "2012-07", "index": "1.0"})).unwrap();
/// let a = Assumptions { average_wage_growth: "0.04".parse().unwrap(),
///     pension_base_growth: "0.03".parse().unwrap(), interest_rate: "0.025".parse().unwrap(),
///     ..Default::default() };
/// let snap = RuleSet::embedded("cn/shaanxi").unwrap().at("2026-01-01".parse().unwrap());
/// let o = evaluate(&p, &snap, &a).unwrap();
/// assert_eq!(o.retirement_month.to_string(), "2053-03");
/// assert_eq!(o.total, o.basic_pension + o.account_pension + o.transitional_pension);
/// ```
pub fn evaluate(
    person: &Person,
    snap: &Snapshot,
    assumptions: &Assumptions,
) -> Result<Outcome, Error> {
    person.check_plausible()?;
    let p = project(
        &person.projection_input(),
        assumptions,
        snap,
        &mut Tracer::new(false),
    )?;
    outcome_of(&p, snap)
}

/// Contributions and pensions of one calendar year, over the population.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct YearFlow {
    /// Calendar year.
    pub year: i32,
    /// Persons contributing in the year.
    pub contributors: u64,
    /// Employer contributions (单位缴费).
    pub employer_contributions: Decimal,
    /// Individual contributions (个人缴费).
    pub individual_contributions: Decimal,
    /// Person-years whose employer or individual contributions are not
    /// counted: the rule set has no rate for some month (individual rates
    /// before 2006 are not stored).
    pub contributions_unknown: u64,
    /// Persons whose pension starts this year (retirement month + 1).
    pub new_retirees: u64,
    /// Pensions paid: each award × months paid in the year.
    pub pensions: Decimal,
}

/// The aggregates of one rule set over the population.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Summary {
    /// Which rules.
    pub rules: Arc<Identity>,
    /// Rows.
    pub persons: u64,
    /// Rows with an award.
    pub ok: u64,
    /// Rows without one, by error code (docs/errors.md).
    pub errors: BTreeMap<String, u64>,
    /// Mean total pension (money rounding).
    pub mean_total: Option<Decimal>,
    /// Median total pension (the mean of the two middle values for an even count).
    pub median_total: Option<Decimal>,
    /// Mean replacement rate (index rounding).
    pub mean_replacement_rate: Option<Decimal>,
    /// Median replacement rate.
    pub median_replacement_rate: Option<Decimal>,
    /// Flows by calendar year.
    pub years: Vec<YearFlow>,
    /// Persons computed by the fast path.
    pub fast_path: u64,
    /// Persons computed by the single path (fallbacks and errors).
    pub single_path: u64,
    /// Rows the means, medians and flows leave out: rows without an award
    /// (`persons − ok`, each counted under its code in `errors`). Never
    /// silent: the CLI's table prints it, a front end shows it.
    pub left_out: u64,
}

/// Options of a run.
#[derive(Default)]
pub struct Options<'a> {
    /// Last calendar year of the flows (default: the latest retirement year).
    pub last_year: Option<i32>,
    /// Persons per block handed to the sink (default 65 536).
    pub block: Option<usize>,
    /// Compute every person by the single path (for checks and benchmarks).
    pub single_path_only: bool,
    /// Called with the number of person-evaluations done so far.
    pub progress: Option<&'a (dyn Fn(u64) + Sync)>,
}

impl std::fmt::Debug for Options<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("last_year", &self.last_year)
            .field("block", &self.block)
            .field("single_path_only", &self.single_path_only)
            .finish()
    }
}

/// Flows accumulated in the money scale of the run (integers, exact).
#[derive(Debug, Clone)]
struct Acc {
    first_year: i32,
    first_month: YearMonth,
    persons: u64,
    ok: u64,
    errors: BTreeMap<&'static str, u64>,
    fast: u64,
    single: u64,
    totals: Vec<i64>,
    rates: Vec<i64>,
    contributors: Vec<u64>,
    employer: Vec<i128>,
    individual: Vec<i128>,
    unknown: Vec<u64>,
    /// Σ totals and count by first pension month.
    cohorts: Vec<(i128, u64)>,
}

impl Acc {
    fn new(first_year: i32, last_year: i32) -> Acc {
        let n = usize::try_from(last_year - first_year + 1).unwrap_or(0);
        Acc {
            first_year,
            first_month: YearMonth::new(first_year, 1)
                .unwrap_or_else(|| YearMonth::of(chrono::NaiveDate::MIN)),
            persons: 0,
            ok: 0,
            errors: BTreeMap::new(),
            fast: 0,
            single: 0,
            totals: Vec::with_capacity(fast::PART),
            rates: Vec::with_capacity(fast::PART),
            contributors: vec![0; n],
            employer: vec![0; n],
            individual: vec![0; n],
            unknown: vec![0; n],
            cohorts: vec![(0, 0); n * 12],
        }
    }
    fn year(&self, y: i32) -> Option<usize> {
        usize::try_from(y - self.first_year)
            .ok()
            .filter(|i| *i < self.contributors.len())
    }
    fn merge(&mut self, o: Acc) {
        self.persons += o.persons;
        self.ok += o.ok;
        self.fast += o.fast;
        self.single += o.single;
        for (k, v) in o.errors {
            *self.errors.entry(k).or_default() += v;
        }
        self.totals.extend(o.totals);
        self.rates.extend(o.rates);
        for (a, b) in self.contributors.iter_mut().zip(o.contributors) {
            *a += b;
        }
        for (a, b) in self.employer.iter_mut().zip(o.employer) {
            *a += b;
        }
        for (a, b) in self.individual.iter_mut().zip(o.individual) {
            *a += b;
        }
        for (a, b) in self.unknown.iter_mut().zip(o.unknown) {
            *a += b;
        }
        for (a, b) in self.cohorts.iter_mut().zip(o.cohorts) {
            a.0 += b.0;
            a.1 += b.1;
        }
    }
    fn add_outcome(&mut self, o: &Outcome, scale: Scales) {
        let total = to_units(o.total, scale.money).unwrap_or(0);
        let rate = o.replacement_rate.and_then(|r| to_units(r, scale.index));
        self.add(total, rate, o.retirement_month);
    }
    /// A fast-path outcome, already in the run's scales.
    #[inline]
    fn add_units(&mut self, total: i64, rate: i64, retirement: YearMonth) {
        self.add(total, Some(rate), retirement);
    }
    #[inline]
    fn add(&mut self, total: i64, rate: Option<i64>, retirement: YearMonth) {
        self.ok += 1;
        self.totals.push(total);
        if let Some(r) = rate {
            self.rates.push(r);
        }
        let start = retirement.add_months(1);
        if let Some(i) = usize::try_from(start.months_since(self.first_month))
            .ok()
            .filter(|i| *i < self.cohorts.len())
        {
            self.cohorts[i].0 += i128::from(total);
            self.cohorts[i].1 += 1;
        }
    }
    /// Contributions of consecutive years from `start` (fast path).
    fn add_years(&mut self, start: i32, flows: &[(i64, i64)]) {
        let Some(i) = self.year(start) else { return };
        let end = (i + flows.len()).min(self.contributors.len());
        let n = end - i;
        for ((((c, e), d), u), (fe, fd)) in self.contributors[i..end]
            .iter_mut()
            .zip(&mut self.employer[i..end])
            .zip(&mut self.individual[i..end])
            .zip(&mut self.unknown[i..end])
            .zip(&flows[..n])
        {
            *c += 1;
            if *fe == fast::UNKNOWN || *fd == fast::UNKNOWN {
                *u += 1;
                *e += i128::from(if *fe == fast::UNKNOWN { 0 } else { *fe });
                *d += i128::from(if *fd == fast::UNKNOWN { 0 } else { *fd });
            } else {
                *e += i128::from(*fe);
                *d += i128::from(*fd);
            }
        }
    }
    fn add_year(&mut self, year: i32, employer: Option<i64>, individual: Option<i64>) {
        let Some(i) = self.year(year) else { return };
        self.contributors[i] += 1;
        match (employer, individual) {
            (Some(e), Some(d)) => {
                self.employer[i] += i128::from(e);
                self.individual[i] += i128::from(d);
            }
            (e, d) => {
                self.employer[i] += i128::from(e.unwrap_or(0));
                self.individual[i] += i128::from(d.unwrap_or(0));
                self.unknown[i] += 1;
            }
        }
    }
}

/// The decimal scales the run accumulates in (from the rule set's rounding).
#[derive(Debug, Clone, Copy)]
struct Scales {
    money: u32,
    index: u32,
}

/// `d` as an integer count of 10^-scale units, when exact.
#[inline]
fn to_units(d: Decimal, scale: u32) -> Option<i64> {
    let s = d.scale();
    let up = scale.checked_sub(s)?;
    let m = d.mantissa().checked_mul(10i128.checked_pow(up)?)?;
    i64::try_from(m).ok()
}

fn from_units(v: i128, scale: u32) -> Decimal {
    Decimal::try_from_i128_with_scale(v, scale).unwrap_or_default()
}

fn scales(snap: &Snapshot) -> Scales {
    let max = |t: &crate::rules::Timeline<crate::Rounding>| {
        t.versions()
            .map(|(_, _, r)| r.value.scale)
            .max()
            .unwrap_or(0)
    };
    Scales {
        // Totals carry the scale of every money rounding they add up.
        money: max(&snap.rounding.money)
            .max(max(&snap.rounding.total))
            .max(max(&snap.rounding.local_extras)),
        index: max(&snap.rounding.index),
    }
}

/// The single path for one row, adding its flows to `acc`.
fn single(
    row: &Result<Person, Error>,
    snap: &Snapshot,
    assumptions: &Assumptions,
    scale: Scales,
    acc: &mut Acc,
) -> Result<Outcome, Error> {
    let person = row.as_ref().map_err(Clone::clone)?;
    person.check_plausible()?;
    let p = project(
        &person.projection_input(),
        assumptions,
        snap,
        &mut Tracer::new(false),
    )?;
    let o = outcome_of(&p, snap)?;
    for y in p.years.iter().filter(|y| y.months > 0) {
        acc.add_year(
            y.year,
            y.employer_contribution
                .and_then(|x| to_units(x, scale.money)),
            y.individual_contribution
                .and_then(|x| to_units(x, scale.money)),
        );
    }
    acc.add_outcome(&o, scale);
    Ok(o)
}

fn median(v: &mut [i64]) -> Option<i128> {
    if v.is_empty() {
        return None;
    }
    let n = v.len();
    let mid = n / 2;
    let (_, hi, _) = v.select_nth_unstable(mid);
    let hi = i128::from(*hi);
    if n % 2 == 1 {
        return Some(hi);
    }
    let lo = v[..mid].iter().max().copied().map(i128::from).unwrap_or(hi);
    Some(lo + hi)
}

fn summary(mut acc: Acc, snap: &Snapshot, scale: Scales, last_year: i32) -> Summary {
    let money = snap.rounding.money.current().map(|r| r.value).ok();
    let index = snap.rounding.index.current().map(|r| r.value).ok();
    let round = |x: Decimal, r: Option<crate::Rounding>| r.map_or(x, |r| r.apply(x));
    let mean = |v: &[i64], s: u32, r| {
        (!v.is_empty()).then(|| {
            let sum: i128 = v.iter().map(|x| i128::from(*x)).sum();
            let n = Decimal::from(v.len() as u64);
            round(from_units(sum, s).checked_div(n).unwrap_or_default(), r)
        })
    };
    let med = |v: &mut [i64], s: u32, r| {
        let even = v.len().is_multiple_of(2);
        median(v).map(|m| {
            let x = from_units(m, s);
            round(if even { x / Decimal::TWO } else { x }, r)
        })
    };
    let mean_total = mean(&acc.totals, scale.money, money);
    let mean_rate = mean(&acc.rates, scale.index, index);
    let median_total = med(&mut acc.totals, scale.money, money);
    let median_rate = med(&mut acc.rates, scale.index, index);
    let mut years = vec![];
    for (i, y) in (acc.first_year..=last_year).enumerate() {
        let (Ok(jan), Ok(dec)) = (
            YearMonth::new(y, 1).ok_or(()),
            YearMonth::new(y, 12).ok_or(()),
        ) else {
            continue;
        };
        let mut pensions: i128 = 0;
        let mut new = 0;
        for (j, (sum, count)) in acc.cohorts.iter().enumerate() {
            let start = acc
                .first_month
                .add_months(i32::try_from(j).unwrap_or(i32::MAX));
            if start > dec {
                break;
            }
            if start.year() == y {
                new += count;
            }
            let months = dec.months_since(start.max(jan)) + 1;
            pensions += sum * i128::from(months);
        }
        years.push(YearFlow {
            year: y,
            contributors: acc.contributors.get(i).copied().unwrap_or(0),
            employer_contributions: from_units(
                acc.employer.get(i).copied().unwrap_or(0),
                scale.money,
            ),
            individual_contributions: from_units(
                acc.individual.get(i).copied().unwrap_or(0),
                scale.money,
            ),
            contributions_unknown: acc.unknown.get(i).copied().unwrap_or(0),
            new_retirees: new,
            pensions: from_units(pensions, scale.money),
        });
    }
    Summary {
        rules: snap.identity.clone(),
        persons: acc.persons,
        ok: acc.ok,
        errors: acc
            .errors
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect(),
        mean_total,
        median_total,
        mean_replacement_rate: mean_rate,
        median_replacement_rate: median_rate,
        years,
        fast_path: acc.fast,
        single_path: acc.single,
        left_out: acc.persons - acc.ok,
    }
}

/// The outcomes of one block of rows, one vector per scenario.
pub type Block = Vec<Vec<Result<Outcome, Error>>>;

/// The year range of a run's flows.
fn year_range(population: &Population, options: &Options<'_>) -> (i32, i32) {
    // Implausible rows are error rows; they must not stretch the range.
    let persons = population
        .rows
        .iter()
        .flatten()
        .filter(|p| p.is_plausible());
    let first = persons
        .clone()
        .map(|p| p.first_contribution.year())
        .min()
        .unwrap_or(2000);
    // Statutory ages are at most 63 (2024 决定); a given month may be later.
    let last = persons
        .map(|p| match p.retirement_month {
            Some(m) => m.year(),
            None => p.birth.year() + 64,
        })
        .max()
        .unwrap_or(first);
    (first, options.last_year.unwrap_or(last).max(first))
}

/// Run every row under every scenario (`snapshots`: the baseline first,
/// then the reforms), handing each block of outcomes to `sink` with the
/// index of its first row; returns one [`Summary`] per scenario. Rows keep
/// their order; a row that fails gives its error in its place.
///
/// ```
/// use pension_rules::population::{simulate, synthetic, Options};
/// use pension_rules::rules::RuleSet;
/// let base = RuleSet::embedded("cn/shaanxi").unwrap();
/// let snaps = [base.at("2026-01-01".parse().unwrap())];
/// let pop = synthetic::generate(&synthetic::Config::shaanxi(200, 7), &snaps[0]);
/// let mut rows = 0;
/// let s = simulate(&pop, &snaps, &synthetic::Config::shaanxi_assumptions(),
///                  &Options::default(), |_, block| rows += block[0].len()).unwrap();
/// assert_eq!((rows, s[0].persons), (200, 200));
/// assert_eq!(s[0].fast_path + s[0].single_path, 200);
/// ```
pub fn simulate(
    population: &Population,
    snapshots: &[Snapshot],
    assumptions: &Assumptions,
    options: &Options<'_>,
    mut sink: impl FnMut(usize, &Block),
) -> Result<Vec<Summary>, Error> {
    let errs = assumptions.validate("assumptions");
    if !errs.is_empty() {
        return Err(Error::Input(InputErrors(errs)));
    }
    let (first, last) = year_range(population, options);
    let columns = fast::Columns::new(population);
    let plans: Vec<Option<fast::Plan>> = snapshots
        .iter()
        .map(|s| {
            (!options.single_path_only)
                .then(|| fast::Plan::new(s, assumptions, &columns, first, last))
                .flatten()
        })
        .collect();
    let scales: Vec<Scales> = snapshots.iter().map(scales).collect();
    let mut accs: Vec<Acc> = snapshots.iter().map(|_| Acc::new(first, last)).collect();
    // Whole parts per block, so chunks and column parts line up.
    let block = options.block.unwrap_or(1 << 16).div_ceil(fast::PART).max(1) * fast::PART;
    let n = population.rows.len();
    let done = std::sync::atomic::AtomicU64::new(0);
    // One buffer per scenario, reused block after block.
    let placeholder = || Err(Error::NotApplicable(String::new()));
    let mut out: Block = snapshots.iter().map(|_| Vec::new()).collect();
    let mut start = 0;
    while start < n {
        let end = (start + block).min(n);
        for (k, snap) in snapshots.iter().enumerate() {
            let plan = plans[k].as_ref();
            let scale = scales[k];
            let rows = &mut out[k];
            rows.clear();
            rows.resize_with(end - start, placeholder);
            let run = |first_row: usize, slots: &mut [Result<Outcome, Error>]| {
                let mut acc = Acc::new(first, last);
                let mut scratch = fast::Scratch::default();
                for (j, slot) in slots.iter_mut().enumerate() {
                    let i = first_row + j;
                    acc.persons += 1;
                    let fast = plan.and_then(|p| p.compute(&columns, i, &mut scratch));
                    let r = match fast {
                        Some(o) => {
                            acc.fast += 1;
                            acc.add_years(scratch.start, &scratch.flows);
                            if scale.money == 2 && scale.index == 4 {
                                acc.add_units(scratch.total, scratch.rate, o.retirement_month);
                            } else {
                                acc.add_outcome(&o, scale);
                            }
                            Ok(o)
                        }
                        None => {
                            acc.single += 1;
                            single(&population.rows[i], snap, assumptions, scale, &mut acc)
                        }
                    };
                    if let Err(e) = &r {
                        *acc.errors.entry(e.code()).or_default() += 1;
                    }
                    *slot = r;
                }
                if let Some(p) = options.progress {
                    let len = slots.len() as u64;
                    let d = done.fetch_add(len, std::sync::atomic::Ordering::Relaxed);
                    p(d + len);
                }
                acc
            };
            for acc in chunks(start, rows, run) {
                accs[k].merge(acc);
            }
        }
        sink(start, &out);
        start = end;
    }
    Ok(accs
        .into_iter()
        .zip(snapshots)
        .zip(scales)
        .map(|((acc, snap), scale)| summary(acc, snap, scale, last))
        .collect())
}

/// Fill `rows` (row `start` first) chunk by chunk, in parallel with the
/// feature `parallel`; the chunks' accumulators in order.
#[cfg(feature = "parallel")]
fn chunks<T: Send, R: Send>(
    start: usize,
    rows: &mut [R],
    f: impl Fn(usize, &mut [R]) -> T + Sync,
) -> Vec<T> {
    use rayon::prelude::*;
    const SIZE: usize = fast::PART;
    rows.par_chunks_mut(SIZE)
        .enumerate()
        .map(|(c, slots)| f(start + c * SIZE, slots))
        .collect()
}

#[cfg(not(feature = "parallel"))]
fn chunks<T: Send, R: Send>(
    start: usize,
    rows: &mut [R],
    f: impl Fn(usize, &mut [R]) -> T + Sync,
) -> Vec<T> {
    vec![f(start, rows)]
}

/// Run and keep every outcome: one vector per scenario, in row order.
pub fn simulate_all(
    population: &Population,
    snapshots: &[Snapshot],
    assumptions: &Assumptions,
    options: &Options<'_>,
) -> Result<(Block, Vec<Summary>), Error> {
    let mut all: Block = snapshots.iter().map(|_| vec![]).collect();
    let s = simulate(population, snapshots, assumptions, options, |_, block| {
        for (a, b) in all.iter_mut().zip(block) {
            a.extend(b.iter().cloned());
        }
    })?;
    Ok((all, s))
}
