//! Payroll rows from CSV (`employee_id,wage,employment`, any order): what
//! the CLI's `contribution --payroll FILE.csv` reads.
//!
//! Nothing lost: each record is a row, in order, or the error of that
//! record in its place (a record with more or fewer fields than the header,
//! a field that is not UTF-8). Only a header that does not name the columns
//! refuses the whole file, since then no record can be read.

use std::io::Read;

use crate::error::{Error, FieldError, InputErrors};

use super::PayrollRow;

/// The columns of a payroll CSV file.
pub const COLUMNS: &[&str] = &["employee_id", "wage", "employment"];

/// Read payroll rows from CSV with a header naming [`COLUMNS`]: one entry
/// per record, `Err` (path `row N`, N = 1 for the first data row) for
/// a record that does not read. Fields are trimmed; values are checked by
/// [`super::assess_payroll_rows`].
///
/// ```
/// use pension_rules::payroll::rows_from_csv;
/// let csv = "employee_id,wage,employment\nE1,6000,employee\nE2,6000\nE3,3000,flexible\n";
/// let rows = rows_from_csv(csv.as_bytes()).unwrap();
/// assert_eq!(rows.len(), 3);
/// assert!(rows[0].is_ok() && rows[2].is_ok());
/// let e = rows[1].as_ref().unwrap_err();
/// assert_eq!(e.fields()[0].path, "row 2");
/// assert!(e.to_string().contains("the row has 2 cells, but the header names 3 columns"));
/// // A header that does not name the columns refuses the file.
/// assert_eq!(rows_from_csv("id,wage\nE1,1\n".as_bytes()).unwrap_err().fields()[0].path, "header");
/// ```
pub fn rows_from_csv<R: Read>(reader: R) -> Result<Vec<Result<PayrollRow, Error>>, Error> {
    let mut rd = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let file = |e: csv::Error| Error::field("(file)", e.to_string());
    let raw = rd.byte_headers().map_err(file)?.clone();
    let mut headers = vec![];
    let mut errs = vec![];
    let header_err = |m: String| FieldError {
        path: "header".into(),
        message: m,
    };
    for h in raw.iter() {
        match std::str::from_utf8(h) {
            Ok(h) => headers.push(h.trim().to_string()),
            Err(_) => {
                errs.push(header_err(format!(
                    "column {} is not UTF-8 text",
                    headers.len() + 1
                )));
                headers.push(String::new());
            }
        }
    }
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() && raw.get(i).is_some_and(|r| std::str::from_utf8(r).is_err()) {
            continue;
        }
        if !COLUMNS.contains(&h.as_str()) {
            errs.push(header_err(format!(
                "unknown column {h:?}; the header must name the columns {}",
                COLUMNS.join(",")
            )));
        } else if headers.iter().take(i).any(|x| x == h) {
            errs.push(header_err(format!("column {h:?} appears twice")));
        }
    }
    for c in COLUMNS {
        if !headers.iter().any(|h| h == c) {
            errs.push(header_err(format!(
                "missing column {c:?}; the header must name the columns {}",
                COLUMNS.join(",")
            )));
        }
    }
    if !errs.is_empty() {
        return Err(Error::Input(InputErrors(errs)));
    }
    let mut rows = vec![];
    for (i, rec) in rd.byte_records().enumerate() {
        let rec = rec.map_err(file)?;
        rows.push(row(i, &headers, &rec));
    }
    Ok(rows)
}

fn row(i: usize, headers: &[String], rec: &csv::ByteRecord) -> Result<PayrollRow, Error> {
    if rec.len() != headers.len() {
        return Err(Error::field(
            format!("row {}", i + 1),
            format!(
                "the row has {} cells, but the header names {} columns ({})",
                rec.len(),
                headers.len(),
                headers.join(",")
            ),
        ));
    }
    let mut errs = vec![];
    let mut get = |col: &str| {
        let field = headers
            .iter()
            .position(|h| h == col)
            .and_then(|k| rec.get(k))
            .unwrap_or_default();
        match std::str::from_utf8(field) {
            Ok(s) => s.trim().to_string(),
            Err(_) => {
                errs.push(FieldError {
                    path: format!("row {}.{col}", i + 1),
                    message: "not UTF-8 text".to_string(),
                });
                String::new()
            }
        }
    };
    let r = PayrollRow {
        employee_id: get("employee_id"),
        wage: get("wage"),
        employment: get("employment"),
    };
    if errs.is_empty() {
        Ok(r)
    } else {
        Err(Error::Input(InputErrors(errs)))
    }
}
