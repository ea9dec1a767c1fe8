//! Baked rule sets: each layer of a rule set (a `ruleset.toml` and its
//! rule files) read, checked and kept in a compact binary form (CBOR) that
//! loads without parsing TOML; a set is its layers merged again, bottom
//! first, as the loader merges them.
//!
//! The shipped layers are baked into `core/baked/` (one file a layer), with
//! `core/baked/INDEX`: the stamp (sha256 of every rule file they were baked
//! from) and the content hash of every shipped set, computed once when
//! baking. The tests below check that every baked set equals a fresh load
//! of its files, and rewrite them with `UPDATE_BAKED=1 cargo test -p
//! pension-rules --lib baked`. The build embeds them only while the stamp
//! matches the rule files being built, so an edited rule file is never
//! shadowed by a stale baked one: the embedded catalog then parses the TOML,
//! as before, until the layers are baked again.
//!
//! The stored hash is the one the loader computed (sha256 of the canonical
//! JSON of the merged parameters, [`super::canonical`]): the published
//! definition, unchanged. The shipped sets, checked by the tests, are taken
//! as they are; [`RuleSet::from_baked`] — layers from anywhere, say fetched
//! by a web page — checks the merged set as a load does and computes its
//! hash.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::parse::{MergeMode, ParsedParam};
use super::{
    Catalog, Diagnostic, DiagnosticCode, Entries, Identity, Layer, LoadError, Param, Provenance,
    RuleSet, Value, embedded, finish, merge, parse_files, registry,
};

/// Version of the binary form; a baked layer of another version is refused.
pub const FORMAT: u32 = 1;

/// One baked layer: its header and its own parameters, as read from its
/// files (before merging with the layers below).
#[derive(Serialize, Deserialize)]
struct BakedLayer {
    format: u32,
    layer: Layer,
    extends: Option<String>,
    params: BTreeMap<String, BakedParam>,
}

/// A parameter of a layer. Its own type rather than [`Param`] because
/// serde's `flatten` (of `Param::entries`) would pass the values through a
/// buffer that takes every format for a human-readable one, and so read a
/// [`super::Value`] untagged.
#[derive(Serialize, Deserialize)]
struct BakedParam {
    title: Option<String>,
    unit: Option<String>,
    note: Option<String>,
    mode: MergeMode,
    entries: Entries,
}

impl Catalog {
    /// The baked form of set `id`'s own layer (its `ruleset.toml` and rule
    /// files, not its bases'), for [`RuleSet::from_baked`]. The set is
    /// loaded first, bases and all, so that only a valid set is baked.
    ///
    /// ```
    /// use pension_rules::rules::{Catalog, RuleSet};
    /// let national = Catalog::embedded().bake("cn/national").unwrap();
    /// let shaanxi = Catalog::embedded().bake("cn/shaanxi").unwrap();
    /// let rs = RuleSet::from_baked(&[&national, &shaanxi], "fetched").unwrap();
    /// assert_eq!(rs.hash(), RuleSet::embedded("cn/shaanxi").unwrap().hash());
    /// assert_eq!(rs.identity().origin, "fetched");
    /// ```
    pub fn bake(&self, id: &str) -> Result<Vec<u8>, LoadError> {
        self.load(id)?;
        let set = self
            .sets
            .get(id)
            .or_else(|| Catalog::embedded().sets.get(id))
            .ok_or_else(|| {
                refusal(
                    id,
                    DiagnosticCode::MissingRuleSet,
                    format!("no rule set `{id}`"),
                )
            })?;
        let (layer, extends, _) = set.header().ok_or_else(|| {
            refusal(
                id,
                DiagnosticCode::Syntax,
                "its ruleset.toml cannot be read".into(),
            )
        })?;
        let jobs: Vec<_> = set.jobs().collect();
        let mut params = BTreeMap::new();
        for (_, parsed) in parse_files(&jobs) {
            for (name, ParsedParam { param, mode }) in parsed {
                let baked = BakedParam {
                    title: param.title,
                    unit: param.unit,
                    note: param.note,
                    mode,
                    entries: param.entries,
                };
                if params.insert(name.clone(), baked).is_some() {
                    return Err(refusal(
                        id,
                        DiagnosticCode::WrongFile,
                        format!("`{name}` is defined by two files of this set"),
                    ));
                }
            }
        }
        let baked = BakedLayer {
            format: FORMAT,
            layer,
            extends,
            params,
        };
        let mut out = Vec::new();
        ciborium::into_writer(&baked, &mut out).map_err(|e| {
            refusal(
                id,
                DiagnosticCode::Io,
                format!("cannot write its baked form: {e}"),
            )
        })?;
        Ok(out)
    }
}

impl RuleSet {
    /// A set from the baked forms of its layers ([`Catalog::bake`]), bottom
    /// first (`cn/national`, then `cn/shaanxi`); `origin` names it in
    /// messages and in [`Identity::origin`]. Checked as the loader checks a
    /// set — every value within its parameter's range, the merged set (order,
    /// overlaps, the parameters a set needs, local extras) — and its hash
    /// computed; the values' types and shapes are those the TOML reader gave
    /// them when the layer was baked.
    pub fn from_baked(layers: &[&[u8]], origin: &str) -> Result<RuleSet, LoadError> {
        let mut decoded = vec![];
        for (i, bytes) in layers.iter().enumerate() {
            let layer = decode(bytes, &format!("{origin}[{i}]"))?;
            let below = decoded.last().map(|l: &Decoded| l.layer.id.as_str());
            if layer.extends.as_deref() != below {
                return Err(refusal(
                    origin,
                    DiagnosticCode::MissingRuleSet,
                    format!(
                        "layer {i} ({}) extends {}, but the layer below it is {}: give every layer, bottom first",
                        layer.layer.id,
                        layer.extends.as_deref().unwrap_or("nothing"),
                        below.unwrap_or("none")
                    ),
                ));
            }
            decoded.push(layer);
        }
        if decoded.is_empty() {
            return Err(refusal(
                origin,
                DiagnosticCode::MissingRuleSet,
                "no layer given".into(),
            ));
        }
        let (params, layers, mut diags) = assemble(decoded);
        diags.extend(out_of_range(&params));
        let mut rs = finish(params, layers, Arc::from(origin), diags)?;
        Arc::make_mut(&mut rs.identity).origin = origin.to_string();
        Ok(rs)
    }
}

/// The values outside their parameter's domain or declared range, or not
/// one of its variants, as the TOML reader refuses them (a layer baked
/// elsewhere may not have been read by it).
fn out_of_range(params: &BTreeMap<String, Param>) -> Vec<Diagnostic> {
    let mut diags = vec![];
    for (name, p) in params {
        let Some(spec) = p.spec else {
            continue;
        };
        let range = super::params::range(name);
        let bound = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap_or_default();
        let values: Vec<(&Value, &Provenance)> = match &p.entries {
            Entries::Dated(v) => v.iter().map(|e| (&e.value, &*e.provenance)).collect(),
            Entries::Yearly(v) => v.iter().map(|e| (&e.value, &*e.provenance)).collect(),
            Entries::Table(v) => v
                .iter()
                .flat_map(|t| t.rows.values().map(|r| (r, &*t.provenance)))
                .collect(),
            Entries::Schedule(_) => vec![],
        };
        for (v, prov) in values {
            let refusal = match (v, spec.domain) {
                (Value::Decimal(d), domain) => super::parse::outside(domain, *d)
                    .map(|want| format!("{d} is out of range: expected {want}"))
                    .or_else(|| {
                        let (lo, hi) = range?;
                        (*d < bound(lo) || *d > bound(hi)).then(|| {
                            format!("{d} is out of range: expected {lo} to {hi} (the range the parameter declares)")
                        })
                    }),
                (Value::Variant(x), registry::Domain::Variant(allowed)) => (!allowed
                    .contains(&x.as_str()))
                .then(|| format!("`{x}` is not one of {}", allowed.join(", "))),
                _ => None,
            };
            if let Some(message) = refusal {
                diags.push(Diagnostic {
                    file: prov.origin.file.clone(),
                    line: prov.origin.line,
                    column: 0,
                    key: name.clone(),
                    code: DiagnosticCode::OutOfRange,
                    message,
                });
            }
        }
    }
    diags
}

/// A shipped set from its baked layers, when the build embedded them (see
/// the module's documentation); `None` sends the loader to the TOML.
pub(super) fn embedded(id: &str) -> Option<Result<RuleSet, LoadError>> {
    let hash = embedded::BAKED_HASHES.iter().find(|(i, _)| *i == id)?.1;
    let mut chain = vec![];
    let mut next = Some(id.to_string());
    while let Some(cur) = next {
        let bytes = embedded::BAKED.iter().find(|(i, _)| *i == cur)?.1;
        let layer = match decode(bytes, "embedded") {
            Ok(l) => l,
            Err(e) => return Some(Err(e)),
        };
        next = layer.extends.clone();
        chain.push(layer);
    }
    chain.reverse();
    let (params, layers, _) = assemble(chain);
    let top = layers.last()?;
    Some(Ok(RuleSet {
        identity: Arc::new(Identity {
            id: top.id.clone(),
            version: top.version.clone().unwrap_or_default(),
            hash: hash.to_string(),
            origin: "embedded".into(),
            overrides: None,
        }),
        layers,
        params,
    }))
}

/// A baked layer read back.
struct Decoded {
    layer: Layer,
    extends: Option<String>,
    params: BTreeMap<String, ParsedParam>,
}

/// Merge layers, bottom first, as the loader does: the parameters, the
/// layers, and what the merge found (entries a lower layer shadows).
fn assemble(chain: Vec<Decoded>) -> (BTreeMap<String, Param>, Vec<Layer>, Vec<Diagnostic>) {
    let mut params = BTreeMap::new();
    let mut layers = vec![];
    let mut diags = vec![];
    for d in chain {
        diags.extend(merge(&mut params, d.params));
        layers.push(d.layer);
    }
    (params, layers, diags)
}

/// Read one layer's binary form and give every parameter its registry
/// entry back.
fn decode(bytes: &[u8], origin: &str) -> Result<Decoded, LoadError> {
    let baked: BakedLayer = ciborium::from_reader(bytes).map_err(|e| {
        refusal(
            origin,
            DiagnosticCode::Syntax,
            format!("not a baked rule layer: {e}"),
        )
    })?;
    if baked.format != FORMAT {
        return Err(refusal(
            origin,
            DiagnosticCode::Syntax,
            format!(
                "a baked rule layer of format {}; this library reads format {FORMAT}: bake it again",
                baked.format
            ),
        ));
    }
    let params = baked
        .params
        .into_iter()
        .map(|(name, p)| {
            let param = Param {
                spec: registry::spec(&name),
                title: p.title,
                unit: p.unit,
                note: p.note,
                entries: p.entries,
            };
            (
                name,
                ParsedParam {
                    param,
                    mode: p.mode,
                },
            )
        })
        .collect();
    Ok(Decoded {
        layer: baked.layer,
        extends: baked.extends,
        params,
    })
}

fn refusal(origin: &str, code: DiagnosticCode, message: String) -> LoadError {
    LoadError {
        diagnostics: vec![Diagnostic {
            file: Arc::from(origin),
            line: 0,
            column: 0,
            key: String::new(),
            code,
            message,
        }],
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::fmt::Write as _;
    use std::path::{Path, PathBuf};

    use super::*;

    fn dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("baked")
    }

    fn file_of(id: &str) -> PathBuf {
        dir().join(format!("{}.cbor", id.replace('/', "-")))
    }

    /// Everything a set holds, origins and registry entries included.
    fn whole(rs: &RuleSet) -> String {
        let specs: Vec<_> = rs.params.values().map(|p| p.spec.map(|s| s.name)).collect();
        serde_json::to_string(&(rs.identity(), &rs.layers, &rs.params, specs)).unwrap()
    }

    /// Every shipped layer's baked file is what baking its rule files gives,
    /// `INDEX` holds the stamp of the rule files and every set's hash, and
    /// every shipped set loads from them to exactly what a load of its TOML
    /// gives. `UPDATE_BAKED=1` writes the files instead (run it again
    /// without, after the build has embedded them).
    #[test]
    fn baked_sets_match_the_rule_files() {
        let update = std::env::var_os("UPDATE_BAKED").is_some();
        let catalog = Catalog::embedded();
        let mut index = format!(
            "# The shipped rule sets, baked (core/src/rules/baked.rs): the stamp of the rule\n\
             # files they were baked from, then each set's id and content hash.\nstamp {}\n",
            embedded::STAMP
        );
        let mut stale = vec![];
        if update {
            std::fs::create_dir_all(dir()).unwrap();
            for e in std::fs::read_dir(dir()).unwrap().flatten() {
                std::fs::remove_file(e.path()).unwrap();
            }
        }
        for id in catalog.ids() {
            assert!(
                !id.contains('-'),
                "{id}: a baked file name maps `-` back to `/`"
            );
            let (fresh, _) = catalog.load_raw(id).unwrap();
            writeln!(index, "{id} {}", fresh.hash()).unwrap();
            let bytes = catalog.bake(id).unwrap();
            if update {
                std::fs::write(file_of(id), &bytes).unwrap();
            } else if std::fs::read(file_of(id)).ok().as_deref() != Some(&bytes[..]) {
                stale.push(id);
            }
        }
        if update {
            std::fs::write(dir().join("INDEX"), index).unwrap();
            return;
        }
        let files = std::fs::read_dir(dir()).unwrap().flatten().count();
        assert!(
            stale.is_empty()
                && files == catalog.ids().len() + 1
                && std::fs::read_to_string(dir().join("INDEX")).unwrap() == index,
            "the baked sets in core/baked/ are not those of the rule files (stale: {stale:?}); \
             bake them again: UPDATE_BAKED=1 cargo test -p pension-rules --lib baked"
        );
        // The build embeds them, and every shipped set loads from them.
        assert_eq!(embedded::BAKED.len(), catalog.ids().len());
        for id in catalog.ids() {
            let baked = embedded(id).unwrap().unwrap();
            assert_eq!(
                whole(&baked),
                whole(&catalog.load_raw(id).unwrap().0),
                "{id}"
            );
        }
    }

    /// Layers from elsewhere are checked as a load checks them: given
    /// bottom first, each valid, the merged set complete; bytes that are
    /// no baked layer are refused with a message, not a panic.
    #[test]
    fn from_baked_checks_what_it_reads() {
        let national = Catalog::embedded().bake("cn/national").unwrap();
        let shaanxi = Catalog::embedded().bake("cn/shaanxi").unwrap();
        let rs = RuleSet::from_baked(&[&national, &shaanxi], "web").unwrap();
        let shipped = RuleSet::embedded("cn/shaanxi").unwrap();
        assert_eq!(
            whole(&rs).replace("\"web\"", "\"embedded\""),
            whole(&shipped)
        );

        let e = RuleSet::from_baked(&[&shaanxi], "web").unwrap_err();
        assert_eq!(e.diagnostics[0].code, DiagnosticCode::MissingRuleSet, "{e}");
        let e = RuleSet::from_baked(&[&shaanxi, &national], "web").unwrap_err();
        assert_eq!(e.diagnostics[0].code, DiagnosticCode::MissingRuleSet, "{e}");
        let e = RuleSet::from_baked(&[], "web").unwrap_err();
        assert_eq!(e.diagnostics[0].code, DiagnosticCode::MissingRuleSet, "{e}");

        // A value outside its declared range, baked by hand: refused.
        let mut layer: BakedLayer = ciborium::from_reader(&national[..]).unwrap();
        let Entries::Dated(entries) = &mut layer
            .params
            .get_mut("contribution.employer_rate")
            .unwrap()
            .entries
        else {
            panic!("dated")
        };
        entries[0].value = Value::Decimal("9".parse().unwrap());
        let mut bad = vec![];
        ciborium::into_writer(&layer, &mut bad).unwrap();
        let Err(e) = RuleSet::from_baked(&[&bad], "web") else {
            panic!("a rate of 9 accepted")
        };
        assert_eq!(e.diagnostics[0].code, DiagnosticCode::OutOfRange, "{e}");
        assert_eq!(e.diagnostics[0].key, "contribution.employer_rate", "{e}");

        layer.format = FORMAT + 1;
        bad.clear();
        ciborium::into_writer(&layer, &mut bad).unwrap();
        let Err(e) = RuleSet::from_baked(&[&bad], "web") else {
            panic!("another format accepted")
        };
        assert!(e.to_string().contains("format"), "{e}");

        for junk in [&b""[..], b"not cbor", &national[..national.len() / 2]] {
            let e = RuleSet::from_baked(&[junk], "junk").unwrap_err();
            assert_eq!(e.diagnostics[0].code, DiagnosticCode::Syntax, "{e}");
            assert_eq!(&*e.diagnostics[0].file, "junk[0]");
        }
    }
}
