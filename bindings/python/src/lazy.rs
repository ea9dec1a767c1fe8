//! Results held natively and turned into Python objects field by field,
//! when read.
//!
//! Converting a whole result (every figure, and the trace: every step with
//! its formula, inputs and sourced parameters) into Python objects cost
//! more than the computation itself, and a caller computing one award per
//! person usually reads a few figures. The typed API wraps a [`LazyValue`]
//! and converts a field on its first access; the figures are the same. An
//! award is held as its struct, and only the field read is written out.

use pension_rules::award::Award;
use pyo3::prelude::*;
use pyo3::types::PyList;
use serde::Serialize;
use serde::ser::{self, Impossible, SerializeStruct};
use serde_json::{Error, Value};

use crate::convert::to_py;

enum Held {
    Json(Value),
    Award(Box<Award>),
}

/// A result held natively until read.
#[pyclass(frozen, module = "pension_rules._native")]
pub(crate) struct LazyValue {
    held: Held,
}

impl LazyValue {
    pub(crate) fn json(value: Value) -> LazyValue {
        LazyValue {
            held: Held::Json(value),
        }
    }

    pub(crate) fn award(award: Award) -> LazyValue {
        LazyValue {
            held: Held::Award(Box::new(award)),
        }
    }

    fn whole(&self) -> PyResult<std::borrow::Cow<'_, Value>> {
        Ok(match &self.held {
            Held::Json(v) => std::borrow::Cow::Borrowed(v),
            Held::Award(a) => std::borrow::Cow::Owned(
                serde_json::to_value(a)
                    .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?,
            ),
        })
    }
}

#[pymethods]
impl LazyValue {
    /// The whole value as plain Python data (a new object each call).
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.whole()?)
    }

    /// The member `key` of an object as plain Python data; `None` when
    /// absent (or null, or the value is not an object).
    fn get<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        let picked = match &self.held {
            Held::Json(v) => {
                return v
                    .get(key)
                    .map_or(Ok(py.None().into_bound(py)), |v| to_py(py, v));
            }
            Held::Award(a) => a
                .serialize(Pick { key })
                .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?,
        };
        match picked {
            Some(v) => to_py(py, &v),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// The member names of an object (empty otherwise).
    fn keys<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        match &*self.whole()? {
            Value::Object(m) => PyList::new(py, m.keys()),
            _ => Ok(PyList::empty(py)),
        }
    }
}

/// A serializer that writes out one field of a struct (as JSON) and skips
/// the others: the field as the whole struct's JSON would hold it.
struct Pick<'k> {
    key: &'k str,
}

struct PickStruct<'k> {
    key: &'k str,
    found: Option<Value>,
}

fn not_a_struct<T>() -> Result<T, Error> {
    Err(ser::Error::custom("only a struct's fields can be picked"))
}

macro_rules! refuse {
    ($($method:ident($($t:ty),*);)*) => {$(
        fn $method(self, $(_: $t),*) -> Result<Self::Ok, Error> {
            not_a_struct()
        }
    )*};
}

impl<'k> ser::Serializer for Pick<'k> {
    type Ok = Option<Value>;
    type Error = Error;
    type SerializeSeq = Impossible<Option<Value>, Error>;
    type SerializeTuple = Impossible<Option<Value>, Error>;
    type SerializeTupleStruct = Impossible<Option<Value>, Error>;
    type SerializeTupleVariant = Impossible<Option<Value>, Error>;
    type SerializeMap = Impossible<Option<Value>, Error>;
    type SerializeStruct = PickStruct<'k>;
    type SerializeStructVariant = Impossible<Option<Value>, Error>;

    refuse! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
        serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
        serialize_str(&str); serialize_bytes(&[u8]); serialize_none(); serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Self::Ok, Error> {
        not_a_struct()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        not_a_struct()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        not_a_struct()
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        not_a_struct()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        not_a_struct()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        not_a_struct()
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<PickStruct<'k>, Error> {
        Ok(PickStruct {
            key: self.key,
            found: None,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        not_a_struct()
    }
}

impl SerializeStruct for PickStruct<'_> {
    type Ok = Option<Value>;
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if key == self.key && self.found.is_none() {
            self.found = Some(serde_json::to_value(value)?);
        }
        Ok(())
    }

    fn end(self) -> Result<Option<Value>, Error> {
        Ok(self.found.filter(|v| !v.is_null()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct S {
        a: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        b: Option<u32>,
        #[serde(rename = "c_key")]
        c: &'static str,
    }

    #[test]
    fn picks_the_field_as_the_whole_json_holds_it() {
        let s = S {
            a: 1,
            b: None,
            c: "x",
        };
        let whole = serde_json::to_value(&s).unwrap_or_default();
        for key in ["a", "b", "c_key", "c", "zz"] {
            let picked = s.serialize(Pick { key }).unwrap_or_default();
            assert_eq!(picked.as_ref(), whole.get(key));
        }
    }
}
