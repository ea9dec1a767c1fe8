//! The versioning rule of rule data (规则数据版本规则, docs/versioning.md):
//! every rule set's `version` is a semantic version, and what a data change
//! requires follows from [`diff`](super::diff::diff) between the previous
//! release and this one:
//!
//! - **major** — a parameter removed, an entry removed, or a formula variant
//!   (a named variant such as the transitional formula) added, changed or
//!   removed: results computed before may change or the set may no longer
//!   compute what it did;
//! - **minor** — a new value (a new year's 计发基数, a new dated entry, a new
//!   parameter): results for earlier periods are unchanged;
//! - **patch** — a corrected value or source of an existing entry (the
//!   changelog line names the parameter and the source).
//!
//! ```
//! use pension_rules::rules::{RuleSet, versioning::{required_bump, Bump}};
//! let base = RuleSet::embedded("cn/shaanxi").unwrap();
//! let next = base.with_overlay("2030.toml", r#"
//! [overlay]
//! id = "new-year"
//! [[contribution.employer_rate.values]]
//! from = 2030-01-01
//! value = "0.15"
//! source = "a 2030 notice"
//! "#).unwrap();
//! assert_eq!(required_bump(&base, &next).bump, Bump::Minor);
//! ```

use serde::Serialize;

use super::RuleSet;
use super::diff::{Status, diff};
use super::model::{Entries, Param};

/// The smallest version step a change requires (ordered: none < patch <
/// minor < major).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// No data change.
    None,
    /// A corrected value or source.
    Patch,
    /// A new value or parameter.
    Minor,
    /// A removed parameter or entry, or a changed formula variant.
    Major,
}

/// Why a change needs a step: the parameter, the entry and the step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Parameter name.
    pub param: String,
    /// The entry (`2025`, `from 2030-01-01`), or empty for the whole parameter.
    pub entry: String,
    /// The step it requires.
    pub bump: Bump,
    /// What changed, in words.
    pub what: String,
    /// The rule file of the changed entry (the new side, else the old).
    pub file: String,
}

/// What a change from `old` to `new` requires, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Required {
    /// The largest step any change requires.
    pub bump: Bump,
    /// Every change with its step.
    pub reasons: Vec<Reason>,
}

fn is_variant(p: Option<&Param>) -> bool {
    p.and_then(|p| match &p.entries {
        Entries::Dated(v) => v.first().map(|e| e.value.as_variant().is_some()),
        _ => None,
    })
    .unwrap_or(false)
}

/// The step the data change from `old` (the previous release) to `new`
/// requires.
pub fn required_bump(old: &RuleSet, new: &RuleSet) -> Required {
    let d = diff(old, new);
    let mut reasons = vec![];
    for pd in &d.params {
        let variant = is_variant(old.param(&pd.name)) || is_variant(new.param(&pd.name));
        if pd.status == Status::Removed {
            reasons.push(Reason {
                param: pd.name.clone(),
                entry: String::new(),
                bump: Bump::Major,
                what: "parameter removed".into(),
                file: pd
                    .changes
                    .first()
                    .and_then(|c| c.before.as_ref())
                    .map(|s| s.provenance.origin.file.to_string())
                    .unwrap_or_default(),
            });
            continue;
        }
        for c in &pd.changes {
            let (bump, what) = match (variant, c.status) {
                (true, _) => (Bump::Major, "formula variant changed"),
                (false, Status::Removed) => (Bump::Major, "entry removed"),
                (false, Status::Added) => (Bump::Minor, "new value"),
                (false, Status::Changed) => (Bump::Patch, "value or source corrected"),
            };
            reasons.push(Reason {
                param: pd.name.clone(),
                entry: c.key.clone(),
                bump,
                what: what.into(),
                file: c
                    .after
                    .as_ref()
                    .or(c.before.as_ref())
                    .map(|s| s.provenance.origin.file.to_string())
                    .unwrap_or_default(),
            });
        }
    }
    Required {
        bump: reasons.iter().map(|r| r.bump).max().unwrap_or(Bump::None),
        reasons,
    }
}

/// What the change of the set's own layer requires: as [`required_bump`],
/// counting only entries written in the files of `new`'s own directory
/// (`…/cn/shaanxi/award.toml` for `cn/shaanxi`), so that a province's
/// version steps for its own data, not for a change of `cn/national` below
/// it (whose own version steps; the content hash shows both).
pub fn required_own_bump(old: &RuleSet, new: &RuleSet) -> Required {
    let id = new
        .layers()
        .last()
        .map(|l| l.id.clone())
        .unwrap_or_default();
    let own = |file: &str| {
        file.rsplit_once('/').is_some_and(|(dir, _)| {
            dir.strip_suffix(id.as_str())
                .is_some_and(|head| head.is_empty() || head.ends_with('/'))
        })
    };
    let all = required_bump(old, new);
    let reasons: Vec<Reason> = all.reasons.into_iter().filter(|r| own(&r.file)).collect();
    Required {
        bump: reasons.iter().map(|r| r.bump).max().unwrap_or(Bump::None),
        reasons,
    }
}

/// Whether going from version `old` to `new` makes a step of at least
/// `bump`: the new version must be higher for any change, its major part
/// higher for a major change, its major or minor part higher for a minor
/// one. Both must be semantic versions (`1.4.0`).
pub fn check_step(old: &str, new: &str, bump: Bump) -> Result<(), String> {
    let parse = |v: &str| {
        semver::Version::parse(v).map_err(|e| format!("version {v:?} is not semver: {e}"))
    };
    let (o, n) = (parse(old)?, parse(new)?);
    let ok = match bump {
        Bump::None => n >= o,
        Bump::Patch => n > o,
        Bump::Minor => n > o && (n.major > o.major || n.minor > o.minor),
        Bump::Major => n.major > o.major,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{old} → {new}: the data change needs a {} step",
            match bump {
                Bump::None => "non-decreasing",
                Bump::Patch => "patch",
                Bump::Minor => "minor",
                Bump::Major => "major",
            }
        ))
    }
}
