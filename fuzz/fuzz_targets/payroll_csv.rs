//! The CLI's CSV payroll rows: arbitrary CSV read as the CLI reads it
//! (`payroll::rows_from_csv`: a record that does not read is an error row),
//! then assessed for a month and for a year; exactly one result per record,
//! in order, and the totals count every row. JSON rows (`rows_from_json`) too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pension_rules::YearMonth;
use pension_rules::payroll::{Period, assess_payroll_rows, rows_from_csv, rows_from_json};
use pension_rules::trace::Tracer;
use pension_rules_fuzz::embedded;

fuzz_target!(|data: &[u8]| {
    let Some(rules) = embedded("cn/shaanxi") else {
        return;
    };
    let (sel, body) = data.split_first().map_or((0, data), |(s, b)| (*s, b));
    let rows = if sel & 0x80 == 0 {
        rows_from_csv(body).ok()
    } else {
        serde_json::from_slice(body)
            .ok()
            .and_then(|v| rows_from_json(&v).ok())
            .map(|rows| rows.into_iter().map(Ok).collect())
    };
    let Some(rows) = rows else {
        return;
    };
    // A month of 2023–2026 (Shaanxi has limits for them), or a whole year.
    let year = 2023 + i32::from(sel & 0x3);
    let period = if sel & 0x4 == 0 {
        Period::Month(
            YearMonth::new(year, u32::from(sel >> 3 & 0x7) + 1)
                .unwrap_or_else(|| YearMonth::new(2025, 1).expect("valid month")),
        )
    } else {
        Period::Year(year)
    };
    let Some(first) = period.months().first().copied() else {
        return;
    };
    let snap = rules.at(first.first_day());
    if let Ok(r) = assess_payroll_rows(&rows, period, &snap, &mut Tracer::new(true)) {
        assert_eq!(r.rows.len(), rows.len(), "one result per row");
        assert_eq!(r.totals.assessed + r.totals.rejected, rows.len());
        for (i, (row, read)) in r.rows.iter().zip(&rows).enumerate() {
            if read.is_err() {
                assert!(row.is_err(), "a record that does not read is rejected");
            }
            if let Ok(line) = row {
                assert_eq!(line.row, i + 1, "rows in order, numbered from 1");
            }
        }
    }
});
