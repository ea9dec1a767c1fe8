//! 退休 — statutory retirement age and month (before 2025 and under the 2025
//! gradual reform), the elastic window, minimum contribution years.

use crate::error::Error;
use crate::rules::{Snapshot, Sourced};
use crate::time::YearMonth;

/// Minimum contribution months for a monthly pension when retiring in
/// `month` (全国人大常委会 2024-09-13 决定 附件 第二条: 15 years, rising by 6
/// months a year from 2030 to 20 years), from the table version in force then.
pub fn min_contribution_months(snap: &Snapshot, month: YearMonth) -> Result<Sourced<u32>, Error> {
    let table = snap.retirement.min_contribution_months.in_month(month)?;
    let year = i64::from(month.year());
    let value = table
        .value
        .get(year)
        .ok_or(crate::error::RuleError::NoRow {
            param: table.param,
            key: year,
        })?;
    Ok(Sourced {
        value,
        param: table.param,
        provenance: table.provenance.clone(),
    })
}
