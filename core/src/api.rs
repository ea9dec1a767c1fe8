//! The library's entry point: an [`Engine`] built once from a rule source
//! (embedded id, a directory's catalog, overlays, pins), then one call per
//! computation taking the vector-format input (`docs/vectors.md`) as JSON
//! and returning the engine's full result — figures and explanation — as
//! JSON, or as the typed result.
//!
//! Every front end (Rust callers, the CLI, Python, WASM, the conformance
//! runner) uses it, so that all of them pick the same rule snapshot for
//! a case (the one in force in the month the computation is about, as the
//! conformance runner does) and reads inputs the same way; the bindings only
//! convert values and errors. Inputs may give an exact integer where a
//! decimal string is expected (`"account_balance": 120000`); non-integer
//! numbers are refused, as everywhere in core.
//!
//! ```
//! use pension_rules::api::{Engine, Kind};
//! let engine = Engine::embedded("cn/national").unwrap();
//! let input = serde_json::json!({"birth": "1976-02", "category": "male"});
//! let r = engine.compute(Kind::Retirement, &input, true).unwrap();
//! assert_eq!(r["statutory_age"], "62y10m"); // the 2024 NPC retirement decision, docs/sources.md §5.3 example
//! assert_eq!(r["trace"]["rules"]["id"], "cn/national");
//! ```

pub mod award_view;
mod choices;
pub mod kinds;
pub mod parameter;
pub mod payroll_case;
mod pin;
pub mod projection_case;
mod region;
mod snap_cache;
mod typed;

pub use kinds::{Computation, Kind, KindVisitor};

pub use choices::{Choice, Choices};
pub use typed::Traced;

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::award::{AwardInput, award_in};
use crate::check::{Report, check_json};
use crate::error::Error;
use crate::rules::{Catalog, Diagnostic, DiagnosticCode, LoadError, RuleSet, Snapshot};
use crate::trace::Tracer;

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Kind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Kind, Error> {
        Kind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Kind::ALL.iter().map(|k| k.name()).collect();
                Error::field(
                    "kind",
                    format!(
                        "unknown computation {s:?}; expected one of {}",
                        names.join(", ")
                    ),
                )
            })
    }
}

/// A rule set loaded once, ready for any number of computations.
#[derive(Debug, Clone)]
pub struct Engine {
    rules: RuleSet,
    catalog: Option<Catalog>,
    /// `(id, hash)`: rule sets refused unless their hash matches (see
    /// [`Engine::load_pinned`]).
    pins: Vec<(String, String)>,
    /// Snapshots already resolved, by date.
    snaps: snap_cache::SnapCache,
    /// Engines of the city layers awards were computed on, by id.
    regions: region::RegionCache,
}

impl Engine {
    /// An engine on a shipped rule set (`cn/national`, `cn/shaanxi`).
    pub fn embedded(id: &str) -> Result<Engine, Error> {
        Engine::load(id, None)
    }

    /// An engine on rule set `id`, looked up in `catalog` (rule files from a
    /// directory or given as text) first, then among the shipped sets.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use pension_rules::{api::Engine, rules::Catalog};
    /// let files = [("my/set/ruleset.toml".to_string(),
    ///     Arc::from("id = \"my/set\"\nversion = \"1\"\nextends = \"cn/shaanxi\"\n"))];
    /// let engine = Engine::load("my/set", Some(Catalog::from_files("", files))).unwrap();
    /// assert_eq!(engine.rules().id(), "my/set");
    /// ```
    pub fn load(id: &str, catalog: Option<Catalog>) -> Result<Engine, Error> {
        let rules = resolve(catalog.as_ref(), id)?;
        Ok(Engine {
            rules,
            catalog,
            pins: vec![],
            snaps: snap_cache::SnapCache::default(),
            regions: Default::default(),
        })
    }

    /// An engine on a rule set already loaded (from a directory, from text,
    /// with overlays); other rule sets it needs (a transfer's places) are
    /// the shipped ones.
    pub fn from_rules(rules: RuleSet) -> Engine {
        Engine {
            rules,
            catalog: None,
            pins: vec![],
            snaps: snap_cache::SnapCache::default(),
            regions: Default::default(),
        }
    }

    /// Layer an overlay given as TOML text (a reform scenario; see
    /// docs/rules-format.md); `label` names it in messages.
    pub fn with_overlay_toml(mut self, label: &str, text: &str) -> Result<Engine, Error> {
        self.rules = self.rules.with_overlay(label, text)?;
        self.snaps.clear();
        self.regions = Default::default();
        Ok(self)
    }

    /// Layer an overlay given as data (a Python dict, a JS object): the
    /// TOML document as JSON, where a string `YYYY-MM-DD` stands for a TOML
    /// date and `null` for an absent key.
    ///
    /// ```
    /// use pension_rules::api::Engine;
    /// let overlay = serde_json::json!({
    ///     "overlay": {"id": "reform/rate-15", "base": "cn/shaanxi"},
    ///     "contribution": {"employer_rate": {"values": [
    ///         {"from": "2030-01-01", "value": "0.15", "source": "scenario"}]}}});
    /// let engine = Engine::embedded("cn/shaanxi").unwrap()
    ///     .with_overlay_data("reform", &overlay).unwrap();
    /// assert_eq!(engine.rules().id(), "cn/shaanxi+reform/rate-15");
    /// ```
    ///
    /// Or a reform in one line: dotted parameter paths to values by period
    /// ([`crate::rules::reform`]); `label` then names the reform and stands
    /// as the source of its values, marked hypothetical.
    ///
    /// ```
    /// use pension_rules::api::Engine;
    /// let reform = serde_json::json!({"contribution.employer_rate": {"2030-01": "0.15"}});
    /// let engine = Engine::embedded("cn/shaanxi").unwrap()
    ///     .with_overlay_data("rate 15", &reform).unwrap();
    /// assert_eq!(engine.rules().id(), "cn/shaanxi+reform/rate-15");
    /// ```
    pub fn with_overlay_data(self, label: &str, data: &Value) -> Result<Engine, Error> {
        let text = overlay_text(label, data, Some(&self.rules))?;
        self.with_overlay_toml(label, &text)
    }

    /// The rule set computations use.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The snapshot of this engine's rules on `date` (as known on
    /// `known_on`), resolved once and then reused.
    pub(crate) fn snapshot(
        &self,
        date: NaiveDate,
        known_on: Option<NaiveDate>,
    ) -> std::sync::Arc<Snapshot> {
        self.snaps.get(&self.rules, date, known_on)
    }

    /// A rule set by id: from this engine's catalog, else a shipped one.
    pub fn resolve(&self, id: &str) -> Result<RuleSet, Error> {
        pin::check(&self.pins, resolve(self.catalog.as_ref(), id)?)
    }

    /// Ids of every rule set this engine can resolve (shipped first).
    pub fn ids(&self) -> Vec<String> {
        ids(self.catalog.as_ref())
    }

    /// The full result of one computation as JSON (money as decimal
    /// strings), with its explanation under `trace` (empty steps when
    /// `trace` is false).
    ///
    /// The rules applied are those in force when the case happens, as the
    /// conformance runner picks them: the contribution month; the last day
    /// of the account's last year; the birth month for retirement (the
    /// schedule version is then the one in force when the age is reached);
    /// the retirement month for the award; for a transfer, this engine's
    /// rules as the primary set and every other set it can resolve for the
    /// places (by region); January of the adjustment year;
    /// the death month for survivor benefits (the latest rules without one);
    /// the retirement month (given, or statutory) for a projection.
    pub fn compute(&self, kind: Kind, input: &Value, trace: bool) -> Result<Value, Error> {
        struct Compute<'a>(&'a Engine, &'a Value, bool);
        impl KindVisitor for Compute<'_> {
            type Output = Result<Value, Error>;
            fn visit<C: Computation>(self) -> Self::Output {
                to_json(&self.0.run::<C>(self.1, self.2)?)
            }
        }
        kind.visit(Compute(self, input, trace))
    }

    /// One computation of kind `C` as its typed result: the input read
    /// ([`Computation::read`]: every field problem at once), then computed.
    ///
    /// ```
    /// use pension_rules::api::{Engine, kinds::RetirementKind};
    /// let input = serde_json::json!({"birth": "1971-04", "category": "female_55"});
    /// let r = Engine::embedded("cn/national").unwrap().run::<RetirementKind>(&input, false).unwrap();
    /// assert_eq!(r.retirement_month.to_string(), "2026-08");
    /// ```
    pub fn run<C: Computation>(&self, input: &Value, trace: bool) -> Result<C::Output, Error> {
        C::run(self, &C::read(input)?, trace)
    }

    /// One award as the struct (what [`compute`](Self::compute) writes as
    /// JSON for [`Kind::Award`]), for front ends that convert only the
    /// fields they read.
    ///
    /// ```
    /// use pension_rules::api::Engine;
    /// let input = serde_json::json!({   // derived-award-2 (docs/sources.md §9.2 worked example 11)
    ///     "category": "male", "birth": "1964-06", "retirement_month": "2024-06",
    ///     "contribution_months": 360, "deemed_months": 120,
    ///     "average_index": "0.8", "account_balance": "120000"});
    /// let a = Engine::embedded("cn/shaanxi").unwrap().award_result(&input, false).unwrap();
    /// assert_eq!(a.total.to_string(), "4510.45");
    /// ```
    pub fn award_result(&self, input: &Value, trace: bool) -> Result<crate::award::Award, Error> {
        self.award(&AwardInput::from_json(input)?, trace)
    }

    /// One award, on the rules in force in the retirement month (of the
    /// place its `region` names, where this engine can resolve one).
    pub fn award(&self, i: &AwardInput, trace: bool) -> Result<crate::award::Award, Error> {
        let mut tracer = Tracer::new(trace);
        let picked = self.for_region(i.region.as_deref(), &mut tracer)?;
        let engine = picked.as_deref().unwrap_or(self);
        let date = i.retirement_month.first_day();
        let snap = engine.snapshot(date, None);
        let places = engine.places(i, date, None)?;
        award_in(i, &snap, &places, &mut tracer)
    }

    /// The explanation of one computation alone: the rule set's identity
    /// and every step with its formula, inputs and sourced parameters.
    pub fn explain(&self, kind: Kind, input: &Value) -> Result<Value, Error> {
        let mut r = self.compute(kind, input, true)?;
        Ok(r.get_mut("trace").map(Value::take).unwrap_or(Value::Null))
    }

    /// The headline figures of one computation by field name (no trace):
    /// what a batch row holds and what a worked case compares. Computed as
    /// [`compute`](Self::compute) computes, on the same snapshots (cached);
    /// each result type names its figures (`Award::figures`, …). `payroll`
    /// and `recompute` give their whole result.
    ///
    /// ```
    /// use pension_rules::{Engine, api::Kind};
    /// let input = serde_json::json!({"birth": "1971-04", "category": "female_55"});
    /// let f = Engine::embedded("cn/national").unwrap().figures(Kind::Retirement, &input).unwrap();
    /// assert_eq!(f["retirement_month"], "2026-08");
    /// ```
    pub fn figures(&self, kind: Kind, input: &Value) -> Result<Map<String, Value>, Error> {
        struct Figures<'a>(&'a Engine, &'a Value);
        impl KindVisitor for Figures<'_> {
            type Output = Result<Map<String, Value>, Error>;
            fn visit<C: Computation>(self) -> Self::Output {
                Ok(C::figures(&self.0.run::<C>(self.1, false)?))
            }
        }
        kind.visit(Figures(self, input))
    }

    /// An engine on another rule set with this engine's catalog and pins
    /// (without its overlays): what a transfer's places and a worked case's
    /// `ruleset` are computed on.
    pub fn engine_for(&self, id: &str) -> Result<Engine, Error> {
        if id == self.rules.id() {
            return Ok(self.clone());
        }
        Engine::load_pinned(id, self.catalog.clone(), &self.pins)
    }

    /// Run conformance vectors (JSON text: one case or an array); each case
    /// names its rule set, computed on [`Engine::engine_for`] it (this
    /// engine's overlays do not apply).
    pub fn check(&self, text: &str) -> Result<Report, Error> {
        check_json(text, &|id| self.engine_for(id))
    }

    /// Every parameter in force on `date` (as known on `known_on`), with its
    /// source: what `pension-rules rules show --format json` prints.
    pub fn show(&self, date: NaiveDate, known_on: Option<NaiveDate>) -> RulesShow {
        let rs = &self.rules;
        RulesShow {
            id: rs.id().to_string(),
            version: rs.version().to_string(),
            hash: rs.hash().to_string(),
            layers: rs.layers().to_vec(),
            as_of: date,
            known_on,
            params: rs.resolve(date, known_on),
        }
    }

    /// The rule sets this engine can resolve: id, version, hash, region and
    /// title, or the load error of a set that does not load.
    pub fn list(&self) -> Vec<RuleSetInfo> {
        self.ids()
            .into_iter()
            .map(|id| match self.resolve(&id) {
                Ok(rs) => {
                    let top = rs.layers().last();
                    RuleSetInfo {
                        version: Some(rs.version().to_string()),
                        hash: Some(rs.hash().to_string()),
                        region: top.and_then(|l| l.region.clone()),
                        title: top.and_then(|l| l.title.clone()),
                        error: None,
                        id,
                    }
                }
                Err(e) => RuleSetInfo {
                    id,
                    version: None,
                    hash: None,
                    region: None,
                    title: None,
                    error: Some(e.report()),
                },
            })
            .collect()
    }
}

/// Every parameter of a rule set in force on a date, with its source
/// (`pension-rules rules show`, Python `rules_show`, JS `rulesShow`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RulesShow {
    /// Rule-set id (with overlays).
    pub id: String,
    /// Its version.
    pub version: String,
    /// sha256 of its canonical form.
    pub hash: String,
    /// Its layers, bottom first.
    pub layers: Vec<crate::rules::Layer>,
    /// The date the values are in force on.
    pub as_of: NaiveDate,
    /// As known on this date (published by then), if asked.
    pub known_on: Option<NaiveDate>,
    /// Every parameter and the values that apply.
    pub params: Vec<crate::rules::Resolved>,
}

/// A rule set an engine can load, or why it cannot (`pension-rules rules
/// list`, Python `rules_list`, JS `rulesList`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RuleSetInfo {
    /// Rule-set id.
    pub id: String,
    /// Its version (absent when it does not load).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// sha256 of its canonical form (absent when it does not load).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    /// GB/T 2260 code of the place it covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Its title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Why it does not load.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<crate::error::ErrorReport>,
}

/// What each provincial and city rule set covers — 计发基数 years, the
/// transitional formula, extras, rounding, lowest confidence — read from the
/// rule data (`catalog`, else the shipped sets); docs/provinces.md is this
/// table.
pub fn coverage(catalog: Option<&Catalog>) -> Vec<crate::rules::coverage::CoverageRow> {
    crate::rules::coverage::coverage(catalog.unwrap_or(Catalog::embedded()))
}

/// Ids of every rule set an engine on `catalog` can resolve (shipped
/// first), as [`Engine::ids`]; for front ends that list rule sets before
/// choosing one to build an engine on.
pub fn ids(catalog: Option<&Catalog>) -> Vec<String> {
    let mut ids: Vec<String> = RuleSet::embedded_ids()
        .into_iter()
        .map(String::from)
        .collect();
    for id in catalog.iter().flat_map(|c| c.ids()) {
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }
    ids
}

/// The rules explorer (`pension-rules rules site OUT/`, the HTTP service at
/// `/`): every rule set an engine on `catalog` can resolve (shipped first),
/// values in force on `as_of`, each set's overrides of the set it extends
/// and, given the rules of a previous release (`previous`), what changed
/// since; see [`crate::rules::site`]. A set that does not load is listed
/// with its error.
pub fn site(
    catalog: Option<&Catalog>,
    previous: Option<&Catalog>,
    as_of: NaiveDate,
) -> Vec<crate::rules::site::SitePage> {
    use crate::rules::site::SiteSet;
    let sets: Vec<SiteSet> = ids(catalog)
        .into_iter()
        .map(|id| {
            let rules = resolve(catalog, &id).map_err(|e| e.to_string());
            let base = rules.as_ref().ok().and_then(|rs| {
                let below = rs.layers().iter().rev().nth(1)?;
                resolve(catalog, &below.id).ok()
            });
            let previous = previous.and_then(|p| p.load(&id).ok());
            let origin = if catalog.is_some_and(|c| c.ids().contains(&id.as_str())) {
                "规则目录 rules directory".to_string()
            } else {
                "内置 shipped with the library".to_string()
            };
            SiteSet {
                id,
                origin,
                rules,
                base,
                previous,
            }
        })
        .collect();
    crate::rules::site::site(&sets, as_of)
}

fn resolve(catalog: Option<&Catalog>, id: &str) -> Result<RuleSet, Error> {
    match catalog {
        Some(c) if c.ids().contains(&id) => c.load(id).map_err(Error::from),
        _ => match region::id_for_code(catalog, id) {
            // A GB/T 2260 code names the set of that region.
            Some(by_region) if by_region != id => resolve(catalog, &by_region),
            _ => RuleSet::embedded(id).map_err(Error::from),
        },
    }
}

fn to_json<T: Serialize>(v: &T) -> Result<Value, Error> {
    serde_json::to_value(v)
        .map_err(|e| Error::NotApplicable(format!("result not serializable: {e}")))
}

/// Read a JSON input object into an engine input type, reporting every
/// field problem at once, each at its path (a float: with the one float
/// refusal). The type's serde shape and JSON Schema are the only
/// declaration of its fields.
pub fn parse_input<T: serde::de::DeserializeOwned + schemars::JsonSchema>(
    input: &Value,
) -> Result<T, Error> {
    crate::json_fields::read(input)
}

/// An overlay given as data — the TOML document as JSON, or a reform in
/// one line ([`crate::rules::reform`], on `base` where known) — written as the TOML text the
/// loader reads (what `Engine::with_overlay_data` layers; the CLI reads a
/// `.json` overlay file through it).
pub fn overlay_text(label: &str, data: &Value, base: Option<&RuleSet>) -> Result<String, Error> {
    match data {
        Value::Object(paths) if crate::rules::reform::is_dotted(data) => overlay_toml(
            label,
            &crate::rules::reform::overlay_from_paths(label, paths, base)?,
        ),
        _ => overlay_toml(label, data),
    }
}

/// An overlay given as data, written as TOML text.
fn overlay_toml(label: &str, data: &Value) -> Result<String, Error> {
    let problem = |message: String| {
        Error::Load(LoadError {
            diagnostics: vec![Diagnostic {
                file: label.into(),
                line: 0,
                column: 0,
                key: String::new(),
                code: DiagnosticCode::WrongType,
                message,
            }],
        })
    };
    match to_toml(data) {
        Some(toml::Value::Table(t)) => toml::to_string(&t).map_err(|e| problem(e.to_string())),
        _ => Err(problem(
            "an overlay must be a table (a dict or object) holding an `overlay` header".into(),
        )),
    }
}

fn to_toml(v: &Value) -> Option<toml::Value> {
    Some(match v {
        Value::Null => return None,
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            // The loader refuses floats with its own message and position.
            None => toml::Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => match toml_date(s) {
            Some(d) => toml::Value::Datetime(d),
            None => toml::Value::String(s.clone()),
        },
        Value::Array(a) => toml::Value::Array(a.iter().filter_map(to_toml).collect()),
        Value::Object(m) => toml::Value::Table(
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), to_toml(v)?)))
                .collect(),
        ),
    })
}

fn toml_date(s: &str) -> Option<toml::value::Datetime> {
    if s.len() != 10 {
        return None;
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    Some(toml::value::Datetime {
        date: Some(toml::value::Date {
            year: u16::try_from(d.year()).ok()?,
            month: u8::try_from(d.month()).ok()?,
            day: u8::try_from(d.day()).ok()?,
        }),
        time: None,
        offset: None,
    })
}

/// A case as front ends read it: the kind's input object, or a vector case
/// `{"ruleset": …, "input": {…}}` (its input and rule-set id), as `pension-rules
/// compute FILE` and the HTTP service's `POST /v1/{kind}` take it.
///
/// ```
/// use pension_rules::api::split_case;
/// let (i, r) = split_case(serde_json::json!({"ruleset": "cn/national", "input": {"birth": "1976-02"}}));
/// assert_eq!((i["birth"].as_str(), r.as_deref()), (Some("1976-02"), Some("cn/national")));
/// ```
pub fn split_case(v: serde_json::Value) -> (serde_json::Value, Option<String>) {
    match v {
        serde_json::Value::Object(mut m) if m.contains_key("input") => {
            let ruleset = m
                .get("ruleset")
                .and_then(serde_json::Value::as_str)
                .map(String::from);
            (m.remove("input").unwrap_or_default(), ruleset)
        }
        v => (v, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn engine() -> Engine {
        Engine::embedded("cn/shaanxi").unwrap()
    }

    #[test]
    fn integers_are_accepted_for_decimals() {
        // 《当代工人》2023年2期 案例1 (survivor.rs): Y given, 28y9m contributed.
        let text = json!({"monthly_income_base": "2818.5", "contribution_months": 345,
                          "pension_months_received": 42, "account_balance": 1000});
        let r = engine().compute(Kind::Survivor, &text, false).unwrap();
        assert_eq!(r["total"], "59893.13");
        assert_eq!(r["inheritable_account"], "1000");
        let float = json!({"monthly_income_base": 2818.5, "contribution_months": 345});
        let e = engine().compute(Kind::Survivor, &float, false).unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        let f = &e.fields()[0];
        assert_eq!(f.path, "monthly_income_base");
        assert_eq!(f.message, crate::json_fields::FLOAT_REFUSED);
    }

    #[test]
    fn every_kind_refuses_a_float_with_one_message() {
        let cases = [
            (
                Kind::Contribution,
                json!({"month": "2024-03", "wage": 6000.5}),
                "wage",
            ),
            (
                Kind::Award,
                json!({"category": "male", "birth": "1964-06",
                "retirement_month": "2024-06", "contribution_months": 360,
                "average_index": 0.8, "account_balance": "120000"}),
                "average_index",
            ),
            (
                Kind::Transfer,
                json!({"hukou_region": "610000", "birth": "1980-05",
                "category": "male", "retirement_month": "2040-05", "history": [
                {"from": "2020-01", "to": "2021-12", "base": 6000.5, "region": "440300"}]}),
                "history[0].base",
            ),
        ];
        for (kind, input, path) in cases {
            let e = engine().compute(kind, &input, false).unwrap_err();
            let f = e.fields().iter().find(|f| f.path == path);
            assert_eq!(
                f.map(|f| f.message.as_str()),
                Some(crate::json_fields::FLOAT_REFUSED),
                "{kind:?}: {e}"
            );
        }
    }

    #[test]
    fn every_field_problem_is_reported() {
        let bad = json!({"birth": "1970-00", "category": "female_60"});
        let e = engine().compute(Kind::Retirement, &bad, false).unwrap_err();
        let paths: Vec<_> = e.fields().iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["birth", "category"]);
    }

    #[test]
    fn figures_match_the_conformance_runner() {
        // the 2024 NPC retirement decision, docs/sources.md §5.3: born 1971-04, female_55 → 55y4m in 2026-08.
        let input = json!({"birth": "1971-04", "category": "female_55"});
        let f = engine().figures(Kind::Retirement, &input).unwrap();
        assert_eq!(f["retirement_month"], "2026-08");
        let t = engine().explain(Kind::Retirement, &input).unwrap();
        assert!(t["steps"].as_array().is_some_and(|s| !s.is_empty()));
    }

    #[test]
    fn overlays_as_data_become_toml() {
        let bad = json!({"overlay": {"id": "x", "base": "cn/shaanxi"},
                         "contribution": {"employer_rate": {"values": [
                             {"from": "2030-01-01", "value": 0.15, "source": "s"}]}}});
        let e = engine().with_overlay_data("x", &bad).unwrap_err();
        assert_eq!(e.code(), "rules_invalid");
        assert!(e.to_string().contains("float"), "{e}");
        assert!(engine().with_overlay_data("x", &json!([1])).is_err());
    }

    #[test]
    fn every_vector_computes_with_a_trace_where_its_figures_compute() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            let cases: Vec<Value> = serde_json::from_str(&text).unwrap();
            for case in cases {
                let Ok(kind) = case["kind"].as_str().unwrap_or("").parse::<Kind>() else {
                    continue;
                };
                let engine = Engine::embedded(case["ruleset"].as_str().unwrap()).unwrap();
                let full = engine.compute(kind, &case["input"], true);
                let figures = engine.figures(kind, &case["input"]);
                assert_eq!(full.is_ok(), figures.is_ok(), "{}", case["id"]);
                if let Ok(r) = full {
                    // A recomputation carries the explanation of each award.
                    let traced = if kind == Kind::Recompute {
                        &r["final"]
                    } else {
                        &r
                    };
                    assert!(
                        traced["trace"]["rules"]["hash"].is_string(),
                        "{}",
                        case["id"]
                    );
                    n += 1;
                }
            }
        }
        assert!(n > 100, "{n}");
    }

    #[test]
    fn integers_for_decimals_in_nested_inputs() {
        // derived-award-2 (docs/sources.md §9.2 worked example 11) with B given as an integer.
        let input = json!({"category": "male", "birth": "1964-06", "retirement_month": "2024-06",
            "contribution_months": 360, "deemed_months": 120,
            "average_index": "0.8", "account_balance": 120000});
        let r = engine().compute(Kind::Award, &input, false).unwrap();
        assert_eq!(r["total"], "4510.45");
        let account = json!({"opening_balance": 100000, "opening_year": 2022,
            "credits": [{"year": 2023, "amount": 4800}], "through_year": 2023});
        let r = engine().compute(Kind::Account, &account, true).unwrap();
        assert!(
            r["trace"]["steps"]
                .as_array()
                .is_some_and(|s| !s.is_empty())
        );
    }

    #[test]
    fn payroll_and_recompute_are_kinds_like_the_others() {
        // 16 % of the 2024 floor 4559 (E1 earns less) + 16 % of 6123.45.
        let payroll = json!({"month": "2024-03", "rows": [
            {"employee_id": "E1", "wage": "3000", "employment": "employee"},
            {"employee_id": "E2", "wage": "6123.45", "employment": "employee"},
            {"employee_id": "E3", "wage": "abc", "employment": "employee"}]});
        let r = engine().compute(Kind::Payroll, &payroll, true).unwrap();
        assert_eq!(r["totals"]["employer"], "1709.19");
        assert_eq!(r["rows"][2]["error"]["code"], "invalid_input");
        assert_eq!(r["rows"][2]["error"]["class"], "InputError");
        assert!(
            r["trace"]["steps"]
                .as_array()
                .is_some_and(|s| !s.is_empty())
        );
        let csv =
            "employee_id,wage,employment\nE1,3000,employee\nE2,6123.45,employee\nE3,abc,employee\n";
        let p = payroll_case::period(Some("2024-03"), None).unwrap();
        let from_csv = engine().payroll_csv(csv, p, true).unwrap();
        assert_eq!(serde_json::to_value(from_csv).unwrap(), r);
        let both = json!({"month": "2024-03", "year": 2024, "rows": []});
        assert_eq!(
            engine()
                .compute(Kind::Payroll, &both, false)
                .unwrap_err()
                .code(),
            "invalid_input"
        );

        // docs/sources.md §11.1: approved on the 预发 base 7727, recomputed on 7881.
        let recompute = json!({"award": {"category": "male", "birth": "1965-01",
            "retirement_month": "2025-02", "contribution_months": 385, "deemed_months": 130,
            "average_index": "0.9", "account_balance": "160000"},
            "known_on": "2025-08-01", "final_known_on": "2026-07-01", "arrears_through": "2026-06"});
        let r = engine()
            .compute(Kind::Recompute, &recompute, false)
            .unwrap();
        assert_eq!(r["provisional"]["total"], "5361.17");
        assert_eq!(r["final"]["total"], "5444.98");
        assert_eq!(r["arrears"], "1340.96");
        let bad = json!({"award": {}, "known_on": "2025-13-01", "arrears_through": "x"});
        let e = engine().compute(Kind::Recompute, &bad, false).unwrap_err();
        assert_eq!(e.fields().len(), 2, "{e}");
    }

    #[test]
    fn kinds_round_trip_and_unknown_kinds_are_input_errors() {
        for k in Kind::ALL {
            assert_eq!(k.name().parse::<Kind>().unwrap(), *k);
        }
        assert_eq!("pay".parse::<Kind>().unwrap_err().code(), "invalid_input");
        let ids = engine().ids();
        assert!(ids.contains(&"cn/national".to_string()));
        assert!(engine().list().iter().all(|v| v.hash.is_some()));
    }
}
