//! Reading JSON inputs so that every problem of an input is reported at once
//! with its path (serde alone stops at the first one): [`read`] goes by the
//! input type's own serde declaration and JSON Schema — no module keeps a
//! list of its fields by hand, so a field added to an input type is read,
//! checked, reported and published in the schema with nothing else to edit.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, FieldError, InputErrors};

/// The one refusal of a JSON float where an exact number belongs: amounts,
/// indexes and rates are decimals read from their digits (`rust_decimal`,
/// never `f64`), so that every figure is exact to the fen. Front ends that
/// refuse a float of their own (a Python `float`) say the same
/// ([`crate::error::FLOAT_REFUSED`]).
pub const FLOAT_REFUSED: &str = "a decimal must be written as a string (\"0.8\") or an integer, not a float: a float cannot carry a fen exactly";

/// The path, below `v`, of the first JSON float in `v` (`""` for `v`
/// itself, else `.key` / `[i]` steps), if any.
fn float_in(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) if n.is_f64() => Some(String::new()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, x)| float_in(x).map(|p| format!("[{i}]{p}"))),
        Value::Object(m) => m.iter().find_map(|(k, x)| {
            float_in(x).map(|p| {
                if k.is_empty() {
                    format!("[\"\"]{p}")
                } else {
                    format!(".{k}{p}")
                }
            })
        }),
        _ => None,
    }
}

/// Collects field problems while an input is read.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    errors: Vec<FieldError>,
}

/// `path.key`, or `key` at the top level; an empty key is written `[""]` so
/// that no path is empty.
pub(crate) fn join(path: &str, key: &str) -> String {
    if key.is_empty() {
        format!("{path}[\"\"]")
    } else if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Fields {
    /// Record a problem.
    pub(crate) fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            path: path.into(),
            message: message.into(),
        });
    }

    /// `Ok(())` when nothing is wrong, else every problem found.
    pub(crate) fn finish(self) -> Result<(), Error> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Input(InputErrors(self.errors)))
        }
    }
}

/// How many problems [`read`] collects before it stops reading (each one
/// costs a pass over the input; a report lists 20 of them anyway).
const READ_CAP: usize = 100;

/// Read an input of type `T`, reporting every field problem at once, each
/// at its path (`history[2].base`): a value that does not read, an unknown
/// field, and every required field missing (the required list comes from
/// `T`'s JSON Schema, the contract the schema files publish). Decimals are
/// read under the one strict grammar; an exact integer is taken where a
/// decimal belongs (a Python `int`, a JS integer), a float never.
///
/// How: serde stops at the first error, so the input is read again with
/// each value found wrong left out (an entry read as absent, an element as
/// not there) until it reads or only problems of the whole remain. One
/// declaration — the type's fields and serde attributes — serves the
/// reading, the report and the schema; no field list is kept by hand.
pub(crate) fn read<T: DeserializeOwned + schemars::JsonSchema>(v: &Value) -> Result<T, Error> {
    use crate::json_reader::{Reader, address, split};
    let mut skip: Vec<usize> = vec![];
    let mut errors: Vec<FieldError> = vec![];
    let mut schema: Option<Value> = None;
    let root = address(v);
    if !v.is_object() {
        return Err(Error::field("input", "expected a JSON object"));
    }
    loop {
        let e = match T::deserialize(Reader::<true>(v, &skip)) {
            Ok(t) if errors.is_empty() => return Ok(t),
            Ok(_) => break,
            Err(e) => e.to_string(),
        };
        let (path, addr, msg) = split(&e);
        let addr = addr.unwrap_or(root);
        let steps = Step::parse(path);
        if let Some(field) = missing_field(msg) {
            // Every required field absent from that object, in the
            // schema's order; a field present but left out as wrong is
            // already reported.
            let object = steps.as_deref().and_then(|s| Step::find(v, s));
            let schema = schema.get_or_insert_with(|| schemars::schema_for!(T).to_value());
            let required = steps
                .as_deref()
                .and_then(|s| required_at(schema, s))
                .unwrap_or_else(|| vec![field.to_string()]);
            for key in required {
                if object.is_none_or(|o| o.get(&key).is_none()) {
                    errors.push(FieldError {
                        path: at_path(&join(path, &key)),
                        message: "missing".into(),
                    });
                }
            }
        } else {
            let leaf = steps.as_deref().and_then(|s| Step::find(v, s));
            let (sub, message) = match leaf.and_then(float_in) {
                Some(p) => (p, FLOAT_REFUSED.to_string()),
                None => (String::new(), unknown_field(msg)),
            };
            errors.push(FieldError {
                path: at_path(&format!("{path}{sub}")),
                message,
            });
        }
        if addr == root || skip.contains(&addr) || errors.len() >= READ_CAP {
            break;
        }
        skip.push(addr);
    }
    Err(Error::Input(InputErrors(errors)))
}

/// [`read`], then `check` of the value read (the checks of values that
/// need no rule: signs, ranges), its problems reported as the reading's.
pub(crate) fn read_checked<T: DeserializeOwned + schemars::JsonSchema>(
    v: &Value,
    check: impl FnOnce(&T) -> Vec<FieldError>,
) -> Result<T, Error> {
    let t = read(v)?;
    match check(&t) {
        errors if errors.is_empty() => Ok(t),
        errors => Err(Error::Input(InputErrors(errors))),
    }
}

/// A path below an input (`.history[2].base`) as a report writes it
/// (`history[2].base`; the input itself is `input`).
fn at_path(p: &str) -> String {
    match p.strip_prefix('.') {
        Some(p) => p.to_string(),
        None if p.is_empty() => "input".to_string(),
        None => p.to_string(),
    }
}

/// The field serde names in "missing field `x`".
fn missing_field(msg: &str) -> Option<&str> {
    msg.strip_prefix("missing field `")?.strip_suffix('`')
}

/// serde's "unknown field `x`, expected one of `a`, `b`" as the reports
/// word it (the path names the field): "unknown field; expected one of a, b".
fn unknown_field(msg: &str) -> String {
    match msg
        .strip_prefix("unknown field `")
        .and_then(|r| r.split_once("`, "))
    {
        Some((_, rest)) => format!("unknown field; {}", rest.replace('`', "")),
        None => msg.to_string(),
    }
}

/// One step of a path: an object's key or an array's index.
enum Step {
    Key(String),
    Index(usize),
}

impl Step {
    /// `.a[2]["b.c"]` as steps (`None` if it is not a path of these readers).
    fn parse(mut p: &str) -> Option<Vec<Step>> {
        let mut steps = vec![];
        while !p.is_empty() {
            if let Some(r) = p.strip_prefix("[\"") {
                let (k, rest) = r.split_once("\"]")?;
                steps.push(Step::Key(k.to_string()));
                p = rest;
            } else if let Some(r) = p.strip_prefix('[') {
                let (i, rest) = r.split_once(']')?;
                steps.push(Step::Index(i.parse().ok()?));
                p = rest;
            } else {
                let r = p.strip_prefix('.')?;
                let end = r.find(['.', '[']).unwrap_or(r.len());
                steps.push(Step::Key(r[..end].to_string()));
                p = &r[end..];
            }
        }
        Some(steps)
    }

    /// The value at `steps` below `v`.
    fn find<'v>(v: &'v Value, steps: &[Step]) -> Option<&'v Value> {
        steps.iter().try_fold(v, |v, s| match s {
            Step::Key(k) => v.get(k),
            Step::Index(i) => v.get(i),
        })
    }
}

/// The schema `s` itself, past references and the `null` branch of an
/// optional value.
fn resolve<'s>(root: &'s Value, mut s: &'s Value) -> &'s Value {
    for _ in 0..32 {
        if let Some(name) = s
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            && let Some(d) = root.get("$defs").and_then(|d| d.get(name))
        {
            s = d;
        } else if let Some(b) = s
            .get("anyOf")
            .or_else(|| s.get("oneOf"))
            .and_then(Value::as_array)
            && let Some(d) = b
                .iter()
                .find(|b| b.get("type") != Some(&Value::from("null")))
        {
            s = d;
        } else {
            break;
        }
    }
    s
}

/// The required fields of the object schema at `steps` below the root.
fn required_at(root: &Value, steps: &[Step]) -> Option<Vec<String>> {
    let mut s = resolve(root, root);
    for step in steps {
        s = match step {
            Step::Key(k) => s
                .get("properties")
                .and_then(|p| p.get(k))
                .or_else(|| s.get("additionalProperties").filter(|a| a.is_object()))?,
            Step::Index(_) => s.get("items")?,
        };
        s = resolve(root, s);
    }
    let mut out: Vec<String> = vec![];
    for s in std::iter::once(s).chain(
        s.get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten(),
    ) {
        let s = resolve(root, s);
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(r) = r.as_str().filter(|r| !out.iter().any(|o| o == r)) {
                out.push(r.to_string());
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // read, not used
    struct Span {
        from: String,
        to: String,
        #[serde(default)]
        base: Option<Decimal>,
    }

    #[derive(Debug, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Input {
        name: String,
        months: u32,
        spans: Vec<Span>,
        #[serde(default)]
        note: Option<String>,
    }

    fn problems(v: serde_json::Value) -> Vec<(String, String)> {
        match read::<Input>(&v) {
            Ok(_) => vec![],
            Err(e) => e
                .fields()
                .iter()
                .map(|f| (f.path.clone(), f.message.clone()))
                .collect(),
        }
    }

    #[test]
    fn every_problem_at_every_depth_once() {
        let p = problems(json!({
            "months": "12", "extra": 1,
            "spans": [{"from": "a"}, {"from": "a", "to": "b", "base": 1.5}, 7, {"from": "a", "to": "b"}]}));
        let paths: Vec<_> = p.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "extra",
                "months",
                "spans[0].to",
                "spans[1].base",
                "spans[2]",
                "name"
            ],
            "{p:?}"
        );
        assert_eq!(
            p[0].1,
            "unknown field; expected one of name, months, spans, note"
        );
        assert_eq!(p[2].1, "missing");
        assert_eq!(p[3].1, FLOAT_REFUSED);
    }

    #[test]
    fn a_required_field_that_did_not_read_is_not_also_missing() {
        let p = problems(json!({"name": true, "months": 1, "spans": "x"}));
        let paths: Vec<_> = p.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["name", "spans"], "{p:?}");
    }

    #[test]
    fn all_missing_fields_from_the_schema() {
        let p = problems(json!({"note": "n"}));
        let paths: Vec<_> = p.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["name", "months", "spans"]);
        assert_eq!(
            problems(json!([1]))[0],
            ("input".into(), "expected a JSON object".into())
        );
    }

    #[test]
    fn reading_stops_at_the_cap() {
        let spans: Vec<_> = (0..300).map(|_| json!(1)).collect();
        let p = problems(json!({"name": "n", "months": 1, "spans": spans}));
        assert_eq!(p.len(), READ_CAP);
        assert!(read::<Input>(&json!({"name": "n", "months": 1, "spans": []})).is_ok());
    }
}
