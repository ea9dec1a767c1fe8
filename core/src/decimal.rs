//! 数值文本 — the one strict grammar of every money, rate and index string.
//!
//! Every amount, rate and contribution index an input gives as text is read
//! here, whatever the format: JSON inputs (every `Decimal` field, through the
//! engine's value reader), population and payroll CSV cells, Parquet text
//! cells, command-line flags, rule files and overlays (TOML). The grammar is
//!
//! ```text
//! -?[0-9]+(\.[0-9]+)?
//! ```
//!
//! digits, one optional point with digits on both sides, and a leading `-`
//! only where the field allows a negative value ([`Sign`]). No `+`, no
//! exponent (`8e-1`), no underscore (`1_000`), no leading or trailing point
//! (`.5`, `3000.`), no spaces inside. It is the `pattern` of every decimal
//! string in the JSON Schema (docs/schema). Surrounding whitespace is not
//! part of a value: JSON and TOML strings carrying it are refused; CSV cells
//! and command-line flags are trimmed by their readers before they come here
//! (a spreadsheet pads cells). `rust_decimal`'s own `from_str` is more
//! lenient (it reads `"1_0"` as 10 and `"8e-1"` as 0.8 through serde):
//! nothing in core reads an input decimal with it.
//!
//! A value with more digits than a decimal holds exactly (28 after the
//! point, or beyond about 7.9 × 10²⁸) is refused, never rounded.

use rust_decimal::Decimal;

/// Whether a field's value may be negative (a `-` sign allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// Only `0` and above: amounts, bases, indices, counts of money.
    NonNegative,
    /// A leading `-` allowed: growth assumptions, adjustments, differences.
    Any,
}

/// Why a decimal string was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecimalError {
    /// Not the grammar (`1_0`, `+3000`, `3000.`, `8e-1`, `" 5"`).
    #[error("{}", EXPECTED)]
    Malformed,
    /// A `-` where the field allows no negative value.
    #[error(
        "expected a decimal like 3000.50: digits with an optional point; no sign, exponent, underscore or spaces (this value cannot be negative)"
    )]
    Negative,
    /// More digits than a decimal holds exactly.
    #[error(
        "too many digits: a decimal holds at most 28 digits after the point and values below about 7.9e28"
    )]
    TooLong,
}

/// The grammar's message for a value that is not a decimal (what the
/// JSON Schema's `pattern` says in words).
pub const EXPECTED: &str = "expected a decimal like 3000.50: digits with an optional point (a leading '-' only where a negative value is allowed); no '+', exponent, underscore or spaces";

/// Read `s` under the strict grammar ([module docs](self)).
///
/// ```
/// use pension_rules::decimal::{parse, Sign};
/// assert_eq!(parse("3000.50", Sign::NonNegative).unwrap().to_string(), "3000.50");
/// assert_eq!(parse("-0.5", Sign::Any).unwrap().to_string(), "-0.5");
/// for bad in ["1_0", "1_000", "+3000", "3000.", ".5", "8e-1", " 1", "1 000", "", "-"] {
///     assert!(parse(bad, Sign::Any).is_err(), "{bad}");
/// }
/// assert!(parse("-1", Sign::NonNegative).is_err());
/// ```
pub fn parse(s: &str, sign: Sign) -> Result<Decimal, DecimalError> {
    // Up to 18 digits fit an i64 mantissa: the common case, in one pass.
    const FAST_DIGITS: u32 = 18;
    let b = s.as_bytes();
    let (negative, body) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        _ => (false, b),
    };
    let (mut m, mut digits, mut scale, mut point, mut last) = (0i64, 0u32, 0u32, false, 0u8);
    for &c in body {
        match c {
            b'0'..=b'9' => {
                if digits < FAST_DIGITS {
                    m = m * 10 + i64::from(c - b'0');
                }
                digits += 1;
                scale += u32::from(point);
            }
            b'.' if !point && digits > 0 => point = true,
            _ => return Err(DecimalError::Malformed),
        }
        last = c;
    }
    if digits == 0 || last == b'.' {
        return Err(DecimalError::Malformed);
    }
    if negative && sign == Sign::NonNegative {
        return Err(DecimalError::Negative);
    }
    if digits <= FAST_DIGITS {
        return Ok(Decimal::new(if negative { -m } else { m }, scale));
    }
    // Long values: the grammar holds, so `from_str_exact` reads exactly
    // these digits or says they do not fit.
    Decimal::from_str_exact(s).map_err(|_| DecimalError::TooLong)
}

/// Whether `s` is in the grammar (either sign), without reading it.
pub fn is_strict(s: &str) -> bool {
    !matches!(parse(s, Sign::Any), Err(DecimalError::Malformed))
}

/// The refusal of `s` as one message: what is wrong and the value echoed
/// (cut to a sensible length, [`crate::error::echo`]).
pub fn refusal(s: &str, e: DecimalError) -> String {
    format!("{e}; got {}", crate::error::echo(s))
}

/// A decimal read from a string under the strict grammar, whatever the
/// deserializer (JSON value, CSV record, DataFrame cell): what
/// `#[serde(deserialize_with)]` fields use where a foreign deserializer
/// reads them (`rust_decimal`'s own reading is lenient).
struct Strict(Decimal);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Strict;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a decimal string like \"3000.50\"")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Strict, E> {
                parse(s, Sign::Any)
                    .map(Strict)
                    .map_err(|e| E::custom(refusal(s, e)))
            }
        }
        d.deserialize_str(V)
    }
}

/// `#[serde(default, deserialize_with = "crate::decimal::optional")]`: an
/// optional decimal under the strict grammar.
pub fn optional<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    Ok(<Option<Strict> as serde::Deserialize>::deserialize(d)?.map(|s| s.0))
}

/// Append `d` as its `Display` writes it (`-0.05`, `4510.45`, `12`: every
/// digit of its scale) without going through a formatter: the per-person
/// CSV writes millions of these (docs/population.md, "Streaming and
/// memory").
///
/// ```
/// use rust_decimal::Decimal;
/// let mut out = vec![];
/// for s in ["4510.45", "-0.05", "0.00", "12", "0.1000"] {
///     let d: Decimal = s.parse().unwrap();
///     out.clear();
///     pension_rules::decimal::write(&mut out, d);
///     assert_eq!(std::str::from_utf8(&out).unwrap(), d.to_string());
/// }
/// ```
pub fn write(out: &mut Vec<u8>, d: Decimal) {
    if d.is_sign_negative() {
        out.push(b'-');
    }
    let scale = d.scale() as usize;
    // The digits of |mantissa|, last first, at least scale + 1 of them.
    let mut digits = [b'0'; 40];
    let mut n = 0;
    let wide = d.mantissa().unsigned_abs();
    match u64::try_from(wide) {
        // Nearly always: 64-bit division is far cheaper than 128-bit.
        Ok(mut m) => {
            while m > 0 {
                digits[n] = b'0' + (m % 10) as u8;
                m /= 10;
                n += 1;
            }
        }
        Err(_) => {
            let mut m = wide;
            while m > 0 {
                digits[n] = b'0' + (m % 10) as u8;
                m /= 10;
                n += 1;
            }
        }
    }
    let n = n.max(scale + 1);
    for i in (0..n).rev() {
        out.push(digits[i]);
        if i == scale && scale > 0 {
            out.push(b'.');
        }
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_issue_strings_are_refused() {
        for bad in [
            "1_0", "1_000", "+3000", "3000.", "8e-1", ".5", "1.2.3", "1e5", "- 1", "--1", "0x10",
            "1,000", "NaN", "inf", "١٢",
        ] {
            assert_eq!(
                parse(bad, Sign::Any),
                Err(DecimalError::Malformed),
                "{bad:?}"
            );
        }
        assert_eq!(parse("-3", Sign::NonNegative), Err(DecimalError::Negative));
        assert_eq!(
            parse("0.12345678901234567890123456789", Sign::Any),
            Err(DecimalError::TooLong)
        );
        assert_eq!(
            parse("99999999999999999999999999999", Sign::Any),
            Err(DecimalError::TooLong)
        );
        assert_eq!(
            parse("0000000000000000000000012.5", Sign::Any)
                .unwrap()
                .to_string(),
            "12.5"
        );
    }

    #[test]
    fn refusals_echo_a_cut_value() {
        let long = "x".repeat(10_000_000);
        let m = refusal(&long, DecimalError::Malformed);
        assert!(m.len() < 400, "{}", m.len());
        assert!(m.ends_with("…\""), "{m}");
    }

    proptest! {
        /// [`write`] writes what `Display` writes, for any mantissa, scale
        /// and sign (negative zero included).
        #[test]
        fn write_is_display(lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(), neg: bool, scale in 0u32..=28) {
            let d = Decimal::from_parts(lo, mid, hi, neg, scale);
            let mut out = vec![];
            write(&mut out, d);
            prop_assert_eq!(String::from_utf8(out).unwrap(), d.to_string());
            let small = Decimal::from_parts(lo % 1000, 0, 0, neg, scale.min(4));
            let mut out = vec![];
            write(&mut out, small);
            prop_assert_eq!(String::from_utf8(out).unwrap(), small.to_string());
        }

        /// Every string the grammar accepts reads as `from_str` reads it
        /// (same value, same scale).
        #[test]
        fn accepted_strings_read_as_from_str(
            neg in any::<bool>(),
            int in "[0-9]{1,30}",
            frac in proptest::option::of("[0-9]{1,30}"),
        ) {
            let s = format!("{}{int}{}", if neg { "-" } else { "" },
                frac.map(|f| format!(".{f}")).unwrap_or_default());
            if let Ok(d) = parse(&s, Sign::Any) {
                let f = Decimal::from_str(&s).unwrap();
                prop_assert_eq!(d, f);
                prop_assert_eq!(d.scale(), f.scale());
            } else {
                // Refused only for its length.
                prop_assert_eq!(parse(&s, Sign::Any), Err(DecimalError::TooLong));
            }
        }

        /// Any string: accepted only when it matches the grammar.
        #[test]
        fn only_the_grammar_is_accepted(s in "[-+0-9._e ]{0,12}") {
            let grammar = {
                let t = s.strip_prefix('-').unwrap_or(&s);
                let mut parts = t.split('.');
                let a = parts.next().unwrap_or("");
                let b = parts.next();
                parts.next().is_none()
                    && !a.is_empty() && a.bytes().all(|c| c.is_ascii_digit())
                    && b.is_none_or(|b| !b.is_empty() && b.bytes().all(|c| c.is_ascii_digit()))
            };
            prop_assert_eq!(parse(&s, Sign::Any).is_ok(), grammar);
        }
    }
}
