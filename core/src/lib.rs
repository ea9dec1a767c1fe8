//! # pension-rules
//!
//! China's basic old-age insurance for urban enterprise employees
//! (城镇企业职工基本养老保险), computed exactly (to the fen) from versioned,
//! cited rule sets: national rules as the base layer, provinces (Shaanxi
//! first) layered over them, reform scenarios as overlays.
//!
//! Build once, evaluate many: load a [`rules::RuleSet`], resolve it with
//! [`rules::RuleSet::at`] into a [`rules::Snapshot`], then compute.
//!
//! ```
//! use pension_rules::rules::RuleSet;
//! let rules = RuleSet::embedded("cn/shaanxi").unwrap();
//! println!("{} {} {}", rules.id(), rules.version(), rules.hash());
//! let snap = rules.at("2025-01-01".parse().unwrap());
//! let base = snap.award.pension_base.get(2024).unwrap();
//! assert_eq!(base.value.to_string(), "7727");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod account;
pub mod adjustment;
pub mod annuity_divisor;
pub mod api;
pub mod award;
pub mod check;
pub mod contribution;
pub mod contribution_index;
pub mod error;
mod json_fields;
pub mod payroll;
pub mod population;
pub mod projection;
pub mod retirement;
pub mod rounding;
pub mod rules;
pub mod survivor;
pub mod time;
pub mod trace;
pub mod transfer;

pub use error::{Error, FieldError, Result, RuleError};
pub use rounding::{Rounding, RoundingMode};
pub use time::{Age, YearMonth};
