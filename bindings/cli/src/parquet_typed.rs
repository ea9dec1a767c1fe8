//! A Parquet population's rows read straight from their typed columns
//! (the types `--export-population` writes: strings, `UInt32` counts,
//! `Decimal128` amounts, a list of `Decimal128` indexes), without the text
//! a CSV cell would give.
//!
//! Why: going through text (format each decimal, then parse it back) was
//! most of a Parquet run's reading. Only a row that reads cleanly is taken
//! here, and it equals what the text path gives (tested against it); any
//! doubt — a null where a value is needed, a value that does not read, an
//! implausible month — leaves the row to the text path, which words its
//! errors exactly as for a CSV file.

use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, UInt32Type};
use arrow_array::{Array, ArrayRef, Decimal128Array, ListArray, RecordBatch, UInt32Array};
use arrow_schema::DataType;
use pension_rules::YearMonth;
use pension_rules::population::{IndexList, Person};
use rust_decimal::Decimal;

/// A text column of any of Arrow's string layouts.
#[derive(Clone, Copy)]
enum Text<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
}

impl<'a> Text<'a> {
    fn of(a: &'a ArrayRef) -> Option<Text<'a>> {
        Some(match a.data_type() {
            DataType::Utf8 => Text::Utf8(a.as_string::<i32>()),
            DataType::LargeUtf8 => Text::Large(a.as_string::<i64>()),
            DataType::Utf8View => Text::View(a.as_string_view()),
            _ => return None,
        })
    }

    /// The trimmed cell, `None` for a null.
    fn get(self, i: usize) -> Option<&'a str> {
        let (null, s) = match self {
            Text::Utf8(a) => (a.is_null(i), a.value(i)),
            Text::Large(a) => (a.is_null(i), a.value(i)),
            Text::View(a) => (a.is_null(i), a.value(i)),
        };
        (!null).then(|| s.trim())
    }
}

/// The columns of a batch whose types this path reads; `None` when some
/// column has another type (the text path reads that batch).
pub(crate) struct Typed<'a> {
    id: Text<'a>,
    birth: Text<'a>,
    category: Text<'a>,
    first_contribution: Text<'a>,
    retirement_month: Option<Text<'a>>,
    deemed_months: Option<&'a UInt32Array>,
    index: Option<(&'a Decimal128Array, u32)>,
    indexes: Option<(&'a ListArray, &'a Decimal128Array, u32)>,
    contribution_months: Option<&'a UInt32Array>,
    average_index: Option<(&'a Decimal128Array, u32)>,
    account_balance: Option<(&'a Decimal128Array, u32)>,
}

fn decimals(a: &ArrayRef) -> Option<(&Decimal128Array, u32)> {
    match a.data_type() {
        DataType::Decimal128(_, s) => {
            Some((a.as_primitive::<Decimal128Type>(), u32::try_from(*s).ok()?))
        }
        _ => None,
    }
}

fn counts(a: &ArrayRef) -> Option<&UInt32Array> {
    (a.data_type() == &DataType::UInt32).then(|| a.as_primitive::<UInt32Type>())
}

/// `v` at `scale` as a decimal, if it fits one exactly.
fn decimal(v: i128, scale: u32) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(v, scale).ok()
}

impl<'a> Typed<'a> {
    /// The typed columns of `batch` (named `names`), if every column has
    /// one of the types this path reads.
    pub(crate) fn of(batch: &'a RecordBatch, names: &[String]) -> Option<Typed<'a>> {
        let column = |name: &str| {
            names
                .iter()
                .position(|n| n == name)
                .map(|k| batch.column(k))
        };
        // An optional column: absent, or of the type read here.
        fn optional<'b, T>(
            c: Option<&'b ArrayRef>,
            f: impl Fn(&'b ArrayRef) -> Option<T>,
        ) -> Option<Option<T>> {
            match c {
                None => Some(None),
                Some(a) => f(a).map(Some),
            }
        }
        let list = |a: &'a ArrayRef| -> Option<(&'a ListArray, &'a Decimal128Array, u32)> {
            let l = match a.data_type() {
                DataType::List(_) => a.as_list::<i32>(),
                _ => return None,
            };
            let (values, scale) = decimals(l.values())?;
            Some((l, values, scale))
        };
        Some(Typed {
            id: Text::of(column("id")?)?,
            birth: Text::of(column("birth")?)?,
            category: Text::of(column("category")?)?,
            first_contribution: Text::of(column("first_contribution")?)?,
            retirement_month: optional(column("retirement_month"), Text::of)?,
            deemed_months: optional(column("deemed_months"), counts)?,
            index: optional(column("index"), decimals)?,
            indexes: optional(column("indexes"), list)?,
            contribution_months: optional(column("contribution_months"), counts)?,
            average_index: optional(column("average_index"), decimals)?,
            account_balance: optional(column("account_balance"), decimals)?,
        })
    }

    /// Row `i` as a person, when it reads cleanly; `None` leaves it to the
    /// text path.
    pub(crate) fn person(&self, i: usize) -> Option<Person> {
        let month = |t: Text<'_>| t.get(i)?.parse::<YearMonth>().ok();
        let count = |c: Option<&UInt32Array>| match c {
            Some(a) if !a.is_null(i) => a.value(i),
            _ => 0,
        };
        // An absent or null cell reads as none; a value must fit a decimal.
        let amount = |c: Option<(&Decimal128Array, u32)>| -> Option<Option<Decimal>> {
            match c {
                Some((a, s)) if !a.is_null(i) => decimal(a.value(i), s).map(Some),
                _ => Some(None),
            }
        };
        let retirement_month = match self.retirement_month.map(|t| t.get(i)) {
            Some(Some(s)) if !s.is_empty() => Some(s.parse::<YearMonth>().ok()?),
            _ => None,
        };
        let indexes = match self.indexes {
            Some((l, values, scale)) if !l.is_null(i) => {
                let o = l.value_offsets();
                let (from, to) = (
                    usize::try_from(*o.get(i)?).ok()?,
                    usize::try_from(*o.get(i + 1)?).ok()?,
                );
                // An empty list is an empty cell: none.
                if from == to {
                    None
                } else {
                    let v = (from..to)
                        .map(|j| (!values.is_null(j)).then(|| decimal(values.value(j), scale))?)
                        .collect::<Option<Vec<Decimal>>>()?;
                    Some(IndexList(v))
                }
            }
            _ => None,
        };
        let p = Person {
            id: self.id.get(i)?.to_string(),
            birth: month(self.birth)?,
            category: self.category.get(i)?.parse().ok()?,
            first_contribution: month(self.first_contribution)?,
            retirement_month,
            deemed_months: count(self.deemed_months),
            index: amount(self.index)?,
            indexes,
            contribution_months: count(self.contribution_months),
            average_index: amount(self.average_index)?,
            account_balance: amount(self.account_balance)?,
        };
        p.check_plausible().is_ok().then_some(p)
    }
}
