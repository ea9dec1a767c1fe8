//! `pension-rules plan FILE|-`: when to retire and what to pay (退休与缴费规划)
//! — the person's projection for every retirement month of the elastic
//! window (or those given) and every future base compared: eligibility, the
//! months still needed and their cost, own contributions, the break-even
//! month (回本) and the lifetime value, with the assumptions stated.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use pension_rules::api::kinds::PlanKind;
use pension_rules::plan::{Plan, Scenario};

use crate::Source;
use crate::common::{Format, csv_text, emit, print_json, read_case};
use crate::project_cmd::pad;

#[derive(Debug, Args)]
pub(crate) struct PlanArgs {
    /// JSON file (`-` for stdin): `{"person": {…}, "assumptions": {…},
    /// "bases": […], …}` (docs/schema/plan.input.json), or a vector case
    /// `{"ruleset": …, "input": {…}}`.
    file: PathBuf,
    /// Rule-set id (overrides the case's `ruleset`; default cn/shaanxi);
    /// each scenario uses the rules in force in its retirement month.
    #[arg(long, alias = "rules", value_name = "ID")]
    ruleset: Option<String>,
    /// Output format (csv: one line per scenario).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Include every scenario's steps with their sources (JSON).
    #[arg(long)]
    explain: bool,
}

pub(crate) fn run(args: PlanArgs, source: &Source) -> Result<ExitCode, String> {
    let (input, case_ruleset) = read_case(&args.file)?;
    let id = args
        .ruleset
        .as_deref()
        .or(case_ruleset.as_deref())
        .unwrap_or("cn/shaanxi");
    let engine = source.engine(id)?;
    let plan = engine
        .run::<PlanKind>(&input, args.explain)
        .map_err(|e| crate::errors::describe(&e))?;
    match args.format {
        Format::Json => print_json(&plan)?,
        Format::Csv => emit(&csv(&plan)?),
        Format::Table => emit(&table(&plan)),
    }
    Ok(ExitCode::SUCCESS)
}

/// The columns of a scenario row, as named in the CSV and the JSON.
const COLUMNS: [&str; 17] = [
    "retirement_month",
    "age",
    "statutory",
    "index",
    "eligible",
    "short_by_months",
    "basic_pension",
    "account_pension",
    "transitional_pension",
    "total",
    "own_to_come",
    "employer_to_come",
    "paid_to_date",
    "break_even_month",
    "break_even_age",
    "lifetime_value",
    "life_expectancy_months",
];

fn row(s: &Scenario) -> Vec<String> {
    fn opt<T: ToString>(v: Option<T>) -> String {
        v.map(|x| x.to_string()).unwrap_or_default()
    }
    vec![
        s.retirement_month.to_string(),
        s.age.to_string(),
        s.statutory.to_string(),
        opt(s.index),
        s.eligible.to_string(),
        s.short_by_months.to_string(),
        opt(s.basic_pension),
        opt(s.account_pension),
        opt(s.transitional_pension),
        opt(s.total),
        opt(s.own_to_come),
        opt(s.employer_to_come),
        opt(s.paid_to_date),
        opt(s.break_even_month),
        opt(s.break_even_age),
        opt(s.lifetime_value),
        opt(s.life_expectancy_months),
    ]
}

fn csv(plan: &Plan) -> Result<String, String> {
    let rows: Vec<Vec<String>> = plan.scenarios.iter().map(row).collect();
    csv_text(&COLUMNS, &rows)
}

/// The scenarios as an aligned table, then the assumptions in words.
fn table(plan: &Plan) -> String {
    let head = [
        "退休年月",
        "年龄",
        "指数",
        "合格",
        "差月数",
        "月养老金",
        "个人缴费(今后)",
        "回本",
        "预期总额",
        "余命(月)",
    ];
    let rows: Vec<[String; 10]> = plan
        .scenarios
        .iter()
        .map(|s| {
            [
                format!(
                    "{}{}",
                    s.retirement_month,
                    if s.statutory { "*" } else { "" }
                ),
                s.age.to_string(),
                s.index.map_or("—".into(), |x| x.to_string()),
                if s.eligible { "是" } else { "否" }.into(),
                s.short_by_months.to_string(),
                s.total.map_or("—".into(), |x| x.to_string()),
                s.own_to_come.map_or("—".into(), |x| x.to_string()),
                s.break_even_month.map_or("—".into(), |m| m.to_string()),
                s.lifetime_value.map_or("—".into(), |x| x.to_string()),
                s.life_expectancy_months
                    .map_or("—".into(), |x| x.to_string()),
            ]
        })
        .collect();
    let mut w: Vec<usize> = head.iter().map(|h| crate::project_cmd::width(h)).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(crate::project_cmd::width(c));
        }
    }
    let line = |cells: &[String]| {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| pad(c, w[i], i > 0))
            .collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    let mut out = format!(
        "法定退休 statutory: {} ({}){}\n\n",
        plan.statutory_month,
        plan.statutory_age,
        match (plan.earliest_month, plan.latest_month) {
            (Some(a), Some(b)) => format!("; 弹性退休 elastic window {a} – {b}"),
            _ => String::new(),
        }
    );
    out.push_str(&line(&head.map(String::from)));
    for r in &rows {
        out.push_str(&line(r));
    }
    out.push_str("\n* 法定退休年月 the statutory month\n假设 assumptions:\n");
    for s in &plan.assumptions.statements {
        out.push_str(&format!("  - {s}\n"));
    }
    out
}
