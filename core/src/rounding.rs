//! Rounding as data: each quantity names its scale and mode in the rule set.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// How a value is rounded at a given scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// 四舍五入: half away from zero.
    HalfUp,
    /// Banker's rounding: half to even.
    HalfEven,
    /// 舍去: toward zero (truncate).
    Down,
    /// 进位: away from zero.
    Up,
}

impl RoundingMode {
    /// The names accepted in rule files.
    pub const NAMES: &'static [&'static str] = &["half_up", "half_even", "down", "up"];

    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
        }
    }
}

impl FromStr for RoundingMode {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "half_up" => Ok(Self::HalfUp),
            "half_even" => Ok(Self::HalfEven),
            "down" => Ok(Self::Down),
            "up" => Ok(Self::Up),
            _ => Err(()),
        }
    }
}

impl fmt::Display for RoundingMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::HalfUp => "half_up",
            Self::HalfEven => "half_even",
            Self::Down => "down",
            Self::Up => "up",
        })
    }
}

/// A rounding rule: decimal places and mode.
///
/// ```
/// use pension_rules::{Rounding, RoundingMode};
/// use rust_decimal::Decimal;
/// let fen = Rounding { scale: 2, mode: RoundingMode::HalfUp };
/// let x: Decimal = "1438.848".parse().unwrap();
/// assert_eq!(fen.apply(x).to_string(), "1438.85");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Rounding {
    /// Decimal places kept.
    pub scale: u32,
    /// How the dropped part is rounded.
    pub mode: RoundingMode,
}

impl Rounding {
    /// Round `x`, keeping exactly `scale` decimal places.
    pub fn apply(self, x: Decimal) -> Decimal {
        let mut r = x.round_dp_with_strategy(self.scale, self.mode.strategy());
        r.rescale(self.scale);
        r
    }
}

impl fmt::Display for Rounding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} places, {}", self.scale, self.mode)
    }
}
