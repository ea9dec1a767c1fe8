//! Columns between Rust and Python without a Python object per cell.
//!
//! In: a string column as the buffers of an Arrow `large_string` (or
//! `string`) array, borrowed from Python `bytes`. Out: columns built while
//! the GIL is released, then handed over either as Arrow buffers (`bytes`
//! the Python side wraps with `pyarrow.Array.from_buffers`, no copy there)
//! or as Python lists. Amounts stay exact: a decimal column is Arrow
//! `decimal128(18, scale)` (the integer count of 10^-scale units), never a
//! float — 18 digits, so that pandas, Polars and pyarrow have headroom for
//! arithmetic (`total - basic_pension` of two `decimal128(38, 2)` needs 39
//! digits and fails); a column with a value beyond 18 digits is
//! `decimal128(38, scale)`, beyond 38 its exact decimal strings.

use pension_rules::YearMonth;
use pension_rules::population::{CellValue, Cells};
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};
use rust_decimal::Decimal;

use crate::convert::decimal_type;

/// Decimal digits Arrow's `decimal128` holds.
const DECIMAL128_DIGITS: u32 = 38;

/// The precision of decimal columns whose values fit: room left for sums,
/// differences and products in the frame libraries.
const DECIMAL_WORKING_DIGITS: u32 = 18;

/// An Arrow `string` / `large_string` array's buffers: validity bitmap
/// (optional), offsets (`i32` or `i64`, little-endian), UTF-8 data; the
/// array's offset into them.
pub(crate) struct ArrowText<'a> {
    pub(crate) valid: Option<&'a [u8]>,
    pub(crate) offsets: &'a [u8],
    pub(crate) data: &'a [u8],
    pub(crate) offset: usize,
    pub(crate) wide: bool,
}

impl ArrowText<'_> {
    fn at(&self, i: usize) -> Option<usize> {
        if self.wide {
            let b = self.offsets.get(i * 8..i * 8 + 8)?;
            usize::try_from(i64::from_le_bytes(b.try_into().ok()?)).ok()
        } else {
            let b = self.offsets.get(i * 4..i * 4 + 4)?;
            usize::try_from(i32::from_le_bytes(b.try_into().ok()?)).ok()
        }
    }
}

/// Bad buffers give a cell no field accepts (the row reports it).
const BAD: CellValue<'static> = CellValue::Text("\u{FFFD}");

fn valid_at(valid: Option<&[u8]>, i: usize) -> bool {
    valid.is_none_or(|v| v.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1))
}

impl Cells for ArrowText<'_> {
    fn cell(&self, row: usize) -> Option<CellValue<'_>> {
        let i = row.checked_add(self.offset)?;
        if !valid_at(self.valid, i) {
            return None;
        }
        let (a, b) = (self.at(i)?, self.at(i + 1)?);
        Some(
            self.data
                .get(a..b)
                .and_then(|s| std::str::from_utf8(s).ok())
                .map_or(BAD, CellValue::Text),
        )
    }
}

/// An Arrow column as the population reader takes it: text, `int64`, or
/// `decimal128(p, scale)` (values as little-endian i128 units).
pub(crate) enum ArrowColumn<'a> {
    Text(ArrowText<'a>),
    Int {
        valid: Option<&'a [u8]>,
        data: &'a [u8],
        offset: usize,
    },
    Decimal {
        valid: Option<&'a [u8]>,
        data: &'a [u8],
        offset: usize,
        scale: u32,
    },
}

impl Cells for ArrowColumn<'_> {
    fn cell(&self, row: usize) -> Option<CellValue<'_>> {
        match self {
            ArrowColumn::Text(t) => t.cell(row),
            ArrowColumn::Int {
                valid,
                data,
                offset,
            } => {
                let i = row.checked_add(*offset)?;
                if !valid_at(*valid, i) {
                    return None;
                }
                let b = data.get(i * 8..i * 8 + 8).and_then(|b| b.try_into().ok());
                Some(b.map_or(BAD, |b| CellValue::Int(i64::from_le_bytes(b))))
            }
            ArrowColumn::Decimal {
                valid,
                data,
                offset,
                scale,
            } => {
                let i = row.checked_add(*offset)?;
                if !valid_at(*valid, i) {
                    return None;
                }
                let d = data
                    .get(i * 16..i * 16 + 16)
                    .and_then(|b| b.try_into().ok())
                    .and_then(|b| {
                        Decimal::try_from_i128_with_scale(i128::from_le_bytes(b), *scale).ok()
                    });
                Some(d.map_or(BAD, CellValue::Decimal))
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

enum Data {
    Str { offsets: Vec<i64>, data: Vec<u8> },
    Int(Vec<i64>),
    Bool(Vec<u8>),
    Dec { values: Vec<Decimal>, scale: u32 },
}

/// An output column: its values and validity, appended row by row.
pub(crate) struct Col {
    len: usize,
    valid: Vec<u8>,
    data: Data,
}

fn set_bit(bits: &mut Vec<u8>, i: usize, on: bool) {
    if i / 8 >= bits.len() {
        bits.push(0);
    }
    if on && let Some(b) = bits.get_mut(i / 8) {
        *b |= 1 << (i % 8);
    }
}

impl Col {
    fn new(data: Data) -> Col {
        Col {
            len: 0,
            valid: vec![],
            data,
        }
    }
    pub(crate) fn text() -> Col {
        Col::new(Data::Str {
            offsets: vec![0],
            data: vec![],
        })
    }
    pub(crate) fn int() -> Col {
        Col::new(Data::Int(vec![]))
    }
    pub(crate) fn bool() -> Col {
        Col::new(Data::Bool(vec![]))
    }
    /// A decimal column of at least `scale` places (the rule set's rounding,
    /// so every batch of one run gets the same Arrow type).
    pub(crate) fn decimal(scale: u32) -> Col {
        Col::new(Data::Dec {
            values: vec![],
            scale,
        })
    }

    /// Room for `n` more rows.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.valid.reserve(n / 8 + 1);
        match &mut self.data {
            Data::Str { offsets, data } => {
                offsets.reserve(n);
                data.reserve(n * 8);
            }
            Data::Int(v) => v.reserve(n),
            Data::Bool(b) => b.reserve(n / 8 + 1),
            Data::Dec { values, .. } => values.reserve(n),
        }
    }

    /// Append a cell; a cell of another type than the column's is null.
    pub(crate) fn push(&mut self, cell: Cell<'_>) {
        let i = self.len;
        let ok = match (&mut self.data, cell) {
            (Data::Str { offsets, data }, Cell::Str(s)) => {
                data.extend_from_slice(s.as_bytes());
                offsets.push(i64::try_from(data.len()).unwrap_or(i64::MAX));
                true
            }
            (Data::Str { offsets, data }, Cell::Month(m)) => {
                use std::io::Write;
                let ok = write!(data, "{m}").is_ok();
                offsets.push(i64::try_from(data.len()).unwrap_or(i64::MAX));
                ok
            }
            (Data::Str { offsets, data }, Cell::Decimals(v)) => {
                for (k, d) in v.iter().enumerate() {
                    if k > 0 {
                        data.push(b';');
                    }
                    write_decimal(data, *d);
                }
                offsets.push(i64::try_from(data.len()).unwrap_or(i64::MAX));
                true
            }
            (Data::Str { offsets, data }, _) => {
                offsets.push(i64::try_from(data.len()).unwrap_or(i64::MAX));
                false
            }
            (Data::Int(v), Cell::Int(x)) => {
                v.push(x);
                true
            }
            (Data::Int(v), _) => {
                v.push(0);
                false
            }
            (Data::Bool(bits), Cell::Bool(b)) => {
                set_bit(bits, i, b);
                true
            }
            (Data::Bool(bits), _) => {
                set_bit(bits, i, false);
                false
            }
            (Data::Dec { values, .. }, Cell::Dec(d)) => {
                values.push(d);
                true
            }
            (Data::Dec { values, .. }, _) => {
                values.push(Decimal::ZERO);
                false
            }
        };
        set_bit(&mut self.valid, i, ok);
        self.len += 1;
    }

    fn is_valid(&self, i: usize) -> bool {
        self.valid.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1)
    }

    /// The decimals as `decimal128` units (little-endian i128), with the
    /// scale (at least the column's, at least every value's) and the
    /// precision: [`DECIMAL_WORKING_DIGITS`] where every value fits, else 38.
    fn decimal128(values: &[Decimal], floor: u32) -> Option<(Vec<u8>, u32, u32)> {
        let scale = values.iter().map(Decimal::scale).fold(floor, u32::max);
        let limit = 10i128.checked_pow(DECIMAL128_DIGITS)?;
        let ups: Vec<i128> = (0..=scale.min(DECIMAL128_DIGITS))
            .map(|k| 10i128.pow(k))
            .collect();
        let mut out = Vec::with_capacity(values.len() * 16);
        let mut largest = 0i128;
        for d in values {
            let up = ups.get(usize::try_from(scale.checked_sub(d.scale())?).ok()?)?;
            let m = d.mantissa().checked_mul(*up)?;
            let abs = m.checked_abs()?;
            if abs >= limit {
                return None;
            }
            largest = largest.max(abs);
            out.extend_from_slice(&m.to_le_bytes());
        }
        let fits = scale <= DECIMAL_WORKING_DIGITS
            && largest < 10i128.checked_pow(DECIMAL_WORKING_DIGITS)?;
        let precision = if fits {
            DECIMAL_WORKING_DIGITS
        } else {
            DECIMAL128_DIGITS
        };
        Some((out, scale, precision))
    }

    /// The column as Arrow buffers (no Python needed: built without the GIL).
    pub(crate) fn finish(self) -> Buffers {
        fn le<const N: usize, T: Copy>(v: &[T], f: impl Fn(T) -> [u8; N]) -> Vec<u8> {
            let mut out = Vec::with_capacity(v.len() * N);
            for x in v {
                out.extend_from_slice(&f(*x));
            }
            out
        }
        let (kind, data, offsets, scale, precision) = match &self.data {
            Data::Str { offsets, data } => (
                "str",
                data.clone(),
                Some(le(offsets, i64::to_le_bytes)),
                None,
                None,
            ),
            Data::Int(v) => ("int", le(v, i64::to_le_bytes), None, None, None),
            Data::Bool(bits) => ("bool", bits.clone(), None, None, None),
            Data::Dec { values, scale } => match Col::decimal128(values, *scale) {
                Some((d, s, p)) => ("decimal", d, None, Some(s), Some(p)),
                None => {
                    // Beyond decimal128: the exact decimal strings.
                    let mut data = vec![];
                    let mut offsets = vec![0i64];
                    for d in values.iter() {
                        data.extend_from_slice(d.to_string().as_bytes());
                        offsets.push(i64::try_from(data.len()).unwrap_or(i64::MAX));
                    }
                    (
                        "text",
                        data,
                        Some(le(&offsets, i64::to_le_bytes)),
                        None,
                        None,
                    )
                }
            },
        };
        Buffers {
            kind,
            len: self.len,
            valid: self.valid,
            data,
            offsets,
            scale,
            precision,
        }
    }

    /// The column as a Python list (`None` for nulls, `decimal.Decimal`
    /// for decimals).
    pub(crate) fn to_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for i in 0..self.len {
            if !self.is_valid(i) {
                out.append(py.None())?;
                continue;
            }
            match &self.data {
                Data::Str { offsets, data } => {
                    let at = |k: usize| {
                        offsets
                            .get(k)
                            .and_then(|x| usize::try_from(*x).ok())
                            .unwrap_or(0)
                    };
                    let s = data
                        .get(at(i)..at(i + 1))
                        .and_then(|b| std::str::from_utf8(b).ok())
                        .unwrap_or_default();
                    out.append(s)?;
                }
                Data::Int(v) => out.append(v.get(i).copied().unwrap_or_default())?,
                Data::Bool(bits) => {
                    out.append(bits.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1))?
                }
                Data::Dec { values, .. } => {
                    let d = values.get(i).copied().unwrap_or_default();
                    out.append(decimal_type(py)?.call1((d.to_string(),))?)?
                }
            }
        }
        Ok(out)
    }
}

/// A column as Arrow buffers, ready for Python.
pub(crate) struct Buffers {
    kind: &'static str,
    len: usize,
    valid: Vec<u8>,
    data: Vec<u8>,
    offsets: Option<Vec<u8>>,
    scale: Option<u32>,
    precision: Option<u32>,
}

impl Buffers {
    /// `(kind, length, validity, data, offsets, scale, precision)` for
    /// `pyarrow.Array.from_buffers`: kind `str` (large_string), `int`
    /// (int64), `bool`, `decimal` (decimal128(precision, scale): 18 digits,
    /// or 38 where a value needs more); a decimal column beyond 38 digits
    /// comes as `text` (its exact decimal strings).
    pub(crate) fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let bytes = |b: &[u8]| PyBytes::new(py, b).into_any();
        PyTuple::new(
            py,
            [
                self.kind.into_bound_py_any(py)?,
                self.len.into_bound_py_any(py)?,
                bytes(&self.valid),
                bytes(&self.data),
                match &self.offsets {
                    Some(o) => bytes(o),
                    None => py.None().into_bound(py),
                },
                self.scale.into_bound_py_any(py)?,
                self.precision.into_bound_py_any(py)?,
            ],
        )
    }
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
