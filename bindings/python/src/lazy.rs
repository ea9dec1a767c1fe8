//! Results whose explanation is turned into Python objects only when read.
//!
//! A trace is most of a result (every step with its formula, inputs and
//! sourced parameters): converting it on every call cost more than the
//! computation itself, and a caller computing one award per person rarely
//! reads it. The typed API gets the trace as a [`LazyValue`] and converts
//! it on first access; the figures are the same either way.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::Value;

use crate::convert::to_py;

/// A JSON value held natively until [`LazyValue::value`] is called.
#[pyclass(frozen, module = "pension_rules._native")]
pub(crate) struct LazyValue {
    value: Value,
}

#[pymethods]
impl LazyValue {
    /// The value as plain Python data (a new object each call).
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.value)
    }
}

/// A result as a Python dict, its `trace` (if any) as a [`LazyValue`].
pub(crate) fn result_to_py(py: Python<'_>, out: Value) -> PyResult<Bound<'_, PyAny>> {
    let Value::Object(map) = out else {
        return to_py(py, &out);
    };
    let dict = PyDict::new(py);
    for (k, v) in map {
        if k == "trace" {
            dict.set_item(k, Bound::new(py, LazyValue { value: v })?)?;
        } else {
            dict.set_item(k, to_py(py, &v)?)?;
        }
    }
    Ok(dict.into_any())
}
