//! Rule sets: versioned, cited parameters loaded from TOML, layered
//! (province over national, overlays over both), validated, hashed, and
//! resolved into a [`Snapshot`] for computation.
//!
//! ```
//! use pension_rules::rules::RuleSet;
//! let shaanxi = RuleSet::embedded("cn/shaanxi").unwrap();
//! assert_eq!(shaanxi.id(), "cn/shaanxi");
//! let snap = shaanxi.at("2025-06-30".parse().unwrap());
//! let rate = snap.contribution.employer_rate.current().unwrap();
//! assert_eq!(rate.value.to_string(), "0.16");
//! assert!(rate.provenance.source.contains("国办发〔2019〕13号"));
//! ```

mod baked;
mod canonical;
pub mod coverage;
mod diagnostic;
pub mod diff;
pub mod family;
mod model;
mod params;
mod parse;
mod pin;
pub mod reform;
pub mod registry;
pub mod site;
mod snapshot;
pub mod versioning;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use diagnostic::{Diagnostic, DiagnosticCode, LoadError};
pub use model::*;
/// The range a parameter declares for its values (`("50", "300")` for the
/// annuity divisor), if any: what the loader checks every value against.
pub use params::range as params_range;
pub use params::{
    AccountRules, AdjustmentRules, AwardRules, ContributionRules, LifeRules, RetirementRules,
    RoundingRules, SurvivorRules, TransferRules,
};
use parse::{MergeMode, ParsedParam};
pub use pin::{MIN_PIN_DIGITS, pin_hash};
pub use registry::{Domain, Lookup, ParamSpec, Shape, TableKey};
pub use snapshot::*;

/// The calendar years rule data may describe (a yearly entry outside them
/// is `out_of_range`). Inputs whose months lie outside them cannot be
/// grounded in any rule set; the population reader refuses them
/// (`population::Person::check_plausible`).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// The identity every result records: which rules produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(rename = "RuleSetIdentity")] // its name in the bindings and the schema
pub struct Identity {
    /// Rule-set id, with overlays appended (`cn/shaanxi+reform/x`).
    pub id: String,
    /// Version of the base rule set.
    pub version: String,
    /// sha256 of the canonical form of the merged parameters (hex).
    pub hash: String,
    /// Where the set comes from: `embedded` (the rules compiled into the
    /// library), or the directory of its `ruleset.toml` (a rules directory:
    /// `--rules-dir`, `rules_dir=`).
    pub origin: String,
    /// The shipped set this one replaces (`cn/shaanxi 2026.11.1
    /// sha256:…`): a set from a rules directory with the id and version of
    /// an embedded set but other content, loaded only because the user
    /// allowed it (`--allow-override`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overrides: Option<String>,
}

/// One layer of a rule set, bottom first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Layer {
    /// Its id.
    pub id: String,
    /// Its version (overlays have none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Its title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// GB/T 2260 region code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// What it covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether it is an overlay (a reform scenario or correction).
    pub overlay: bool,
}

/// A set of rule files: the embedded ones, or those found under a directory.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Rule-set directories by id: (label prefix, files as (name, text)).
    sets: BTreeMap<String, SetFiles>,
    /// Problems found while reading (unreadable files, bad headers).
    problems: Vec<Diagnostic>,
    /// Whether this is the embedded catalog.
    embedded: bool,
    /// Whether a set may replace an embedded set of the same id and version
    /// with other content ([`Catalog::allowing_override`]).
    allow_override: bool,
}

/// A member of a set's chain found in a rules directory whose id the
/// embedded catalog also has: its id and its `ruleset.toml`.
type Shadowing = (String, Arc<str>);

#[derive(Debug, Clone)]
struct SetFiles {
    dir_label: String,
    files: Vec<(String, Arc<str>)>,
    /// GB/T 2260 code from its `ruleset.toml`.
    region: Option<String>,
}

impl SetFiles {
    /// Its `ruleset.toml` as a layer, the id of the set it extends and the
    /// line of its header (`None` if the header cannot be read: the loader
    /// reports why).
    fn header(&self) -> Option<(Layer, Option<String>, u32)> {
        let head_file: Arc<str> = Arc::from(format!("{}ruleset.toml", self.dir_label));
        let head_text = self
            .files
            .iter()
            .find(|(n, _)| n == "ruleset.toml")
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        let mut hd = vec![];
        let h = parse::header(&mut diagnostic::Sink::new(head_file, &head_text, &mut hd))?;
        let layer = Layer {
            id: h.id,
            version: Some(h.version),
            title: h.title,
            region: h.region,
            description: h.description,
            overlay: false,
        };
        Some((layer, h.extends, h.line))
    }

    /// Its rule files but `ruleset.toml`, to parse: (label, stem, text).
    fn jobs(&self) -> impl Iterator<Item = (Arc<str>, &str, &Arc<str>)> {
        self.files
            .iter()
            .filter(|(name, _)| name != "ruleset.toml")
            .map(|(name, text)| {
                let file: Arc<str> = Arc::from(format!("{}{name}", self.dir_label));
                (file, name.trim_end_matches(".toml"), text)
            })
    }
}

impl Catalog {
    /// The rule sets compiled into the library.
    pub fn embedded() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| Catalog {
            embedded: true,
            ..Catalog::from_files(
                "rules/",
                embedded::FILES
                    .iter()
                    .map(|(p, t)| (p.to_string(), Arc::from(*t))),
            )
        })
    }

    /// Rule sets from `(path, text)` pairs; every directory holding a
    /// `ruleset.toml` is one set. `label` prefixes paths in messages.
    pub fn from_files(label: &str, files: impl IntoIterator<Item = (String, Arc<str>)>) -> Catalog {
        let mut by_dir: BTreeMap<String, Vec<(String, Arc<str>)>> = BTreeMap::new();
        for (path, text) in files {
            let (dir, name) = path
                .rsplit_once('/')
                .map_or((String::new(), path.clone()), |(d, n)| {
                    (d.to_string(), n.to_string())
                });
            by_dir.entry(dir).or_default().push((name, text));
        }
        let mut cat = Catalog::default();
        for (dir, mut files) in by_dir {
            files.sort_by(|a, b| a.0.cmp(&b.0));
            let dir_label = if dir.is_empty() {
                label.to_string()
            } else {
                format!("{label}{dir}/")
            };
            let Some((_, head)) = files.iter().find(|(n, _)| n == "ruleset.toml") else {
                continue;
            };
            let file: Arc<str> = Arc::from(format!("{dir_label}ruleset.toml"));
            let mut diags = vec![];
            let h = parse::header(&mut diagnostic::Sink::new(file, head, &mut diags));
            cat.problems.extend(diags);
            if let Some(h) = h {
                cat.sets.insert(
                    h.id,
                    SetFiles {
                        dir_label,
                        files,
                        region: h.region,
                    },
                );
            }
        }
        cat
    }

    /// Every `*.toml` under `root`, read from disk.
    pub fn from_dir(root: &Path) -> Result<Catalog, LoadError> {
        let mut files = vec![];
        let mut problems = vec![];
        walk(root, root, &mut files, &mut problems);
        if !problems.is_empty() {
            return Err(LoadError {
                diagnostics: problems,
            });
        }
        let label = format!("{}/", root.display().to_string().trim_end_matches('/'));
        let cat = Catalog::from_files(&label, files);
        if cat.sets.is_empty() && cat.problems.is_empty() {
            return Err(LoadError {
                diagnostics: vec![Diagnostic {
                    file: Arc::from(label),
                    line: 0,
                    column: 0,
                    key: String::new(),
                    code: DiagnosticCode::MissingRuleSet,
                    message: "no ruleset.toml found under this directory".into(),
                }],
            });
        }
        Ok(cat)
    }

    /// The id of the rule set whose `region` is `code` (GB/T 2260), if
    /// any (the first by id, should two name the same code).
    pub fn id_for_region(&self, code: &str) -> Option<&str> {
        self.sets
            .iter()
            .find(|(_, s)| s.region.as_deref() == Some(code))
            .map(|(id, _)| id.as_str())
    }

    /// Ids of the rule sets found.
    pub fn ids(&self) -> Vec<&str> {
        self.sets.keys().map(String::as_str).collect()
    }

    /// This catalog, allowing (`true`) or refusing (the default) a set that
    /// has the id and version of an embedded set but other content
    /// (`ruleset_conflict`). An allowed replacement is announced in the
    /// set's [`Identity::overrides`].
    pub fn allowing_override(self, allow: bool) -> Catalog {
        Catalog {
            allow_override: allow,
            ..self
        }
    }

    /// Load, layer and validate one rule set; bases named by `extends` are
    /// looked up here first, then among the embedded sets. Its identity
    /// names its origin (`embedded`, or its directory). A set of this
    /// catalog (or a base it extends) with the id and version of an
    /// embedded set but other content is refused (`ruleset_conflict`)
    /// unless the catalog allows it ([`Catalog::allowing_override`]):
    /// shipped rules are never replaced without a word.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use pension_rules::rules::{Catalog, RuleSet};
    /// let shipped = RuleSet::embedded("cn/national").unwrap();
    /// assert_eq!(shipped.identity().origin, "embedded");
    /// assert_eq!(shipped.identity().overrides, None);
    /// ```
    pub fn load(&self, id: &str) -> Result<RuleSet, LoadError> {
        if self.embedded
            && let Some(baked) = baked::embedded(id)
        {
            return baked;
        }
        let (mut rs, local) = self.load_raw(id)?;
        let mut conflicts = vec![];
        for (member, file) in local {
            let Ok(shipped) = Catalog::embedded().load(&member) else {
                continue;
            };
            let mine = if member == id {
                (rs.version().to_string(), rs.hash().to_string())
            } else {
                let (m, _) = self.load_raw(&member)?;
                (m.version().to_string(), m.hash().to_string())
            };
            if mine.0 != shipped.version() || mine.1 == shipped.hash() {
                continue;
            }
            if self.allow_override {
                let identity = Arc::make_mut(&mut rs.identity);
                identity.overrides.get_or_insert_with(|| {
                    format!("{member} {} sha256:{}", mine.0, shipped.hash())
                });
            } else {
                conflicts.push(Diagnostic {
                    file,
                    line: 0,
                    column: 0,
                    key: "version".into(),
                    code: DiagnosticCode::RulesetConflict,
                    message: format!(
                        "rule set {member} {} here has hash sha256:{}, but the embedded {member} {} has sha256:{}: \
                         the same id and version with other content would replace the shipped rules without a word; \
                         give the set its own version (or id), or allow the replacement (CLI `--allow-override`, \
                         Python `allow_override=True`, JS `{{allowOverride: true}}`)",
                        mine.0,
                        mine.1,
                        shipped.version(),
                        shipped.hash()
                    ),
                });
            }
        }
        if !conflicts.is_empty() {
            return Err(LoadError {
                diagnostics: conflicts,
            });
        }
        Ok(rs)
    }

    /// [`Catalog::load`] without the conflict check: the set (its origin
    /// named) and the members of its chain found in this catalog (not the
    /// embedded one) whose id the embedded catalog also has, with their
    /// `ruleset.toml`.
    fn load_raw(&self, id: &str) -> Result<(RuleSet, Vec<Shadowing>), LoadError> {
        let mut diags = self.problems.clone();
        let mut chain = vec![];
        let mut next = Some(id.to_string());
        let mut from: Option<(Arc<str>, u32)> = None;
        let mut local: Vec<Shadowing> = vec![];
        let mut origin: Option<String> = None;
        while let Some(cur) = next.take() {
            let found = self.sets.get(&cur).map(|s| (self, s)).or_else(|| {
                let e = Catalog::embedded();
                e.sets.get(&cur).map(|s| (e, s))
            });
            let Some(found) = found else {
                let (file, line) = from.clone().unwrap_or((Arc::from(""), 0));
                diags.push(Diagnostic {
                    file,
                    line,
                    column: 1,
                    key: "extends".into(),
                    code: DiagnosticCode::MissingRuleSet,
                    message: format!(
                        "rule set `{cur}` not found; known: {}",
                        self.known_ids().join(", ")
                    ),
                });
                break;
            };
            let set = found.1;
            if !found.0.embedded
                && std::ptr::eq(found.0, self)
                && Catalog::embedded().sets.contains_key(&cur)
                && !local.iter().any(|(c, _)| *c == cur)
            {
                local.push((
                    cur.clone(),
                    Arc::from(format!("{}ruleset.toml", set.dir_label)),
                ));
            }
            if origin.is_none() {
                origin = Some(if found.0.embedded {
                    "embedded".to_string()
                } else {
                    set.dir_label.trim_end_matches('/').to_string()
                });
            }
            if chain.iter().any(|(c, _): &(String, &SetFiles)| *c == cur) {
                diags.push(Diagnostic {
                    file: Arc::from(format!("{}ruleset.toml", set.dir_label)),
                    line: 1,
                    column: 1,
                    key: "extends".into(),
                    code: DiagnosticCode::MissingRuleSet,
                    message: format!("`extends` makes a cycle through `{cur}`"),
                });
                break;
            }
            let head_file: Arc<str> = Arc::from(format!("{}ruleset.toml", set.dir_label));
            let h = set.header();
            next = h.as_ref().and_then(|(_, extends, _)| extends.clone());
            from = Some((head_file, h.as_ref().map_or(1, |(_, _, line)| *line)));
            chain.push((cur, set));
        }
        let mut layers = vec![];
        // Files to parse, bottom layer first, in merge order.
        let mut jobs: Vec<(Arc<str>, &str, &Arc<str>)> = vec![];
        for (_, set) in chain.iter().rev() {
            let Some((layer, _, _)) = set.header() else {
                continue;
            };
            layers.push(layer);
            jobs.extend(set.jobs());
        }
        let mut params = BTreeMap::new();
        for (file_diags, parsed) in parse_files(&jobs) {
            diags.extend(file_diags);
            diags.extend(merge(&mut params, parsed));
        }
        let top_file: Arc<str> = Arc::from(chain.first().map_or(String::new(), |(_, s)| {
            format!("{}ruleset.toml", s.dir_label)
        }));
        let mut rs = finish(params, layers, top_file, diags)?;
        Arc::make_mut(&mut rs.identity).origin = origin.unwrap_or_default();
        Ok((rs, local))
    }

    fn known_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.sets.keys().cloned().collect();
        for k in Catalog::embedded().sets.keys() {
            if !ids.contains(k) {
                ids.push(k.clone());
            }
        }
        ids
    }
}

fn walk(
    root: &Path,
    dir: &Path,
    files: &mut Vec<(String, Arc<str>)>,
    problems: &mut Vec<Diagnostic>,
) {
    let io_problem = |p: &Path, e: std::io::Error| Diagnostic {
        file: Arc::from(p.display().to_string()),
        line: 0,
        column: 0,
        key: String::new(),
        code: DiagnosticCode::Io,
        message: format!("cannot read: {e}"),
    };
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            problems.push(io_problem(dir, e));
            return;
        }
    };
    let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(root, &p, files, problems);
        } else if p.extension().is_some_and(|e| e == "toml") {
            match std::fs::read_to_string(&p) {
                Ok(t) => {
                    let rel = p
                        .strip_prefix(root)
                        .unwrap_or(&p)
                        .to_string_lossy()
                        .replace('\\', "/");
                    files.push((rel, Arc::from(t)));
                }
                Err(e) => problems.push(io_problem(&p, e)),
            }
        }
    }
}

type Parsed = (Vec<Diagnostic>, BTreeMap<String, ParsedParam>);

/// Parse rule files (file label, name stem, text), each on its own: in
/// parallel with the `parallel` feature, results in the order given, so
/// the merge and the diagnostics are the same either way.
fn parse_files(jobs: &[(Arc<str>, &str, &Arc<str>)]) -> Vec<Parsed> {
    let one = |(file, stem, text): &(Arc<str>, &str, &Arc<str>)| -> Parsed {
        let mut diags = vec![];
        let (_, parsed) = parse::params(
            &mut diagnostic::Sink::new(file.clone(), text, &mut diags),
            Some(stem),
            false,
        );
        (diags, parsed)
    };
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        jobs.par_iter().map(one).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        jobs.iter().map(one).collect()
    }
}

/// The merge key of an entry: same key in an upper layer replaces.
/// Merge a layer into the parameters below it (entry by entry, or whole
/// where the layer says `mode = "replace"`); returns the layer's entries
/// that a later entry below would silently override ([`shadowed`]).
fn merge(
    params: &mut BTreeMap<String, Param>,
    layer: BTreeMap<String, ParsedParam>,
) -> Vec<Diagnostic> {
    let mut diags = vec![];
    for (name, ParsedParam { param, mode }) in layer {
        let Some(below) = params.get_mut(&name).filter(|_| mode == MergeMode::Merge) else {
            params.insert(name, param);
            continue;
        };
        let spans = |e: &Entries| -> Vec<(NaiveDate, Option<NaiveDate>, Arc<Provenance>)> {
            match e {
                Entries::Dated(v) => v
                    .iter()
                    .map(|x| (x.from, x.until, x.provenance.clone()))
                    .collect(),
                Entries::Schedule(v) => v
                    .iter()
                    .map(|x| (x.from, x.until, x.provenance.clone()))
                    .collect(),
                // Yearly entries are per year; a table version carries its
                // rows over into the versions after it.
                _ => vec![],
            }
        };
        diags.extend(shadowed(
            &name,
            &spans(&below.entries),
            &spans(&param.entries),
        ));
        below.title = param.title.or(below.title.take());
        below.unit = param.unit.or(below.unit.take());
        below.note = param.note.or(below.note.take());
        match (&mut below.entries, param.entries) {
            (Entries::Dated(b), Entries::Dated(up)) => {
                for e in up {
                    b.retain(|x| x.from != e.from);
                    b.push(e);
                }
                b.sort_by_key(|e| e.from);
            }
            (Entries::Yearly(b), Entries::Yearly(up)) => {
                for e in up {
                    b.retain(|x| {
                        !(x.year == e.year && x.provenance.provisional == e.provenance.provisional)
                    });
                    b.push(e);
                }
                b.sort_by_key(|e| (e.year, !e.provenance.provisional));
            }
            (Entries::Table(b), Entries::Table(up)) => {
                for e in up {
                    b.retain(|x| x.from != e.from);
                    b.push(e);
                }
                b.sort_by_key(|e| e.from);
            }
            (Entries::Schedule(b), Entries::Schedule(up)) => {
                for e in up {
                    b.retain(|x| x.from != e.from);
                    b.push(e);
                }
                b.sort_by_key(|e| e.from);
            }
            // Same name means same registered shape, so this cannot happen.
            (_, other) => below.entries = other,
        }
    }
    diags
}

/// The upper layer's entries that a later entry of a layer below overrides
/// while nothing in the upper layer says so: a provincial value from 2006
/// over a national value from 2025 would stop applying in 2025 without a
/// word. Each is a load error naming both entries; the province states its
/// intent with `until` (it ends there), by restating the later value, or
/// with `mode = "replace"`.
fn shadowed(
    name: &str,
    below: &[(NaiveDate, Option<NaiveDate>, Arc<Provenance>)],
    up: &[(NaiveDate, Option<NaiveDate>, Arc<Provenance>)],
) -> Vec<Diagnostic> {
    let mut diags = vec![];
    for (from, until, prov) in up {
        let next = |v: &[(NaiveDate, Option<NaiveDate>, Arc<Provenance>)]| {
            v.iter()
                .filter(|x| x.0 > *from)
                .min_by_key(|x| x.0)
                .cloned()
        };
        let Some((b_from, _, b_prov)) = next(below) else {
            continue;
        };
        let restated = next(up).is_some_and(|u| u.0 <= b_from);
        let ends = until.is_some_and(|u| u < b_from);
        if restated || ends {
            continue;
        }
        diags.push(diag_at(
            prov,
            name.to_string(),
            DiagnosticCode::Shadowed,
            format!(
                "this entry (from {from}) stops applying on {b_from}, where the layer below has its own entry ({}:{}, source: {}); say so with `until = {}`, restate the value from {b_from} in this layer, or set `mode = \"replace\"` on the parameter",
                b_prov.origin.file,
                b_prov.origin.line,
                b_prov.source,
                b_from.pred_opt().unwrap_or(b_from),
            ),
        ));
    }
    diags
}

fn diag_at(p: &Provenance, key: String, code: DiagnosticCode, message: String) -> Diagnostic {
    Diagnostic {
        file: p.origin.file.clone(),
        line: p.origin.line,
        column: 1,
        key,
        code,
        message,
    }
}

/// Check what only the merged set shows, then hash it.
fn finish(
    mut params: BTreeMap<String, Param>,
    layers: Vec<Layer>,
    top_file: Arc<str>,
    mut diags: Vec<Diagnostic>,
) -> Result<RuleSet, LoadError> {
    for (name, p) in params.iter_mut() {
        check_merged(name, p, &mut diags);
    }
    check_extras(&params, &mut diags);
    if !layers.is_empty() {
        for spec in registry::PARAMS.iter().filter(|s| s.required) {
            if !params.contains_key(spec.name) {
                diags.push(Diagnostic {
                    file: top_file.clone(),
                    line: 0,
                    column: 0,
                    key: spec.name.to_string(),
                    code: DiagnosticCode::MissingParameter,
                    message: format!(
                        "required parameter `{}` ({}) is defined by no file of this set or its bases; add it to `{}.toml`",
                        spec.name,
                        spec.about,
                        spec.name.split('.').next().unwrap_or_default()
                    ),
                });
            }
        }
    }
    if !diags.is_empty() {
        return Err(LoadError { diagnostics: diags });
    }
    let top = layers.last().cloned().unwrap_or(Layer {
        id: String::new(),
        version: None,
        title: None,
        region: None,
        description: None,
        overlay: false,
    });
    let hash = content_hash(&params);
    Ok(RuleSet {
        identity: Arc::new(Identity {
            id: top.id.clone(),
            version: top.version.clone().unwrap_or_default(),
            hash,
            origin: String::new(),
            overrides: None,
        }),
        layers,
        params,
    })
}

/// Every attribute an extra's or a coefficient override's `when` names is declared (by any layer,
/// as `award.attributes.<name>`), with a value of its type.
fn check_extras(params: &BTreeMap<String, Param>, diags: &mut Vec<Diagnostic>) {
    let attr_prefix = format!("{}.", family::ATTRIBUTES);
    let declared: BTreeMap<&str, Vec<&family::AttributeDecl>> = params
        .iter()
        .filter_map(|(n, p)| {
            let name = n.strip_prefix(&attr_prefix)?;
            let decls = p
                .entries
                .dated()?
                .iter()
                .filter_map(|e| match &e.value {
                    Value::Attribute(a) => Some(&**a),
                    _ => None,
                })
                .collect();
            Some((name, decls))
        })
        .collect();
    let extra_prefix = format!("{}.", family::EXTRAS);
    let override_prefix = format!("{}.", family::OVERRIDES);
    for (n, p) in params
        .iter()
        .filter(|(n, _)| n.starts_with(&extra_prefix) || n.starts_with(&override_prefix))
    {
        for (i, e) in p.entries.dated().unwrap_or_default().iter().enumerate() {
            let when = match &e.value {
                Value::Extra(x) => &x.when,
                Value::Override(o) => &o.when,
                _ => continue,
            };
            if let Value::Extra(x) = &e.value
                && let family::ExtraKind::PctOfIndexedWageStepped { attribute, .. } = &x.kind
            {
                let numeric = declared.get(attribute.as_str()).is_some_and(|ds| {
                    !ds.is_empty() && ds.iter().all(|d| d.kind == family::AttributeType::Number)
                });
                if !numeric {
                    diags.push(diag_at(
                        &e.provenance,
                        format!("{n}.values[{i}].attribute"),
                        DiagnosticCode::UnknownKey,
                        format!(
                            "the steps read attribute `{attribute}`, which must be declared as `{attr_prefix}{attribute}` with `type = \"number\"`"
                        ),
                    ));
                }
            }
            for (attr, want) in &when.attributes {
                let key = format!("{n}.values[{i}].when.{attr}");
                match declared.get(attr.as_str()) {
                    None => diags.push(diag_at(
                        &e.provenance,
                        key,
                        DiagnosticCode::UnknownKey,
                        format!(
                            "`when` names attribute `{attr}`, which no layer declares; declare it as `{}{attr}` (declared: {})",
                            attr_prefix,
                            if declared.is_empty() {
                                "none".to_string()
                            } else {
                                declared.keys().copied().collect::<Vec<_>>().join(", ")
                            }
                        ),
                    )),
                    Some(decls) => {
                        if let Some(why) = decls.iter().find_map(|d| d.refuse(want)) {
                            diags.push(diag_at(
                                &e.provenance,
                                key,
                                DiagnosticCode::WrongType,
                                format!("`when` gives {attr} = {want}: {why}"),
                            ));
                        }
                    }
                }
            }
        }
    }
}

/// An entry whose `until` reaches into the next entry's period.
fn check_overlaps<E: Period>(name: &str, entries: &[E], diags: &mut Vec<Diagnostic>) {
    for (i, pair) in entries.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        if a.until().is_some_and(|u| u >= b.from()) {
            diags.push(diag_at(
                b.provenance(),
                format!("{name}[{}]", i + 1),
                DiagnosticCode::Overlap,
                format!(
                    "period from {} overlaps the entry from {} (its `until` reaches into it)",
                    b.from(),
                    a.from()
                ),
            ));
        }
    }
}

/// Overlaps, carry-over of table rows, monotone tables.
fn check_merged(name: &str, p: &mut Param, diags: &mut Vec<Diagnostic>) {
    match &mut p.entries {
        Entries::Dated(v) => check_overlaps(name, v, diags),
        Entries::Schedule(v) => check_overlaps(name, v, diags),
        // Same-key duplicates are reported per file by the parser.
        Entries::Yearly(_) => {}
        Entries::Table(v) => {
            check_overlaps(name, v, diags);
            // A later version lists the rows it changes; others carry over.
            for i in 1..v.len() {
                let prev = v[i - 1].rows.clone();
                for (k, val) in prev {
                    v[i].rows.entry(k).or_insert(val);
                }
            }
            for (i, ver) in v.iter().enumerate() {
                check_table(name, p.spec, ver, i, diags);
            }
        }
    }
}

fn check_table(
    name: &str,
    spec: Option<&ParamSpec>,
    ver: &TableVersion,
    i: usize,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(order) = registry::order(name) else {
        return;
    };
    let mut prev: Option<(i64, &Value)> = None;
    for (k, val) in &ver.rows {
        if let Some((pk, pv)) = prev {
            let (a, b) = (as_num(pv), as_num(val));
            let bad = match order {
                registry::Order::Decreasing => b >= a,
                registry::Order::NonDecreasing => b < a,
            };
            if bad {
                diags.push(diag_at(
                    &ver.provenance,
                    format!("{name}.versions[{i}].rows.{k}"),
                    DiagnosticCode::NotMonotone,
                    format!(
                        "the table must {} with the key: row {pk} = {pv}, row {k} = {val}",
                        match order {
                            registry::Order::Decreasing => "strictly decrease",
                            registry::Order::NonDecreasing => "not decrease",
                        }
                    ),
                ));
            }
            if matches!(
                spec.map(|s| s.shape),
                Some(Shape::Table {
                    lookup: Lookup::Exact,
                    ..
                })
            ) && *k != pk + 1
            {
                diags.push(diag_at(
                    &ver.provenance,
                    format!("{name}.versions[{i}].rows"),
                    DiagnosticCode::MissingField,
                    format!(
                        "rows {} to {} are missing (the table must be contiguous)",
                        pk + 1,
                        k - 1
                    ),
                ));
            }
        }
        prev = Some((*k, val));
    }
}

fn as_num(v: &Value) -> rust_decimal::Decimal {
    match v {
        Value::Decimal(d) => *d,
        Value::Months(m) => (*m).into(),
        _ => rust_decimal::Decimal::ZERO,
    }
}

/// sha256 over the canonical JSON of the parameters: keys sorted, values as
/// written, file positions left out — so formatting and key order do not
/// change it, and any value does (written by [`canonical`]).
fn content_hash(params: &BTreeMap<String, Param>) -> String {
    canonical::content_hash(params)
}

/// A loaded, layered, validated rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    identity: Arc<Identity>,
    layers: Vec<Layer>,
    params: BTreeMap<String, Param>,
}

impl RuleSet {
    /// A rule set shipped with the library (`cn/national`, `cn/shaanxi`).
    pub fn embedded(id: &str) -> Result<RuleSet, LoadError> {
        static CACHE: OnceLock<std::sync::Mutex<BTreeMap<String, RuleSet>>> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        if let Some(rs) = cache.lock().ok().and_then(|c| c.get(id).cloned()) {
            return Ok(rs);
        }
        // The baked layers need no catalog (whose making reads every
        // shipped header): a first load pays for its own set only.
        let rs = match baked::embedded(id) {
            Some(baked) => baked?,
            None => Catalog::embedded().load(id)?,
        };
        if let Ok(mut c) = cache.lock() {
            c.insert(id.to_string(), rs.clone());
        }
        Ok(rs)
    }

    /// Ids of the shipped rule sets.
    pub fn embedded_ids() -> Vec<&'static str> {
        Catalog::embedded().ids()
    }

    /// Load the rule set in directory `dir` (holding its `ruleset.toml`);
    /// its bases are looked up beside it, then among the embedded sets.
    pub fn from_dir(dir: &Path) -> Result<RuleSet, LoadError> {
        let cat = Catalog::from_dir(dir)?;
        let mut d = vec![];
        let text = std::fs::read_to_string(dir.join("ruleset.toml")).map_err(|e| LoadError {
            diagnostics: vec![Diagnostic {
                file: Arc::from(dir.join("ruleset.toml").display().to_string()),
                line: 0,
                column: 0,
                key: String::new(),
                code: DiagnosticCode::Io,
                message: format!("cannot read: {e}"),
            }],
        })?;
        let file: Arc<str> = Arc::from(dir.join("ruleset.toml").display().to_string());
        match parse::header(&mut diagnostic::Sink::new(file, &text, &mut d)) {
            Some(h) => cat.load(&h.id),
            None => Err(LoadError { diagnostics: d }),
        }
    }

    /// Layer an overlay (a reform scenario or a correction) given as TOML
    /// text; `label` names it in messages. The result gets the id
    /// `base+overlay` and a new hash.
    pub fn with_overlay(&self, label: &str, text: &str) -> Result<RuleSet, LoadError> {
        let mut diags = vec![];
        let file: Arc<str> = Arc::from(label);
        let (head, parsed) = parse::params(
            &mut diagnostic::Sink::new(file.clone(), text, &mut diags),
            None,
            true,
        );
        let Some(head) = head else {
            return Err(LoadError { diagnostics: diags });
        };
        if let Some(base) = &head.base
            && !self.layers.iter().any(|l| &l.id == base)
        {
            diags.push(Diagnostic {
                file: file.clone(),
                line: 1,
                column: 1,
                key: "overlay.base".into(),
                code: DiagnosticCode::MissingRuleSet,
                message: format!(
                    "overlay is for `{base}`, but this rule set is `{}`",
                    self.identity.id
                ),
            });
        }
        let mut params = self.params.clone();
        diags.extend(merge(&mut params, parsed));
        let mut layers = self.layers.clone();
        layers.push(Layer {
            id: head.id.clone(),
            version: None,
            title: head.title,
            region: None,
            description: None,
            overlay: true,
        });
        let base_version = self.identity.version.clone();
        let id = format!("{}+{}", self.identity.id, head.id);
        let mut rs = finish(params, layers, file, diags)?;
        rs.identity = Arc::new(Identity {
            id,
            version: base_version,
            hash: rs.identity.hash.clone(),
            origin: self.identity.origin.clone(),
            overrides: self.identity.overrides.clone(),
        });
        Ok(rs)
    }

    /// Id (with overlays), version and content hash.
    pub fn identity(&self) -> &Arc<Identity> {
        &self.identity
    }
    /// The id.
    pub fn id(&self) -> &str {
        &self.identity.id
    }
    /// The version.
    pub fn version(&self) -> &str {
        &self.identity.version
    }
    /// The content hash (sha256, hex).
    pub fn hash(&self) -> &str {
        &self.identity.hash
    }
    /// The layers, bottom (national) first.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }
    /// All parameters by name.
    pub fn params(&self) -> &BTreeMap<String, Param> {
        &self.params
    }
    /// One parameter.
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.get(name)
    }

    /// Resolve into a snapshot for computations on `date`, with everything
    /// published so far (see [`RuleSet::at_known`]).
    pub fn at(&self, date: NaiveDate) -> Snapshot {
        Snapshot::build(self, date, None)
    }

    /// Resolve as known on `known_on` (bitemporal): values published after
    /// that day are invisible, so a year whose final 计发基数 was not yet out
    /// resolves to its provisional (预发) value.
    pub fn at_known(&self, date: NaiveDate, known_on: NaiveDate) -> Snapshot {
        Snapshot::build(self, date, Some(known_on))
    }

    /// The value of every parameter in force on `date` (all years for yearly
    /// series), with its source: what `pension-rules rules show` prints.
    pub fn resolve(&self, date: NaiveDate, known_on: Option<NaiveDate>) -> Vec<Resolved> {
        self.params
            .iter()
            .map(|(name, p)| snapshot::resolve_param(name, p, date, known_on))
            .collect()
    }
}
