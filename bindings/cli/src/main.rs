//! `pension-rules`: inspect rule sets, run conformance vectors, compute cases.
//!
//! Every command exits non-zero with the message on stderr when it fails.

mod account_cmd;
mod adjust_cmd;
mod award_cmd;
mod check_cmd;
mod contribution_cmd;
mod errors;
mod parquet_io;
mod pin;
mod pipe;
mod project_cmd;
mod retirement_cmd;
mod rules_cmd;
mod rules_diff;
mod schema_cmd;
mod simulate_cmd;
mod survivor_cmd;
mod transfer_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
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
    /// The JSON Schema of a computation's input (or, with --output, its
    /// result), of the error report, or all of them (docs/schema/).
    Schema(schema_cmd::SchemaArgs),
    /// Plan an inter-province transfer (转移接续): benefit place and why,
    /// temporary accounts, the money of each move, the award there.
    Transfer(transfer_cmd::TransferArgs),
}

/// Where rule sets come from: `--rules-dir` first, then the embedded sets.
#[derive(Debug)]
pub(crate) struct Source {
    dir: Option<Catalog>,
    pins: Vec<(String, String)>,
}

impl Source {
    fn new(dir: Option<&PathBuf>) -> Result<Self, String> {
        let dir = match dir {
            Some(d) => Some(
                Catalog::from_dir(d)
                    .map_err(|e| errors::describe(&pension_rules::Error::from(e)))?,
            ),
            None => None,
        };
        Ok(Source { dir, pins: vec![] })
    }

    /// Load a rule set by id.
    pub(crate) fn load(&self, id: &str) -> Result<RuleSet, pension_rules::Error> {
        let rules = match &self.dir {
            Some(c) if c.ids().contains(&id) => c.load(id),
            _ => RuleSet::embedded(id),
        };
        pin::check(&self.pins, rules?)
    }

    /// Ids available.
    pub(crate) fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = RuleSet::embedded_ids()
            .into_iter()
            .map(String::from)
            .collect();
        if let Some(c) = &self.dir {
            for id in c.ids() {
                if !ids.iter().any(|i| i == id) {
                    ids.push(id.to_string());
                }
            }
        }
        ids
    }
}

fn main() -> ExitCode {
    pipe::quiet_on_broken_pipe();
    let cli: Cli = errors::parse_args();
    let source = match Source::new(cli.rules_dir.as_ref()) {
        Ok(s) => Source { pins: cli.pin, ..s },
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Rules(cmd) => rules_cmd::run(cmd, &source),
        Command::Check(args) => check_cmd::run(args, &source),
        Command::Retirement(args) => retirement_cmd::run(args, &source),
        Command::Survivor(args) => survivor_cmd::run(args, &source),
        Command::Contribution(args) => contribution_cmd::run(args, &source),
        Command::Account(args) => account_cmd::run(args, &source),
        Command::Adjust(args) => adjust_cmd::run(args, &source),
        Command::Award(args) => award_cmd::run_award(args, &source),
        Command::Explain(args) => award_cmd::run_explain(args, &source),
        Command::Simulate(args) => simulate_cmd::run(args, &source),
        Command::Transfer(args) => transfer_cmd::run(args, &source),
        Command::Project(args) => project_cmd::run(args, &source),
        Command::Schema(args) => schema_cmd::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
