//! 金额 — exact money: checked decimal arithmetic and the rounding to money.
//!
//! Every amount is a [`Decimal`] read from a string, never an `f64` (a float
//! cannot carry a fen exactly). A sum, product or quotient outside the
//! decimal range is not a panic and not a wrong figure: it is an input error
//! at the field whose size caused it ([`too_large`]), with one message for
//! every engine. Rounding to money follows the rule set's rounding
//! (`rounding.money`, [`Rounding`]); [`product`] is the common `round(a × b)`
//! of a credit or a contribution.

use rust_decimal::Decimal;

use crate::error::Error;
use crate::rounding::Rounding;

/// The message of a computation outside the decimal range.
pub(crate) const TOO_LARGE: &str = "too large to compute exactly (outside the decimal range)";

/// The input error of a computation outside the decimal range, at `path`.
pub(crate) fn too_large(path: impl Into<String>) -> Error {
    Error::field(path, TOO_LARGE)
}

/// A checked computation (`Option<Decimal>`, `None` on overflow) made an
/// input error at `path`.
pub(crate) trait Checked: Sized {
    /// The value, or [`too_large`] at `path`.
    fn or_too_large(self, path: &str) -> Result<Decimal, Error>;
}

impl Checked for Option<Decimal> {
    fn or_too_large(self, path: &str) -> Result<Decimal, Error> {
        self.ok_or_else(|| too_large(path))
    }
}

/// `a + b`, or [`too_large`] at `path`.
pub(crate) fn add(a: Decimal, b: Decimal, path: &str) -> Result<Decimal, Error> {
    a.checked_add(b).or_too_large(path)
}

/// `a × b`, or [`too_large`] at `path`.
pub(crate) fn mul(a: Decimal, b: Decimal, path: &str) -> Result<Decimal, Error> {
    a.checked_mul(b).or_too_large(path)
}

/// `a ÷ b`, or [`too_large`] at `path` (also for `b = 0`: callers divide by
/// rule values and counts they have checked).
pub(crate) fn div(a: Decimal, b: Decimal, path: &str) -> Result<Decimal, Error> {
    a.checked_div(b).or_too_large(path)
}

/// `round(a × b)` to money under `round` (a credit: base × rate; a pooled
/// amount: rate × bases), or [`too_large`] at `path`.
pub(crate) fn product(
    a: Decimal,
    b: Decimal,
    round: Rounding,
    path: &str,
) -> Result<Decimal, Error> {
    mul(a, b, path).map(|x| round.apply(x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rounding::RoundingMode;

    #[test]
    fn overflow_is_an_input_error_at_its_field() {
        let e = mul(Decimal::MAX, Decimal::TWO, "history[0].base").unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert_eq!(e.fields()[0].path, "history[0].base");
        assert_eq!(e.fields()[0].message, TOO_LARGE);
        assert!(add(Decimal::MAX, Decimal::ONE, "x").is_err());
        assert!(div(Decimal::ONE, Decimal::ZERO, "x").is_err());
    }

    #[test]
    fn product_rounds_to_money() {
        let fen = Rounding::new(2, RoundingMode::HalfUp);
        let base: Decimal = "6000.5".parse().unwrap_or_default();
        let rate: Decimal = "0.08".parse().unwrap_or_default();
        assert_eq!(
            product(base, rate, fen, "base").unwrap().to_string(),
            "480.04"
        );
    }
}
