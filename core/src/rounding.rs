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
    /// 见分进角: cut to one more place than kept (ignore what lies below
    /// it), then round away from zero — with money at 1 place, any 分
    /// raises the 角 (Guangxi, Zhejiang sheets).
    UpAfterTruncate,
}

impl RoundingMode {
    /// The names accepted in rule files.
    pub const NAMES: &'static [&'static str] =
        &["half_up", "half_even", "down", "up", "up_after_truncate"];

    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Up | RoundingMode::UpAfterTruncate => RoundingStrategy::AwayFromZero,
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
            "up_after_truncate" => Ok(Self::UpAfterTruncate),
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
            Self::UpAfterTruncate => "up_after_truncate",
        })
    }
}

/// A rounding rule: decimal places and mode.
///
/// ```
/// use pension_rules::{Rounding, RoundingMode};
/// use rust_decimal::Decimal;
/// let fen = Rounding::new(2, RoundingMode::HalfUp);
/// let x: Decimal = "1438.848".parse().unwrap();
/// assert_eq!(fen.apply(x).to_string(), "1438.85");
/// // 见分进角: 1438.848 → cut to 1438.84 → up to the 角: 1438.9; 1438.805 → 1438.8.
/// let jiao = Rounding::new(1, RoundingMode::UpAfterTruncate);
/// assert_eq!(jiao.apply(x).to_string(), "1438.9");
/// assert_eq!(jiao.apply("1438.805".parse().unwrap()).to_string(), "1438.8");
/// // Half-year steps, rounded up (years 41 y 1 m → 41.5).
/// let half = Rounding { step: Some("0.5".parse().unwrap()), ..Rounding::new(1, RoundingMode::Up) };
/// assert_eq!(half.apply("41.0833".parse().unwrap()).to_string(), "41.5");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Rounding {
    /// Decimal places kept.
    pub scale: u32,
    /// How the dropped part is rounded.
    pub mode: RoundingMode,
    /// Round to multiples of this step instead of to the last place
    /// (years in half-year steps: `0.5`); the result keeps `scale` places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Decimal>,
}

impl Rounding {
    /// Round `x`, keeping exactly `scale` decimal places.
    pub fn apply(self, x: Decimal) -> Decimal {
        let mut r = match self.step {
            Some(step) if step > Decimal::ZERO => {
                // x / step to a whole number by the mode, times the step.
                x.checked_div(step)
                    .map(|q| Self::new(0, self.mode).apply(q))
                    .and_then(|q| q.checked_mul(step))
                    .unwrap_or(x)
            }
            _ => {
                let x = match self.mode {
                    RoundingMode::UpAfterTruncate => {
                        x.round_dp_with_strategy(self.scale + 1, RoundingStrategy::ToZero)
                    }
                    _ => x,
                };
                x.round_dp_with_strategy(self.scale, self.mode.strategy())
            }
        };
        r.rescale(self.scale);
        r
    }

    /// A rounding to `scale` places by `mode`, without a step.
    pub const fn new(scale: u32, mode: RoundingMode) -> Rounding {
        Rounding {
            scale,
            mode,
            step: None,
        }
    }
}

impl fmt::Display for Rounding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.step {
            Some(step) => write!(f, "steps of {step}, {}", self.mode),
            None => write!(f, "{} places, {}", self.scale, self.mode),
        }
    }
}
