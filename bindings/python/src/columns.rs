//! Columns between Rust and Python through the Arrow PyCapsule interface
//! (`__arrow_c_stream__`, pyo3-arrow), without a Python object per cell
//! and without copies at the boundary.
//!
//! In: any Arrow producer — a pyarrow Table, a Polars or pandas DataFrame,
//! an arro3 or DuckDB table — read column by column as the population
//! reader's cells ([`ArrowCells`]). Out: columns built with arrow-rs
//! builders while the GIL is released, handed to Python as one Arrow table
//! (`pyarrow.table(x)`, `polars.DataFrame(x)` take it without a copy), or
//! as Python lists where pyarrow is not installed. Amounts stay exact: a
//! decimal column is Arrow `decimal128(18, scale)` (the integer count of
//! 10^-scale units), never a float — 18 digits, so that pandas, Polars and
//! pyarrow have headroom for arithmetic (`total - basic_pension` of two
//! `decimal128(38, 2)` needs 39 digits and fails); a column with a value
//! beyond 18 digits is `decimal128(38, scale)`, beyond 38 its exact decimal
//! strings.

use std::sync::Arc;

use arrow_array::builder::{ArrayBuilder, BooleanBuilder, Int64Builder, LargeStringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, Int64Type};
use arrow_array::{Array, ArrayRef, Decimal128Array};
use arrow_schema::DataType;
use pension_rules::population::{CellValue, Cells};
use pension_rules::{FieldError, YearMonth};
use pyo3::prelude::*;
use pyo3::types::PyList;
use rust_decimal::Decimal;

use crate::convert::decimal_type;

/// Decimal digits Arrow's `decimal128` holds.
const DECIMAL128_DIGITS: u8 = 38;

/// The precision of decimal columns whose values fit: room left for sums,
/// differences and products in the frame libraries.
const DECIMAL_WORKING_DIGITS: u8 = 18;

/// An input column as the population reader takes it: text (any Arrow
/// string type), `int64`, `decimal128(p, scale)`, or all missing. Other
/// types are converted by [`ArrowCells::new`].
pub(crate) enum ArrowCells {
    Text(ArrayRef),
    Int(ArrayRef),
    Decimal(ArrayRef, u32),
    Missing,
}

/// A cell no field accepts (the row reports it).
const BAD: CellValue<'static> = CellValue::Text("\u{FFFD}");

fn cast(array: &ArrayRef, to: &DataType) -> Option<ArrayRef> {
    arrow_cast::cast::cast(array.as_ref(), to).ok()
}

impl ArrowCells {
    /// Column `name` of a frame as cells: integers widened to `int64`
    /// (beyond it, their digits), dates and timestamps as their day
    /// (`YYYY-MM-DD`: the month it falls in), dictionaries decoded, other
    /// types as their text. A float column is refused whole
    /// (`columns.NAME`): a float cannot carry a fen exactly.
    pub(crate) fn new(name: &str, array: &ArrayRef) -> Result<ArrowCells, FieldError> {
        let refuse = |what: String| FieldError {
            path: format!("columns.{name}"),
            message: what,
        };
        let t = array.data_type();
        Ok(match t {
            DataType::Null => ArrowCells::Missing,
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                ArrowCells::Text(array.clone())
            }
            DataType::Int64 => ArrowCells::Int(array.clone()),
            DataType::Decimal128(_, s) => {
                ArrowCells::Decimal(array.clone(), u32::try_from(*s).unwrap_or(0))
            }
            DataType::Float16 | DataType::Float32 | DataType::Float64 => {
                // The first value, as the list path shows it (`e.g. 0.8`).
                let first = cast(array, &DataType::Float64).and_then(|a| {
                    let f = a.as_primitive::<arrow_array::types::Float64Type>();
                    (0..f.len()).find(|&i| !f.is_null(i)).map(|i| f.value(i))
                });
                let example = first.map_or_else(|| t.to_string(), |x| format!("e.g. {x:?}"));
                return Err(refuse(format!(
                    "the column holds floats ({example}): {}; give amounts and indexes as \
                     decimal.Decimal, decimal128 or strings, counts as integers (a pandas integer \
                     column with missing values is float64: use the nullable \"Int64\" dtype)",
                    pension_rules::error::FLOAT_REFUSED
                )));
            }
            DataType::Dictionary(_, value) => {
                let decoded = cast(array, value).ok_or_else(|| {
                    refuse(format!("a dictionary column of {value} cannot be decoded"))
                })?;
                return ArrowCells::new(name, &decoded);
            }
            DataType::Date32 | DataType::Date64 | DataType::Timestamp(_, _) => {
                let day = cast(array, &DataType::Date32)
                    .and_then(|d| cast(&d, &DataType::Utf8))
                    .ok_or_else(|| refuse(format!("a {t} column cannot be read as days")))?;
                ArrowCells::Text(day)
            }
            t if t.is_integer() => match cast(array, &DataType::Int64) {
                Some(a) if a.null_count() == array.null_count() => ArrowCells::Int(a),
                _ => ArrowCells::Text(
                    cast(array, &DataType::LargeUtf8)
                        .ok_or_else(|| refuse(format!("a {t} column cannot be read")))?,
                ),
            },
            t => ArrowCells::Text(cast(array, &DataType::LargeUtf8).ok_or_else(|| {
                refuse(format!(
                    "a {t} column cannot be read: give text, integers or decimals"
                ))
            })?),
        })
    }
}

impl Cells for ArrowCells {
    fn cell(&self, row: usize) -> Option<CellValue<'_>> {
        match self {
            ArrowCells::Missing => None,
            ArrowCells::Text(a) => {
                if row >= a.len() || a.is_null(row) {
                    return None;
                }
                Some(CellValue::Text(match a.data_type() {
                    DataType::Utf8 => a.as_string::<i32>().value(row),
                    DataType::LargeUtf8 => a.as_string::<i64>().value(row),
                    DataType::Utf8View => a.as_string_view().value(row),
                    _ => return Some(BAD),
                }))
            }
            ArrowCells::Int(a) => {
                if row >= a.len() || a.is_null(row) {
                    return None;
                }
                Some(CellValue::Int(a.as_primitive::<Int64Type>().value(row)))
            }
            ArrowCells::Decimal(a, scale) => {
                if row >= a.len() || a.is_null(row) {
                    return None;
                }
                let units = a.as_primitive::<Decimal128Type>().value(row);
                Some(
                    Decimal::try_from_i128_with_scale(units, *scale)
                        .map_or(BAD, CellValue::Decimal),
                )
            }
        }
    }
}

/// `d` as its `Display` writes it, without allocating: plain digits for a
/// non-negative mantissa of up to 64 bits, else `Display` itself.
fn write_decimal(out: &mut Vec<u8>, d: Decimal) {
    use std::io::Write;
    let scale = d.scale();
    let fast = u64::try_from(d.mantissa())
        .ok()
        .filter(|_| !d.is_sign_negative())
        .zip(10u64.checked_pow(scale));
    // Writing to a Vec cannot fail.
    let _ = match fast {
        Some((m, p)) if scale > 0 => write!(out, "{}.{:0w$}", m / p, m % p, w = scale as usize),
        Some((m, _)) => write!(out, "{m}"),
        None => write!(out, "{d}"),
    };
}

/// One cell of an output row.
pub(crate) enum Cell<'a> {
    Null,
    Str(&'a str),
    /// A month, written `YYYY-MM` into a text column.
    Month(YearMonth),
    /// Decimals written `a;b;c` into a text column (an index path).
    Decimals(&'a [Decimal]),
    Int(i64),
    Bool(bool),
    Dec(Decimal),
}

/// An output column, appended row by row.
pub(crate) enum Col {
    Str(LargeStringBuilder, Vec<u8>),
    Int(Int64Builder),
    Bool(BooleanBuilder),
    /// Decimals are kept until the end: the column's scale and precision
    /// depend on every value.
    Dec(Vec<Option<Decimal>>, u32),
}

impl Col {
    pub(crate) fn text() -> Col {
        Col::Str(LargeStringBuilder::new(), vec![])
    }
    pub(crate) fn int() -> Col {
        Col::Int(Int64Builder::new())
    }
    pub(crate) fn bool() -> Col {
        Col::Bool(BooleanBuilder::new())
    }
    /// A decimal column of at least `scale` places (the rule set's rounding,
    /// so every batch of one run gets the same Arrow type).
    pub(crate) fn decimal(scale: u32) -> Col {
        Col::Dec(vec![], scale)
    }

    /// Room for `n` more rows.
    pub(crate) fn reserve(&mut self, n: usize) {
        match self {
            Col::Str(b, _) if b.len() == 0 => *b = LargeStringBuilder::with_capacity(n, n * 8),
            Col::Int(b) if b.len() == 0 => *b = Int64Builder::with_capacity(n),
            Col::Bool(b) if b.len() == 0 => *b = BooleanBuilder::with_capacity(n),
            Col::Dec(v, _) => v.reserve(n),
            _ => {}
        }
    }

    /// Append a cell; a cell of another type than the column's is null.
    pub(crate) fn push(&mut self, cell: Cell<'_>) {
        match (self, cell) {
            (Col::Str(b, _), Cell::Str(s)) => b.append_value(s),
            (Col::Str(b, scratch), Cell::Month(m)) => {
                use std::io::Write;
                scratch.clear();
                let _ = write!(scratch, "{m}"); // writing to a Vec cannot fail
                b.append_value(std::str::from_utf8(scratch).unwrap_or_default());
            }
            (Col::Str(b, scratch), Cell::Decimals(v)) => {
                scratch.clear();
                for (k, d) in v.iter().enumerate() {
                    if k > 0 {
                        scratch.push(b';');
                    }
                    write_decimal(scratch, *d);
                }
                b.append_value(std::str::from_utf8(scratch).unwrap_or_default());
            }
            (Col::Str(b, _), _) => b.append_null(),
            (Col::Int(b), Cell::Int(x)) => b.append_value(x),
            (Col::Int(b), _) => b.append_null(),
            (Col::Bool(b), Cell::Bool(x)) => b.append_value(x),
            (Col::Bool(b), _) => b.append_null(),
            (Col::Dec(v, _), Cell::Dec(d)) => v.push(Some(d)),
            (Col::Dec(v, _), _) => v.push(None),
        }
    }

    /// The decimals as `decimal128` units, with the scale (at least the
    /// column's, at least every value's) and the precision:
    /// [`DECIMAL_WORKING_DIGITS`] where every value fits, else 38; `None`
    /// beyond 38 digits.
    fn decimal128(values: &[Option<Decimal>], floor: u32) -> Option<Decimal128Array> {
        let scale = values
            .iter()
            .flatten()
            .map(Decimal::scale)
            .fold(floor, u32::max);
        let limit = 10i128.checked_pow(u32::from(DECIMAL128_DIGITS))?;
        let mut largest = 0i128;
        let mut units = Vec::with_capacity(values.len());
        for d in values {
            let Some(d) = d else {
                units.push(None);
                continue;
            };
            let up = 10i128.checked_pow(scale.checked_sub(d.scale())?)?;
            let m = d.mantissa().checked_mul(up)?;
            let abs = m.checked_abs()?;
            if abs >= limit {
                return None;
            }
            largest = largest.max(abs);
            units.push(Some(m));
        }
        let fits = scale <= u32::from(DECIMAL_WORKING_DIGITS)
            && largest < 10i128.checked_pow(u32::from(DECIMAL_WORKING_DIGITS))?;
        let precision = if fits {
            DECIMAL_WORKING_DIGITS
        } else {
            DECIMAL128_DIGITS
        };
        Decimal128Array::from(units)
            .with_precision_and_scale(precision, i8::try_from(scale).ok()?)
            .ok()
    }

    /// The column as an Arrow array (no Python needed: built without the
    /// GIL); a decimal column beyond `decimal128` holds its exact decimal
    /// strings.
    pub(crate) fn finish(self) -> ArrayRef {
        match self {
            Col::Str(mut b, _) => Arc::new(b.finish()),
            Col::Int(mut b) => Arc::new(b.finish()),
            Col::Bool(mut b) => Arc::new(b.finish()),
            Col::Dec(values, scale) => match Col::decimal128(&values, scale) {
                Some(a) => Arc::new(a),
                None => {
                    let mut b = LargeStringBuilder::new();
                    for d in &values {
                        b.append_option(d.map(|d| d.to_string()));
                    }
                    Arc::new(b.finish())
                }
            },
        }
    }
}

/// An output column as a Python list (`None` for nulls, `decimal.Decimal`
/// for decimals): the frames built without pyarrow.
pub(crate) fn to_list<'py>(py: Python<'py>, a: &ArrayRef) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for i in 0..a.len() {
        if a.is_null(i) {
            out.append(py.None())?;
            continue;
        }
        match a.data_type() {
            DataType::LargeUtf8 => out.append(a.as_string::<i64>().value(i))?,
            DataType::Int64 => out.append(a.as_primitive::<Int64Type>().value(i))?,
            DataType::Boolean => out.append(a.as_boolean().value(i))?,
            DataType::Decimal128(_, s) => {
                let units = a.as_primitive::<Decimal128Type>().value(i);
                let d = Decimal::try_from_i128_with_scale(units, u32::try_from(*s).unwrap_or(0))
                    .unwrap_or_default();
                out.append(decimal_type(py)?.call1((d.to_string(),))?)?
            }
            _ => out.append(py.None())?,
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_as_display_writes_them() {
        let mut cases: Vec<Decimal> = [
            "0",
            "0.0000",
            "0.9745",
            "1.0000",
            "3",
            "120000.00",
            "-0.5",
            "-0",
            "79228162514264337593543950335",
            "0.0000000000000000000000000001",
            "18446744073709551616",
        ]
        .iter()
        .map(|s| s.parse().unwrap_or_default())
        .collect();
        for m in [0i64, 1, 9, 10, 99, 100, 6000, 8829, 12345678, i64::MAX] {
            for s in 0..=19 {
                cases.push(Decimal::new(m, s));
            }
        }
        for d in cases {
            let mut out = vec![];
            write_decimal(&mut out, d);
            assert_eq!(
                String::from_utf8(out).unwrap_or_default(),
                d.to_string(),
                "{d:?}"
            );
        }
    }
}
