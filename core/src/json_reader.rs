//! Reading front-end data into the engines' input types: an exact integer
//! is accepted where a decimal string is expected.
//!
//! Core inputs take decimals as strings (`"3000.50"`), which is exact. A
//! Python `int` or a JS integer is exact too, but arrives as a JSON number,
//! which the string-only decimal reader refuses. This deserializer walks a
//! JSON value like `serde_json` does, except that a string-typed target given
//! an integer reads the integer's digits. Non-integer numbers are never
//! turned into decimals: a float is refused with [`FLOAT_REFUSED`].

use serde::de::{
    self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
    value::BorrowedStrDeserializer,
};
use serde_json::{Error, Value};

use crate::json_fields::FLOAT_REFUSED;

/// A JSON value read by type as `serde_json` reads it, except that decimal
/// strings follow the one strict grammar ([`crate::decimal`]).
pub(crate) type Strict<'a> = Reader<'a, false>;

/// A JSON value read by type. Every `Decimal` target given a string reads
/// it under the strict grammar ([`crate::decimal::parse`]: `"1_0"`,
/// `"+3000"`, `"8e-1"` are refused, where `rust_decimal`'s serde reading
/// takes them); with `INTEGERS`, an exact integer is accepted where a
/// string is expected (`Reader<_, true>`).
///
/// Values whose address is in the skip list read as absent (an object's
/// entry) or left out (an array's element): how
/// [`crate::json_fields::read`] goes on past a field that did not read, to
/// report every problem of an input at once.
#[derive(Clone, Copy)]
pub(crate) struct Reader<'a, const INTEGERS: bool>(pub(crate) &'a Value, pub(crate) &'a [usize]);

/// `v` read leniently (integers for decimal strings).
#[cfg(test)]
pub(crate) fn lenient(v: &Value) -> Reader<'_, true> {
    Reader(v, &[])
}

/// `v` read strictly (no integers for strings).
pub(crate) fn strict(v: &Value) -> Strict<'_> {
    Reader(v, &[])
}

/// The address of a value, as the skip list holds it (compared, never
/// dereferenced).
pub(crate) fn address(v: &Value) -> usize {
    std::ptr::from_ref(v) as usize
}

/// Marks the path an error was found at, inside its message, so that the
/// readers report it at its field ([`split_path`]); never shown.
const PATH_MARK: char = '\u{1}';

/// Marks the address of the value an error belongs to (the value that did
/// not read, or the object a field is missing from); never shown.
const ADDRESS_MARK: char = '\u{2}';

/// The error `e` of a value at `step` (`.key`, `[i]`) below the current
/// one; `value` is the value at that step, named as the error's value
/// unless a deeper one already is.
fn at(step: &str, e: &Error, value: &Value) -> Error {
    let m = e.to_string();
    let (sub, addr, msg) = split(&m);
    let addr = addr.unwrap_or_else(|| address(value));
    de::Error::custom(format!(
        "{PATH_MARK}{step}{sub}{PATH_MARK}{ADDRESS_MARK}{addr}{ADDRESS_MARK}{msg}"
    ))
}

/// An error message of these readers split into the path below the value
/// read (`.history[2].base`, empty at the value itself), the address of the
/// value it belongs to (if marked) and the message.
pub(crate) fn split(m: &str) -> (&str, Option<usize>, &str) {
    let (path, rest) = m
        .strip_prefix(PATH_MARK)
        .and_then(|r| r.split_once(PATH_MARK))
        .unwrap_or(("", m));
    match rest
        .strip_prefix(ADDRESS_MARK)
        .and_then(|r| r.split_once(ADDRESS_MARK))
        .and_then(|(a, msg)| Some((a.parse().ok()?, msg)))
    {
        Some((addr, msg)) => (path, Some(addr), msg),
        None => (path, None, rest),
    }
}

/// What `rust_decimal`'s serde visitor expects (its `expecting` text): how
/// a `Decimal` target is recognised among string targets. Pinned by the
/// tests below (a `Decimal` field refuses `"1_0"`), so that a change of
/// the text in `rust_decimal` fails the build's tests, not the grammar.
const DECIMAL_EXPECTING: &str = "a Decimal type representing a fixed-point number";

/// Whether `visitor` reads a `Decimal` (its `expecting` is
/// [`DECIMAL_EXPECTING`]), compared as it is written, without allocating.
fn wants_decimal(visitor: &dyn de::Expected) -> bool {
    struct Cmp<'t> {
        rest: &'t str,
        same: bool,
    }
    impl std::fmt::Write for Cmp<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            match self.rest.strip_prefix(s) {
                Some(r) if self.same => self.rest = r,
                _ => self.same = false,
            }
            Ok(())
        }
    }
    let mut c = Cmp {
        rest: DECIMAL_EXPECTING,
        same: true,
    };
    let _ = std::fmt::write(&mut c, format_args!("{visitor}"));
    c.same && c.rest.is_empty()
}

macro_rules! delegate {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.0.$method(visitor)
        }
    )*};
}

impl<'de, const INTEGERS: bool> Deserializer<'de> for Reader<'de, INTEGERS> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(items) => {
                let mut seq = Seq::<INTEGERS> {
                    iter: items.iter().enumerate(),
                    skip: self.1,
                };
                let out = visitor.visit_seq(&mut seq)?;
                match seq.iter.len() {
                    0 => Ok(out),
                    _ => Err(de::Error::invalid_length(items.len(), &"fewer elements")),
                }
            }
            Value::Object(map) => visitor.visit_map(Map::<INTEGERS> {
                iter: map.iter(),
                value: None,
                skip: self.1,
            }),
            other => other.deserialize_any(visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) if wants_decimal(&visitor) => {
                match crate::decimal::parse(s, crate::decimal::Sign::Any) {
                    Ok(_) => visitor.visit_str(s),
                    Err(e) => Err(de::Error::custom(crate::decimal::refusal(s, e))),
                }
            }
            Value::Number(n) if INTEGERS && (n.is_i64() || n.is_u64()) => {
                visitor.visit_string(n.to_string())
            }
            Value::Number(_) if INTEGERS => Err(de::Error::custom(FLOAT_REFUSED)),
            other => other.deserialize_str(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(_) => self.deserialize_any(visitor),
            other => other.deserialize_seq(visitor),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(_) => self.deserialize_any(visitor),
            other => other.deserialize_map(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(_) | Value::Array(_) => self.deserialize_any(visitor),
            other => other.deserialize_struct(name, fields, visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    delegate!(
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_identifier deserialize_ignored_any
    );
}

struct Seq<'a, const INTEGERS: bool> {
    iter: std::iter::Enumerate<std::slice::Iter<'a, Value>>,
    skip: &'a [usize],
}

impl<'de, const INTEGERS: bool> SeqAccess<'de> for Seq<'de, INTEGERS> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let skip = self.skip;
        self.iter
            .find(|(_, v)| skip.is_empty() || !skip.contains(&address(v)))
            .map(|(i, v)| {
                seed.deserialize(Reader::<INTEGERS>(v, skip))
                    .map_err(|e| at(&format!("[{i}]"), &e, v))
            })
            .transpose()
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct Map<'a, const INTEGERS: bool> {
    iter: serde_json::map::Iter<'a>,
    value: Option<(&'a str, &'a Value)>,
    skip: &'a [usize],
}

/// The step to an object's entry `k` in a path.
fn key_step(k: &str) -> String {
    if k.is_empty() {
        "[\"\"]".to_string()
    } else {
        format!(".{k}")
    }
}

impl<'de, const INTEGERS: bool> MapAccess<'de> for Map<'de, INTEGERS> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let skip = self.skip;
        match self
            .iter
            .find(|(_, v)| skip.is_empty() || !skip.contains(&address(v)))
        {
            Some((k, v)) => {
                self.value = Some((k, v));
                // An unknown key belongs to its entry: the entry is what
                // a reader going on past it leaves out.
                seed.deserialize(Key(k))
                    .map(Some)
                    .map_err(|e| at(&key_step(k), &e, v))
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some((k, v)) => seed
                .deserialize(Reader::<INTEGERS>(v, self.skip))
                .map_err(|e| at(&key_step(k), &e, v)),
            None => Err(de::Error::custom("map value requested before its key")),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// A JSON object key: text, or an integer where the map is keyed by
/// numbers (`{"2019": "7000"}` for a year-keyed map), as `serde_json` reads it.
struct Key<'a>(&'a str);

macro_rules! int_key {
    ($($method:ident $ty:ty => $visit:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.0.parse::<$ty>() {
                Ok(n) => visitor.$visit(n),
                Err(_) => visitor.visit_borrowed_str(self.0),
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for Key<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_borrowed_str(self.0)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        BorrowedStrDeserializer::<Error>::new(self.0).deserialize_enum(name, variants, visitor)
    }

    int_key!(
        deserialize_i8 i8 => visit_i8 deserialize_i16 i16 => visit_i16
        deserialize_i32 i32 => visit_i32 deserialize_i64 i64 => visit_i64
        deserialize_u8 u8 => visit_u8 deserialize_u16 u16 => visit_u16
        deserialize_u32 u32 => visit_u32 deserialize_u64 u64 => visit_u64
    );

    serde::forward_to_deserialize_any! {
        bool i128 u128 f32 f64 char str string bytes byte_buf option unit unit_struct
        newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use rust_decimal::Decimal;
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct Row {
        amount: Decimal,
        months: u32,
        #[serde(default)]
        note: Option<String>,
        #[serde(default)]
        by_year: BTreeMap<i32, Decimal>,
        #[serde(default)]
        items: Vec<Decimal>,
    }

    #[test]
    fn integers_read_as_decimals_but_floats_do_not() {
        let v = json!({"amount": 3000, "months": 12, "by_year": {"2019": 7000},
                       "items": [1, "2.50"]});
        let r = Row::deserialize(lenient(&v)).unwrap();
        assert_eq!(r.amount, Decimal::from(3000));
        assert_eq!(r.by_year[&2019], Decimal::from(7000));
        assert_eq!(r.items[1].to_string(), "2.50");
        let v = json!({"amount": 3000.5, "months": 12});
        let e = Row::deserialize(lenient(&v)).unwrap_err();
        assert!(e.to_string().contains(FLOAT_REFUSED), "{e}");
    }

    #[test]
    fn other_types_are_read_as_serde_json_reads_them() {
        let v = json!({"amount": "1", "months": "12"});
        assert!(Row::deserialize(lenient(&v)).is_err());
        let v = json!({"amount": "1", "months": 12, "other": 1});
        assert!(Row::deserialize(lenient(&v)).is_err());
        let v = json!({"amount": "1", "months": 12, "note": null});
        assert_eq!(Row::deserialize(lenient(&v)).unwrap().note, None);
        let v = json!([1, 2]);
        assert_eq!(<(u8, u8)>::deserialize(lenient(&v)).unwrap(), (1, 2));
        assert!(<(u8,)>::deserialize(lenient(&v)).is_err());
        let v = json!({"a": [1, {"b": null}]});
        assert_eq!(Value::deserialize(lenient(&v)).unwrap(), v);
    }
}
