//! What a reform changes: the difference between two rule sets (typically a
//! base set and the same set with a reform overlay), parameter by parameter
//! and entry by entry, each side with its value and legal source.
//!
//! Entries are matched by their merge key (see docs/rules-format.md): `from`
//! for dated values, schedules and table versions, `year` (and whether it is
//! provisional) for yearly series, and the row key inside a table version. A
//! table version present only in `b` is compared row by row with the version
//! of `a` in force on its `from` date, so a reform that changes one age of the
//! 计发月数 table shows that one row.
//!
//! ```
//! use pension_rules::rules::{RuleSet, diff::diff};
//! let base = RuleSet::embedded("cn/shaanxi").unwrap();
//! let reform = base.with_overlay("reform.toml", r#"
//! [overlay]
//! id = "reform/rate-15"
//! [contribution.employer_rate]
//! [[contribution.employer_rate.values]]
//! from = 2030-01-01
//! value = "0.15"
//! source = "scenario: analyst assumption"
//! "#).unwrap();
//! let d = diff(&base, &reform);
//! assert_eq!(d.params.len(), 1);
//! let c = &d.params[0].changes[0];
//! assert_eq!(c.key, "from 2030-01-01");
//! assert_eq!(c.after.as_ref().unwrap().value, "0.15");
//! assert_eq!(c.before.as_ref().unwrap().value, "0.16"); // the value in force before
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::model::{Entries, Param, Period, Provenance, TableVersion};
use super::{Identity, RuleSet};

/// How a parameter or an entry differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Only in `b`.
    Added,
    /// Only in `a`.
    Removed,
    /// In both, with another value, period or source.
    Changed,
}

/// One side of a change: the value as written, and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Side {
    /// The value (for tables, one row's value).
    pub value: String,
    /// Last day in force, where the entry says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Its source and status (provisional, published, confidence, file and line).
    pub provenance: Arc<Provenance>,
}

/// One entry (or table row) that differs.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Change {
    /// Added, removed or changed.
    pub status: Status,
    /// Which entry: `from 2030-01-01`, `2025`, `2025 provisional`,
    /// `from 2030-01-01, row 60`.
    pub key: String,
    /// In `a` (for an entry only in `b`: the value of `a` in force on its
    /// date, where there is one, so the change reads "from → to").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Side>,
    /// In `b`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Side>,
}

/// A parameter that differs.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ParamDiff {
    /// Registered name.
    pub name: String,
    /// Title (from `b`, else `a`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Added, removed or changed as a whole.
    pub status: Status,
    /// The entries that differ, in key order.
    pub changes: Vec<Change>,
}

/// The difference between two rule sets.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RuleDiff {
    /// The first set (the baseline).
    pub a: Arc<Identity>,
    /// The second set (the reform).
    pub b: Arc<Identity>,
    /// Parameters that differ, by name.
    pub params: Vec<ParamDiff>,
}

impl RuleDiff {
    /// Whether the two sets have the same parameters, values and sources.
    pub fn is_empty(&self) -> bool {
        self.params.is_empty()
    }
}

/// Compare two rule sets parameter by parameter (the file positions of
/// values are not compared: moving a value to another line is no change).
pub fn diff(a: &RuleSet, b: &RuleSet) -> RuleDiff {
    let mut params = vec![];
    let names: std::collections::BTreeSet<&String> =
        a.params().keys().chain(b.params().keys()).collect();
    for name in names {
        let (pa, pb) = (a.param(name), b.param(name));
        let title = pb.or(pa).and_then(|p| p.title.clone());
        let (status, changes) = match (pa, pb) {
            (Some(pa), Some(pb)) => (Status::Changed, param_changes(pa, pb)),
            (None, Some(pb)) => (Status::Added, param_changes(&empty_like(pb), pb)),
            (Some(pa), None) => (Status::Removed, param_changes(pa, &empty_like(pa))),
            (None, None) => continue,
        };
        if !changes.is_empty() {
            params.push(ParamDiff {
                name: name.clone(),
                title,
                status,
                changes,
            });
        }
    }
    RuleDiff {
        a: a.identity().clone(),
        b: b.identity().clone(),
        params,
    }
}

fn empty_like(p: &Param) -> Param {
    Param {
        spec: p.spec,
        title: None,
        unit: None,
        note: None,
        entries: match p.entries {
            Entries::Dated(_) => Entries::Dated(vec![]),
            Entries::Yearly(_) => Entries::Yearly(vec![]),
            Entries::Table(_) => Entries::Table(vec![]),
            Entries::Schedule(_) => Entries::Schedule(vec![]),
        },
    }
}

/// Provenance without the file position (which is not content).
fn same_source(a: &Provenance, b: &Provenance) -> bool {
    Provenance {
        origin: b.origin.clone(),
        ..a.clone()
    } == *b
}

fn side(value: String, until: Option<NaiveDate>, p: &Arc<Provenance>) -> Side {
    Side {
        value,
        until,
        provenance: p.clone(),
    }
}

/// The entry of `v` in force on `date` (the last one starting on or before it).
fn in_force<E: Period>(v: &[E], date: NaiveDate) -> Option<&E> {
    v.iter()
        .rev()
        .find(|e| e.from() <= date)
        .filter(|e| e.until().is_none_or(|u| date <= u))
}

/// Entries of one shape compared by their `from` date.
fn by_from<E: Period>(a: &[E], b: &[E], show: impl Fn(&E) -> String, out: &mut Vec<Change>) {
    let keys: std::collections::BTreeSet<NaiveDate> = a.iter().chain(b).map(|e| e.from()).collect();
    for from in keys {
        let ea = a.iter().find(|e| e.from() == from);
        let eb = b.iter().find(|e| e.from() == from);
        let key = format!("from {from}");
        match (ea, eb) {
            (Some(x), Some(y)) => {
                let (vx, vy) = (show(x), show(y));
                if vx != vy
                    || x.until() != y.until()
                    || !same_source(x.provenance(), y.provenance())
                {
                    out.push(Change {
                        status: Status::Changed,
                        key,
                        before: Some(side(vx, x.until(), x.provenance())),
                        after: Some(side(vy, y.until(), y.provenance())),
                    });
                }
            }
            (None, Some(y)) => out.push(Change {
                status: Status::Added,
                key,
                before: in_force(a, from).map(|x| side(show(x), x.until(), x.provenance())),
                after: Some(side(show(y), y.until(), y.provenance())),
            }),
            (Some(x), None) => out.push(Change {
                status: Status::Removed,
                key,
                before: Some(side(show(x), x.until(), x.provenance())),
                after: in_force(b, from).map(|y| side(show(y), y.until(), y.provenance())),
            }),
            (None, None) => {}
        }
    }
}

fn table_rows(
    key: &str,
    a: Option<&TableVersion>,
    b: Option<&TableVersion>,
    status: Status,
    out: &mut Vec<Change>,
) {
    let empty = BTreeMap::new();
    let rows_a = a.map_or(&empty, |t| &t.rows);
    let rows_b = b.map_or(&empty, |t| &t.rows);
    if let (Some(x), Some(y), Status::Changed) = (a, b, status)
        && (!same_source(&x.provenance, &y.provenance) || x.until != y.until)
    {
        let whole = |t: &TableVersion| {
            side(
                format!("table of {} rows", t.rows.len()),
                t.until,
                &t.provenance,
            )
        };
        out.push(Change {
            status,
            key: key.to_string(),
            before: Some(whole(x)),
            after: Some(whole(y)),
        });
    }
    let keys: std::collections::BTreeSet<&i64> = rows_a.keys().chain(rows_b.keys()).collect();
    for k in keys {
        let (va, vb) = (rows_a.get(k), rows_b.get(k));
        let status = match (va, vb) {
            (Some(p), Some(q)) if p == q => continue,
            (Some(_), Some(_)) => status,
            (None, Some(_)) => Status::Added,
            (Some(_), None) => Status::Removed,
            (None, None) => continue,
        };
        out.push(Change {
            status,
            key: format!("{key}, row {k}"),
            before: va
                .zip(a)
                .map(|(v, t)| side(v.to_string(), t.until, &t.provenance)),
            after: vb
                .zip(b)
                .map(|(v, t)| side(v.to_string(), t.until, &t.provenance)),
        });
    }
}

fn param_changes(a: &Param, b: &Param) -> Vec<Change> {
    let mut out = vec![];
    match (&a.entries, &b.entries) {
        (Entries::Dated(x), Entries::Dated(y)) => by_from(x, y, |e| e.value.to_string(), &mut out),
        (Entries::Schedule(x), Entries::Schedule(y)) => by_from(
            x,
            y,
            |e| {
                super::ScheduleRule {
                    original_age: e.original_age,
                    rise: e.rise,
                }
                .to_string()
            },
            &mut out,
        ),
        (Entries::Yearly(x), Entries::Yearly(y)) => {
            let keys: std::collections::BTreeSet<(i32, bool)> = x
                .iter()
                .chain(y)
                .map(|e| (e.year, e.provenance.provisional))
                .collect();
            for (year, prov) in keys {
                let find = |v: &[super::YearlyEntry]| {
                    v.iter()
                        .find(|e| e.year == year && e.provenance.provisional == prov)
                        .cloned()
                };
                let (ea, eb) = (find(x), find(y));
                let key = if prov {
                    format!("{year} provisional")
                } else {
                    year.to_string()
                };
                let sd = |e: &super::YearlyEntry| side(e.value.to_string(), None, &e.provenance);
                let status = match (&ea, &eb) {
                    (Some(p), Some(q)) => {
                        if p.value == q.value && same_source(&p.provenance, &q.provenance) {
                            continue;
                        }
                        Status::Changed
                    }
                    (None, Some(_)) => Status::Added,
                    (Some(_), None) => Status::Removed,
                    (None, None) => continue,
                };
                out.push(Change {
                    status,
                    key,
                    before: ea.as_ref().map(sd),
                    after: eb.as_ref().map(sd),
                });
            }
        }
        (Entries::Table(x), Entries::Table(y)) => {
            let keys: std::collections::BTreeSet<NaiveDate> =
                x.iter().chain(y).map(|e| e.from).collect();
            for from in keys {
                let key = format!("from {from}");
                let ea = x.iter().find(|e| e.from == from);
                let eb = y.iter().find(|e| e.from == from);
                match (ea, eb) {
                    (Some(p), Some(q)) => {
                        table_rows(&key, Some(p), Some(q), Status::Changed, &mut out)
                    }
                    // A new version: its rows against the version of `a` in force then.
                    (None, Some(q)) => {
                        table_rows(&key, in_force(x, from), Some(q), Status::Added, &mut out)
                    }
                    (Some(p), None) => {
                        table_rows(&key, Some(p), in_force(y, from), Status::Removed, &mut out)
                    }
                    (None, None) => {}
                }
            }
        }
        // Same name, same registered shape: a mismatch cannot occur; show it whole.
        _ => out.push(Change {
            status: Status::Changed,
            key: "shape".into(),
            before: None,
            after: None,
        }),
    }
    out
}
