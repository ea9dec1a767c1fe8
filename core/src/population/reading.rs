//! 人员数据表的读取 — a population table's columns and cells, refused in
//! words: the header once for the whole file or frame, each row's cells
//! under the row's number and the person's id (docs/population.md,
//! "Reading rules"; docs/errors.md).
//!
//! Why: a header problem (a missing, repeated or unknown column) is one
//! problem of the file, not one error per row (a 100 000-row file gave
//! 100 000 error rows and exit 0); a row's problem must name the row, the
//! person, the column and what is expected, never a parser's internals
//! (`unknown variant`, `untagged enum Count`, `Invalid decimal`).
//!
//! **One convention** for every table reader (CSV, Parquet, columns,
//! DataFrames): a row's error has the path `row N.column`, N the 1-based
//! data row (the header is not counted), and its message begins with
//! `person ID:` when the row's id was read.

use serde::Deserialize;
use serde_json::Value;

use super::{COLUMNS, IndexList, zero_if_empty};
use crate::award::Category;
use crate::error::{Error, FieldError, InputErrors};

/// The columns every population table must have.
pub const REQUIRED_COLUMNS: &[&str] = &["id", "birth", "category", "first_contribution"];

/// The longest echo of a value in a message (characters); a longer value
/// is cut and marked with `…`.
const ECHO: usize = 40;

/// `s` quoted for a message, cut to [`ECHO`] characters.
pub(crate) fn shown(s: &str) -> String {
    match s.char_indices().nth(ECHO) {
        Some((i, _)) => format!("{:?}…", &s[..i]),
        None => format!("{s:?}"),
    }
}

/// Every problem of a table's column names, all at once, each under
/// `{prefix}.{column}` (`header.index` for a file, `columns.index` for a
/// frame): an unknown column, a repeated column, a missing required column
/// ([`REQUIRED_COLUMNS`]). A header problem refuses the whole table.
///
/// ```
/// use pension_rules::population::check_columns;
/// let e = check_columns(&["id", "birth", "birth", "idx"], "header").unwrap_err();
/// let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
/// assert_eq!(paths, ["header.birth", "header.idx", "header.category", "header.first_contribution"]);
/// ```
pub fn check_columns<S: AsRef<str>>(names: &[S], prefix: &str) -> Result<(), Error> {
    let mut errs = vec![];
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    let path = |n: &str| {
        let cut: String = n.chars().take(ECHO).collect();
        format!("{prefix}.{cut}")
    };
    for (i, n) in names.iter().enumerate() {
        if !COLUMNS.contains(n) {
            errs.push(FieldError {
                path: path(n),
                message: format!(
                    "unknown column {}; expected some of {}",
                    shown(n),
                    COLUMNS.join(", ")
                ),
            });
        } else if let Some(j) = names[..i].iter().position(|m| m == n) {
            errs.push(FieldError {
                path: path(n),
                message: format!(
                    "column {n} appears twice (columns {} and {}); keep one",
                    j + 1,
                    i + 1
                ),
            });
        }
    }
    for req in REQUIRED_COLUMNS {
        if !names.contains(req) {
            errs.push(FieldError {
                path: path(req),
                message: format!(
                    "required column {req} is missing (every table needs {})",
                    REQUIRED_COLUMNS.join(", ")
                ),
            });
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(InputErrors(errs)))
    }
}

/// The refusal of a table without a single person (`rows`: `no rows`), or
/// without even a header (`header`).
pub(crate) fn empty(header: bool) -> Error {
    if header {
        Error::field(
            "rows",
            "no persons: the columns are named but there is no row (a population needs at least one person)",
        )
    } else {
        Error::field(
            "header",
            format!(
                "the file is empty: expected a header row naming the columns (at least {})",
                REQUIRED_COLUMNS.join(", ")
            ),
        )
    }
}

/// What is wrong with cell `v` of column `column`, in words, if it does not
/// read as the field reads it; `None` when it reads (or is absent).
pub(crate) fn cell_problem(column: &str, v: &Value) -> Option<String> {
    let reads = match column {
        "id" => String::deserialize(v).is_ok(),
        "birth" | "first_contribution" | "retirement_month" => {
            crate::time::any_year_opt(crate::json_reader::strict(v)).is_ok()
        }
        "category" => Category::deserialize(v).is_ok(),
        "deemed_months" | "contribution_months" => zero_if_empty(v).is_ok(),
        "index" | "average_index" | "account_balance" => {
            crate::decimal::optional(crate::json_reader::strict(v)).is_ok()
        }
        "indexes" => Option::<IndexList>::deserialize(crate::json_reader::strict(v)).is_ok(),
        _ => {
            return Some(format!(
                "unknown column; expected one of {}",
                COLUMNS.join(", ")
            ));
        }
    };
    if reads {
        return None;
    }
    if matches!(v, Value::Number(n) if n.is_f64()) {
        return Some(crate::error::FLOAT_REFUSED.to_string());
    }
    let text = match v {
        Value::String(s) => Some(s.as_str()),
        _ => None,
    };
    let got = || match v {
        Value::String(s) => shown(s),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
        Value::Null => "nothing".into(),
    };
    Some(match column {
        "id" => format!("expected the person's id as text, got {}", got()),
        "birth" | "first_contribution" | "retirement_month" => match text {
            Some(_) => format!("month {} is not valid: expected YYYY-MM", got()),
            None => format!("expected a month as text like 1990-03, got {}", got()),
        },
        "category" => format!(
            "unknown category {} (expected {})",
            got(),
            Category::ALL.map(Category::name).join(", ")
        ),
        "deemed_months" | "contribution_months" => {
            format!("expected a whole number of months like 120, got {}", got())
        }
        "account_balance" => format!("expected an amount like 52000.00, got {}", got()),
        "indexes" => indexes_problem(v).unwrap_or_else(|| {
            format!(
                "expected indexes like 0.8;0.85;0.9 (decimals separated by `;`), got {}",
                got()
            )
        }),
        // A number written outside the one decimal grammar ("1_0", "+0.8",
        // "8e-1") gets the grammar's refusal (docs/vectors.md); other text
        // the column's example.
        _ => match text.map(|s| (s, crate::decimal::parse(s, crate::decimal::Sign::Any))) {
            Some((s, Err(e)))
                if s.parse::<rust_decimal::Decimal>().is_ok()
                    || rust_decimal::Decimal::from_scientific(s).is_ok() =>
            {
                crate::decimal::refusal(s, e)
            }
            _ => format!("expected a decimal like 0.85, got {}", got()),
        },
    })
}

/// The first item of an index list that does not read, in words.
fn indexes_problem(v: &Value) -> Option<String> {
    let items: Vec<Value> = match v {
        Value::String(s) => s
            .split(';')
            .map(|x| Value::String(x.trim().to_string()))
            .collect(),
        Value::Array(a) => a.clone(),
        _ => return None,
    };
    let (i, bad) = items
        .iter()
        .enumerate()
        .find(|(_, x)| crate::decimal::optional(crate::json_reader::strict(x)).is_err())?;
    let what = match bad {
        Value::Number(n) if n.is_f64() => return Some(crate::error::FLOAT_REFUSED.to_string()),
        Value::String(s) if s.is_empty() => "is empty".to_string(),
        Value::String(s) => format!("{} is not a decimal like 0.85", shown(s)),
        other => format!("{other} is not a decimal like 0.85"),
    };
    Some(format!(
        "year {} of the indexes {what} (expected indexes like 0.8;0.85;0.9)",
        i + 1
    ))
}

/// An error of data row `row` (1-based) of a table, whose person has id
/// `id` (if it read): each field problem under `row N.field` (`row N` for
/// the row as a whole), its message led by `person ID:`.
///
/// ```
/// use pension_rules::population::row_error;
/// let e = row_error(300, Some("P300"), pension_rules::Error::field("category", "unknown category \"robot\""));
/// assert_eq!(e.fields()[0].path, "row 300.category");
/// assert_eq!(e.fields()[0].message, "person P300: unknown category \"robot\"");
/// ```
pub fn row_error(row: usize, id: Option<&str>, e: Error) -> Error {
    let who = match id.filter(|s| !s.is_empty()) {
        Some(id) => {
            let cut: String = id.chars().take(ECHO).collect();
            let more = if cut.len() < id.len() { "…" } else { "" };
            format!("person {cut}{more}: ")
        }
        None => String::new(),
    };
    match e {
        Error::Input(InputErrors(fields)) => Error::Input(InputErrors(
            fields
                .into_iter()
                .map(|f| FieldError {
                    path: if f.path.is_empty() || f.path == "person" {
                        format!("row {row}")
                    } else {
                        format!("row {row}.{}", f.path)
                    },
                    message: format!("{who}{}", f.message),
                })
                .collect(),
        )),
        other => other,
    }
}

/// Bytes of a CSV body at least this long are read in parallel parts.
const PARALLEL_FROM: usize = 1 << 20;

/// A CSV body of whole lines and no quotes (so no record spans a line) cut
/// into parts at line ends, for reading in parallel: one part when small or
/// built without the `parallel` feature.
pub(crate) fn line_parts(body: &[u8]) -> Vec<&[u8]> {
    if !cfg!(feature = "parallel") || body.len() < PARALLEL_FROM {
        return vec![body];
    }
    let want = 8 * std::thread::available_parallelism().map_or(2, usize::from);
    let size = body.len().div_ceil(want);
    let mut parts = vec![];
    let mut rest = body;
    while !rest.is_empty() {
        let cut = match rest
            .get(size..)
            .and_then(|t| t.iter().position(|&b| b == b'\n'))
        {
            Some(at) => size + at + 1,
            None => rest.len(),
        };
        let (part, tail) = rest.split_at(cut);
        parts.push(part);
        rest = tail;
    }
    parts
}

/// The records of every part, tokenised and converted by `convert` part by
/// part in parallel, in order.
pub(crate) fn parallel_records<T: Send>(
    parts: &[&[u8]],
    convert: impl Fn(Result<csv::ByteRecord, csv::Error>) -> T + Sync,
) -> Ordered<T> {
    let one = |part: &&[u8]| -> Vec<T> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(*part)
            .into_byte_records()
            .map(&convert)
            .collect()
    };
    #[cfg(feature = "parallel")]
    let parts: Vec<Vec<T>> = {
        use rayon::prelude::*;
        parts.par_iter().map(one).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let parts: Vec<Vec<T>> = parts.iter().map(one).collect();
    Ordered(parts.into_iter().flatten().collect())
}

/// Items in input order, to be mapped with their index (in parallel with
/// the `parallel` feature).
pub(crate) struct Ordered<T>(Vec<T>);

impl<T: Send> Ordered<T> {
    pub(crate) fn map_indexed<U: Send>(self, f: impl Fn(usize, T) -> U + Sync + Send) -> Vec<U> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            self.0
                .into_par_iter()
                .enumerate()
                .with_min_len(1024)
                .map(|(i, x)| f(i, x))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            self.0
                .into_iter()
                .enumerate()
                .map(|(i, x)| f(i, x))
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_are_refused_in_words() {
        let p = |c: &str, v: Value| cell_problem(c, &v);
        assert_eq!(
            p("category", json!("robot")).as_deref(),
            Some("unknown category \"robot\" (expected male, female_50, female_55)")
        );
        assert_eq!(
            p("deemed_months", json!(-3)).as_deref(),
            Some("expected a whole number of months like 120, got -3")
        );
        assert_eq!(
            p("deemed_months", json!("x")).as_deref(),
            Some("expected a whole number of months like 120, got \"x\"")
        );
        assert_eq!(
            p("index", json!("abc")).as_deref(),
            Some("expected a decimal like 0.85, got \"abc\"")
        );
        assert!(
            p("index", json!("+0.85"))
                .unwrap_or_default()
                .starts_with("expected a decimal like 3000.50: digits")
        );
        assert_eq!(
            p("index", json!(0.8)).as_deref(),
            Some(crate::error::FLOAT_REFUSED)
        );
        assert_eq!(
            p("indexes", json!("0.8;x;0.9")).as_deref(),
            Some(
                "year 2 of the indexes \"x\" is not a decimal like 0.85 (expected indexes like 0.8;0.85;0.9)"
            )
        );
        assert_eq!(
            p("birth", json!("1990-13")).as_deref(),
            Some("month \"1990-13\" is not valid: expected YYYY-MM")
        );
        assert_eq!(p("index", json!("0.85")), None);
        assert_eq!(p("deemed_months", json!("")), None);
        let long = "r".repeat(10_000_000);
        let m = p("category", json!(long)).unwrap_or_default();
        assert!(m.len() < 120, "{}", m.len());
    }

    #[test]
    fn header_problems_are_all_named() {
        assert!(check_columns(COLUMNS, "header").is_ok());
        let e = check_columns(&["id", "birth", "category"], "columns").unwrap_err();
        assert_eq!(e.fields().len(), 1);
        assert_eq!(e.fields()[0].path, "columns.first_contribution");
        let e = check_columns(
            &[
                "id",
                "birth",
                "category",
                "first_contribution",
                "index",
                "index",
            ],
            "header",
        )
        .unwrap_err();
        assert_eq!(e.fields()[0].path, "header.index");
        assert_eq!(
            e.fields()[0].message,
            "column index appears twice (columns 5 and 6); keep one"
        );
    }
}
