//! 参保地 — which rule set an award's `region` (GB/T 2260 code) is computed
//! on: the set whose `region` is the code, else the one of its city (first
//! four digits + `00`), else of its province (first two + `0000`). It must
//! be the engine's own set or one layered over it (a city layer
//! `cn/<province>/<city>` with `extends = "cn/<province>"`); a code under
//! another set, or under none, is refused. Done once here, so every front
//! end (CLI, Python, WASM, the conformance runner) picks the same layer.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use super::Engine;
use crate::error::Error;
use chrono::NaiveDate;

use crate::award::AwardInput;
use crate::contribution_index::SpanKind;
use crate::rules::{Catalog, RuleSet, Snapshot};
use crate::trace::{Step, Tracer};

/// Engines of the layers awards were computed on, by rule-set id.
#[derive(Default)]
pub(super) struct RegionCache {
    map: Mutex<HashMap<String, Arc<Engine>>>,
}

/// A copy of an engine starts with an empty cache.
impl Clone for RegionCache {
    fn clone(&self) -> Self {
        RegionCache::default()
    }
}

impl std::fmt::Debug for RegionCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.map.lock().map_or(0, |m| m.len());
        write!(f, "RegionCache({n} layers)")
    }
}

/// The code, its city's and its province's, most specific first.
fn candidates(code: &str) -> Vec<String> {
    let mut out = vec![code.to_string()];
    for c in [
        format!("{}00", code.get(..4).unwrap_or_default()),
        format!("{}0000", code.get(..2).unwrap_or_default()),
    ] {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// The id of the set whose `region` is exactly `code`: in `catalog`,
/// else among the shipped sets.
pub(super) fn id_for_code(catalog: Option<&Catalog>, code: &str) -> Option<String> {
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    catalog
        .and_then(|c| c.id_for_region(code))
        .or_else(|| Catalog::embedded().id_for_region(code))
        .map(str::to_string)
}

/// The most specific set for `code` and the code it matched.
fn find(catalog: Option<&Catalog>, code: &str) -> Option<(String, String)> {
    candidates(code)
        .into_iter()
        .find_map(|c| id_for_code(catalog, &c).map(|id| (id, c)))
}

fn outside(code: &str, rules: &RuleSet, found: Option<&str>) -> Error {
    Error::field(
        "region",
        match found {
            Some(id) => format!(
                "region {code} is outside rule set `{}`: its rules are `{id}`, which does not extend `{}`",
                rules.id(),
                rules.id()
            ),
            None => format!(
                "region {code} is outside rule set `{}`: no rule set covers it, its city or its province",
                rules.id()
            ),
        },
    )
}

impl Engine {
    /// The engine an award with `region` is computed on: `None` for this
    /// one (no region, or the region's set is this engine's own), else the
    /// city layer's (cached). One `region` step records the choice.
    pub(super) fn for_region(
        &self,
        region: Option<&str>,
        tracer: &mut Tracer,
    ) -> Result<Option<Arc<Engine>>, Error> {
        let Some(code) = region else {
            return Ok(None);
        };
        crate::award::check_region(code).map_err(|m| Error::field("region", m))?;
        let base = self.base_id();
        let Some((id, matched)) = find(self.catalog.as_ref(), code) else {
            return Err(outside(code, &self.rules, None));
        };
        let step = |id: &str| {
            Step::new(
                "region",
                "参保地",
                id,
                if matched == code {
                    format!("the rule set of region {code}")
                } else {
                    format!("region {code} has no layer of its own: the rule set of {matched}")
                },
            )
            .input("region", code)
        };
        if id == base {
            tracer.step(|| step(&id));
            return Ok(None);
        }
        if self.rules.layers().iter().any(|l| l.overlay) {
            return Err(Error::field(
                "region",
                format!(
                    "region {code} is under `{id}`, a layer over `{base}`; overlays are not carried to city layers — load `{id}` and layer the overlay on it"
                ),
            ));
        }
        let engine = self.layer_engine(&id)?;
        if !engine.rules.layers().iter().any(|l| l.id == base) {
            return Err(outside(code, &self.rules, Some(&id)));
        }
        tracer.step(|| step(&id));
        Ok(Some(engine))
    }

    /// 跨省流动: the rules of the other places an award's history pays in,
    /// by the spans' `region` codes — each the set of that code, its city
    /// or its province, where that is not this engine's own — as known on
    /// `known_on`. A paid span in a place no rule set covers is refused
    /// (its average wages would be unknown), never priced with this
    /// place's wages. Under rules that name no place (the national set)
    /// every span is the computation's own.
    pub(super) fn places(
        &self,
        input: &AwardInput,
        date: NaiveDate,
        known_on: Option<NaiveDate>,
    ) -> Result<BTreeMap<String, Snapshot>, Error> {
        self.places_of(input.history.as_deref(), date, known_on)
    }

    /// [`Self::places`] of a history's spans (an award's or a plan's).
    pub(crate) fn places_of(
        &self,
        spans: Option<&[crate::contribution_index::Span]>,
        date: NaiveDate,
        known_on: Option<NaiveDate>,
    ) -> Result<BTreeMap<String, Snapshot>, Error> {
        let mut out = BTreeMap::new();
        let Some(spans) = spans else {
            return Ok(out);
        };
        let home = self.base_id();
        // The national rules name no place: there is no "elsewhere", and the
        // input's `average_wages` stand for the place's wages.
        let Some(home_region) = crate::transfer::region_of(&self.rules) else {
            return Ok(out);
        };
        for (i, s) in spans.iter().enumerate() {
            let Some(code) = &s.region else { continue };
            if s.kind != SpanKind::Paid || out.contains_key(code) {
                continue;
            }
            if home_region == *code {
                continue;
            }
            crate::award::check_region(code)
                .map_err(|m| Error::field(format!("history[{i}].region"), m))?;
            let Some((id, _)) = find(self.catalog.as_ref(), code) else {
                return Err(Error::field(
                    format!("history[{i}].region"),
                    format!(
                        "no rule set covers region {code} (nor its city or province), so the average wages that index its contributions are unknown"
                    ),
                ));
            };
            if id == home {
                continue;
            }
            let engine = self.layer_engine(&id)?;
            out.insert(code.clone(), (*engine.snapshot(date, known_on)).clone());
        }
        Ok(out)
    }

    /// The engine of rule set `id` (another layer or place), cached.
    fn layer_engine(&self, id: &str) -> Result<Arc<Engine>, Error> {
        let cached = self
            .regions
            .map
            .lock()
            .ok()
            .and_then(|m| m.get(id).cloned());
        if let Some(e) = cached {
            return Ok(e);
        }
        let e = Arc::new(self.engine_for(id)?);
        if let Ok(mut m) = self.regions.map.lock() {
            m.insert(id.to_string(), Arc::clone(&e));
        }
        Ok(e)
    }

    /// The id of this engine's rule set without its overlays.
    fn base_id(&self) -> String {
        self.rules
            .layers()
            .iter()
            .rev()
            .find(|l| !l.overlay)
            .map(|l| l.id.clone())
            .unwrap_or_default()
    }
}
