//! `pension-rules schema [NAME] [--output] [--out-dir DIR]` — the JSON Schema
//! of every computation's input and result and of the error report,
//! generated from the engine's types (`pension_rules::schema`): what a Java,
//! .NET or Go client, an editor or a form validates against.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use pension_rules::api::Kind;
use pension_rules::schema;

use crate::common::print_json;

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// A computation kind (`award`, `retirement`, …) or `error`; without it,
    /// every schema by file name.
    name: Option<String>,
    /// The kind's result schema instead of its input schema.
    #[arg(long)]
    output: bool,
    /// Write every schema as a file (`award.input.json`, …, `error.json`)
    /// into DIR instead of printing.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["name", "output"])]
    out_dir: Option<PathBuf>,
}

pub(crate) fn run(args: SchemaArgs) -> Result<ExitCode, String> {
    if let Some(dir) = &args.out_dir {
        use std::io::Write as _;
        std::fs::create_dir_all(dir).map_err(|e| crate::errors::io_error(dir, &e))?;
        // Every file complete before any replaces its target (crate::output).
        let mut done = vec![];
        for (name, s) in schema::all() {
            let path = dir.join(&name);
            let mut text = serde_json::to_string_pretty(&s)
                .map_err(|e| crate::errors::usage(format!("schema not serializable: {e}")))?;
            text.push('\n');
            let mut f = crate::output::OutFile::create(&path)?;
            f.write_all(text.as_bytes())
                .map_err(|e| crate::pipe::write_error(&path, &e))?;
            done.push(f.finish()?);
        }
        crate::output::commit(done)?;
        return Ok(ExitCode::SUCCESS);
    }
    let value = match args.name.as_deref() {
        None => serde_json::Value::Object(schema::all().into_iter().collect()),
        Some("error") => schema::error(),
        Some(name) => {
            let kind: Kind = name.parse().map_err(|e| crate::errors::describe(&e))?;
            if args.output {
                schema::output(kind)
            } else {
                schema::input(kind)
            }
        }
    };
    print_json(&value)?;
    Ok(ExitCode::SUCCESS)
}
