//! Results held natively and turned into Python objects field by field,
//! when read.
//!
//! Converting a whole result (every figure, and the trace: every step with
//! its formula, inputs and sourced parameters) into Python objects cost
//! more than the computation itself, and a caller computing one award per
//! person usually reads a few figures. The typed API wraps a [`LazyValue`]
//! and converts a field on its first access; the figures are the same.

use pyo3::prelude::*;
use pyo3::types::PyList;
use serde_json::Value;

use crate::convert::to_py;

/// A JSON value held natively until read.
#[pyclass(frozen, module = "pension_rules._native")]
pub(crate) struct LazyValue {
    value: Value,
}

impl LazyValue {
    pub(crate) fn new(value: Value) -> LazyValue {
        LazyValue { value }
    }
}

#[pymethods]
impl LazyValue {
    /// The whole value as plain Python data (a new object each call).
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.value)
    }

    /// The member `key` of an object as plain Python data; `None` when
    /// absent (or null, or the value is not an object).
    fn get<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.value.get(key) {
            Some(v) => to_py(py, v),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// The member names of an object (empty otherwise).
    fn keys<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        match &self.value {
            Value::Object(m) => PyList::new(py, m.keys()),
            _ => Ok(PyList::empty(py)),
        }
    }
}
