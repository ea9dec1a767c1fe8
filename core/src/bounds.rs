//! 合理取值范围 — the domain ranges of inputs, as data, in one place.
//!
//! Every input is checked against these when it is read, before anything is
//! computed, and every value out of range is reported in the one input
//! error (docs/vectors.md, "Ranges"):
//!
//! * **Years** of any month or year an input gives (births, retirements,
//!   periods, years of a series): [`YEARS`], 1900–2200, the years rule data
//!   can describe (the same range the rule loader and the population reader
//!   use).
//! * **Contribution indices** (缴费指数): a per-period index (population
//!   `index`, a projection's `index`) within the rule set's base floor and
//!   cap (`contribution.base_floor_ratio`, `contribution.base_cap_ratio`,
//!   60 %–300 % by 国发〔2005〕38号 and 人社部发〔2019〕35号); an average or
//!   transitional index (`average_index`, `transitional_index`) at most the
//!   cap. A province that allows a higher average declares it as the rule
//!   parameter `award.index_cap`, which then is the cap ([`index_cap`]).
//! * **Region codes** (GB/T 2260): six digits, the first two one of the
//!   [`PROVINCES`] (the 34 province-level divisions), not `xx00yy`
//!   ([`region`]). No maintained list of every county code is bundled: a
//!   code passing these checks whose place has no rule set is reported where
//!   its figures are needed.
//! * **Months of a career**: at most [`MAX_MONTHS`] (12 × the 300 years of
//!   [`YEARS`]).
//! * **Account balances and other amounts of one person**: at most
//!   [`MAX_AMOUNT`] yuan (10¹⁰: a lifetime at 300 % of any plausible wage
//!   stays far below it).
//! * **Projection assumptions**: a growth or interest rate within
//!   [`RATE_MIN`]…[`RATE_MAX`] a year (−50 %…+100 %).

use std::ops::RangeInclusive;

use rust_decimal::Decimal;

use crate::error::FieldError;
use crate::rules::Snapshot;
use crate::time::YearMonth;

/// The plausible calendar years of any input month or year.
pub use crate::rules::YEARS;

/// The years a rule value may be dated in (`from`, `until`, `published`):
/// from 1949 (no rule of this insurance predates the People's Republic;
/// 劳动保险条例 1951) to the end of [`YEARS`].
pub const RULE_YEARS: RangeInclusive<i32> = 1949..=2200;

/// The most months a career can hold (12 × the years of [`YEARS`]).
pub const MAX_MONTHS: u32 = 12 * 300;

/// The largest account balance or amount of one person, in yuan (10¹⁰).
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_410_065_408, 2, 0, false, 0);

/// The lowest yearly growth or interest rate a projection may assume (−50 %).
pub const RATE_MIN: Decimal = Decimal::from_parts(5, 0, 0, true, 1);

/// The highest yearly growth or interest rate a projection may assume (+100 %).
pub const RATE_MAX: Decimal = Decimal::ONE;

/// The two-digit codes of the province-level divisions of GB/T 2260
/// (北京 11 … 新疆 65, 台湾 71, 香港 81, 澳门 82).
pub const PROVINCES: &[&str] = &[
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

/// The message of a year outside [`YEARS`].
pub fn year_message(year: i32) -> String {
    format!(
        "{year} is outside the plausible years {}–{}",
        YEARS.start(),
        YEARS.end()
    )
}

/// A year within [`YEARS`], else the problem at `path`.
pub fn year(path: &str, y: i32) -> Option<FieldError> {
    (!YEARS.contains(&y)).then(|| problem(path, year_message(y)))
}

/// A month whose year is within [`YEARS`], else the problem at `path`.
pub fn month(path: &str, m: YearMonth) -> Option<FieldError> {
    (!YEARS.contains(&m.year())).then(|| {
        problem(
            path,
            format!(
                "{m} is outside the plausible years {}–{}",
                YEARS.start(),
                YEARS.end()
            ),
        )
    })
}

/// A GB/T 2260 code ([module docs](self)), else why not.
///
/// ```
/// use pension_rules::bounds::region;
/// assert!(region("610000").is_ok());
/// assert!(region("510104").is_ok());
/// for bad in ["000000", "990000", "61000", "610001", "6100 0", "1_0000"] {
///     assert!(region(bad).is_err(), "{bad}");
/// }
/// ```
pub fn region(code: &str) -> Result<(), String> {
    let shown = crate::error::echo(code);
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "{shown} is not a GB/T 2260 code: expected six digits like \"510104\""
        ));
    }
    if !PROVINCES.contains(&&code[..2]) {
        return Err(format!(
            "{shown} is not a GB/T 2260 code: its first two digits name no province (expected one of {})",
            PROVINCES.join(", ")
        ));
    }
    if &code[2..4] == "00" && &code[4..] != "00" {
        return Err(format!(
            "{shown} is not a GB/T 2260 code: a county code needs its city digits"
        ));
    }
    Ok(())
}

/// A count of months at most [`MAX_MONTHS`], else the problem at `path`.
pub fn months(path: &str, n: u32) -> Option<FieldError> {
    (n > MAX_MONTHS).then(|| {
        problem(
            path,
            format!("{n} months is more than a career can hold (at most {MAX_MONTHS})"),
        )
    })
}

/// An amount within 0…[`MAX_AMOUNT`], else the problem at `path`.
pub fn amount(path: &str, x: Decimal) -> Option<FieldError> {
    if x < Decimal::ZERO {
        Some(problem(path, format!("must not be negative, got {x}")))
    } else if x > MAX_AMOUNT {
        Some(problem(
            path,
            format!("{x} is out of range: at most {MAX_AMOUNT} yuan for one person"),
        ))
    } else {
        None
    }
}

/// A projection's yearly rate within [`RATE_MIN`]…[`RATE_MAX`], else the
/// problem at `path`.
pub fn rate(path: &str, x: Decimal) -> Option<FieldError> {
    (x < RATE_MIN || x > RATE_MAX).then(|| {
        problem(
            path,
            format!(
                "{x} is out of range: a yearly rate from {RATE_MIN} to {RATE_MAX} (−50 %…+100 %)"
            ),
        )
    })
}

/// The highest contribution index the rule set allows on `date`: its
/// `award.index_cap` where it declares one, else its base cap ratio;
/// `None` when the rule set has neither in force.
pub fn index_cap(snap: &Snapshot, date: chrono::NaiveDate) -> Option<Decimal> {
    if !snap.award.index_cap.is_empty()
        && let Ok(c) = snap.award.index_cap.at(date)
    {
        return Some(c.value);
    }
    snap.contribution
        .base_cap_ratio
        .at(date)
        .ok()
        .map(|c| c.value)
}

/// The range of a per-period contribution index on `date`: the base floor
/// ratio to [`index_cap`].
pub fn index_range(snap: &Snapshot, date: chrono::NaiveDate) -> Option<RangeInclusive<Decimal>> {
    let lo = snap.contribution.base_floor_ratio.at(date).ok()?.value;
    Some(lo..=index_cap(snap, date)?)
}

/// An index within `range` (a per-period index) or at most the cap (an
/// average, `floor: false`), else the problem at `path`.
pub fn index(
    path: &str,
    x: Decimal,
    snap: &Snapshot,
    date: chrono::NaiveDate,
    floor: bool,
) -> Option<FieldError> {
    let range = index_range(snap, date)?;
    let lo = if floor { *range.start() } else { Decimal::ZERO };
    let hi = *range.end();
    (x < lo || x > hi).then(|| {
        problem(
            path,
            format!(
                "{x} is out of range: the rule set {} allows a contribution index from {lo} to {hi} (base floor and cap; a province allowing more declares award.index_cap)",
                snap.identity.id
            ),
        )
    })
}

fn problem(path: &str, message: String) -> FieldError {
    FieldError {
        path: path.to_string(),
        message,
    }
}

/// serde's reader (`deserialize_with`) of an optional amount that cannot be
/// negative (a wage, a chosen base): the sign is checked as the value is
/// read, so that it is reported with every other problem of the input
/// ([`crate::api::parse_input`]), before any rule is looked up.
pub(crate) fn non_negative<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    use serde::Deserialize;
    match Option::<Decimal>::deserialize(d)? {
        Some(x) if x.is_sign_negative() && !x.is_zero() => Err(serde::de::Error::custom(format!(
            "must not be negative, got {x}"
        ))),
        v => Ok(v),
    }
}

/// serde's reader of a year within [`YEARS`] (checked as it is read, like
/// [`non_negative`]).
pub(crate) fn plausible_year<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    use serde::Deserialize;
    let y = i32::deserialize(d)?;
    match YEARS.contains(&y) {
        true => Ok(y),
        false => Err(serde::de::Error::custom(year_message(y))),
    }
}

/// [`plausible_year`], optional.
pub(crate) fn plausible_year_opt<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<i32>, D::Error> {
    use serde::Deserialize;
    Option::<i32>::deserialize(d)?
        .map(|y| match YEARS.contains(&y) {
            true => Ok(y),
            false => Err(serde::de::Error::custom(year_message(y))),
        })
        .transpose()
}

/// serde's reader of an amount at most [`MAX_AMOUNT`] (a balance may be
/// negative on a ledger, never beyond any person's means).
pub(crate) fn plausible_amount<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Decimal, D::Error> {
    use serde::Deserialize;
    let x = <Decimal as Deserialize>::deserialize(d)?;
    match amount("", x) {
        Some(e) if x > MAX_AMOUNT => Err(serde::de::Error::custom(e.message)),
        _ => Ok(x),
    }
}
