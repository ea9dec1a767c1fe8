//! `pension-rules`: inspect rule sets, run conformance vectors, compute cases.
//!
//! Every command exits non-zero with the message on stderr when it fails.
//! Nothing is printed with `println!`: every write is checked (crate::pipe,
//! crate::output).
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod account_cmd;
mod adjust_cmd;
mod award_cmd;
mod check_cmd;
mod common;
mod compute_cmd;
mod contribution_cmd;
mod errors;
mod output;
mod parquet_io;
#[cfg(feature = "parquet")]
mod parquet_typed;
mod pin;
mod pipe;
mod plan_cmd;
mod project_cmd;
mod retirement_cmd;
mod rules_cmd;
mod rules_diff;
mod schema_cmd;
#[cfg(feature = "serve")]
mod serve_cmd;
mod simulate_cmd;
mod survivor_cmd;
mod transfer_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use pension_rules::api::Engine;
use pension_rules::rules::{Catalog, RuleSet};

/// China's basic old-age insurance for urban enterprise employees, from cited rule sets.
#[derive(Debug, Parser)]
#[command(name = "pension-rules", version, about, long_about = None)]
struct Cli {
    /// Load rule sets from this directory (holding `ruleset.toml` files)
    /// before the embedded ones.
    #[arg(long, global = true, value_name = "DIR")]
    rules_dir: Option<PathBuf>,
    /// Refuse rule set ID unless its content hash is HASH (as `rules hash`
    /// prints it); repeat for several sets.
    #[arg(long, global = true, value_name = "ID=HASH", value_parser = pin::parse)]
    pin: Vec<(String, String)>,
    /// Language of error messages, and of the explanation of `explain` and
    /// `award --explain` (default for errors: zh when LC_ALL or LANG starts
    /// with `zh`, else en; for explanations: zh).
    #[arg(long, global = true, value_enum)]
    lang: Option<errors::Lang>,
    /// Let a set of --rules-dir replace a shipped set with the same id and
    /// version but other content (refused otherwise: `ruleset_conflict`);
    /// each replacement is announced on stderr and in the results' rule-set
    /// identity (`overrides`).
    #[arg(long, global = true)]
    allow_override: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List, show, validate and hash rule sets.
    #[command(subcommand)]
    Rules(rules_cmd::RulesCmd),
    /// Run conformance vector files (see docs/vectors.md).
    Check(check_cmd::CheckArgs),
    /// One person's retirement age, month, elastic window and eligibility,
    /// or a cohort table (`--table`).
    Retirement(retirement_cmd::RetirementArgs),
    /// Funeral grant and survivor allowance (遗属待遇) for one death.
    Survivor(survivor_cmd::SurvivorArgs),
    /// Assess one month's contribution, or a unit's payroll (--payroll FILE).
    Contribution(contribution_cmd::ContributionArgs),
    /// Individual account statement from credits (JSON or CSV).
    Account(account_cmd::AccountArgs),
    /// A retiree's yearly pension adjustment (基本养老金调整), or a chain of years.
    Adjust(adjust_cmd::AdjustArgs),
    /// Compute a pension award (待遇核定) from a JSON case.
    Award(award_cmd::AwardArgs),
    /// Explain a pension award in words, with the legal sources.
    Explain(award_cmd::ExplainArgs),
    /// A population under a baseline and reforms: per-person CSV and a summary.
    Simulate(simulate_cmd::SimulateArgs),
    /// A person's future years under stated assumptions (养老金测算): the
    /// yearly path and the estimated award.
    Project(project_cmd::ProjectArgs),
    /// When to retire and what to pay (退休与缴费规划): every month of the
    /// elastic window × future bases, with eligibility, cost, break-even
    /// and lifetime value.
    Plan(plan_cmd::PlanArgs),
    /// Any computation kind from a JSON input, through the engine's one
    /// generic call; the result as JSON (see `schema KIND --output`).
    Compute(compute_cmd::ComputeArgs),
    /// The JSON Schema of a computation's input (or, with --output, its
    /// result), of the error report, or all of them (docs/schema/).
    Schema(schema_cmd::SchemaArgs),
    /// Plan an inter-province transfer (转移接续): benefit place and why,
    /// temporary accounts, the money of each move, the award there.
    Transfer(transfer_cmd::TransferArgs),
    /// The HTTP JSON service (OpenAPI at /openapi.json; docs/service.md).
    #[cfg(feature = "serve")]
    Serve(serve_cmd::ServeArgs),
}

/// Where rule sets come from: the `--rules-dir` catalog, then the shipped
/// sets, each refused unless its `--pin`s hold. Every command computes
/// through an [`Engine`] built here on the rule set it names, so the CLI
/// picks rules and reads inputs exactly as the Python and WASM bindings do.
#[derive(Debug)]
pub(crate) struct Source {
    catalog: Option<Catalog>,
    pins: Vec<(String, String)>,
    /// Replacements of shipped sets already announced on stderr.
    announced: std::sync::Mutex<std::collections::BTreeSet<String>>,
    /// `--allow-override`.
    pub(crate) allow_override: bool,
    /// `--rules-dir`, for `serve` (which reloads it on SIGHUP).
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    dir: Option<PathBuf>,
}

impl Source {
    fn new(
        dir: Option<&PathBuf>,
        pins: Vec<(String, String)>,
        allow_override: bool,
    ) -> Result<Self, String> {
        let catalog = match dir {
            Some(d) => Some(
                Catalog::from_dir(d)
                    .map_err(|e| errors::describe(&pension_rules::Error::from(e)))?
                    .allowing_override(allow_override),
            ),
            None => None,
        };
        Ok(Source {
            catalog,
            pins,
            announced: Default::default(),
            allow_override,
            dir: dir.cloned(),
        })
    }

    /// The engine on rule set `id` (a load or pin failure as the core error);
    /// a shipped set replaced by one of `--rules-dir` (`--allow-override`)
    /// is announced on stderr, once.
    pub(crate) fn try_engine(&self, id: &str) -> Result<Engine, pension_rules::Error> {
        let engine = Engine::load_pinned(id, self.catalog.clone(), &self.pins)?;
        let identity = engine.rules().identity();
        if let Some(replaced) = &identity.overrides
            && self
                .announced
                .lock()
                .is_ok_and(|mut seen| seen.insert(replaced.clone()))
        {
            crate::pipe::errln!(
                "warning: rule set {} {} from {} (sha256:{}) replaces the shipped {replaced} (--allow-override)",
                identity.id,
                identity.version,
                identity.origin,
                &identity.hash[..12]
            );
        }
        Ok(engine)
    }

    /// The engine on rule set `id`, a failure described for the command line.
    pub(crate) fn engine(&self, id: &str) -> Result<Engine, String> {
        self.try_engine(id).map_err(|e| errors::describe(&e))
    }

    /// Rule set `id` alone (the `rules` commands, overlays of `simulate`).
    pub(crate) fn load(&self, id: &str) -> Result<RuleSet, pension_rules::Error> {
        Ok(self.try_engine(id)?.rules().clone())
    }

    /// What each provincial and city rule set covers (`rules coverage`).
    pub(crate) fn coverage(&self) -> Vec<pension_rules::rules::coverage::CoverageRow> {
        pension_rules::api::coverage(self.catalog.as_ref())
    }

    /// Ids available, shipped first ([`Engine::ids`]).
    pub(crate) fn ids(&self) -> Vec<String> {
        pension_rules::api::ids(self.catalog.as_ref())
    }

    /// The rules directory given, if any (`rules site`).
    pub(crate) fn catalog(&self) -> Option<&Catalog> {
        self.catalog.as_ref()
    }
}

/// mimalloc: cheaper than glibc's allocator for the per-row allocations of
/// a population run on every core (benches/README.md, "1 M persons CSV → CSV").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli: Cli = errors::parse_args();
    let lang = cli.lang.unwrap_or_else(errors::env_lang);
    let result = Source::new(cli.rules_dir.as_ref(), cli.pin, cli.allow_override)
        .and_then(|source| run(cli.command, cli.lang, &source));
    // Stdout flushed and checked; a broken pipe anywhere is the quiet 141.
    match pipe::finish(result) {
        Ok(code) => code,
        Err(errors) => {
            for e in errors {
                pipe::errln!("error: {}", errors::localize(&e, lang));
            }
            ExitCode::from(2)
        }
    }
}

fn run(command: Command, lang: Option<errors::Lang>, source: &Source) -> Result<ExitCode, String> {
    match command {
        Command::Rules(cmd) => rules_cmd::run(cmd, source),
        Command::Check(args) => check_cmd::run(args, source),
        Command::Retirement(args) => retirement_cmd::run(args, source),
        Command::Survivor(args) => survivor_cmd::run(args, source),
        Command::Contribution(args) => contribution_cmd::run(args, source),
        Command::Account(args) => account_cmd::run(args, source),
        Command::Adjust(args) => adjust_cmd::run(args, source),
        Command::Award(args) => award_cmd::run_award(args, lang, source),
        Command::Explain(args) => award_cmd::run_explain(args, lang, source),
        Command::Simulate(args) => simulate_cmd::run(args, source),
        Command::Transfer(args) => transfer_cmd::run(args, source),
        Command::Project(args) => project_cmd::run(args, source),
        Command::Schema(args) => schema_cmd::run(args),
        Command::Compute(args) => compute_cmd::run(args, source),
        Command::Plan(args) => plan_cmd::run(args, source),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve_cmd::run(args, source),
    }
}
