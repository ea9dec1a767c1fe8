//! 单位缴费申报 — a unit's declaration for a month or a year: every payroll
//! row assessed with [`crate::contribution`] (base clamped to the year's
//! limits, unit and individual amounts, account credit), the unit's totals,
//! and the rows that need attention (wage below the floor or above the cap,
//! bad values, repeated employee ids).
//!
//! One result per input row, in input order, nothing dropped: a row with bad
//! values is an `Err` naming the row and field (`row 4.wage`, led by
//! `employee E4:`), and is listed under attention too. Rows are numbered
//! from 1, the first data row (the header, or the JSON array's first item),
//! the same in results (`row`), messages, paths and the CLI's table. A year is assessed month by month (rates can change
//! mid-year, as on 2019-05-01 under 国办发〔2019〕13号) and each month's amounts
//! are rounded before they are added up.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::contribution::{BaseLimits, BasePosition, Employment, MonthRules};
use crate::error::{Error, FieldError, InputErrors};
use crate::rules::Snapshot;
use crate::time::YearMonth;
use crate::trace::{Step, Tracer};

/// One payroll row as declared: the values are kept as text so that a bad
/// value fails its own row, not the whole declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PayrollRow {
    /// The unit's employee id.
    pub employee_id: String,
    /// Declared monthly wage (申报工资), a decimal string.
    pub wage: String,
    /// `employee` or `flexible`.
    pub employment: String,
}

/// The period declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// One month.
    Month(YearMonth),
    /// A calendar year (执行年度), assessed month by month.
    Year(i32),
}

impl Period {
    /// The months of the period.
    pub fn months(self) -> Vec<YearMonth> {
        match self {
            Period::Month(m) => vec![m],
            Period::Year(y) => (1..=12).filter_map(|m| YearMonth::new(y, m)).collect(),
        }
    }
}

/// One assessed row.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PayrollLine {
    /// The input row: 1 for the first data row (as in the CLI's table and
    /// error paths, `row 1.wage`).
    pub row: usize,
    /// Employee id.
    pub employee_id: String,
    /// Employment type.
    pub employment: Employment,
    /// Declared monthly wage.
    pub wage: Decimal,
    /// Monthly contribution base (of the period's first month).
    pub base: Decimal,
    /// Where the wage lay relative to the limits.
    pub position: BasePosition,
    /// Months assessed.
    pub months: u32,
    /// Unit amount over the period.
    pub employer: Decimal,
    /// Individual amount over the period.
    pub individual: Decimal,
    /// Account credit over the period.
    pub account_credit: Decimal,
    /// To the pooled fund over the period.
    pub pooled: Decimal,
}

/// Why a row needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Issue {
    /// Wage below the floor: the base was raised to it.
    BelowFloor,
    /// Wage above the cap: the base was cut to it.
    AboveCap,
    /// Bad values: the row was not assessed.
    Invalid,
    /// The employee id appears on more than one row.
    DuplicateId,
    /// The base differs between months of the year (the limits changed).
    BaseVaries,
}

impl Issue {
    /// The name used in every output (the JSON's, `below_floor`).
    pub fn name(self) -> &'static str {
        match self {
            Issue::BelowFloor => "below_floor",
            Issue::AboveCap => "above_cap",
            Issue::Invalid => "invalid",
            Issue::DuplicateId => "duplicate_id",
            Issue::BaseVaries => "base_varies",
        }
    }
}

/// A row that needs attention.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "PayrollAttention")] // its name in the bindings and the schema
pub struct Attention {
    /// The input row: 1 for the first data row.
    pub row: usize,
    /// Employee id as declared.
    pub employee_id: String,
    /// What is the matter.
    pub issue: Issue,
    /// In words.
    pub message: String,
}

/// The unit's totals over the rows that were assessed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PayrollTotals {
    /// Rows assessed.
    pub assessed: usize,
    /// Rows rejected.
    pub rejected: usize,
    /// Sum of the monthly bases over all months (缴费基数总额).
    pub base: Decimal,
    /// Unit amounts.
    pub employer: Decimal,
    /// Individual amounts.
    pub individual: Decimal,
    /// Account credits.
    pub account_credit: Decimal,
    /// To the pooled fund.
    pub pooled: Decimal,
}

/// The assessed declaration.
#[derive(Debug, Clone)]
pub struct PayrollResult {
    /// The period.
    pub period: Period,
    /// The limits of the period's year.
    pub limits: BaseLimits,
    /// One result per input row, in input order.
    pub rows: Vec<Result<PayrollLine, Error>>,
    /// The unit's totals.
    pub totals: PayrollTotals,
    /// Rows that need attention, in row order.
    pub attention: Vec<Attention>,
}

/// Read payroll rows from JSON: an array of `{employee_id, wage, employment}`
/// objects (or `{"rows": [...]}`). Shape problems (a number where a decimal
/// string belongs, unknown fields) are reported all at once; bad *values*
/// are left to [`assess_payroll`], row by row.
///
/// ```
/// use pension_rules::payroll::rows_from_json;
/// let v = serde_json::json!([{"employee_id": "E1", "wage": "6000", "employment": "employee"}]);
/// assert_eq!(rows_from_json(&v).unwrap()[0].employee_id, "E1");
/// ```
pub fn rows_from_json(v: &Value) -> Result<Vec<PayrollRow>, Error> {
    let items = match v {
        Value::Array(a) => a.as_slice(),
        Value::Object(m) if m.len() == 1 && m.contains_key("rows") => match m.get("rows") {
            Some(Value::Array(a)) => a.as_slice(),
            _ => return Err(Error::field("rows", "expected an array of rows")),
        },
        _ => {
            return Err(Error::field(
                "input",
                "expected an array of rows (or {\"rows\": [...]})",
            ));
        }
    };
    let mut rows = vec![];
    let mut errors = vec![];
    for (i, item) in items.iter().enumerate() {
        match crate::json_fields::read::<PayrollRow>(item) {
            Ok(r) => rows.push(r),
            Err(e) => errors.extend(e.fields().iter().map(|f| match f.path.as_str() {
                "input" => FieldError {
                    path: format!("row {}", i + 1),
                    message: f.message.clone(),
                },
                p => row_error(i, p, f.message.clone()),
            })),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(Error::Input(crate::error::InputErrors(errors)))
    }
}

fn row_error(i: usize, path: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        path: format!("row {}.{path}", i + 1),
        message: message.into(),
    }
}

/// Assess every row of a declaration for a month or a year.
///
/// The rule data of the period (limits, rounding) must exist, or the whole
/// declaration fails with that rule error; everything else fails only its row.
///
/// ```
/// use pension_rules::payroll::{assess_payroll, PayrollRow, Period};
/// use pension_rules::{rules::RuleSet, trace::Tracer};
/// let rules = RuleSet::embedded("cn/shaanxi").unwrap();
/// let snap = rules.at("2024-03-01".parse().unwrap());
/// let row = |id: &str, wage: &str| PayrollRow { employee_id: id.into(), wage: wage.into(), employment: "employee".into() };
/// let rows = [row("E1", "3000"), row("E2", "6123.45"), row("E3", "abc")];
/// let r = assess_payroll(&rows, Period::Month("2024-03".parse().unwrap()), &snap, &mut Tracer::new(false)).unwrap();
/// assert_eq!(r.rows.len(), 3);
/// assert!(r.rows[2].is_err());
/// // 729.44 + 979.75 (16 % of 4559 and of 6123.45)
/// assert_eq!(r.totals.employer.to_string(), "1709.19");
/// assert_eq!(r.attention.len(), 2); // E1 below the floor, E3 bad wage
/// ```
pub fn assess_payroll(
    rows: &[PayrollRow],
    period: Period,
    snap: &Snapshot,
    tracer: &mut Tracer,
) -> Result<PayrollResult, Error> {
    assess_all(rows.iter().map(Ok), period, snap, tracer)
}

/// [`assess_payroll`] over rows as read (see [`rows_from_csv`]): a row
/// that did not read is rejected in its place, with its error.
pub fn assess_payroll_rows(
    rows: &[Result<PayrollRow, Error>],
    period: Period,
    snap: &Snapshot,
    tracer: &mut Tracer,
) -> Result<PayrollResult, Error> {
    assess_all(rows.iter().map(Result::as_ref), period, snap, tracer)
}

fn assess_all<'a>(
    rows: impl ExactSizeIterator<Item = Result<&'a PayrollRow, &'a Error>>,
    period: Period,
    snap: &Snapshot,
    tracer: &mut Tracer,
) -> Result<PayrollResult, Error> {
    let months = period.months();
    let mut rules = vec![];
    for m in &months {
        rules.push(MonthRules::load(snap, *m, tracer)?);
    }
    let Some(first) = rules.first() else {
        return Err(Error::field("period", "the period has no months"));
    };
    let limits = first.limits.clone();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(rows.len());
    let mut attention = vec![];
    let mut totals = PayrollTotals::default();
    let mut quiet = Tracer::new(false);
    for (i, r) in rows.enumerate() {
        let r = match r {
            Ok(r) => r,
            Err(e) => {
                totals.rejected += 1;
                attention.push(Attention {
                    row: i + 1,
                    employee_id: String::new(),
                    issue: Issue::Invalid,
                    message: e.to_string(),
                });
                out.push(Err(e.clone()));
                continue;
            }
        };
        let id = r.employee_id.trim();
        let mut errs = vec![];
        if id.is_empty() {
            errs.push(row_error(i, "employee_id", "missing"));
        } else if let Some(&j) = seen.get(id) {
            attention.push(Attention {
                row: i + 1,
                employee_id: id.to_string(),
                issue: Issue::DuplicateId,
                message: format!("employee id {id} also on row {}", j + 1),
            });
        } else {
            seen.insert(id, i);
        }
        let wage = match crate::decimal::parse(r.wage.trim(), crate::decimal::Sign::Any) {
            Ok(w) if w.is_sign_negative() && !w.is_zero() => {
                errs.push(row_error(i, "wage", format!("{w} is negative")));
                None
            }
            Ok(w) => Some(w),
            Err(e) => {
                errs.push(row_error(
                    i,
                    "wage",
                    crate::decimal::refusal(r.wage.trim(), e),
                ));
                None
            }
        };
        let employment = match r.employment.trim().parse::<Employment>() {
            Ok(e) => Some(e),
            Err(m) => {
                errs.push(row_error(i, "employment", m));
                None
            }
        };
        let line = match (wage, employment) {
            (Some(w), Some(e)) if errs.is_empty() => assess_row(i, id, w, e, &rules, &mut quiet),
            _ => Err(Error::Input(InputErrors(errs))),
        }
        .map_err(|e| employee(id, e));
        match &line {
            Ok(l) => {
                totals.assessed += 1;
                totals.employer += l.employer;
                totals.individual += l.individual;
                totals.account_credit += l.account_credit;
                totals.pooled += l.pooled;
                let (issue, what) = match l.position {
                    BasePosition::BelowFloor => (Some(Issue::BelowFloor), "below the floor"),
                    BasePosition::AboveCap => (Some(Issue::AboveCap), "above the cap"),
                    BasePosition::Within => (None, ""),
                };
                if let Some(issue) = issue {
                    attention.push(Attention {
                        row: i + 1,
                        employee_id: id.to_string(),
                        issue,
                        message: format!(
                            "wage {} is {what} ({} – {}); base {}",
                            l.wage, limits.floor, limits.cap, l.base
                        ),
                    });
                }
            }
            Err(e) => {
                totals.rejected += 1;
                attention.push(Attention {
                    row: i + 1,
                    employee_id: id.to_string(),
                    issue: Issue::Invalid,
                    message: e.to_string(),
                });
            }
        }
        if let Ok(l) = &line {
            let bases = month_bases(l, &rules, &mut quiet);
            totals.base += bases.iter().sum::<Decimal>();
            if bases.iter().any(|b| *b != l.base) {
                attention.push(Attention {
                    row: i + 1,
                    employee_id: id.to_string(),
                    issue: Issue::BaseVaries,
                    message: format!(
                        "the base changes during the year: {}",
                        bases
                            .iter()
                            .map(Decimal::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
        }
        out.push(line);
    }
    attention.sort_by_key(|a| a.row);
    tracer.step(|| {
        Step::new(
            "payroll_totals",
            "单位缴费合计",
            totals.employer + totals.individual,
            format!(
                "{} rows assessed, {} rejected; unit {} + individual {} = {}; account credits {}",
                totals.assessed,
                totals.rejected,
                totals.employer,
                totals.individual,
                totals.employer + totals.individual,
                totals.account_credit
            ),
        )
    });
    Ok(PayrollResult {
        period,
        limits,
        rows: out,
        totals,
        attention,
    })
}

fn assess_row(
    i: usize,
    id: &str,
    wage: Decimal,
    employment: Employment,
    rules: &[MonthRules],
    tracer: &mut Tracer,
) -> Result<PayrollLine, Error> {
    let chosen = (employment == Employment::Flexible).then_some(wage);
    let wage_in = (employment == Employment::Employee).then_some(wage);
    let mut line: Option<PayrollLine> = None;
    for m in rules {
        let c = m
            .assess(employment, wage_in, chosen, tracer)
            .map_err(|e| relabel(i, e))?;
        match &mut line {
            None => {
                line = Some(PayrollLine {
                    row: i + 1,
                    employee_id: id.to_string(),
                    employment,
                    wage: c.wage.unwrap_or(c.base),
                    base: c.base,
                    position: c.position,
                    months: 1,
                    employer: c.employer,
                    individual: c.individual,
                    account_credit: c.account_credit,
                    pooled: c.pooled,
                })
            }
            Some(l) => {
                l.months += 1;
                l.employer += c.employer;
                l.individual += c.individual;
                l.account_credit += c.account_credit;
                l.pooled += c.pooled;
            }
        }
    }
    line.ok_or_else(|| Error::field(format!("row {}", i + 1), "no month assessed"))
}

fn month_bases(l: &PayrollLine, rules: &[MonthRules], tracer: &mut Tracer) -> Vec<Decimal> {
    rules
        .iter()
        .filter_map(|m| {
            let (w, b) = match l.employment {
                Employment::Employee => (Some(l.wage), None),
                Employment::Flexible => (None, Some(l.wage)),
            };
            m.assess(l.employment, w, b, tracer).ok().map(|c| c.base)
        })
        .collect()
}

/// A row's field problems led by the employee's id (`employee E4: …`),
/// cut to 40 characters.
fn employee(id: &str, e: Error) -> Error {
    if id.is_empty() {
        return e;
    }
    let cut: String = id.chars().take(40).collect();
    let more = if cut.len() < id.len() { "…" } else { "" };
    match e {
        Error::Input(InputErrors(v)) => Error::Input(InputErrors(
            v.into_iter()
                .map(|f| FieldError {
                    path: f.path,
                    message: format!("employee {cut}{more}: {}", f.message),
                })
                .collect(),
        )),
        other => other,
    }
}

/// Put a row's field errors under `row N` (N = i + 1; the chosen base of a
/// flexible row is its wage column).
fn relabel(i: usize, e: Error) -> Error {
    match e {
        Error::Input(InputErrors(v)) => Error::Input(InputErrors(
            v.into_iter()
                .map(|f| {
                    let col = if f.path == "chosen_base" {
                        "wage"
                    } else {
                        f.path.as_str()
                    };
                    row_error(i, col, f.message)
                })
                .collect(),
        )),
        other => other,
    }
}

mod csv_rows;
pub use csv_rows::{COLUMNS, rows_from_csv};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn row(id: &str, wage: &str, emp: &str) -> PayrollRow {
        PayrollRow {
            employee_id: id.into(),
            wage: wage.into(),
            employment: emp.into(),
        }
    }

    #[test]
    fn month_declaration_keeps_every_row() -> Result<(), Error> {
        // Shaanxi 2025 limits 4650 / 23250 (陕人社函〔2025〕424号); 16 % / 8 %.
        let rules = RuleSet::embedded("cn/shaanxi")?;
        let month: YearMonth = "2025-07".parse().map_err(|_| Error::field("m", "bad"))?;
        let snap = rules.at(month.first_day());
        let rows = [
            row("A", "4649.99", "employee"),
            row("B", "8123.47", "employee"),
            row("C", "50000", "employee"),
            row("D", "7750.25", "flexible"),
            row("E", "-5", "employee"),
            row("F", "4000", "flexible"),
            row("B", "6000", "contract"),
            row("", "6000", "employee"),
        ];
        let r = assess_payroll(&rows, Period::Month(month), &snap, &mut Tracer::new(true))?;
        assert_eq!(r.rows.len(), rows.len());
        let ok: Vec<_> = r.rows.iter().map(Result::is_ok).collect();
        assert_eq!(ok, [true, true, true, true, false, false, false, false]);
        // tests/vectors/contribution.json: 744.00, 1299.76, 3720.00; flexible employer 0
        assert_eq!(r.totals.employer.to_string(), "5763.76");
        // 372.00 + 649.88 + 1860.00 + 1550.05
        assert_eq!(r.totals.individual.to_string(), "4431.93");
        assert_eq!(r.totals.base.to_string(), "43773.72");
        let issues: Vec<_> = r.attention.iter().map(|a| (a.row, a.issue)).collect();
        assert_eq!(
            issues,
            [
                (1, Issue::BelowFloor),
                (3, Issue::AboveCap),
                (5, Issue::Invalid),
                (6, Issue::Invalid),
                (7, Issue::DuplicateId),
                (7, Issue::Invalid),
                (8, Issue::Invalid),
            ]
        );
        // Issue 16: rows from 1 everywhere, the employee named, issue names
        // as in the JSON.
        let dup = r.attention.iter().find(|a| a.issue == Issue::DuplicateId);
        assert_eq!(
            dup.map(|a| (a.issue.name(), a.message.as_str())),
            Some(("duplicate_id", "employee id B also on row 2"))
        );
        let Some(Err(e)) = r.rows.get(5) else {
            panic!("row 6 accepted")
        };
        assert_eq!(e.fields()[0].path, "row 6.wage");
        assert!(
            e.fields()[0].message.starts_with("employee F: "),
            "{}",
            e.fields()[0].message
        );
        for issue in [
            Issue::BelowFloor,
            Issue::AboveCap,
            Issue::Invalid,
            Issue::DuplicateId,
            Issue::BaseVaries,
        ] {
            assert_eq!(
                serde_json::to_value(issue).ok(),
                Some(serde_json::Value::from(issue.name()))
            );
        }
        Ok(())
    }

    #[test]
    fn year_2019_rate_change_mid_year() -> Result<(), Error> {
        // 2019: employer 20 % Jan–Apr, 16 % from May (国办发〔2019〕13号). Limits
        // from an overlay (Shaanxi has none for 2019 in the rule set).
        let rules = RuleSet::embedded("cn/shaanxi")?.with_overlay(
            "t",
            r#"[overlay]
id = "t/2019"
[contribution.base_floor]
[[contribution.base_floor.values]]
year = 2019
value = "3000"
source = "test"
[contribution.base_cap]
[[contribution.base_cap.values]]
year = 2019
value = "15000"
source = "test"
"#,
        )?;
        let snap = rules.at(chrono::NaiveDate::from_ymd_opt(2019, 12, 31).unwrap_or_default());
        let r = assess_payroll(
            &[row("A", "5000", "employee")],
            Period::Year(2019),
            &snap,
            &mut Tracer::new(false),
        )?;
        let Some(Ok(l)) = r.rows.first() else {
            panic!("row failed")
        };
        // 4 × 1000 + 8 × 800 = 10400; individual 12 × 400 = 4800
        assert_eq!(
            (l.months, l.employer, l.individual),
            (
                12,
                "10400".parse().unwrap_or_default(),
                "4800".parse().unwrap_or_default()
            )
        );
        assert_eq!(r.totals.base, Decimal::from(60000));
        Ok(())
    }

    #[test]
    fn json_shape_problems_at_once() {
        let v = serde_json::json!([{"employee_id": "A", "wage": 5000.5, "employment": "employee"},
                                   {"employee_id": "B", "employment": "employee", "dept": "x"}]);
        let Err(e) = rows_from_json(&v) else {
            panic!("accepted")
        };
        let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["row 1.wage", "row 2.dept", "row 2.wage"]);
    }
}
