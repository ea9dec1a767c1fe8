//! # pension-rules
//!
//! China's basic old-age insurance for urban enterprise employees
//! (城镇企业职工基本养老保险), computed exactly (to the fen) from versioned,
//! cited rule sets: national rules as the base layer, provinces (Shaanxi
//! first) layered over them, reform scenarios as overlays.
//!
//! Start with [`Engine`]: built once from a rule set, it answers every
//! computation — contribution, payroll, account, retirement, award,
//! transfer, survivor benefits, adjustment, projection — with a typed result
//! and its explanation. The CLI, the Python wheel and the WASM package call
//! the same `Engine`. The README shows an award with its 核定表, a payroll
//! and a pinned rule set.
//!
//! ```
//! use pension_rules::Engine;
//! let engine = Engine::embedded("cn/shaanxi").unwrap();
//! let person = serde_json::json!({"category": "male", "birth": "1964-06",
//!     "retirement_month": "2024-06", "contribution_months": 360, "deemed_months": 120,
//!     "average_index": "0.8", "account_balance": "120000"});
//! let award = engine.award_result(&person, false).unwrap();
//! assert_eq!(award.total.to_string(), "4510.45");
//! ```
//!
//! Underneath, build once and evaluate many: a [`rules::RuleSet`] resolved
//! with [`rules::RuleSet::at`] into a [`rules::Snapshot`] of plain values.
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
pub mod bounds;
pub mod check;
pub mod contribution;
pub mod contribution_index;
pub mod decimal;
pub mod error;
mod json_fields;
mod json_reader;
pub mod json_text;
mod money;
pub mod payroll;
pub mod plan;
pub mod population;
pub mod projection;
pub mod retirement;
pub mod rounding;
pub mod rules;
pub mod schema;
pub mod survivor;
pub mod time;
pub mod trace;
pub mod transfer;

pub use api::Engine;
pub use error::{Error, FieldError, Result, RuleError};
pub use rounding::{Rounding, RoundingMode};
pub use time::{Age, YearMonth};

// The crate's README (its page on crates.io) is tested as documentation.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
