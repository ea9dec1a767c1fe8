//! The per-person output of a population run: one list of columns (name,
//! type, scale, meaning) that every writer reads — the CLI's CSV and
//! Parquet, the Python DataFrame — so that they cannot drift apart.
//!
//! A row is a scenario, a person's id and the result: an [`Outcome`], or the
//! error that kept the person from one (its code in `status`, its message in
//! `error`, every other cell empty).

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::Outcome;
use crate::error::Error;
use crate::time::YearMonth;

/// The rounding rule whose scale a decimal column has: a writer with fixed
/// decimal places (Arrow `Decimal128`) takes the largest scale the rule
/// gives in its rule sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounded {
    /// `rounding.money` (to the fen).
    Money,
    /// `rounding.index`.
    Index,
    /// `rounding.divisor` (计发月数).
    Divisor,
}

impl Rounded {
    /// The rule-set parameter of the scale.
    pub fn rule(self) -> &'static str {
        match self {
            Rounded::Money => "rounding.money",
            Rounded::Index => "rounding.index",
            Rounded::Divisor => "rounding.divisor",
        }
    }
}

/// The type of an output column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text.
    Text,
    /// A month, written `YYYY-MM` as text.
    Month,
    /// `true` / `false`.
    Bool,
    /// A whole number of months.
    Count,
    /// An exact decimal, at the scale of a rounding rule.
    Decimal(Rounded),
}

/// Which column: the key of [`OutputColumn::value`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Scenario,
    Id,
    Status,
    Error,
    RetirementMonth,
    Statutory,
    ContributionMonths,
    DeemedMonths,
    AverageIndex,
    AccountBalance,
    PensionBase,
    PensionBaseSource,
    Divisor,
    BasicPension,
    AccountPension,
    TransitionalPension,
    Total,
    FinalBase,
    ReplacementRate,
}

/// One column of the per-person output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputColumn {
    /// The column's name (CSV header, Arrow field, DataFrame column).
    pub name: &'static str,
    /// Its type.
    pub kind: ColumnType,
    /// Whether a cell may be empty (every cell but the first three is empty
    /// on an error row).
    pub nullable: bool,
    /// What it holds.
    pub doc: &'static str,
    key: Key,
}

/// One cell of the per-person output.
#[derive(Debug, Clone, PartialEq)]
pub enum OutputValue<'a> {
    /// Empty.
    Null,
    /// Text.
    Text(Cow<'a, str>),
    /// A month.
    Month(YearMonth),
    /// A flag.
    Bool(bool),
    /// A count of months.
    Count(u32),
    /// An exact decimal.
    Decimal(Decimal),
}

impl OutputValue<'_> {
    /// Append the cell's text ([`OutputValue::to_text`]) to `out`, without
    /// a formatter or an allocation of its own: the per-person CSV writes
    /// one for every column of every person.
    pub fn write_text(&self, out: &mut Vec<u8>) {
        match self {
            OutputValue::Null => {}
            OutputValue::Text(s) => out.extend_from_slice(s.as_bytes()),
            OutputValue::Month(m) => {
                let (y, mo) = (m.year(), m.month());
                if (0..=9999).contains(&y) {
                    let y = y as u32;
                    out.extend_from_slice(&[
                        b'0' + (y / 1000) as u8,
                        b'0' + (y / 100 % 10) as u8,
                        b'0' + (y / 10 % 10) as u8,
                        b'0' + (y % 10) as u8,
                        b'-',
                        b'0' + (mo / 10) as u8,
                        b'0' + (mo % 10) as u8,
                    ]);
                } else {
                    out.extend_from_slice(m.to_string().as_bytes());
                }
            }
            OutputValue::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            OutputValue::Count(n) => {
                crate::decimal::write(out, Decimal::from(*n));
            }
            OutputValue::Decimal(d) => crate::decimal::write(out, *d),
        }
    }

    /// The cell as CSV writes it: empty when null.
    pub fn to_text(&self) -> String {
        match self {
            OutputValue::Null => String::new(),
            OutputValue::Text(s) => s.to_string(),
            OutputValue::Month(m) => m.to_string(),
            OutputValue::Bool(b) => b.to_string(),
            OutputValue::Count(n) => n.to_string(),
            OutputValue::Decimal(d) => d.to_string(),
        }
    }
}

const fn column(
    name: &'static str,
    kind: ColumnType,
    nullable: bool,
    doc: &'static str,
    key: Key,
) -> OutputColumn {
    OutputColumn {
        name,
        kind,
        nullable,
        doc,
        key,
    }
}

use ColumnType::{Bool, Count, Month, Text};
const MONEY: ColumnType = ColumnType::Decimal(Rounded::Money);
const INDEX: ColumnType = ColumnType::Decimal(Rounded::Index);
const DIVISOR: ColumnType = ColumnType::Decimal(Rounded::Divisor);

/// The per-person output columns, in order.
#[rustfmt::skip]
pub const OUTPUT_COLUMNS: &[OutputColumn] = &[
    column("scenario", Text, false, "the scenario (baseline or a reform's name)", Key::Scenario),
    column("id", Text, false, "the person's id (`row N` for a row that did not read)", Key::Id),
    column("status", Text, false, "`ok`, or the error's code", Key::Status),
    column("error", Text, true, "the error's message", Key::Error),
    column("retirement_month", Month, true, "the retirement month", Key::RetirementMonth),
    column("statutory", Bool, true, "whether it is the statutory one (none given)", Key::Statutory),
    column("contribution_months", Count, true, "months paid in all (实际缴费月数)", Key::ContributionMonths),
    column("deemed_months", Count, true, "deemed months (视同缴费月数)", Key::DeemedMonths),
    column("average_index", INDEX, true, "the average contribution index Ī (平均缴费指数)", Key::AverageIndex),
    column("account_balance", MONEY, true, "the account balance at retirement (个人账户储存额)", Key::AccountBalance),
    column("pension_base", MONEY, true, "the base C (计发基数)", Key::PensionBase),
    column("pension_base_source", Text, true, "where C comes from: rules, provisional, assumed, projected", Key::PensionBaseSource),
    column("divisor", DIVISOR, true, "the divisor M (计发月数)", Key::Divisor),
    column("basic_pension", MONEY, true, "基础养老金", Key::BasicPension),
    column("account_pension", MONEY, true, "个人账户养老金", Key::AccountPension),
    column("transitional_pension", MONEY, true, "过渡性养老金", Key::TransitionalPension),
    column("total", MONEY, true, "基本养老金合计", Key::Total),
    column("final_base", MONEY, true, "the monthly base of the last contribution month", Key::FinalBase),
    column("replacement_rate", INDEX, true, "total ÷ final base, rounded like an index (替代率)", Key::ReplacementRate),
];

impl OutputColumn {
    /// This column's cell of the row (`scenario`, `id`, `result`).
    pub fn value<'a>(
        &self,
        scenario: &'a str,
        id: &'a str,
        result: &'a Result<Outcome, Error>,
    ) -> OutputValue<'a> {
        use OutputValue as V;
        let o = match (self.key, result) {
            (Key::Scenario, _) => return V::Text(Cow::Borrowed(scenario)),
            (Key::Id, _) => return V::Text(Cow::Borrowed(id)),
            (Key::Status, Ok(_)) => return V::Text(Cow::Borrowed("ok")),
            (Key::Status, Err(e)) => return V::Text(Cow::Borrowed(e.code())),
            (Key::Error, Err(e)) => return V::Text(Cow::Owned(e.to_string())),
            (Key::Error, Ok(_)) | (_, Err(_)) => return V::Null,
            (_, Ok(o)) => o,
        };
        let opt = |d: Option<Decimal>| d.map_or(V::Null, V::Decimal);
        match self.key {
            Key::RetirementMonth => V::Month(o.retirement_month),
            Key::Statutory => V::Bool(o.statutory),
            Key::ContributionMonths => V::Count(o.contribution_months),
            Key::DeemedMonths => V::Count(o.deemed_months),
            Key::AverageIndex => V::Decimal(o.average_index),
            Key::AccountBalance => V::Decimal(o.account_balance),
            Key::PensionBase => V::Decimal(o.pension_base),
            Key::PensionBaseSource => V::Text(Cow::Borrowed(o.pension_base_source.name())),
            Key::Divisor => V::Decimal(o.divisor),
            Key::BasicPension => V::Decimal(o.basic_pension),
            Key::AccountPension => V::Decimal(o.account_pension),
            Key::TransitionalPension => V::Decimal(o.transitional_pension),
            Key::Total => V::Decimal(o.total),
            Key::FinalBase => opt(o.final_base),
            Key::ReplacementRate => opt(o.replacement_rate),
            Key::Scenario | Key::Id | Key::Status | Key::Error => V::Null,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CSV writer's text of a cell is `to_text`'s, for every kind.
    #[test]
    fn write_text_is_to_text() {
        let months = ["1900-01", "2040-05", "2200-12"].map(|m| m.parse().unwrap());
        let mut values = vec![
            OutputValue::Null,
            OutputValue::Text("row 7, \"quoted\"".into()),
            OutputValue::Bool(true),
            OutputValue::Bool(false),
            OutputValue::Count(0),
            OutputValue::Count(420),
            OutputValue::Count(u32::MAX),
        ];
        values.extend(months.map(OutputValue::Month));
        for d in ["4510.45", "-0.05", "0.00", "0.4650", "139", "-12.3"] {
            values.push(OutputValue::Decimal(d.parse().unwrap()));
        }
        for v in values {
            let mut out = vec![];
            v.write_text(&mut out);
            assert_eq!(String::from_utf8(out).unwrap(), v.to_text(), "{v:?}");
        }
    }

    #[test]
    fn every_cell_has_its_column_type() {
        let e = Err(Error::field("birth", "bad"));
        for c in OUTPUT_COLUMNS {
            let v = c.value("baseline", "a", &e);
            match (c.nullable, &v) {
                (false, OutputValue::Text(_)) => {}
                (true, OutputValue::Null | OutputValue::Text(_)) => {}
                _ => panic!("{}: {v:?}", c.name),
            }
        }
        let o: Result<Outcome, Error> = Ok(Outcome {
            retirement_month: "2040-05".parse().unwrap(),
            statutory: true,
            contribution_months: 360,
            deemed_months: 0,
            average_index: Decimal::ONE,
            account_balance: Decimal::ONE,
            pension_base: Decimal::ONE,
            pension_base_source: crate::projection::FigureSource::Rules,
            divisor: Decimal::ONE,
            basic_pension: Decimal::ONE,
            account_pension: Decimal::ONE,
            transitional_pension: Decimal::ONE,
            total: Decimal::ONE,
            final_base: Some(Decimal::ONE),
            replacement_rate: Some(Decimal::ONE),
        });
        for c in OUTPUT_COLUMNS {
            let v = c.value("baseline", "a", &o);
            let fits = match (c.kind, &v) {
                (ColumnType::Text, OutputValue::Text(_))
                | (ColumnType::Month, OutputValue::Month(_)) => true,
                (ColumnType::Bool, OutputValue::Bool(_))
                | (ColumnType::Count, OutputValue::Count(_)) => true,
                (ColumnType::Decimal(_), OutputValue::Decimal(_)) => true,
                (_, OutputValue::Null) => c.name == "error",
                _ => false,
            };
            assert!(fits, "{}: {v:?}", c.name);
        }
        let names: Vec<_> = OUTPUT_COLUMNS.iter().map(|c| c.name).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
    }
}
