//! A population from columns (Arrow arrays, DataFrame columns: text,
//! integers, exact decimals): each row read straight into a [`Person`], in parallel with
//! the feature `parallel`.
//!
//! Why: a front end holding a million rows in columns should not build a
//! JSON object per row. The meaning stays [`Person::from_json`]'s: a row is
//! read directly only when every cell parses exactly as serde would read it
//! from a JSON string; any other row (a bad cell, a decimal in scientific
//! notation, a missing field) is read by [`Person::from_json`], which gives
//! the same person or reports every problem of the row at once.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{IndexList, Person, Population};
use crate::award::Category;
use crate::error::Error;
use crate::time::YearMonth;

/// One cell: text (as in CSV), or a typed value of a typed column (an
/// integer, an exact decimal), as the JSON number or decimal string a front
/// end would send.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellValue<'a> {
    /// Text; empty is missing.
    Text(&'a str),
    /// An integer (a JSON number).
    Int(i64),
    /// An exact decimal (a JSON decimal string).
    Decimal(Decimal),
}

/// A column of cells, read by row; `None` is missing.
pub trait Cells: Sync {
    /// The cell of `row` (0-based), if present.
    fn cell(&self, row: usize) -> Option<CellValue<'_>>;
}

impl<S: AsRef<str> + Sync> Cells for [Option<S>] {
    fn cell(&self, row: usize) -> Option<CellValue<'_>> {
        self.get(row)
            .and_then(|c| c.as_ref())
            .map(|s| CellValue::Text(s.as_ref()))
    }
}

impl<S: AsRef<str> + Sync> Cells for Vec<Option<S>> {
    fn cell(&self, row: usize) -> Option<CellValue<'_>> {
        self.as_slice().cell(row)
    }
}

/// A present cell: not missing, not empty text.
fn present<C: Cells + ?Sized>(c: &C, row: usize) -> Option<CellValue<'_>> {
    c.cell(row)
        .filter(|v| !matches!(v, CellValue::Text(s) if s.is_empty()))
}

#[derive(Clone, Copy)]
enum Field {
    Id,
    Birth,
    Category,
    First,
    Retirement,
    Deemed,
    Index,
    Indexes,
    Months,
    AverageIndex,
    Balance,
}

fn field(name: &str) -> Option<Field> {
    Some(match name {
        "id" => Field::Id,
        "birth" => Field::Birth,
        "category" => Field::Category,
        "first_contribution" => Field::First,
        "retirement_month" => Field::Retirement,
        "deemed_months" => Field::Deemed,
        "index" => Field::Index,
        "indexes" => Field::Indexes,
        "contribution_months" => Field::Months,
        "average_index" => Field::AverageIndex,
        "account_balance" => Field::Balance,
        _ => return None,
    })
}

fn category(s: &str) -> Option<Category> {
    Category::ALL.into_iter().find(|c| c.name() == s)
}

/// A count as `zero_if_empty` reads text.
fn count(s: &str) -> Option<u32> {
    let t = s.trim();
    if t.is_empty() {
        Some(0)
    } else {
        t.parse().ok()
    }
}

/// Plain digits with an optional fraction (`0.8829`, `120000`): the mantissa
/// and scale `Decimal::from_str` gives them; anything else (signs, exponents,
/// underscores, more than 18 digits) is left to it.
fn plain_decimal(s: &str) -> Option<Decimal> {
    const MAX_DIGITS: usize = 18;
    let b = s.as_bytes();
    let (mut m, mut digits, mut scale, mut point) = (0i64, 0usize, 0u32, false);
    for &c in b {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + i64::from(c - b'0');
                digits += 1;
                if point {
                    scale += 1;
                }
                if digits > MAX_DIGITS {
                    return None;
                }
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    // "1." and "." are left to `from_str`, as are empty integer parts.
    if digits == 0 || b.last() == Some(&b'.') || b.first() == Some(&b'.') {
        return None;
    }
    Some(Decimal::new(m, scale))
}

/// A decimal under the one strict grammar ([`crate::decimal`]), as the
/// row's serde reading takes it.
fn decimal(s: &str) -> Option<Decimal> {
    plain_decimal(s).or_else(|| crate::decimal::parse(s, crate::decimal::Sign::NonNegative).ok())
}

fn indexes(s: &str) -> Option<IndexList> {
    plain_indexes(s).or_else(|| {
        s.split(';')
            .map(|x| decimal(x.trim()))
            .collect::<Option<Vec<_>>>()
            .map(IndexList)
    })
}

/// `0.8;0.85;0.9` in one pass when every item is plain digits with an
/// optional fraction (as [`plain_decimal`]); otherwise `None`.
fn plain_indexes(s: &str) -> Option<IndexList> {
    const MAX_DIGITS: u32 = 18;
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.iter().filter(|&&c| c == b';').count() + 1);
    let (mut m, mut digits, mut scale, mut point, mut last) = (0i64, 0u32, 0u32, false, 0u8);
    for &c in b.iter().chain(std::iter::once(&b';')) {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + i64::from(c - b'0');
                digits += 1;
                scale += u32::from(point);
                if digits > MAX_DIGITS {
                    return None;
                }
            }
            b'.' if !point && digits > 0 => point = true,
            b';' if digits > 0 && last != b'.' => {
                out.push(Decimal::new(m, scale));
                (m, digits, scale, point) = (0, 0, 0, false);
            }
            _ => return None,
        }
        last = c;
    }
    Some(IndexList(out))
}

fn text(v: CellValue<'_>) -> Option<&str> {
    match v {
        CellValue::Text(s) => Some(s),
        _ => None,
    }
}

/// A count: text as `zero_if_empty` reads it, or a whole number.
fn count_cell(v: CellValue<'_>) -> Option<u32> {
    match v {
        CellValue::Text(s) => count(s),
        CellValue::Int(n) => u32::try_from(n).ok(),
        CellValue::Decimal(_) => None,
    }
}

/// A decimal: text or a decimal. An integer is left to serde, which
/// refuses it for an amount (amounts are read from strings only).
fn decimal_cell(v: CellValue<'_>) -> Option<Decimal> {
    match v {
        CellValue::Text(s) => decimal(s),
        CellValue::Decimal(d) => Some(d),
        CellValue::Int(_) => None,
    }
}

/// The direct reading of one row; `None` when any cell needs serde's
/// (or the row is implausible: serde's reading names the problem).
fn direct<C: Cells>(columns: &[(Field, &C)], row: usize) -> Option<Person> {
    let (mut id, mut birth, mut cat, mut first) = (None, None, None, None);
    let mut p = Person {
        id: String::new(),
        birth: YearMonth::new(2000, 1)?,
        category: Category::Male,
        first_contribution: YearMonth::new(2000, 1)?,
        retirement_month: None,
        deemed_months: 0,
        index: None,
        indexes: None,
        contribution_months: 0,
        average_index: None,
        account_balance: None,
    };
    for (f, c) in columns {
        let Some(v) = present(*c, row) else {
            continue;
        };
        match f {
            Field::Id => id = Some(text(v)?),
            Field::Birth => birth = Some(text(v)?.parse().ok()?),
            Field::Category => cat = Some(category(text(v)?)?),
            Field::First => first = Some(text(v)?.parse().ok()?),
            Field::Retirement => p.retirement_month = Some(text(v)?.parse().ok()?),
            Field::Deemed => p.deemed_months = count_cell(v)?,
            Field::Index => p.index = Some(decimal_cell(v)?),
            Field::Indexes => p.indexes = Some(indexes(text(v)?)?),
            Field::Months => p.contribution_months = count_cell(v)?,
            Field::AverageIndex => p.average_index = Some(decimal_cell(v)?),
            Field::Balance => p.account_balance = Some(decimal_cell(v)?),
        }
    }
    p.id = id?.to_string();
    p.birth = birth?;
    p.category = cat?;
    p.first_contribution = first?;
    // An implausible row takes serde's reading, which names the problem.
    p.is_plausible().then_some(p)
}

/// The row as [`Person::from_json`] reads it, errors under `row N.field`
/// (N = `number`) led by the person's id ([`super::row_error`]).
fn by_serde<C: Cells>(names: &[(&str, &C)], row: usize, number: usize) -> Result<Person, Error> {
    let mut m = Map::new();
    for (name, c) in names {
        let v = match present(*c, row) {
            None => continue,
            Some(CellValue::Text(s)) => Value::String(s.to_string()),
            Some(CellValue::Int(n)) => Value::from(n),
            Some(CellValue::Decimal(d)) => Value::String(d.to_string()),
        };
        m.insert((*name).to_string(), v);
    }
    Person::from_json(&Value::Object(m.clone()))
        .map_err(|e| super::row_error(number, m.get("id").and_then(Value::as_str), e))
}

impl Population {
    /// Read `n_rows` persons from named columns of the population
    /// format (docs/population.md; any order, optional columns may be left
    /// out, a missing or empty cell is an absent value). A column problem
    /// (unknown, repeated, a required one missing: [`super::check_columns`]
    /// under `columns.NAME`) and no rows at all (`rows`) are errors of the
    /// whole input; a row that does not read becomes its error
    /// (`row N.field`, led by `person ID:`), keeping its place. Gives the same
    /// persons as [`Person::from_json`] on each row's cells as JSON
    /// (text and decimals as strings, integers as numbers).
    ///
    /// ```
    /// use pension_rules::population::Population;
    /// let col = |v: &[&str]| v.iter().map(|s| Some(s.to_string())).collect::<Vec<_>>();
    /// let cols = [
    ///     ("id", col(&["a", "b"])),
    ///     ("birth", col(&["1990-03", "1990-13"])),
    ///     ("category", col(&["male", "male"])),
    ///     ("first_contribution", col(&["2012-07", "2012-07"])),
    ///     ("index", col(&["1.0", "1.0"])),
    /// ];
    /// let p = Population::from_columns(&cols, 2).unwrap();
    /// assert_eq!(p.rows[0].as_ref().unwrap().id, "a");
    /// assert!(p.rows[1].as_ref().unwrap_err().to_string().contains("row 2.birth: person b:"));
    /// let e = Population::from_columns(&cols[..3], 2).unwrap_err();
    /// assert_eq!(e.fields()[0].path, "columns.first_contribution");
    /// ```
    pub fn from_columns<C: Cells>(
        columns: &[(&str, C)],
        n_rows: usize,
    ) -> Result<Population, Error> {
        if n_rows == 0 {
            return Err(super::reading::empty(true));
        }
        Population::from_columns_numbered(columns, n_rows, 0)
    }

    /// [`Population::from_columns`] for a batch of a larger population
    /// whose first row is row `first_row` (0-based) of the whole: errors
    /// name rows as the whole population's (`row first_row + i + 1`); a
    /// batch may be empty.
    pub fn from_columns_numbered<C: Cells>(
        columns: &[(&str, C)],
        n_rows: usize,
        first_row: usize,
    ) -> Result<Population, Error> {
        let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
        super::check_columns(&names, "columns")?;
        let fields: Vec<(Field, &C)> = columns
            .iter()
            .filter_map(|(n, c)| Some((field(n)?, c)))
            .collect();
        let names: Vec<(&str, &C)> = columns.iter().map(|(n, c)| (*n, c)).collect();
        let read = |i: usize| match direct(&fields, i) {
            Some(p) => Ok(p),
            None => by_serde(&names, i, first_row.saturating_add(i).saturating_add(1)),
        };
        #[cfg(feature = "parallel")]
        let rows = {
            use rayon::prelude::*;
            (0..n_rows).into_par_iter().map(read).collect::<Vec<_>>()
        };
        #[cfg(not(feature = "parallel"))]
        let rows: Vec<Result<Person, Error>> = (0..n_rows).map(read).collect();
        let id = names.iter().find(|(n, _)| *n == "id").map(|(_, c)| *c);
        let unread_ids = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_err())
            .filter_map(|(i, _)| match present(id?, i) {
                Some(CellValue::Text(s)) if !s.is_empty() => Some((i, s.to_string())),
                Some(CellValue::Int(n)) => Some((i, n.to_string())),
                _ => None,
            })
            .collect();
        Ok(Population { rows, unread_ids })
    }
}
