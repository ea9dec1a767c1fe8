//! 单位缴费申报 through the front door: a unit's payroll (CSV text or row
//! objects) for a month or a year, as [`crate::payroll`] assesses it, in
//! the JSON the CLI's `contribution --payroll FILE --format json` prints —
//! one result or error per row in input order, the unit totals and the
//! rows that need attention — so every front end gives the same figures.

use serde::Serialize;
use serde_json::Value;

use super::{Engine, Traced};
use crate::contribution::BaseLimits;
use crate::error::{Error, ErrorReport, FieldError, InputErrors};
use crate::payroll::{
    Attention, PayrollLine, PayrollResult, PayrollRow, PayrollTotals, Period, assess_payroll_rows,
    rows_from_csv, rows_from_json,
};
use crate::rules::Identity;
use crate::time::YearMonth;
use crate::trace::{Trace, Tracer};

/// The period of a declaration from a `month` (`YYYY-MM`) or a `year`:
/// exactly one of them.
///
/// ```
/// use pension_rules::api::payroll_case::period;
/// assert!(period(Some("2024-03"), None).is_ok());
/// assert_eq!(period(None, None).unwrap_err().code(), "invalid_input");
/// ```
pub fn period(month: Option<&str>, year: Option<i32>) -> Result<Period, Error> {
    match (month, year) {
        (Some(m), None) => m
            .trim()
            .parse::<YearMonth>()
            .map(Period::Month)
            .map_err(|_| Error::field("month", format!("expected YYYY-MM, got {m:?}"))),
        (None, Some(y)) => Ok(Period::Year(y)),
        (Some(_), Some(_)) => Err(Error::field("period", "give a month or a year, not both")),
        (None, None) => Err(Error::field(
            "period",
            "a declaration needs a month (YYYY-MM) or a year (YYYY)",
        )),
    }
}

/// Rows given as objects, each read on its own so that a row with a bad
/// shape fails only its row (path `row N.field`, N = i + 1). An exact integer is
/// taken for `employee_id` or `wage` (a DataFrame column of ints).
pub fn rows_from_objects(v: &Value) -> Result<Vec<Result<PayrollRow, Error>>, Error> {
    let items = match v {
        Value::Array(a) => a,
        Value::Object(m) if m.len() == 1 => match m.get("rows") {
            Some(Value::Array(a)) => a,
            _ => return Err(Error::field("rows", "expected an array of rows")),
        },
        _ => {
            return Err(Error::field(
                "rows",
                "expected an array of rows (or {\"rows\": [...]})",
            ));
        }
    };
    Ok(items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut item = item.clone();
            if let Value::Object(m) = &mut item {
                for key in ["employee_id", "wage"] {
                    if let Some(n) = m.get(key).and_then(exact_integer) {
                        m.insert(key.into(), Value::String(n));
                    }
                }
            }
            rows_from_json(&Value::Array(vec![item]))
                .map_err(|e| repath(e, i))
                .and_then(|mut rows| {
                    rows.pop()
                        .ok_or_else(|| Error::field(format!("row {}", i + 1), "row did not read"))
                })
        })
        .collect())
}

fn exact_integer(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

/// An error about `row 1` (a row read alone) made about `row i + 1`.
fn repath(e: Error, i: usize) -> Error {
    match e {
        Error::Input(InputErrors(fields)) => Error::Input(InputErrors(
            fields
                .into_iter()
                .map(|f| FieldError {
                    path: f
                        .path
                        .strip_prefix("row 1")
                        .filter(|rest| rest.is_empty() || rest.starts_with('.'))
                        .map_or(f.path.clone(), |rest| format!("row {}{rest}", i + 1)),
                    message: f.message,
                })
                .collect(),
        )),
        other => other,
    }
}

/// A unit's declaration as every front end gives it (`pension-rules
/// contribution --payroll FILE --format json`, Python, WASM): the rules
/// applied, the period and its base limits, one assessed line or error per
/// input row in input order, the unit totals, the rows that need attention,
/// and the explanation when asked for.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PayrollDeclaration {
    /// Which rules produced it.
    pub rules: Identity,
    /// The period declared.
    pub period: Period,
    /// The contribution-base floor and cap of the period's year.
    pub limits: BaseLimits,
    /// One entry per input row, in input order.
    pub rows: Vec<DeclaredRow>,
    /// The unit's totals over the rows assessed.
    pub totals: PayrollTotals,
    /// Rows that need attention, in row order.
    pub attention: Vec<Attention>,
    /// The explanation (only when asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<Trace>,
}

/// One input row of a declaration: assessed, or refused on its own.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum DeclaredRow {
    /// The row's base and amounts.
    Assessed(PayrollLine),
    /// Why the row could not be assessed.
    Rejected(RejectedRow),
}

/// A payroll row that could not be assessed; the others still are.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "RowError")] // its name in the bindings and the schema
pub struct RejectedRow {
    /// The input row: 1 for the first data row (as in error paths,
    /// `row 3.wage`, and the CLI's table).
    pub row: usize,
    /// Its employee id, when that much could be read.
    pub employee_id: Option<String>,
    /// The error, as every front end reports one.
    pub error: ErrorReport,
}

/// The declaration of `r`, assessed from `rows` on the rules `rules`.
pub fn declaration(
    r: &PayrollResult,
    rows: &[Result<PayrollRow, Error>],
    rules: &Identity,
    trace: Option<&Trace>,
) -> PayrollDeclaration {
    let lines = r
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| match row {
            Ok(l) => DeclaredRow::Assessed(l.clone()),
            Err(e) => DeclaredRow::Rejected(RejectedRow {
                row: i + 1,
                employee_id: rows
                    .get(i)
                    .and_then(|r| r.as_ref().ok())
                    .map(|r| r.employee_id.clone()),
                error: e.report(),
            }),
        })
        .collect();
    PayrollDeclaration {
        rules: rules.clone(),
        period: r.period,
        limits: r.limits.clone(),
        rows: lines,
        totals: r.totals.clone(),
        attention: r.attention.clone(),
        trace: trace.cloned(),
    }
}

/// The declaration as JSON (see [`PayrollDeclaration`]).
pub fn to_value(
    r: &PayrollResult,
    rows: &[Result<PayrollRow, Error>],
    rules: &Identity,
    trace: Option<&Trace>,
) -> Value {
    serde_json::to_value(declaration(r, rows, rules, trace)).unwrap_or_default()
}

/// The `payroll` kind's input: the period (`month` or `year`, exactly one)
/// and the rows (`{employee_id, wage, employment}`; a wage may be an
/// integer). A row that does not read fails alone, in its place.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PayrollInput {
    /// The month declared (`YYYY-MM`).
    #[serde(default)]
    pub month: Option<String>,
    /// Or the calendar year declared (执行年度), assessed month by month.
    #[serde(default)]
    pub year: Option<i32>,
    /// The payroll rows, in order.
    #[schemars(with = "Vec<PayrollRow>")]
    pub rows: Value,
}

/// A [`PayrollInput`] read: its period and rows.
#[derive(Debug, Clone)]
pub struct PayrollCase {
    /// The period.
    pub period: Period,
    /// The rows, each read or refused.
    pub rows: Vec<Result<PayrollRow, Error>>,
}

impl PayrollInput {
    /// Read a JSON input: the period and the rows.
    ///
    /// ```
    /// use pension_rules::api::payroll_case::PayrollInput;
    /// let v = serde_json::json!({"month": "2024-03", "rows": [
    ///     {"employee_id": "E1", "wage": 6000, "employment": "employee"}]});
    /// let c = PayrollInput::read(&v).unwrap();
    /// assert_eq!(c.rows.len(), 1);
    /// let e = PayrollInput::read(&serde_json::json!({"rows": []})).unwrap_err();
    /// assert_eq!(e.code(), "invalid_input");
    /// ```
    pub fn read(v: &Value) -> Result<PayrollCase, Error> {
        let i: PayrollInput = crate::json_fields::read(v)?;
        let period = period(i.month.as_deref(), i.year)?;
        let rows = rows_from_objects(&i.rows)?;
        Ok(PayrollCase { period, rows })
    }
}

impl Engine {
    /// A unit's payroll declaration, typed (what [`Engine::payroll`] and
    /// [`Engine::payroll_csv`] write as JSON).
    pub fn payroll_declaration(
        &self,
        rows: &[Result<PayrollRow, Error>],
        period: Period,
        trace: bool,
    ) -> Result<PayrollDeclaration, Error> {
        let t = self.payroll_rows(rows, period, trace)?;
        Ok(declaration(
            &t.result,
            rows,
            &t.trace.rules,
            trace.then_some(&t.trace),
        ))
    }

    /// A unit's payroll rows as read (a row that did not read stays an
    /// error in its place), assessed on the rules in force in the period's
    /// first month, as the typed result (see [`to_value`] for its JSON).
    pub fn payroll_rows(
        &self,
        rows: &[Result<PayrollRow, Error>],
        period: Period,
        trace: bool,
    ) -> Result<Traced<PayrollResult>, Error> {
        let first = period
            .months()
            .first()
            .copied()
            .ok_or_else(|| Error::field("period", "the period has no months"))?;
        let snap = self.snapshot(first.first_day(), None);
        let mut tracer = Tracer::new(trace);
        let result = assess_payroll_rows(rows, period, &snap, &mut tracer)?;
        Ok(Traced {
            result,
            trace: tracer.finish(&snap),
        })
    }

    /// A unit's payroll declaration from CSV text (header
    /// `employee_id,wage,employment`, any order): one result or error per
    /// record in order, the totals and the attention list (see
    /// [`to_value`]). Only a header that does not name the columns, or rule
    /// data missing for the period, refuses the whole declaration.
    ///
    /// ```
    /// use pension_rules::api::{Engine, payroll_case::period};
    /// let engine = Engine::embedded("cn/shaanxi").unwrap();
    /// let csv = "employee_id,wage,employment\nE1,3000,employee\nE2,6123.45,employee\nE3,abc,employee\n";
    /// let r = engine.payroll_csv(csv, period(Some("2024-03"), None).unwrap(), false).unwrap();
    /// // 729.44 + 979.75 (16 % of the 2024 floor 4559 and of 6123.45)
    /// assert_eq!(r.totals.employer.to_string(), "1709.19");
    /// let json = serde_json::to_value(&r).unwrap(); // as every front end writes it
    /// assert_eq!(json["rows"][2]["error"]["code"], "invalid_input");
    /// ```
    pub fn payroll_csv(
        &self,
        csv: &str,
        period: Period,
        trace: bool,
    ) -> Result<PayrollDeclaration, Error> {
        self.payroll_declaration(&rows_from_csv(csv.as_bytes())?, period, trace)
    }

    /// A unit's payroll declaration from row objects
    /// (`{employee_id, wage, employment}`; see [`rows_from_objects`]).
    ///
    /// ```
    /// use pension_rules::api::{Engine, payroll_case::period};
    /// let engine = Engine::embedded("cn/shaanxi").unwrap();
    /// let rows = serde_json::json!([{"employee_id": "E1", "wage": 6000, "employment": "employee"}]);
    /// let r = engine.payroll(&rows, period(Some("2024-03"), None).unwrap(), false).unwrap();
    /// assert_eq!(serde_json::to_value(&r).unwrap()["rows"][0]["employer"], "960.00"); // 16 % of 6000
    /// ```
    pub fn payroll(
        &self,
        rows: &Value,
        period: Period,
        trace: bool,
    ) -> Result<PayrollDeclaration, Error> {
        self.payroll_declaration(&rows_from_objects(rows)?, period, trace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_bad_row_fails_alone_with_its_index() {
        let engine = Engine::embedded("cn/shaanxi").unwrap();
        let rows = json!([
            {"employee_id": "E1", "wage": "6000", "employment": "employee"},
            {"employee_id": "E2", "wage": 6000.5, "employment": "employee"},
            {"employee_id": 17, "wage": "5000", "employment": "flexible"}
        ]);
        let p = period(Some("2024-03"), None).unwrap();
        let r = serde_json::to_value(engine.payroll(&rows, p, false).unwrap()).unwrap();
        assert_eq!(r["rows"][1]["error"]["fields"][0]["path"], "row 2.wage");
        assert_eq!(r["rows"][1]["row"], 2);
        assert_eq!(r["rows"][0]["row"], 1);
        assert_eq!(r["rows"][2]["employee_id"], "17");
        assert_eq!(r["totals"]["rejected"], 1);
        assert_eq!(r["totals"]["assessed"], 2);
    }
}
