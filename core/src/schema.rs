//! One schema for every front end: the JSON Schema (draft 2020-12) of each
//! computation's input and result and of the error report, generated from
//! the Rust types themselves (schemars), so a Java, .NET or Go client, an
//! editor, a form or a binding generator reads the same contract the engine
//! enforces. `pension-rules schema [KIND]` prints them; `docs/schema/` holds
//! them, and a test fails when regenerating would change a file.
//!
//! Two deliberate departures from the types' serde shape, both in the
//! engine's favour:
//! - an input decimal is a decimal string or an integer, never a JSON float
//!   (the engine refuses floats; a float cannot carry a fen exactly);
//! - a result decimal is always a string.
//!
//! ```
//! use pension_rules::{api::Kind, schema};
//! let s = schema::input(Kind::Award);
//! assert_eq!(s["title"], "AwardInput");
//! assert!(s["properties"]["birth"].is_object());
//! let e = schema::error();
//! assert!(e["properties"]["code"]["enum"].as_array().unwrap().iter().any(|c| c == "hash_mismatch"));
//! ```

use schemars::generate::SchemaSettings;
use schemars::transform::{RecursiveTransform, Transform};
use schemars::{Schema, SchemaGenerator};
use serde_json::{Value, json};

use crate::api::{Computation, Kind, KindVisitor};
use crate::error::ErrorReport;
use crate::projection::{Assumptions, Projection, ProjectionInput};

/// The dialect every schema here declares.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The schema of `kind`'s input (what `Engine::compute` reads).
pub fn input(kind: Kind) -> Value {
    struct Input;
    impl KindVisitor for Input {
        type Output = Schema;
        fn visit<C: Computation>(self) -> Schema {
            C::input_schema(&mut generator(true))
        }
    }
    let mut s = kind.visit(Input);
    finish(&mut s, kind, "input");
    s.to_value()
}

/// The schema of `kind`'s result (what `Engine::compute` returns, with its
/// explanation under `trace`).
pub fn output(kind: Kind) -> Value {
    struct Output;
    impl KindVisitor for Output {
        type Output = Schema;
        fn visit<C: Computation>(self) -> Schema {
            C::output_schema(&mut generator(false))
        }
    }
    let mut s = kind.visit(Output);
    finish(&mut s, kind, "output");
    s.to_value()
}

/// The schema of an error report ([`crate::Error::report`]): the stable
/// code (an enumeration of every code), class, message and details.
pub fn error() -> Value {
    root::<ErrorReport>("error")
}

/// Every schema by file name (`award.input.json`, …, `error.json`), as
/// `docs/schema/` holds them.
pub fn all() -> Vec<(String, Value)> {
    let mut out = vec![];
    for &k in Kind::ALL {
        out.push((format!("{k}.input.json"), input(k)));
        out.push((format!("{k}.output.json"), output(k)));
    }
    out.push(("error.json".into(), error()));
    out.push(("check.output.json".into(), check_report()));
    out.push((
        "rules-show.json".into(),
        root::<crate::api::RulesShow>("rules-show"),
    ));
    out.push((
        "choices.json".into(),
        root::<crate::api::Choices>("choices"),
    ));
    out.push((
        "rule-set-info.json".into(),
        root::<crate::api::RuleSetInfo>("rule-set-info"),
    ));
    out
}

/// The schema of a conformance run's report (`pension-rules check
/// --format json`, `Engine.check`).
pub fn check_report() -> Value {
    root::<crate::check::Report>("check.output")
}

/// A result outside the kinds (the error report, the check report, `rules
/// show`, an entry of `rules list`), with its `$id`.
fn root<T: schemars::JsonSchema>(name: &str) -> Value {
    let mut s = generator(false).into_root_schema_for::<T>();
    s.insert("$id".into(), json!(format!("pension-rules/{name}.json")));
    s.to_value()
}

fn generator(for_input: bool) -> SchemaGenerator {
    let settings = SchemaSettings::draft2020_12();
    let settings = if for_input {
        settings.for_deserialize()
    } else {
        settings.for_serialize()
    };
    with_decimals(settings, for_input)
}

fn with_decimals(settings: SchemaSettings, for_input: bool) -> SchemaGenerator {
    settings
        .with_transform(RecursiveTransform(ExactDecimals { for_input }))
        .into_generator()
}

/// An input read through a raw form of loose values (so that every field
/// problem is reported at once): its schema is the shape it is read into,
/// with no other field allowed.
pub(crate) fn read_through_raw<T: schemars::JsonSchema>() -> Schema {
    let settings = SchemaSettings::draft2020_12().for_serialize();
    let mut s = with_decimals(settings, true).into_root_schema_for::<T>();
    s.insert("additionalProperties".into(), json!(false));
    s
}

fn finish(s: &mut Schema, kind: Kind, side: &str) {
    s.insert(
        "$id".into(),
        json!(format!("pension-rules/{kind}.{side}.json")),
    );
}

/// Decimals as the engine reads and writes them: text (or, in inputs, an
/// exact integer), never a float with an exponent.
#[derive(Debug, Clone, Copy)]
struct ExactDecimals {
    for_input: bool,
}

impl Transform for ExactDecimals {
    fn transform(&mut self, schema: &mut Schema) {
        let is_decimal = schema
            .get("pattern")
            .and_then(Value::as_str)
            .is_some_and(|p| p.starts_with(r"^-?\d+(\.\d+)?"));
        if !is_decimal {
            return;
        }
        let nullable = schema
            .get("type")
            .and_then(Value::as_array)
            .is_some_and(|t| t.iter().any(|t| t == "null"));
        let mut ty = vec!["string"];
        if self.for_input {
            ty.push("integer");
        }
        if nullable {
            ty.push("null");
        }
        let ty = match ty.as_slice() {
            [one] => json!(one),
            _ => json!(ty),
        };
        schema.insert("type".into(), ty);
        schema.insert("pattern".into(), json!(r"^-?[0-9]+(\.[0-9]+)?$"));
    }
}

/// The projection input: the person ([`ProjectionInput`]) and, under
/// `assumptions`, the stated [`Assumptions`] — one object, as
/// `api::projection_case::ProjectionCase::from_json` reads it.
pub(crate) fn projection_input(g: &mut SchemaGenerator) -> Schema {
    let mut s = g.root_schema_for::<ProjectionInput>();
    let assumptions = g.subschema_for::<Assumptions>();
    if let Some(Value::Object(props)) = s.get_mut("properties") {
        props.insert("assumptions".into(), assumptions.to_value());
    }
    merge_definitions(&mut s, g);
    // Read, its decimals may be integers; the result's echo has strings.
    rename_def(
        &mut s,
        "ProjectionAssumptions",
        "ProjectionAssumptionsInput",
    );
    s
}

/// The plan input: its person is a projection input without the
/// assumptions beside it (`PlanPerson`), and its assumptions are read as a
/// projection's are (`ProjectionAssumptionsInput`).
pub(crate) fn plan_input(g: &mut SchemaGenerator) -> Schema {
    let mut s = g.root_schema_for::<crate::plan::PlanInput>();
    rename_def(&mut s, "ProjectionInput", "PlanPerson");
    rename_def(
        &mut s,
        "ProjectionAssumptions",
        "ProjectionAssumptionsInput",
    );
    s
}

/// The projection result: [`Projection`], where each yearly figure also says
/// on what it rests (`basis`: the rule value's legal source, or the
/// assumption used) and the award's explanation stands at the top, under
/// `trace`, as `api::projection_case::ProjectionResult` is written.
pub(crate) fn projection_output(g: &mut SchemaGenerator) -> Schema {
    let mut s = g.root_schema_for::<Projection>();
    let trace = g.subschema_for::<crate::trace::Trace>();
    if let Some(Value::Object(props)) = s.get_mut("properties") {
        props.insert("trace".into(), trace.to_value());
    }
    merge_definitions(&mut s, g);
    // The award's explanation moved to the top: the award here is an
    // AwardResult without `trace`, so it has a name of its own.
    rename_def(&mut s, "AwardResult", "ProjectedAward");
    if let Some(Value::Object(award)) = s.get_mut("$defs").and_then(|d| d.get_mut("ProjectedAward"))
    {
        award.insert(
            "description".into(),
            json!("The estimated award: an `AwardResult` without `trace` (its steps are in the projection's `trace`)."),
        );
        if let Some(Value::Object(props)) = award.get_mut("properties") {
            props.remove("trace");
        }
        if let Some(Value::Array(required)) = award.get_mut("required") {
            required.retain(|r| r != "trace");
        }
    }
    if let Some(Value::Object(fig)) = s
        .get_mut("$defs")
        .and_then(|d| d.get_mut("ProjectedFigure"))
        .and_then(|f| f.get_mut("properties"))
    {
        fig.insert(
            "basis".into(),
            json!({"type": "string", "description": "On what the figure rests: the rule value's legal source, or the assumption used."}),
        );
    }
    s
}

/// The definition `from` renamed `to`, every `$ref` to it following: one
/// name means one shape across all the schema files (generated TypeScript
/// and Python types are named by these names).
fn rename_def(s: &mut Schema, from: &str, to: &str) {
    fn refs(v: &mut Value, from: &str, to: &str) {
        match v {
            Value::Object(m) => {
                for (k, v) in m.iter_mut() {
                    match v {
                        Value::String(r) if k == "$ref" && r == from => *r = to.to_string(),
                        _ => refs(v, from, to),
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|v| refs(v, from, to)),
            _ => {}
        }
    }
    let Some(Value::Object(defs)) = s.get_mut("$defs") else {
        return;
    };
    if let Some(def) = defs.remove(from) {
        defs.insert(to.to_string(), def);
    }
    let (from, to) = (format!("#/$defs/{from}"), format!("#/$defs/{to}"));
    for v in s.ensure_object().values_mut() {
        refs(v, &from, &to);
    }
}

/// Definitions added to the generator after the root schema was taken.
fn merge_definitions(s: &mut Schema, g: &mut SchemaGenerator) {
    let defs = g.take_definitions(true);
    let Some(obj) = s.as_object_mut() else {
        return;
    };
    let target = obj.entry("$defs").or_insert_with(|| json!({}));
    if let Value::Object(t) = target {
        for (k, v) in defs {
            t.entry(k).or_insert(v);
        }
    }
}

/// The schema of one parameter with its value in force and history
/// ([`crate::api::parameter::ParameterView`], the HTTP service's
/// `GET /v1/rulesets/{id}/parameters/{path}`).
pub fn parameter() -> Value {
    root::<crate::api::parameter::ParameterView>("parameter")
}

/// The schema of a diff of two rule sets ([`crate::rules::diff::RuleDiff`],
/// `pension-rules rules diff --format json`).
pub fn rules_diff() -> Value {
    root::<crate::rules::diff::RuleDiff>("rules-diff")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_an_input_and_an_output_schema() {
        for &k in Kind::ALL {
            let i = input(k);
            let o = output(k);
            assert_eq!(i["$schema"], DIALECT, "{k}");
            assert_eq!(i["type"], "object", "{k}");
            assert!(o["properties"].is_object(), "{k}");
        }
    }

    #[test]
    fn decimals_are_text_or_integers_in_inputs_and_text_in_results() {
        let i = input(Kind::Award);
        let b = &i["properties"]["account_balance"];
        let b = if b["anyOf"].is_array() {
            &b["anyOf"][0]
        } else {
            b
        };
        assert_eq!(b["type"], json!(["string", "integer", "null"]), "{b}");
        let c = &input(Kind::Contribution)["properties"]["wage"];
        assert_eq!(c["type"], json!(["string", "integer", "null"]), "{c}");
        let o = output(Kind::Award);
        assert_eq!(o["properties"]["total"]["type"], "string");
    }

    #[test]
    fn one_name_means_one_type_across_all_files() {
        let mut seen: std::collections::BTreeMap<String, (String, Value)> = Default::default();
        for (file, mut s) in all() {
            let defs = s.as_object_mut().and_then(|o| o.remove("$defs"));
            let mut named: Vec<(String, Value)> = match defs {
                Some(Value::Object(d)) => d.into_iter().collect(),
                _ => vec![],
            };
            if let Value::Object(o) = &mut s {
                for k in ["$id", "$schema"] {
                    o.remove(k);
                }
                if let Some(Value::String(t)) = o.remove("title") {
                    named.push((t, s.clone()));
                }
            }
            for (name, def) in named {
                match seen.get(&name) {
                    Some((other, d)) => assert_eq!(d, &def, "{name}: {other} and {file} differ"),
                    None => {
                        seen.insert(name, (file.clone(), def));
                    }
                }
            }
        }
    }

    #[test]
    fn the_projection_schemas_carry_assumptions_basis_and_trace() {
        let i = input(Kind::Projection);
        assert!(i["properties"]["assumptions"].is_object());
        let o = output(Kind::Projection);
        assert!(o["$defs"]["ProjectedFigure"]["properties"]["basis"].is_object());
        assert!(o["properties"]["trace"].is_object());
    }
}
