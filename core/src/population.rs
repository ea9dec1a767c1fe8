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
use std::io::Read as _;

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
            retirement_month: self.retirement_month,
            contribution_months: self.contribution_months,
            average_index: self.average_index,
            deemed_months: self.deemed_months,
            account_balance: self.account_balance.unwrap_or_default(),
            index: self.index,
            indexes: self.indexes.as_ref().map(|l| l.0.clone()),
            ..ProjectionInput::new(self.category, self.birth, self.first_contribution)
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
    /// All of [`CsvChunks`] at once: a body without quotes is cut at line
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
    pub fn read_csv<R: std::io::Read>(reader: R) -> Result<Population, Error> {
        let mut chunks = CsvChunks::new(reader, usize::MAX)?;
        let mut all = Population::default();
        while let Some(chunk) = chunks.next_chunk()? {
            let at = all.rows.len();
            all.unread_ids
                .extend(chunk.unread_ids.into_iter().map(|(i, id)| (at + i, id)));
            all.rows.extend(chunk.rows);
        }
        Ok(all)
    }
}

/// A population CSV read chunk by chunk, in bounded memory: the rows of
/// [`Population::read_csv`], the same errors under the same row numbers, a
/// chunk of at most `chunk_rows` rows at a time (each a [`Population`]
/// whose `unread_ids` count from the chunk's first row).
///
/// While the bytes hold no quote, each chunk is cut at a line end and read
/// on all cores (feature `parallel`); from the first quote on (a quoted
/// cell may hold a line end) the rest is read as one stream.
///
/// ```
/// use pension_rules::population::{CsvChunks, Population};
/// let csv = "id,birth,category,first_contribution,index\n\
///            a,1990-03,male,2012-07,1.0\n\
///            b,1990-13,male,2012-07,1.0\n\
///            c,1991-03,male,2012-07,1.0\n";
/// let mut chunks = CsvChunks::new(csv.as_bytes(), 2).unwrap();
/// let first = chunks.next_chunk().unwrap().unwrap();
/// assert_eq!(first.rows.len(), 2);
/// assert_eq!(first.rows[1].as_ref().unwrap_err().fields()[0].path, "row 2.birth");
/// assert_eq!(chunks.next_chunk().unwrap().unwrap().label(0, 2), "c");
/// assert!(chunks.next_chunk().unwrap().is_none());
/// ```
pub struct CsvChunks<R: std::io::Read> {
    header: Header,
    mode: CsvMode<R>,
    /// Rows read so far.
    rows: usize,
    chunk_rows: usize,
}

enum CsvMode<R: std::io::Read> {
    /// Bytes not yet read as rows (no quote so far), the lines counted up
    /// to `scanned`, and the rest of the input.
    Lines {
        buf: Vec<u8>,
        scanned: usize,
        lines: usize,
        reader: R,
        eof: bool,
    },
    /// One stream, from the first quote on.
    Stream(csv::Reader<std::io::Chain<std::io::Cursor<Vec<u8>>, R>>),
    Done,
}

impl<R: std::io::Read> std::fmt::Debug for CsvChunks<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvChunks")
            .field("headers", &self.header.names)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

/// A population CSV's header: its column names, checked.
#[derive(Debug)]
struct Header {
    names: csv::StringRecord,
    id_column: Option<usize>,
}

impl Header {
    fn of(h: Result<csv::StringRecord, csv::Error>) -> Result<Header, Error> {
        let names = h.map_err(|e| Error::field("header", e.to_string()))?;
        if names.iter().all(str::is_empty) {
            return Err(reading::empty(false));
        }
        check_columns(&names.iter().collect::<Vec<_>>(), "header")?;
        Ok(Header {
            id_column: names.iter().position(|h| h == "id"),
            names,
        })
    }

    /// One record (row `i`, 0-based, of the whole): its row error (N from
    /// 1) or its person, and the id cell of a row that does not read.
    fn read(&self, i: usize, rec: Result<csv::StringRecord, String>) -> RowRead {
        let id = rec
            .as_ref()
            .ok()
            .zip(self.id_column)
            .and_then(|(r, k)| r.get(k))
            .filter(|s| !s.is_empty())
            .map(String::from);
        let person = rec
            .map_err(|message| Error::field(format!("row {}", i + 1), message))
            .and_then(|rec| Person::from_record(&self.names, &rec, i + 1));
        let unread = person.is_err().then_some(id).flatten();
        (person, unread)
    }

    fn unequal(&self, len: usize) -> String {
        format!(
            "the row has {len} cells, but the header names {} columns",
            self.names.len()
        )
    }
}

/// A row read: the person or the row's error, and the id cell of a row
/// that did not read.
type RowRead = (Result<Person, Error>, Option<String>);

/// Bytes read from the input at a time.
const READ_AT_ONCE: usize = 1 << 20;

/// Bytes read at most at a time until the header line has come, each read
/// taken as it comes: a stream (an HTTP body) is answered on its header
/// without waiting for more.
const HEADER_AT_ONCE: usize = 1 << 12;

fn cannot_read(e: &std::io::Error) -> Error {
    Error::field("rows", format!("cannot read the population: {e}"))
}

/// Read from `reader` until `buf` holds at least `want` more bytes or the
/// input ends; whether it ended.
fn fill<R: std::io::Read>(reader: &mut R, buf: &mut Vec<u8>, want: usize) -> Result<bool, Error> {
    let goal = buf.len() + want;
    while buf.len() < goal {
        if read_once(reader, buf, READ_AT_ONCE.min(goal - buf.len()))? == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// One read of at most `at_most` bytes (at least 1) onto `buf`: how many
/// came, 0 at the end of the input.
fn read_once<R: std::io::Read>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    at_most: usize,
) -> Result<usize, Error> {
    let at = buf.len();
    buf.resize(at + at_most.max(1), 0);
    loop {
        match reader.read(&mut buf[at..]) {
            Ok(n) => {
                buf.truncate(at + n);
                return Ok(n);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                buf.truncate(at);
                return Err(cannot_read(&e));
            }
        }
    }
}

impl<R: std::io::Read> CsvChunks<R> {
    /// Read the header of `reader` (refusing the file for a header problem,
    /// as [`Population::read_csv`]); the rows follow, `chunk_rows` at a
    /// time (at least 1).
    pub fn new(mut reader: R, chunk_rows: usize) -> Result<CsvChunks<R>, Error> {
        // The header line: bytes up to the first line end.
        let mut buf = Vec::new();
        let mut eof = false;
        while !eof && !buf.contains(&b'\n') {
            eof = read_once(&mut reader, &mut buf, HEADER_AT_ONCE)? == 0;
        }
        let line = buf
            .iter()
            .position(|&b| b == b'\n')
            .map_or(buf.len(), |i| i + 1);
        let chunk_rows = chunk_rows.max(1);
        if buf[..line].contains(&b'"') {
            // A quoted header: the whole file as one stream.
            let mut r = csv::ReaderBuilder::new()
                .trim(csv::Trim::All)
                .from_reader(std::io::Cursor::new(buf).chain(reader));
            let header = Header::of(r.headers().cloned())?;
            return Ok(CsvChunks {
                header,
                mode: CsvMode::Stream(r),
                rows: 0,
                chunk_rows,
            });
        }
        let mut r = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(&buf[..line]);
        let header = Header::of(r.headers().cloned())?;
        let body = usize::try_from(r.position().byte())
            .unwrap_or(line)
            .min(buf.len());
        buf.drain(..body);
        Ok(CsvChunks {
            header,
            mode: CsvMode::Lines {
                buf,
                scanned: 0,
                lines: 0,
                reader,
                eof,
            },
            rows: 0,
            chunk_rows,
        })
    }

    /// The header's column names.
    pub fn headers(&self) -> &csv::StringRecord {
        &self.header.names
    }

    /// Rows read so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The next rows (at most `chunk_rows`), `None` after the last; a
    /// file with a header and no row is refused (`rows`).
    pub fn next_chunk(&mut self) -> Result<Option<Population>, Error> {
        // A chunk of blank lines alone reads no row: read on.
        let mut read = self.read_some()?;
        while read.is_empty() && !matches!(self.mode, CsvMode::Done) {
            read = self.read_some()?;
        }
        if read.is_empty() {
            return match self.rows {
                0 => Err(reading::empty(true)),
                _ => Ok(None),
            };
        }
        let mut rows = Vec::with_capacity(read.len());
        let mut unread_ids = BTreeMap::new();
        for (i, (person, unread)) in read.into_iter().enumerate() {
            if let Some(id) = unread {
                unread_ids.insert(i, id);
            }
            rows.push(person);
        }
        self.rows += rows.len();
        Ok(Some(Population { rows, unread_ids }))
    }

    /// The rows of the next lines (at most `chunk_rows`; none when they
    /// are blank or the input has ended).
    fn read_some(&mut self) -> Result<Vec<RowRead>, Error> {
        let read = match std::mem::replace(&mut self.mode, CsvMode::Done) {
            CsvMode::Done => vec![],
            CsvMode::Lines {
                mut buf,
                mut scanned,
                mut lines,
                mut reader,
                mut eof,
            } => {
                // Enough lines for a chunk, or the end of the input.
                loop {
                    for (k, b) in buf[scanned..].iter().enumerate() {
                        if *b == b'\n' {
                            lines += 1;
                            if lines == self.chunk_rows {
                                scanned += k + 1;
                                break;
                            }
                        }
                    }
                    if lines >= self.chunk_rows {
                        break;
                    }
                    scanned = buf.len();
                    if eof {
                        break;
                    }
                    eof = fill(&mut reader, &mut buf, READ_AT_ONCE)?;
                }
                let cut = scanned;
                if buf[..cut].contains(&b'"') {
                    // A quoted cell may hold a line end: one stream from here.
                    let r = csv::ReaderBuilder::new()
                        .trim(csv::Trim::All)
                        .has_headers(false)
                        .flexible(true)
                        .from_reader(std::io::Cursor::new(buf).chain(reader));
                    self.mode = CsvMode::Stream(r);
                    return self.read_some();
                }
                let read = self.lines(&buf[..cut]);
                buf.drain(..cut);
                if !(eof && buf.is_empty()) {
                    // The lines still in `buf` are counted again.
                    self.mode = CsvMode::Lines {
                        buf,
                        scanned: 0,
                        lines: 0,
                        reader,
                        eof,
                    };
                }
                read
            }
            CsvMode::Stream(mut r) => {
                let flexible = !r.has_headers();
                let mut read = vec![];
                let mut record = csv::StringRecord::new();
                let mut ended = false;
                while read.len() < self.chunk_rows {
                    let rec = match r.read_record(&mut record) {
                        Ok(false) => {
                            ended = true;
                            break;
                        }
                        Ok(true) if flexible && record.len() != self.header.names.len() => {
                            Err(self.header.unequal(record.len()))
                        }
                        Ok(true) => Ok(record.clone()),
                        Err(e) => Err(match e.kind() {
                            csv::ErrorKind::UnequalLengths { len, .. } => self
                                .header
                                .unequal(usize::try_from(*len).unwrap_or(usize::MAX)),
                            csv::ErrorKind::Utf8 { .. } => "the row is not UTF-8 text".into(),
                            _ => e.to_string(),
                        }),
                    };
                    read.push(self.header.read(self.rows + read.len(), rec));
                }
                if !ended {
                    self.mode = CsvMode::Stream(r);
                }
                read
            }
        };
        Ok(read)
    }

    /// The rows of `body` (no quote, whole lines), tokenised and read in
    /// parallel parts.
    fn lines(&self, body: &[u8]) -> Vec<RowRead> {
        let parts = reading::line_parts(body);
        let (first, header) = (self.rows, &self.header);
        reading::parallel_records(&parts, |rec| {
            let rec = rec.map_err(|e| e.to_string())?;
            if rec.len() != header.names.len() {
                return Err(header.unequal(rec.len()));
            }
            let mut rec = csv::StringRecord::from_byte_record(rec)
                .map_err(|_| "the row is not UTF-8 text".to_string())?;
            rec.trim();
            Ok(rec)
        })
        .map_indexed(|i, rec| header.read(first + i, rec))
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
    pub fn write_csv<W: std::io::Write>(&self, mut writer: W) -> Result<(), Error> {
        let mut w = csv::Writer::from_writer(&mut writer);
        w.write_record(COLUMNS)
            .map_err(|e| Error::field("output", e.to_string()))?;
        w.flush()
            .map_err(|e| Error::field("output", e.to_string()))?;
        drop(w);
        self.write_csv_rows(writer)
    }

    /// The rows of [`Population::write_csv`] without the header: a chunk of
    /// a population written in chunks.
    pub fn write_csv_rows<W: std::io::Write>(&self, writer: W) -> Result<(), Error> {
        let mut w = csv::Writer::from_writer(writer);
        let io = |e: csv::Error| Error::field("output", e.to_string());
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
#[derive(Default, Clone)]
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

/// Flows accumulated in the money scale of the run (integers, exact), by
/// calendar year from `first_year`; the range grows to take any year a
/// person brings (a streamed run learns the population's range as it
/// reads), and [`Acc::clip`] cuts it to the run's years at the end.
#[derive(Debug, Clone)]
struct Acc {
    first_year: i32,
    first_month: YearMonth,
    persons: u64,
    ok: u64,
    errors: BTreeMap<&'static str, u64>,
    fast: u64,
    single: u64,
    totals: Counts,
    rates: Counts,
    contributors: Vec<u64>,
    employer: Vec<i128>,
    individual: Vec<i128>,
    unknown: Vec<u64>,
    /// Σ totals and count by first pension month.
    cohorts: Vec<(i128, u64)>,
}

/// A multiset of integers (totals or rates in units): a count of each
/// distinct value (in order) and the values not yet counted. Its size grows
/// with the distinct values, not with the persons, and never doubles while
/// it grows (no array to copy); its sum, count and median are exact.
#[derive(Debug, Clone, Default)]
struct Counts {
    counted: BTreeMap<i64, u64>,
    pending: Vec<i64>,
    n: u64,
    sum: i128,
}

/// Values waiting before they are counted.
const PENDING: usize = 1 << 16;

impl Counts {
    #[inline]
    fn push(&mut self, x: i64) {
        self.pending.push(x);
        self.n += 1;
        self.sum += i128::from(x);
    }
    fn merge(&mut self, o: Counts) {
        self.n += o.n;
        self.sum += o.sum;
        self.pending.extend(o.pending);
        for (v, c) in o.counted {
            *self.counted.entry(v).or_default() += c;
        }
        if self.pending.len() >= PENDING {
            self.count();
        }
    }
    /// The pending values counted (sorted first: equal values once, the
    /// tree walked in order).
    fn count(&mut self) {
        self.pending.sort_unstable();
        let mut run: Option<(i64, u64)> = None;
        for &x in &self.pending {
            match &mut run {
                Some((v, c)) if *v == x => *c += 1,
                _ => {
                    if let Some((v, c)) = run.replace((x, 1)) {
                        *self.counted.entry(v).or_default() += c;
                    }
                }
            }
        }
        if let Some((v, c)) = run {
            *self.counted.entry(v).or_default() += c;
        }
        self.pending.clear();
    }
    /// The `k`-th value (0-based) in ascending order.
    fn nth(&self, k: u64) -> Option<i64> {
        let mut seen = 0;
        for (v, c) in &self.counted {
            seen += c;
            if k < seen {
                return Some(*v);
            }
        }
        None
    }
    /// The middle value of an odd count, the sum of the two middle values of
    /// an even one.
    fn median(&mut self) -> Option<i128> {
        if self.n == 0 {
            return None;
        }
        self.count();
        let mid = self.n / 2;
        let hi = i128::from(self.nth(mid)?);
        if self.n % 2 == 1 {
            return Some(hi);
        }
        Some(i128::from(self.nth(mid - 1)?) + hi)
    }
}

impl Acc {
    fn new(first_year: i32, last_year: i32) -> Acc {
        let n = usize::try_from(last_year - first_year + 1).unwrap_or(0);
        Acc {
            first_year,
            first_month: month_one(first_year),
            persons: 0,
            ok: 0,
            errors: BTreeMap::new(),
            fast: 0,
            single: 0,
            totals: Counts {
                pending: Vec::with_capacity(fast::PART),
                ..Counts::default()
            },
            rates: Counts {
                pending: Vec::with_capacity(fast::PART),
                ..Counts::default()
            },
            contributors: vec![0; n],
            employer: vec![0; n],
            individual: vec![0; n],
            unknown: vec![0; n],
            cohorts: vec![(0, 0); n * 12],
        }
    }
    /// The years held: `first_year ..= last` (none when empty).
    fn last_year(&self) -> i32 {
        self.first_year + i32::try_from(self.contributors.len()).unwrap_or(i32::MAX) - 1
    }
    /// Make room for `lo ..= hi` (zeros for the new years).
    #[cold]
    fn widen(&mut self, lo: i32, hi: i32) {
        let (old_lo, old_hi) = (self.first_year, self.last_year());
        let (new_lo, new_hi) = if self.contributors.is_empty() {
            (lo, hi)
        } else {
            (lo.min(old_lo), hi.max(old_hi))
        };
        let Ok(n) = usize::try_from(new_hi - new_lo + 1) else {
            return;
        };
        let at = if self.contributors.is_empty() {
            0
        } else {
            usize::try_from(old_lo - new_lo).unwrap_or(0)
        };
        fn place<T: Copy>(v: &mut Vec<T>, zero: T, at: usize, n: usize) {
            let mut w = vec![zero; n];
            w[at..at + v.len()].copy_from_slice(v);
            *v = w;
        }
        place(&mut self.contributors, 0, at, n);
        place(&mut self.employer, 0, at, n);
        place(&mut self.individual, 0, at, n);
        place(&mut self.unknown, 0, at, n);
        place(&mut self.cohorts, (0, 0), at * 12, n * 12);
        self.first_year = new_lo;
        self.first_month = month_one(new_lo);
    }
    #[inline]
    fn year(&mut self, y: i32) -> Option<usize> {
        if y < self.first_year || y > self.last_year() {
            self.widen(y, y);
        }
        usize::try_from(y - self.first_year)
            .ok()
            .filter(|i| *i < self.contributors.len())
    }
    fn merge(&mut self, o: Acc) {
        let (lo, hi) = (o.first_year, o.last_year());
        self.persons += o.persons;
        self.ok += o.ok;
        self.fast += o.fast;
        self.single += o.single;
        for (k, v) in o.errors {
            *self.errors.entry(k).or_default() += v;
        }
        self.totals.merge(o.totals);
        self.rates.merge(o.rates);
        if o.contributors.is_empty() {
            return;
        }
        if self.contributors.is_empty() || lo < self.first_year || hi > self.last_year() {
            self.widen(lo, hi);
        }
        let Ok(at) = usize::try_from(lo - self.first_year) else {
            return;
        };
        let add = |a: &mut [u64], b: &[u64]| {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        };
        let add_wide = |a: &mut [i128], b: &[i128]| {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        };
        add(&mut self.contributors[at..], &o.contributors);
        add(&mut self.unknown[at..], &o.unknown);
        add_wide(&mut self.employer[at..], &o.employer);
        add_wide(&mut self.individual[at..], &o.individual);
        for (a, b) in self.cohorts[at * 12..].iter_mut().zip(o.cohorts) {
            a.0 += b.0;
            a.1 += b.1;
        }
    }
    /// The flows of `first ..= last` alone: what a run over those years
    /// from the start would hold.
    fn clip(mut self, first: i32, last: i32) -> Acc {
        let mut out = Acc::new(first, last);
        let n = out.contributors.len();
        for i in 0..n {
            let y = first + i32::try_from(i).unwrap_or(i32::MAX);
            let Some(j) = usize::try_from(y - self.first_year)
                .ok()
                .filter(|j| *j < self.contributors.len())
            else {
                continue;
            };
            out.contributors[i] = self.contributors[j];
            out.employer[i] = self.employer[j];
            out.individual[i] = self.individual[j];
            out.unknown[i] = self.unknown[j];
            out.cohorts[i * 12..i * 12 + 12].copy_from_slice(&self.cohorts[j * 12..j * 12 + 12]);
        }
        out.persons = self.persons;
        out.ok = self.ok;
        out.errors = std::mem::take(&mut self.errors);
        out.fast = self.fast;
        out.single = self.single;
        out.totals = std::mem::take(&mut self.totals);
        out.rates = std::mem::take(&mut self.rates);
        out
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
        if start.year() < self.first_year || start.year() > self.last_year() {
            self.widen(start.year(), start.year());
        }
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
        let Some(end_year) = i32::try_from(flows.len())
            .ok()
            .and_then(|n| start.checked_add(n - 1))
        else {
            return;
        };
        if flows.is_empty() {
            return;
        }
        if start < self.first_year || end_year > self.last_year() {
            self.widen(start, end_year);
        }
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

/// January of `year`.
fn month_one(year: i32) -> YearMonth {
    YearMonth::new(year, 1).unwrap_or_else(|| YearMonth::of(chrono::NaiveDate::MIN))
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

fn summary(mut acc: Acc, snap: &Snapshot, scale: Scales, last_year: i32) -> Summary {
    let money = snap.rounding.money.current().map(|r| r.value).ok();
    let index = snap.rounding.index.current().map(|r| r.value).ok();
    let round = |x: Decimal, r: Option<crate::Rounding>| r.map_or(x, |r| r.apply(x));
    let mean = |v: &Counts, s: u32, r| {
        (v.n > 0).then(|| {
            let n = Decimal::from(v.n);
            round(from_units(v.sum, s).checked_div(n).unwrap_or_default(), r)
        })
    };
    let med = |v: &mut Counts, s: u32, r| {
        let even = v.n.is_multiple_of(2);
        v.median().map(|m| {
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

/// The years of a person that bound a run's flows: the first contribution
/// year and the latest year the pension may start in (a given retirement
/// month's, else birth + 64: statutory ages are at most 63, 2024 决定).
/// Implausible rows are error rows; they must not stretch the range.
fn years_of(p: &Person) -> Option<(i32, i32)> {
    p.is_plausible().then(|| {
        let last = match p.retirement_month {
            Some(m) => m.year(),
            None => p.birth.year() + 64,
        };
        (p.first_contribution.year(), last)
    })
}

fn widest(a: Option<(i32, i32)>, b: Option<(i32, i32)>) -> Option<(i32, i32)> {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
        (x, None) | (None, x) => x,
    }
}

/// What a run's plans cover: the flows' years and the birth months.
type PlanKey = ((i32, i32), Option<(YearMonth, YearMonth)>);

/// A population run fed in chunks: [`Run::push`] each chunk of rows in
/// order (a chunk is computed under every scenario before it returns), then
/// [`Run::finish`] for the summaries. Memory holds one chunk and the
/// aggregates, never the population; the summaries are exact and the same
/// whatever the chunks ([`simulate`] is one chunk).
///
/// The flows' years are the population's (first contribution year to the
/// latest retirement year, or `Options::last_year`): the run learns them as
/// it reads, keeps every year a person brings, and cuts to them at the end.
/// The fast path's plan covers the years and birth months seen so far and is
/// built again when a chunk brings new ones; a person's path does not depend
/// on the chunks: the plan covers the person's own years either way, up to
/// the retirement year also past `last_year`.
///
/// ```
/// use pension_rules::population::{simulate, synthetic, Options, Population, Run};
/// use pension_rules::rules::RuleSet;
/// let base = RuleSet::embedded("cn/shaanxi").unwrap();
/// let snaps = [base.at("2026-01-01".parse().unwrap())];
/// let a = synthetic::Config::shaanxi_assumptions();
/// let pop = synthetic::generate(&synthetic::Config::shaanxi(300, 7), &snaps[0]);
/// let options = Options::default();
/// let mut run = Run::new(&snaps, &a, &options).unwrap();
/// for rows in pop.rows.chunks(64) {
///     run.push(&Population::from_rows(rows.to_vec()), |_, _| {});
/// }
/// let whole = simulate(&pop, &snaps, &a, &options, |_, _| {}).unwrap();
/// assert_eq!(run.finish(), whole);
/// ```
pub struct Run<'a> {
    snapshots: std::borrow::Cow<'a, [Snapshot]>,
    assumptions: std::borrow::Cow<'a, Assumptions>,
    options: std::borrow::Cow<'a, Options<'a>>,
    scales: Vec<Scales>,
    accs: Vec<Acc>,
    /// First and last year of the persons so far ([`years_of`]).
    years: Option<(i32, i32)>,
    /// Birth months of the persons the fast path may take, so far.
    births: Option<(YearMonth, YearMonth)>,
    /// The fast path's plans and what they were built for.
    plans: Vec<Option<fast::Plan>>,
    planned: Option<PlanKey>,
    /// One buffer per scenario, reused block after block.
    out: Block,
    /// Rows pushed so far.
    rows: usize,
    done: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for Run<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Run")
            .field("scenarios", &self.snapshots.len())
            .field("rows", &self.rows)
            .field("years", &self.years)
            .finish_non_exhaustive()
    }
}

impl<'a> Run<'a> {
    /// A run under `snapshots` (the baseline first, then the reforms);
    /// refuses invalid assumptions.
    pub fn new(
        snapshots: &'a [Snapshot],
        assumptions: &'a Assumptions,
        options: &'a Options<'a>,
    ) -> Result<Run<'a>, Error> {
        use std::borrow::Cow::Borrowed;
        Run::of(
            Borrowed(snapshots),
            Borrowed(assumptions),
            Borrowed(options),
        )
    }

    /// A run that owns its scenarios, assumptions and options (one that
    /// outlives the caller's frame: a Python stream).
    pub fn owned(
        snapshots: Vec<Snapshot>,
        assumptions: Assumptions,
        options: Options<'static>,
    ) -> Result<Run<'static>, Error> {
        use std::borrow::Cow::Owned;
        Run::of(Owned(snapshots), Owned(assumptions), Owned(options))
    }

    fn of(
        snapshots: std::borrow::Cow<'a, [Snapshot]>,
        assumptions: std::borrow::Cow<'a, Assumptions>,
        options: std::borrow::Cow<'a, Options<'a>>,
    ) -> Result<Run<'a>, Error> {
        let errs = assumptions.validate("assumptions");
        if !errs.is_empty() {
            return Err(Error::Input(InputErrors(errs)));
        }
        Ok(Run {
            scales: snapshots.iter().map(scales).collect(),
            accs: snapshots.iter().map(|_| Acc::new(0, -1)).collect(),
            plans: snapshots.iter().map(|_| None).collect(),
            out: snapshots.iter().map(|_| Vec::new()).collect(),
            snapshots,
            assumptions,
            options,
            years: None,
            births: None,
            planned: None,
            rows: 0,
            done: std::sync::atomic::AtomicU64::new(0),
        })
    }

    /// Rows pushed so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The flows' years so far: the population's range, or as
    /// [`Options::last_year`] cuts it (2000 with no person yet).
    fn range(&self) -> (i32, i32) {
        let (first, last) = self.years.unwrap_or((2000, 2000));
        let last = if self.years.is_none() { first } else { last };
        (first, self.options.last_year.unwrap_or(last).max(first))
    }

    /// Run the next rows (their first is row [`Run::rows`] of the whole)
    /// under every scenario, handing each block of outcomes to `sink` with
    /// the index of its first row in the whole population.
    pub fn push(&mut self, population: &Population, mut sink: impl FnMut(usize, &Block)) {
        let seen = population
            .rows
            .iter()
            .flatten()
            .filter_map(years_of)
            .reduce(|a, b| widest(Some(a), Some(b)).unwrap_or(a));
        self.years = widest(self.years, seen);
        let columns = fast::Columns::new(population);
        self.births = match (self.births, columns.birth_range) {
            (Some((a, b)), Some((x, y))) => Some((a.min(x), b.max(y))),
            (x, None) | (None, x) => x,
        };
        // The plan reaches every person's retirement year, also past a
        // `last_year` (the flows are cut at the end): which path a person
        // takes does not depend on the rows read before.
        let (first, last) = self.range();
        let last = last.max(self.years.map_or(last, |(_, l)| l));
        let key = ((first, last), self.births);
        if self.planned != Some(key) {
            self.plans = self
                .snapshots
                .iter()
                .map(|s| {
                    (!self.options.single_path_only)
                        .then(|| fast::Plan::new(s, &self.assumptions, self.births, first, last))
                        .flatten()
                })
                .collect();
            self.planned = Some(key);
        }
        // Whole parts per block, so blocks and column parts line up.
        let block = self
            .options
            .block
            .unwrap_or(1 << 16)
            .div_ceil(fast::PART)
            .max(1)
            * fast::PART;
        let n = population.rows.len();
        let placeholder = || Err(Error::NotApplicable(String::new()));
        let (assumptions, options, done) = (&*self.assumptions, &*self.options, &self.done);
        let mut start = 0;
        while start < n {
            let end = (start + block).min(n);
            for (k, snap) in self.snapshots.iter().enumerate() {
                let plan = self.plans[k].as_ref();
                let scale = self.scales[k];
                let rows = &mut self.out[k];
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
                    self.accs[k].merge(acc);
                }
            }
            sink(self.rows + start, &self.out);
            start = end;
        }
        self.rows += n;
    }

    /// One [`Summary`] per scenario, over every row pushed.
    pub fn finish(self) -> Vec<Summary> {
        let (first, last) = self.range();
        self.accs
            .into_iter()
            .zip(self.snapshots.iter())
            .zip(self.scales)
            .map(|((acc, snap), scale)| summary(acc.clip(first, last), snap, scale, last))
            .collect()
    }
}

/// Run every row under every scenario (`snapshots`: the baseline first,
/// then the reforms), handing each block of outcomes to `sink` with the
/// index of its first row; returns one [`Summary`] per scenario. Rows keep
/// their order; a row that fails gives its error in its place. One chunk
/// of a [`Run`].
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
    sink: impl FnMut(usize, &Block),
) -> Result<Vec<Summary>, Error> {
    let mut run = Run::new(snapshots, assumptions, options)?;
    run.push(population, sink);
    Ok(run.finish())
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
