//! JSON text read into a value, refusing what `serde_json` lets pass.
//!
//! Every front end that reads JSON text (the CLI's input, case and
//! assumption files, `check`, the bindings' JSON-string entry points) reads
//! it here: `serde_json::Value` keeps the last of two equal keys without a
//! word (`{"wage": "3000", "wage": "30000"}` is 30000), which here is an
//! error naming the key's path. A leading byte-order mark is skipped, as
//! the CSV and TOML readers skip it. Typed values are then read with the
//! strict decimal grammar ([`typed`], [`crate::decimal`]).

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// The path of a value being read (for the message of a duplicate key),
/// written only when needed.
#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a Step<'a>, &'a str),
    Index(&'a Step<'a>, usize),
}

impl fmt::Display for Step<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Root => Ok(()),
            Step::Key(up, k) => {
                let top = matches!(up, Step::Root);
                write!(f, "{up}")?;
                if top && !k.is_empty() {
                    f.write_str(k)
                } else if k.is_empty() {
                    f.write_str("[\"\"]")
                } else {
                    write!(f, ".{k}")
                }
            }
            Step::Index(up, i) => write!(f, "{up}[{i}]"),
        }
    }
}

struct Seed<'a>(Step<'a>);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Seed(Step::Index(&self.0, out.len())))? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(k) = map.next_key::<String>()? {
            let v = map.next_value_seed(Seed(Step::Key(&self.0, &k)))?;
            if out.contains_key(&k) {
                return Err(de::Error::custom(format!(
                    "duplicate key {} at {} (each key may appear once; JSON readers disagree on which one wins)",
                    crate::error::echo(&k),
                    path_of(Step::Key(&self.0, &k)),
                )));
            }
            out.insert(k, v);
        }
        Ok(Value::Object(out))
    }
}

fn path_of(s: Step<'_>) -> String {
    crate::error::cut_echoes(&s.to_string())
}

/// Parse JSON text into a value: a leading BOM skipped, duplicate object
/// keys refused with their path (`serde_json`'s message, with line and
/// column).
///
/// ```
/// let e = pension_rules::json_text::from_str(r#"{"a": {"wage": "1", "wage": "2"}}"#).unwrap_err();
/// assert!(e.to_string().starts_with("duplicate key \"wage\" at a.wage"), "{e}");
/// let v = pension_rules::json_text::from_str("\u{feff}[1, {\"x\": null}]").unwrap();
/// assert_eq!(v, serde_json::json!([1, {"x": null}]));
/// ```
pub fn from_str(text: &str) -> Result<Value, serde_json::Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut d = serde_json::Deserializer::from_str(text);
    let v = Seed(Step::Root).deserialize(&mut d)?;
    d.end()?;
    Ok(v)
}

/// A value read into an input type, with the strict decimal grammar
/// ([`crate::decimal`]) for every `Decimal` field.
pub fn typed<T: DeserializeOwned>(v: &Value) -> Result<T, serde_json::Error> {
    T::deserialize(crate::json_reader::strict(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_refused_with_their_path() {
        for (text, path) in [
            (r#"{"wage": "3000", "wage": "30000"}"#, "wage"),
            (r#"[{"a": 1}, {"b": {"c": 1, "c": 1}}]"#, "[1].b.c"),
            (r#"{"": 1, "": 2}"#, "[\"\"]"),
        ] {
            let e = from_str(text).unwrap_err().to_string();
            assert!(e.contains(&format!(" at {path} ")), "{text}: {e}");
        }
        assert!(from_str(r#"{"a": 1} x"#).is_err());
        assert_eq!(
            from_str(r#"{"a": [1, 2.5, "x", true, null]}"#).unwrap(),
            serde_json::json!({"a": [1, 2.5, "x", true, null]})
        );
    }
}
