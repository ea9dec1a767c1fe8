//! The computations of the front door, each registered once.
//!
//! A kind is a [`Computation`]: how its JSON input is read (every field
//! problem at once, [`crate::api::parse_input`]), the typed call on the
//! [`Engine`] (snapshots cached there), its headline figures and the JSON
//! Schemas of its input and result. [`Kind`] and its list are made by
//! `kinds!` from one table, and every generic entry —
//! [`Engine::compute`], [`Engine::figures`], [`crate::schema::input`] and
//! [`crate::schema::output`] — dispatches through [`Kind::visit`]: adding a
//! kind is its domain module, its `impl Computation` here and one line in
//! the table; every front end (CLI, Python, WASM, HTTP, the conformance
//! runner) and the schema files then offer it.

use schemars::{Schema, SchemaGenerator};
use serde::Serialize;
use serde_json::{Map, Value};

use super::Engine;
use super::Traced;
use super::award_view::{AwardOptions, RecomputeInput};
use super::payroll_case::{PayrollDeclaration, PayrollInput};
use super::projection_case::{ProjectionCase, ProjectionResult};
use crate::account::{AccountInput, AccountStatement};
use crate::adjustment::{AdjustmentInput, AdjustmentResult};
use crate::award::{Award, AwardInput, Recomputation};
use crate::contribution::{Contribution, ContributionInput};
use crate::error::Error;
use crate::plan::{Plan, PlanInput};
use crate::retirement::{RetirementInput, RetirementResult};
use crate::survivor::{SurvivorInput, SurvivorResult};
use crate::transfer::{Transfer, TransferInput};

/// One computation kind: its input, its typed result, the call and its
/// contract.
pub trait Computation {
    /// The kind's name in [`Kind`].
    const KIND: Kind;
    /// The input as read.
    type Input;
    /// The typed result (serialized as [`Engine::compute`] writes it).
    type Output: Serialize;
    /// Read a JSON input, every field problem at once with its path;
    /// exact integers are taken where decimals belong, floats refused.
    fn read(input: &Value) -> Result<Self::Input, Error>;
    /// Compute, on the rules in force when the case happens (see
    /// [`Engine::compute`]).
    fn run(engine: &Engine, input: &Self::Input, trace: bool) -> Result<Self::Output, Error>;
    /// The headline figures by field name (a batch row, a worked case's
    /// comparison).
    fn figures(output: &Self::Output) -> Map<String, Value>;
    /// The JSON Schema of the input (as a root schema).
    fn input_schema(g: &mut SchemaGenerator) -> Schema;
    /// The JSON Schema of the result (as a root schema).
    fn output_schema(g: &mut SchemaGenerator) -> Schema;
}

/// An operation over every kind, generic in the [`Computation`]: what
/// [`Kind::visit`] runs for the kind it is called on.
pub trait KindVisitor {
    /// What the operation gives.
    type Output;
    /// Run it for `C`.
    fn visit<C: Computation>(self) -> Self::Output;
}

/// The table of kinds: the enum, its list, names and dispatch.
macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident = $name:literal => $computation:ty,)*) => {
        /// A computation the engine offers through this front door (named as
        /// the vector format's kinds).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Kind {
            $($(#[$doc])* $variant,)*
        }

        impl Kind {
            /// Every kind, in the order front ends list them.
            pub const ALL: &[Kind] = &[$(Kind::$variant),*];

            /// The vector-format name (`retirement`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Kind::$variant => $name,)*
                }
            }

            /// Run `v` for this kind's [`Computation`].
            pub fn visit<V: KindVisitor>(self, v: V) -> V::Output {
                match self {
                    $(Kind::$variant => v.visit::<$computation>(),)*
                }
            }
        }
    };
}

kinds! {
    /// 缴费: one month's contribution base and amounts
    /// ([`crate::contribution`]).
    Contribution = "contribution" => ContributionKind,
    /// 单位缴费申报: a unit's payroll for a month or a year, one line or
    /// error per row, totals and the rows that need attention
    /// ([`crate::payroll`], [`super::payroll_case`]).
    Payroll = "payroll" => PayrollKind,
    /// 个人账户: the account ledger with yearly interest ([`crate::account`]).
    Account = "account" => AccountKind,
    /// 退休: statutory age and month, elastic window, eligibility
    /// ([`crate::retirement`]).
    Retirement = "retirement" => RetirementKind,
    /// 待遇核定: the pension award ([`crate::award`]).
    Award = "award" => AwardKind,
    /// 重新核定与补发: an award approved on a provisional (预发) base,
    /// recomputed once the final base is published, with the arrears owed
    /// ([`crate::award::recompute`], [`super::award_view`]).
    Recompute = "recompute" => RecomputeKind,
    /// 关系转移接续: benefit place, temporary accounts, money moved and the
    /// award at the receiving place ([`crate::transfer`]).
    Transfer = "transfer" => TransferKind,
    /// 基本养老金调整: one year's pension adjustment ([`crate::adjustment`]).
    Adjustment = "adjustment" => AdjustmentKind,
    /// 遗属待遇: funeral grant and survivor allowance ([`crate::survivor`]).
    Survivor = "survivor" => SurvivorKind,
    /// 养老金测算: future years under stated assumptions, the yearly path
    /// and the estimated award ([`crate::projection`]).
    Projection = "projection" => ProjectionKind,
    /// 退休与缴费规划: the projection over retirement months × future
    /// bases, with eligibility, own contributions, break-even and lifetime
    /// value ([`crate::plan`]).
    Plan = "plan" => PlanKind,
}

/// A result's JSON object as its figures (`payroll` and `recompute` give
/// their whole result).
fn whole<T: Serialize>(output: &T) -> Map<String, Value> {
    match serde_json::to_value(output) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// A result with its trace is named as the result (the bindings' type).
fn titled(mut s: Schema, title: &str) -> Schema {
    s.insert("title".into(), title.into());
    s
}

/// A kind whose input type is read by `read`, computed by `Engine::$run`,
/// with `figures` and the schemas of its own types (the result titled
/// where a trace wraps it).
macro_rules! computation {
    ($(#[$doc:meta])* $marker:ident = $kind:ident: $input:ty => $output:ty,
     read: $read:path, run: $run:ident, figures: |$o:ident| $figures:expr, title: $title:expr) => {
        computation! {
            $(#[$doc])* $marker = $kind: $input => $output,
            read: $read, run: $run, figures: |$o| $figures, title: $title,
            input_schema: |g| g.root_schema_for::<$input>()
        }
    };
    ($(#[$doc:meta])* $marker:ident = $kind:ident: $input:ty => $output:ty,
     read: $read:path, run: $run:ident, figures: |$o:ident| $figures:expr, title: $title:expr,
     input_schema: |$g:ident| $input_schema:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $marker;
        impl Computation for $marker {
            const KIND: Kind = Kind::$kind;
            type Input = $input;
            type Output = $output;
            fn read(input: &Value) -> Result<Self::Input, Error> {
                $read(input)
            }
            fn run(engine: &Engine, input: &Self::Input, trace: bool) -> Result<Self::Output, Error> {
                engine.$run(input, trace)
            }
            fn figures($o: &Self::Output) -> Map<String, Value> {
                $figures
            }
            fn input_schema($g: &mut SchemaGenerator) -> Schema {
                $input_schema
            }
            fn output_schema(g: &mut SchemaGenerator) -> Schema {
                let s = g.root_schema_for::<$output>();
                match $title {
                    Some(t) => titled(s, t),
                    None => s,
                }
            }
        }
    };
}

computation! {
    /// The [`Kind::Contribution`] computation.
    ContributionKind = Contribution: ContributionInput => Traced<Contribution>,
    read: ContributionInput::from_json, run: contribution, figures: |o| o.result.figures(), title: Some("ContributionResult")
}

/// The [`Kind::Payroll`] computation.
#[derive(Debug, Clone, Copy)]
pub struct PayrollKind;
impl Computation for PayrollKind {
    const KIND: Kind = Kind::Payroll;
    type Input = super::payroll_case::PayrollCase;
    type Output = PayrollDeclaration;
    fn read(input: &Value) -> Result<Self::Input, Error> {
        PayrollInput::read(input)
    }
    fn run(engine: &Engine, input: &Self::Input, trace: bool) -> Result<Self::Output, Error> {
        engine.payroll_declaration(&input.rows, input.period, trace)
    }
    fn figures(output: &Self::Output) -> Map<String, Value> {
        whole(output)
    }
    fn input_schema(g: &mut SchemaGenerator) -> Schema {
        g.root_schema_for::<PayrollInput>()
    }
    fn output_schema(g: &mut SchemaGenerator) -> Schema {
        g.root_schema_for::<Self::Output>()
    }
}

computation! {
    /// The [`Kind::Account`] computation.
    AccountKind = Account: AccountInput => Traced<AccountStatement>,
    read: AccountInput::from_json, run: account, figures: |o| o.result.figures(), title: Some("AccountStatement")
}

computation! {
    /// The [`Kind::Retirement`] computation.
    RetirementKind = Retirement: RetirementInput => RetirementResult,
    read: RetirementInput::from_json, run: retirement, figures: |o| o.figures(), title: None,
    input_schema: |_g| crate::schema::read_through_raw::<RetirementInput>()
}

computation! {
    /// The [`Kind::Award`] computation.
    AwardKind = Award: AwardInput => Award,
    read: AwardInput::from_json, run: award, figures: |o| o.figures(), title: None
}

/// The [`Kind::Recompute`] computation.
#[derive(Debug, Clone, Copy)]
pub struct RecomputeKind;
impl Computation for RecomputeKind {
    const KIND: Kind = Kind::Recompute;
    type Input = (AwardInput, AwardOptions);
    type Output = super::award_view::AwardView;
    fn read(input: &Value) -> Result<Self::Input, Error> {
        let case = RecomputeInput::read(input)?;
        Ok((AwardInput::from_json(&case.award)?, case.options))
    }
    fn run(engine: &Engine, input: &Self::Input, trace: bool) -> Result<Self::Output, Error> {
        engine.award_under(&input.0, &input.1, trace)
    }
    fn figures(output: &Self::Output) -> Map<String, Value> {
        whole(output)
    }
    fn input_schema(g: &mut SchemaGenerator) -> Schema {
        g.root_schema_for::<RecomputeInput>()
    }
    fn output_schema(g: &mut SchemaGenerator) -> Schema {
        g.root_schema_for::<Recomputation>()
    }
}

computation! {
    /// The [`Kind::Transfer`] computation.
    TransferKind = Transfer: TransferInput => Transfer,
    read: TransferInput::from_json, run: transfer, figures: |o| o.figures(), title: None
}

computation! {
    /// The [`Kind::Adjustment`] computation.
    AdjustmentKind = Adjustment: AdjustmentInput => AdjustmentResult,
    read: super::parse_input, run: adjustment, figures: |o| o.figures(), title: None
}

computation! {
    /// The [`Kind::Survivor`] computation.
    SurvivorKind = Survivor: SurvivorInput => SurvivorResult,
    read: super::parse_input, run: survivor, figures: |o| o.figures(), title: None
}

/// The [`Kind::Projection`] computation.
#[derive(Debug, Clone, Copy)]
pub struct ProjectionKind;
impl Computation for ProjectionKind {
    const KIND: Kind = Kind::Projection;
    type Input = ProjectionCase;
    type Output = ProjectionResult;
    fn read(input: &Value) -> Result<Self::Input, Error> {
        ProjectionCase::from_json(input)
    }
    fn run(engine: &Engine, input: &Self::Input, trace: bool) -> Result<Self::Output, Error> {
        engine.projection(input, trace)
    }
    fn figures(output: &Self::Output) -> Map<String, Value> {
        super::projection_case::figures(&output.projection)
    }
    fn input_schema(g: &mut SchemaGenerator) -> Schema {
        crate::schema::projection_input(g)
    }
    fn output_schema(g: &mut SchemaGenerator) -> Schema {
        crate::schema::projection_output(g)
    }
}

computation! {
    /// The [`Kind::Plan`] computation.
    PlanKind = Plan: PlanInput => Plan,
    read: PlanInput::from_json, run: plan, figures: |o| whole(o), title: None,
    input_schema: |g| crate::schema::plan_input(g)
}
