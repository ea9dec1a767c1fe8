//! `pension-rules award FILE|-` and `pension-rules explain FILE|-`: the
//! pension award (待遇核定) of one person, as the engine's award view
//! ([`pension_rules::api::award_view`]) gives it.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use pension_rules::YearMonth;
use pension_rules::api::Engine;
use pension_rules::api::award_view::{AwardOptions, TextFormat};
use serde_json::Value;

use crate::Source;
use crate::common::{case_engine, emit, print_json};
use crate::errors::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// The award with its trace, as JSON.
    Json,
    /// A 核定表-style table.
    Table,
    /// The explanation in Chinese.
    Zh,
    /// The explanation in English.
    En,
}

#[derive(Debug, Clone, Args)]
pub(crate) struct CaseArgs {
    /// JSON file (`-` for stdin): the award input object, or a vector case
    /// `{"ruleset": …, "input": {…}}`.
    file: PathBuf,
    /// Rule-set id (overrides the case's `ruleset`), e.g. cn/shaanxi.
    #[arg(long, alias = "rules", value_name = "ID")]
    ruleset: Option<String>,
    /// The rules as known on this date: values published later (e.g. the
    /// final 计发基数) are not seen; the rules in force are still those of
    /// the retirement month. With `--arrears-through`, the provisional
    /// date (default: the first day of the retirement month).
    #[arg(long, alias = "known-on", value_name = "YYYY-MM-DD")]
    as_of: Option<NaiveDate>,
    /// The place (GB/T 2260 code, e.g. 610113) whose rules apply: the
    /// engine picks its city layer, else its province (overrides the
    /// input's `region`).
    #[arg(long, value_name = "CODE")]
    region: Option<String>,
    /// A person attribute a local extra depends on, `name=value`
    /// (`true`/`false` for yes/no attributes); repeatable; added to or
    /// overriding the input's `attributes`.
    #[arg(long = "attr", value_name = "NAME=VALUE", value_parser = parse_attr)]
    attrs: Vec<(String, Value)>,
}

/// `only_child=true` → (`only_child`, true); `class=a` → (`class`, "a").
fn parse_attr(s: &str) -> Result<(String, Value), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("expected NAME=VALUE, got {s:?}"))?;
    if k.trim().is_empty() {
        return Err(format!("expected NAME=VALUE, got {s:?}"));
    }
    let v = match v {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        other => Value::String(other.to_string()),
    };
    Ok((k.trim().to_string(), v))
}

#[derive(Debug, Args)]
pub(crate) struct AwardArgs {
    #[command(flatten)]
    case: CaseArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Recompute as known on this date (default: everything in the rule
    /// set) and report the difference to the `--as-of` award.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "arrears_through")]
    final_known_on: Option<NaiveDate>,
    /// Last month of arrears (补发) owed, inclusive; turns on the
    /// provisional → final recomputation.
    #[arg(long, value_name = "YYYY-MM")]
    arrears_through: Option<YearMonth>,
    /// With --format table: the explanation in words after the table (in
    /// the --lang language, default zh); JSON holds the trace anyway.
    #[arg(long, conflicts_with = "no_trace")]
    explain: bool,
    /// Leave the trace out (JSON only).
    #[arg(long)]
    no_trace: bool,
}

/// `explain --format`: the explanation in words, or its trace as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExplainFormat {
    /// Every step in words (the --lang language, default zh).
    Table,
    /// The trace: the rule set's identity and every step with its formula,
    /// inputs and sourced parameters.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    #[command(flatten)]
    case: CaseArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ExplainFormat,
}

/// The input, its engine and the options.
fn load(args: &CaseArgs, source: &Source) -> Result<(Value, Engine), String> {
    let (mut input, engine) = case_engine(&args.file, args.ruleset.as_deref(), source)?;
    if let Some(obj) = input.as_object_mut() {
        if let Some(r) = &args.region {
            obj.insert("region".into(), Value::String(r.clone()));
        }
        if !args.attrs.is_empty() {
            let attrs = obj
                .entry("attributes")
                .or_insert_with(|| Value::Object(Default::default()));
            // Not an object: left as given, for the engine to refuse.
            if let Some(m) = attrs.as_object_mut() {
                for (k, v) in &args.attrs {
                    m.insert(k.clone(), v.clone());
                }
            }
        }
    }
    Ok((input, engine))
}

fn text_format(lang: Option<Lang>) -> TextFormat {
    match lang {
        Some(Lang::En) => TextFormat::En,
        _ => TextFormat::Zh,
    }
}

pub(crate) fn run_award(
    args: AwardArgs,
    lang: Option<Lang>,
    source: &Source,
) -> Result<ExitCode, String> {
    let (input, engine) = load(&args.case, source)?;
    let opts = AwardOptions {
        known_on: args.case.as_of,
        final_known_on: args.final_known_on,
        arrears_through: args.arrears_through,
    };
    let describe = |e: pension_rules::Error| crate::errors::describe(&e);
    let text = |f: TextFormat| engine.award_text(&input, &opts, f).map_err(describe);
    let out = match args.format {
        Format::Json => {
            let v = engine
                .award_view(&input, &opts, !args.no_trace)
                .map_err(describe)?;
            return print_json(&v).map(|()| ExitCode::SUCCESS);
        }
        Format::Table if args.explain => {
            format!(
                "{}

{}",
                text(TextFormat::Table)?,
                text(text_format(lang))?
            )
        }
        Format::Table => text(TextFormat::Table)?,
        Format::Zh => text(TextFormat::Zh)?,
        Format::En => text(TextFormat::En)?,
    };
    emit(&format!("{out}\n"));
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run_explain(
    args: ExplainArgs,
    lang: Option<Lang>,
    source: &Source,
) -> Result<ExitCode, String> {
    let (input, engine) = load(&args.case, source)?;
    let opts = AwardOptions {
        known_on: args.case.as_of,
        ..AwardOptions::default()
    };
    match args.format {
        ExplainFormat::Json => {
            let mut v = engine
                .award_with(&input, &opts, true)
                .map_err(|e| crate::errors::describe(&e))?;
            let trace = v.get_mut("trace").map(Value::take).unwrap_or(Value::Null);
            print_json(&trace)?;
        }
        ExplainFormat::Table => {
            let t = engine
                .award_text(&input, &opts, text_format(lang))
                .map_err(|e| crate::errors::describe(&e))?;
            emit(&format!("{t}\n"));
        }
    }
    Ok(ExitCode::SUCCESS)
}
