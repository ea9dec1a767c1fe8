//! What the computing commands share: the `--format` values, reading a case
//! file, and printing.

use std::io::Read as _;
use std::path::Path;

use clap::ValueEnum;
use serde_json::Value;

/// Output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Aligned text.
    Table,
    /// JSON.
    Json,
    /// CSV, one line per row (where the result has rows).
    Csv,
}

impl Format {
    /// The format asked for: the hidden `--json` of older scripts wins.
    pub(crate) fn or_json(self, json: bool) -> Format {
        if json { Format::Json } else { self }
    }
}

/// `--format csv` given to a result without rows.
pub(crate) fn no_csv(what: &str) -> String {
    crate::errors::usage(format!(
        "--format csv applies to {what}; use table or json here"
    ))
}

/// An input file's text (`-` for stdin), for every JSON, TOML or text
/// input of every command: a UTF-8 byte-order mark at the start is skipped,
/// as the CSV and TOML readers skip it.
pub(crate) fn read(file: &Path) -> Result<String, String> {
    let mut s = if file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| crate::errors::io_error(Path::new("stdin"), &e))?;
        s
    } else {
        std::fs::read_to_string(file).map_err(|e| crate::errors::io_error(file, &e))?
    };
    if s.starts_with('\u{feff}') {
        s.drain(..'\u{feff}'.len_utf8());
    }
    Ok(s)
}

/// A case file: the input object, or a vector case `{"ruleset": …,
/// "input": {…}}` (its input and rule-set id).
pub(crate) fn read_case(file: &Path) -> Result<(Value, Option<String>), String> {
    let text = read(file)?;
    let v: Value = pension_rules::json_text::from_str(&text)
        .map_err(|e| crate::errors::bad_text(file, "JSON", &e))?;
    Ok(pension_rules::api::split_case(v))
}

/// The input of a case file and the engine of its rule set: `--ruleset`
/// first, else the case's `ruleset`.
pub(crate) fn case_engine(
    file: &Path,
    ruleset: Option<&str>,
    source: &crate::Source,
) -> Result<(Value, pension_rules::Engine), String> {
    let (input, case_ruleset) = read_case(file)?;
    let id = ruleset.or(case_ruleset.as_deref()).ok_or_else(|| {
        crate::errors::usage(
            "no rule set: pass --ruleset (e.g. cn/shaanxi) or give a case with \"ruleset\"",
        )
    })?;
    Ok((input, source.engine(id)?))
}

/// Print JSON, pretty, checked as every write to stdout (crate::pipe).
pub(crate) fn print_json<T: serde::Serialize + ?Sized>(v: &T) -> Result<(), String> {
    let text = serde_json::to_string_pretty(v).map_err(|e| e.to_string())?;
    emit(&format!("{text}\n"));
    Ok(())
}

/// Write text to stdout at once, checked (crate::pipe: a closed pipe ends
/// quietly with exit 141, another failure is an `io` error, exit 2).
pub(crate) use crate::pipe::emit;

/// Rows as CSV text with a header.
pub(crate) fn csv_text(header: &[&str], rows: &[Vec<String>]) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record(header).map_err(|e| e.to_string())?;
    for r in rows {
        w.write_record(r).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
