//! `pension-rules project FILE|-`: a person's future years under stated
//! assumptions (养老金测算) — the yearly path (base, credits, interest,
//! balance, each figure's origin) and the estimated award.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use pension_rules::api::kinds::ProjectionKind;
use pension_rules::projection::{Figure, FigureSource, Projection};
use serde_json::Value;

use crate::Source;
use crate::common::{Format, csv_text, emit, print_json, read_case};

#[derive(Debug, Args)]
pub(crate) struct ProjectArgs {
    /// JSON file (`-` for stdin): the person with an `assumptions` object, or
    /// a vector case `{"ruleset": …, "input": {…}}`.
    file: PathBuf,
    /// Rule-set id (overrides the case's `ruleset`; default cn/shaanxi); the
    /// rules applied are those in force in the retirement month (given, or
    /// statutory).
    #[arg(long, alias = "rules", value_name = "ID")]
    ruleset: Option<String>,
    /// Output format (csv: the yearly path, one line per year).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// With the table: every step in words, with the legal sources.
    #[arg(long)]
    explain: bool,
    /// Leave the trace out (JSON only).
    #[arg(long)]
    no_trace: bool,
}

pub(crate) fn run(args: ProjectArgs, source: &Source) -> Result<ExitCode, String> {
    let (input, case_ruleset) = read_case(&args.file)?;
    let id = args
        .ruleset
        .as_deref()
        .or(case_ruleset.as_deref())
        .unwrap_or("cn/shaanxi");
    let engine = source.engine(id)?;
    let trace = args.explain || !(args.no_trace && args.format == Format::Json);
    let r = engine
        .run::<ProjectionKind>(&input, trace)
        .map_err(|e| crate::errors::describe(&e))?;
    let result = serde_json::to_value(&r).map_err(|e| e.to_string())?;
    let p = &r.projection;
    match args.format {
        Format::Json => print_json(&result)?,
        Format::Csv => emit(&years_csv(p)?),
        Format::Table => {
            emit(&table(p, &result));
            if args.explain {
                emit(&explain(&result));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The yearly path as CSV, each assumed or projected figure with its
/// source (`rules`, `provisional`, `assumed`, `projected`).
fn years_csv(p: &Projection) -> Result<String, String> {
    let rows: Vec<Vec<String>> = p
        .years
        .iter()
        .map(|y| {
            vec![
                y.year.to_string(),
                y.months.to_string(),
                y.index.to_string(),
                y.average_wage.value.to_string(),
                y.average_wage_year.to_string(),
                y.average_wage.source.name().to_string(),
                y.base.to_string(),
                y.credits.to_string(),
                y.interest_rate.value.to_string(),
                y.interest_rate.source.name().to_string(),
                y.interest.to_string(),
                y.balance.to_string(),
            ]
        })
        .collect();
    csv_text(
        &[
            "year",
            "months",
            "index",
            "average_wage",
            "average_wage_year",
            "average_wage_source",
            "base",
            "credits",
            "interest_rate",
            "interest_rate_source",
            "interest",
            "balance",
        ],
        &rows,
    )
}

/// Display width: CJK characters take two columns.
pub(crate) fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if u32::from(c) >= 0x2e80 { 2 } else { 1 })
        .sum()
}

pub(crate) fn pad(s: &str, w: usize, right: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(width(s)));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// A figure with a mark for where it comes from: none for the rule set,
/// `*` assumed, `~` projected, `p` provisional.
fn fig(f: &Figure) -> String {
    let mark = match f.source {
        FigureSource::Rules => "",
        FigureSource::Provisional => " p",
        FigureSource::Assumed => " *",
        FigureSource::Projected => " ~",
    };
    format!("{}{mark}", f.value)
}

fn table(p: &Projection, r: &Value) -> String {
    let mut o = String::new();
    let rules = &r["trace"]["rules"];
    let _ = writeln!(
        o,
        "养老金测算 projection — rules {} {} (sha256 {})",
        rules["id"].as_str().unwrap_or(""),
        rules["version"].as_str().unwrap_or(""),
        rules["hash"].as_str().unwrap_or("").get(..12).unwrap_or("")
    );
    let a = &p.assumptions;
    let _ = writeln!(
        o,
        "assumptions: average-wage growth {}, pension-base growth {}, 记账利率 {}{}",
        a.average_wage_growth,
        a.pension_base_growth,
        a.interest_rate,
        a.wage_growth
            .map(|g| format!(", wage growth {g}"))
            .unwrap_or_default()
    );
    let head = [
        "年 year",
        "月 months",
        "指数 index",
        "平均工资 X",
        "缴费基数 base",
        "记账额 credits",
        "利率 rate",
        "利息 interest",
        "余额 balance",
    ];
    let rows: Vec<[String; 9]> = p
        .years
        .iter()
        .map(|y| {
            [
                y.year.to_string(),
                y.months.to_string(),
                y.index.to_string(),
                if y.months == 0 {
                    "–".into()
                } else {
                    format!("{} ({})", fig(&y.average_wage), y.average_wage_year)
                },
                y.base.to_string(),
                y.credits.to_string(),
                fig(&y.interest_rate),
                y.interest.to_string(),
                y.balance.to_string(),
            ]
        })
        .collect();
    let mut w: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for row in &rows {
        for (i, c) in row.iter().enumerate() {
            if let Some(x) = w.get_mut(i) {
                *x = (*x).max(width(c));
            }
        }
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&w)
            .enumerate()
            .map(|(i, (c, w))| pad(c, *w, i > 0))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let head: Vec<String> = head.iter().map(|h| h.to_string()).collect();
    let _ = writeln!(o, "{}", line(&head));
    let _ = writeln!(
        o,
        "{}",
        "-".repeat(w.iter().sum::<usize>() + 2 * (w.len() - 1))
    );
    for row in &rows {
        let _ = writeln!(o, "{}", line(row));
    }
    let _ = writeln!(
        o,
        "(* assumed, ~ projected by an assumed growth rate, p provisional 预发; unmarked: the rule set)"
    );
    let aw = &p.award;
    let _ = writeln!(o);
    let flat = p
        .flat_part_base
        .as_ref()
        .map(|f| ("均值部分基数 flat-half base", fig(f)));
    let pairs = [
        (
            "退休年月 retirement month",
            format!(
                "{}{} (age {})",
                p.retirement_month,
                if p.statutory { " statutory" } else { "" },
                aw.age
            ),
        ),
        ("计发基数 pension base", fig(&p.pension_base)),
    ]
    .into_iter()
    .chain(flat)
    .chain([
        (
            "缴费月数 months paid / deemed",
            format!("{} / {}", aw.contribution_months, aw.deemed_months),
        ),
        ("平均缴费指数 average index", aw.average_index.to_string()),
        (
            "个人账户储存额 account balance",
            p.account_balance.to_string(),
        ),
        ("计发月数 divisor", aw.divisor.to_string()),
        ("基础养老金 basic", aw.basic_pension.to_string()),
        ("个人账户养老金 account", aw.account_pension.to_string()),
        (
            "过渡性养老金 transitional",
            aw.transitional_pension.to_string(),
        ),
        ("合计 total (元/月)", aw.total.to_string()),
    ])
    .collect::<Vec<_>>();
    let lw = pairs.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    for (k, v) in pairs {
        let _ = writeln!(o, "{}  {v}", pad(k, lw, false));
    }
    o
}

fn explain(r: &Value) -> String {
    let mut o = String::from("\n计算过程与依据 steps and sources\n");
    for s in r["trace"]["steps"].as_array().into_iter().flatten() {
        let _ = writeln!(
            o,
            "- {} {} = {}: {}",
            s["label"].as_str().unwrap_or(""),
            s["name"].as_str().unwrap_or(""),
            s["value"].as_str().unwrap_or(""),
            s["formula"].as_str().unwrap_or("")
        );
        for p in s["params"].as_array().into_iter().flatten() {
            let _ = writeln!(
                o,
                "    {} = {}: {}",
                p["param"].as_str().unwrap_or(""),
                p["value"].as_str().unwrap_or(""),
                p["provenance"]["source"].as_str().unwrap_or("")
            );
        }
    }
    o
}
