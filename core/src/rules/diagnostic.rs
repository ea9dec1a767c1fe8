//! Load problems: every one names the file, line, column, key and what is wrong.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// What kind of problem a rule file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticCode {
    /// The file is not valid TOML.
    Syntax,
    /// A key the format or the registry does not know.
    UnknownKey,
    /// A required field is absent.
    MissingField,
    /// A value without its legal source.
    MissingSource,
    /// A value of the wrong TOML type.
    WrongType,
    /// A TOML float where a decimal string belongs.
    FloatValue,
    /// A value outside its domain (ratios, rates, money …).
    OutOfRange,
    /// Entries not sorted by date or year.
    Unsorted,
    /// Two entries in force on the same day, or twice the same year.
    Overlap,
    /// A table that must move one way does not (e.g. 计发月数 not decreasing with age).
    NotMonotone,
    /// A cohort schedule whose parts do not add up.
    BadSchedule,
    /// A formula variant the engine does not implement.
    UnknownVariant,
    /// A parameter the engine requires that no file defines.
    MissingParameter,
    /// An `extends` naming a rule set that cannot be found.
    MissingRuleSet,
    /// A parameter in the wrong file (its name must start with the file's name).
    WrongFile,
    /// A problem with the rule set's identity (`ruleset.toml`, `[overlay]`).
    Identity,
    /// The directory or file could not be read.
    Io,
    /// The rule set's content hash is not the one it was pinned to.
    HashMismatch,
    /// A layer's entry that a later entry of a layer below overrides, with
    /// no `until` saying it ends there: the upper value would silently stop
    /// applying (a province's value shadowed by a later national one).
    Shadowed,
    /// A set from a rules directory with the id and version of an embedded
    /// set but other content: it would replace the shipped rules without a
    /// word (allowed only when the user says so: `--allow-override`).
    RulesetConflict,
}

/// One problem found while loading rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Diagnostic {
    /// The file (relative path or label).
    pub file: Arc<str>,
    /// 1-based line (0 when the problem concerns the whole set).
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// Dotted key path (`award.annuity_divisor.versions[0].rows.47`).
    pub key: String,
    /// Kind of problem.
    pub code: DiagnosticCode,
    /// What is wrong and, where possible, how to fix it.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.key.is_empty() {
            write!(f, "{}: ", self.key)?;
        }
        write!(f, "{}", self.message)
    }
}

/// A rule set could not be loaded; every problem found is listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error, schemars::JsonSchema)]
pub struct LoadError {
    /// All problems, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rule set has {} problem(s):", self.diagnostics.len())?;
        for d in &self.diagnostics {
            write!(f, "\n  {d}")?;
        }
        Ok(())
    }
}

/// Line/column lookup for one file's text.
#[derive(Debug)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub(crate) fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let end = offset.min(text.len());
        let col = text
            .get(start..end)
            .map_or(end - start, |s| s.chars().count())
            + 1;
        (line as u32, col as u32)
    }
}

/// Collects diagnostics for one file.
#[derive(Debug)]
pub(crate) struct Sink<'a> {
    pub(crate) file: Arc<str>,
    pub(crate) text: &'a str,
    lines: LineIndex,
    pub(crate) out: &'a mut Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(file: Arc<str>, text: &'a str, out: &'a mut Vec<Diagnostic>) -> Self {
        Self {
            file,
            text,
            lines: LineIndex::new(text),
            out,
        }
    }

    pub(crate) fn line_of(&self, offset: usize) -> u32 {
        self.lines.position(self.text, offset).0
    }

    pub(crate) fn push(
        &mut self,
        offset: usize,
        key: impl Into<String>,
        code: DiagnosticCode,
        message: impl Into<String>,
    ) {
        let (line, column) = self.lines.position(self.text, offset);
        self.out.push(Diagnostic {
            file: self.file.clone(),
            line,
            column,
            key: key.into(),
            code,
            message: message.into(),
        });
    }
}
