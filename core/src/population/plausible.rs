//! Plausibility of a population row's months: a row whose birth, first
//! contribution or retirement lies outside the years rule data can describe
//! ([`crate::rules::YEARS`], 1900–2200) is an `invalid_input` error row.
//!
//! Why: a run projects every calendar year from the earliest first
//! contribution to the latest retirement of its rows, so one row retiring in
//! 9999 would make every run project ~8 000 years; no rule set can hold a
//! value for such a year, so no figure for it could be grounded anyway.
//! Months out of order (contributions or retirement not after birth, as
//! the projection also requires) are refused too. An age at retirement outside the 计发月数 table
//! is left to the award (`rule_missing_row`, naming the table).

use crate::error::{Error, FieldError, InputErrors};
use crate::rules::YEARS;
use crate::time::YearMonth;

use super::Person;

impl Person {
    /// Every implausible month of this person, all at once, each under its
    /// field name.
    ///
    /// ```
    /// use pension_rules::population::Person;
    /// let p = Person::from_json(&serde_json::json!({"id": "a", "birth": "1990-03",
    ///     "category": "male", "first_contribution": "2012-07", "index": "1.0"})).unwrap();
    /// assert!(p.check_plausible().is_ok());
    /// let late = Person { retirement_month: Some("9999-01".parse().unwrap()), ..p };
    /// let e = late.check_plausible().unwrap_err();
    /// assert_eq!(e.code(), "invalid_input");
    /// assert_eq!(e.fields()[0].path, "retirement_month");
    /// ```
    pub fn check_plausible(&self) -> Result<(), Error> {
        let mut errs = vec![];
        let mut year = |field: &str, m: YearMonth| {
            if !YEARS.contains(&m.year()) {
                errs.push(FieldError {
                    path: field.into(),
                    message: format!(
                        "{m} is outside the years {}–{} that rule data can describe",
                        YEARS.start(),
                        YEARS.end()
                    ),
                });
                false
            } else {
                true
            }
        };
        let birth_ok = year("birth", self.birth);
        let from_ok = year("first_contribution", self.first_contribution);
        let ret_ok = self
            .retirement_month
            .is_none_or(|m| year("retirement_month", m));
        if birth_ok && from_ok && self.first_contribution <= self.birth {
            errs.push(FieldError {
                path: "first_contribution".into(),
                message: format!(
                    "{} is not after the birth month {}",
                    self.first_contribution, self.birth
                ),
            });
        }
        if let Some(m) = self.retirement_month
            && birth_ok
            && ret_ok
            && m <= self.birth
        {
            errs.push(FieldError {
                path: "retirement_month".into(),
                message: format!("{m} is not after the birth month {}", self.birth),
            });
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(Error::Input(InputErrors(errs)))
        }
    }

    /// Whether [`Person::check_plausible`] passes (cheap: no allocation).
    pub(crate) fn is_plausible(&self) -> bool {
        let ok = |m: YearMonth| YEARS.contains(&m.year());
        ok(self.birth)
            && ok(self.first_contribution)
            && self.first_contribution > self.birth
            && self
                .retirement_month
                .is_none_or(|m| ok(m) && m > self.birth)
    }
}
