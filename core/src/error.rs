//! Typed errors. Every public computation returns these, never panics.

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::rules::LoadError;

mod catalogue;
pub use crate::json_fields::FLOAT_REFUSED;
pub use catalogue::{
    DIAGNOSTIC_CODES, INPUT_REMEDIES, MESSAGES, REMEDIES, input_remedy, message_en, message_zh,
    remedy,
};

/// The rule set lacks a value a computation needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleError {
    /// No entry of a dated parameter is in force on the date.
    #[error("rule parameter `{param}` has no value in force on {date}")]
    NotInForce {
        /// Parameter name.
        param: &'static str,
        /// The date asked for.
        date: NaiveDate,
    },
    /// A yearly series has no value for the year (no value is ever
    /// extrapolated: a year no source gives is missing).
    #[error("{}", no_year_message(.ruleset, .param, *.year))]
    NoYear {
        /// Parameter name.
        param: &'static str,
        /// The year asked for.
        year: i32,
        /// The rule set asked (`cn/sichuan`): the province lacking the year.
        ruleset: String,
    },
    /// A yearly scheme (a pension adjustment) is not in the rule set for the year.
    #[error(
        "no {scheme} scheme in the rule set {ruleset} for {year} (`{param}` has no value for {year}); add the year's scheme to the rule set"
    )]
    NoScheme {
        /// What kind of scheme (`pension adjustment`).
        scheme: &'static str,
        /// The parameter that marks a year's scheme.
        param: &'static str,
        /// Rule-set id.
        ruleset: String,
        /// The year asked for.
        year: i32,
    },
    /// A place's yearly series lacks years a computation needs (the average
    /// wages of the benefit place after a transfer), or the place has no rule
    /// set at all (`ruleset` is `None`).
    #[error("{}", region_years_message(.region, .ruleset.as_deref(), .param, .years, .input))]
    RegionYears {
        /// GB/T 2260 code of the place.
        region: String,
        /// The rule set used for it, if the catalog has one.
        ruleset: Option<String>,
        /// Parameter name.
        param: &'static str,
        /// Every year missing, ascending.
        years: Vec<i32>,
        /// The input field that may supply them.
        input: &'static str,
    },
    /// A local extra in force whose amount no source gives for the period
    /// (its entry has `kind = "unknown"`): never a silent zero.
    #[error(
        "rule set `{ruleset}`: the local extra `{param}` ({title}) applies on {date}, but its amount for that period is not in the rule set (no source found); give the amount the agency computed as `extra_amounts.{name}`, or add it to the rule set with its source"
    )]
    UnknownAmount {
        /// The extra's parameter name (`award.extras.only_child`).
        param: String,
        /// Its name, the key of `extra_amounts` (`only_child`).
        name: String,
        /// Its title in the rule data.
        title: String,
        /// The date asked for (the retirement month's first day).
        date: NaiveDate,
        /// Rule-set id.
        ruleset: String,
    },
    /// A table has no row for the key.
    #[error("rule table `{param}` has no row for {key}")]
    NoRow {
        /// Parameter name.
        param: &'static str,
        /// The key asked for.
        key: i64,
    },
}

fn region_years_message(
    region: &str,
    ruleset: Option<&str>,
    param: &str,
    years: &[i32],
    input: &str,
) -> String {
    let years = years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    match ruleset {
        Some(id) => format!(
            "region {region} (rule set {id}): `{param}` has no value for {years}; add them to the rule set or give them in `{input}`"
        ),
        None => format!(
            "region {region} has no rule set in the catalog, so `{param}` is unknown for {years}; give them in `{input}` (or add a rule set for {region})"
        ),
    }
}

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "FieldProblem")] // its name in the bindings and the schema
pub struct FieldError {
    /// Path of the field (`history[2].base`).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every problem found in one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct InputErrors(pub Vec<FieldError>);

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.shown().iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// An error as every front end reports it (the CLI's `--format json`, a
/// batch row's `error`, the Python and JS error objects): the stable code,
/// the front ends' class name, the message and the details.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ErrorReport {
    /// The stable code (docs/errors.md).
    #[schemars(schema_with = "catalogue::code_schema")]
    pub code: &'static str,
    /// The front ends' class: `InputError`, `RulesError`, `LoadError` or
    /// `NotApplicableError`.
    #[schemars(schema_with = "catalogue::class_schema")]
    pub class: &'static str,
    /// What went wrong, in English.
    pub message: String,
    /// The code's sentence in Chinese (the details stay in `message` and
    /// `fields`): what a Chinese page or CLI leads with.
    pub message_zh: &'static str,
    /// Every input field problem (`invalid_input`; empty otherwise).
    pub fields: Vec<FieldError>,
    /// What to do about it, in Chinese and English: the code's remedy, or
    /// for a rule value an input or an assumption can supply, the exact
    /// keyword or assumptions key.
    pub remedy: Remedy,
    /// The missing rule value (`rule_*` codes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<RuleError>,
    /// Every problem of a rule set that does not load (`rules_invalid`,
    /// `hash_mismatch`), with file, line and column.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<crate::rules::Diagnostic>,
}

/// What to do about an error, in both languages ([`Error::remedy`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Remedy {
    /// In Chinese.
    pub zh: String,
    /// In English.
    pub en: String,
}

/// The message of a year missing from a yearly series: what to add, and
/// the keyword that supplies it instead where a computation takes one.
fn no_year_message(ruleset: &str, param: &str, year: i32) -> String {
    let head = format!("rule set `{ruleset}` has no value of `{param}` for {year}");
    match catalogue::input_remedy(param) {
        Some((_, en)) => format!("{head}; {en}, or add it to the rule set with its source"),
        None => format!("{head}; add it to the rule set with its source"),
    }
}

/// Any error of the library.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The input has one or more invalid fields.
    #[error("invalid input: {0}")]
    Input(InputErrors),
    /// The rule set lacks a needed value.
    #[error(transparent)]
    Rules(#[from] RuleError),
    /// A rule set could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The case is valid but the law gives no result (e.g. not eligible).
    #[error("{0}")]
    NotApplicable(String),
}

impl Error {
    /// A stable, machine-readable code (see docs/errors.md).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Input(_) => "invalid_input",
            Error::Rules(RuleError::NotInForce { .. }) => "rule_not_in_force",
            Error::Rules(RuleError::NoYear { .. }) => "rule_missing_year",
            Error::Rules(RuleError::NoScheme { .. }) => "rule_missing_year",
            Error::Rules(RuleError::RegionYears { .. }) => "rule_missing_year",
            Error::Rules(RuleError::NoRow { .. }) => "rule_missing_row",
            Error::Rules(RuleError::UnknownAmount { .. }) => "rule_missing_year",
            Error::Load(e)
                if e.diagnostics
                    .iter()
                    .any(|d| d.code == crate::rules::DiagnosticCode::HashMismatch) =>
            {
                "hash_mismatch"
            }
            Error::Load(e)
                if e.diagnostics
                    .iter()
                    .any(|d| d.code == crate::rules::DiagnosticCode::RulesetConflict) =>
            {
                "ruleset_conflict"
            }
            Error::Load(_) => "rules_invalid",
            Error::NotApplicable(_) => "not_applicable",
        }
    }

    /// The error as front ends report it.
    ///
    /// ```
    /// let e = pension_rules::Error::field("birth", "expected YYYY-MM");
    /// let r = e.report();
    /// assert_eq!((r.code, r.class), ("invalid_input", "InputError"));
    /// assert_eq!(r.fields[0].path, "birth");
    /// ```
    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            code: self.code(),
            class: self.class(),
            message: self.to_string(),
            message_zh: catalogue::message_zh(self.code()).unwrap_or("出错了"),
            remedy: self.remedy(),
            fields: match self {
                Error::Input(e) => e.shown(),
                _ => vec![],
            },
            rule: match self {
                Error::Rules(r) => Some(r.clone()),
                _ => None,
            },
            diagnostics: match self {
                Error::Load(l) => l.diagnostics.clone(),
                _ => vec![],
            },
        }
    }

    /// What to do about the error ([`catalogue::REMEDIES`]); for a rule
    /// value a computation's input or a projection's assumptions can supply
    /// ([`catalogue::INPUT_REMEDIES`]), the exact keyword or key.
    ///
    /// ```
    /// use pension_rules::error::{Error, RuleError};
    /// let e = Error::Rules(RuleError::NoYear {
    ///     param: "award.average_wage", year: 1991, ruleset: "cn/shaanxi".into() });
    /// assert!(e.remedy().en.contains("`average_wages`"));
    /// assert!(e.to_string().contains("`average_wages`")); // the message names it too
    /// ```
    pub fn remedy(&self) -> Remedy {
        let param = match self {
            Error::Rules(
                RuleError::NotInForce { param, .. }
                | RuleError::NoYear { param, .. }
                | RuleError::RegionYears { param, .. },
            ) => Some(*param),
            _ => None,
        };
        let (zh, en) = param
            .and_then(catalogue::input_remedy)
            .or_else(|| catalogue::remedy(self.code()))
            .unwrap_or(("", ""));
        Remedy {
            zh: zh.to_string(),
            en: en.to_string(),
        }
    }

    /// An input error with a single field problem.
    pub fn field(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Input(InputErrors(vec![FieldError {
            path: path.into(),
            message: message.into(),
        }]))
    }

    /// The field problems, for input errors.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            Error::Input(e) => &e.0,
            _ => &[],
        }
    }
}

/// Result with the library's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How many items a list in a message shows before "and N more" (field
/// problems of one input, overlapping periods, missing years).
pub const LIST_CAP: usize = 20;

/// How many characters of a value a message echoes before "…".
pub const ECHO_CAP: usize = 64;

/// `s` quoted for a message, cut to [`ECHO_CAP`] characters with "…" (a
/// 10 MB bad string must not make a 10 MB message).
///
/// ```
/// use pension_rules::error::echo;
/// assert_eq!(echo("robot"), "\"robot\"");
/// assert_eq!(echo(&"x".repeat(100)).chars().count(), 64 + 3);
/// ```
pub fn echo(s: &str) -> String {
    match s.char_indices().nth(ECHO_CAP) {
        None => format!("{s:?}"),
        Some((end, _)) => {
            let cut = format!("{:?}", &s[..end]);
            format!("{}…\"", &cut[..cut.len() - 1])
        }
    }
}

/// `msg` with every quoted stretch (between backticks or double quotes, as
/// serde and this crate quote values) longer than [`ECHO_CAP`] characters
/// cut with "…", and the whole cut to 16 × [`ECHO_CAP`] characters: the
/// bound on any echoed text in a message.
pub fn cut_echoes(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len().min(16 * ECHO_CAP + 8));
    let mut quote: Option<(char, usize)> = None; // the open quote and its run length
    let mut count = 0;
    for c in msg.chars() {
        let before = out.len();
        match quote {
            Some((q, _)) if c == q => {
                quote = None;
                out.push(c);
            }
            Some((q, n)) => {
                if n < ECHO_CAP {
                    out.push(c);
                } else if n == ECHO_CAP {
                    out.push('…');
                }
                quote = Some((q, n + 1));
            }
            None => {
                if c == '`' || c == '"' {
                    quote = Some((c, 0));
                }
                out.push(c);
            }
        }
        count += usize::from(out.len() > before);
        if count > 16 * ECHO_CAP {
            out.push('…');
            break;
        }
    }
    out
}

impl InputErrors {
    /// The problems as reported: the first [`LIST_CAP`], each message's
    /// echoes cut ([`cut_echoes`]), then one `input` entry "and N more
    /// problems" when there are more.
    pub fn shown(&self) -> Vec<FieldError> {
        let mut out: Vec<FieldError> = self
            .0
            .iter()
            .take(LIST_CAP)
            .map(|e| FieldError {
                path: cut_echoes(&e.path),
                message: cut_echoes(&e.message),
            })
            .collect();
        if self.0.len() > LIST_CAP {
            out.push(FieldError {
                path: "input".into(),
                message: format!("and {} more problems", self.0.len() - LIST_CAP),
            });
        }
        out
    }
}
