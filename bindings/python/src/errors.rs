//! Core errors as the Python exceptions of `pension_rules.errors`.
//!
//! | core | Python | payload |
//! |---|---|---|
//! | `Error::Input` | `InputError` | `.fields`: `[(path, message), …]` |
//! | `Error::Rules` | `RulesError` | `.details`: `{kind, param, date/year/key}` |
//! | `Error::Load` | `LoadError` | `.diagnostics`: file, line, column, key, code, message |
//! | `Error::NotApplicable` | `NotApplicableError` | — |
//!
//! Each carries `.code`, the stable code of `Error::code`.

use pension_rules::Error;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::convert::to_py;

/// The Python exception for a core error.
pub(crate) fn to_py_err(py: Python<'_>, e: &Error) -> PyErr {
    build(py, e).unwrap_or_else(|err| {
        // The Python package is missing (the native module used alone).
        PyValueError::new_err(format!("[{}] {e} ({err})", e.code()))
    })
}

fn build(py: Python<'_>, e: &Error) -> PyResult<PyErr> {
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", e.code())?;
    match e {
        Error::Input(errs) => {
            let fields = PyList::empty(py);
            // As reported: capped, echoes cut (InputErrors::shown).
            for f in &errs.shown() {
                fields.append(PyTuple::new(py, [f.path.as_str(), f.message.as_str()])?)?;
            }
            kwargs.set_item("fields", fields)?;
        }
        Error::Rules(r) => {
            let details = serde_json::to_value(r).unwrap_or_default();
            kwargs.set_item("details", to_py(py, &details)?)?;
        }
        Error::Load(l) => {
            let diags = serde_json::to_value(&l.diagnostics).unwrap_or_default();
            kwargs.set_item("diagnostics", to_py(py, &diags)?)?;
        }
        Error::NotApplicable(_) => {}
    }
    let class = py.import("pension_rules.errors")?.getattr(e.class())?;
    let exc = class.call((e.to_string(),), Some(&kwargs))?;
    let remedy = e.remedy();
    exc.setattr("remedy", remedy.en)?;
    exc.setattr("remedy_zh", remedy.zh)?;
    Ok(PyErr::from_value(exc))
}

/// Map a core result into a Python one.
pub(crate) trait IntoPy<T> {
    /// The value, or the Python exception for the core error.
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, &e))
    }
}

/// The sentence of error code `code` in `lang` (`zh` or `en`), from the
/// engine's one table (`pension_rules::error::MESSAGES`); `None` for a code
/// it does not know.
#[pyfunction]
pub(crate) fn error_message(code: &str, lang: &str) -> Option<&'static str> {
    match lang {
        "zh" => pension_rules::error::message_zh(code),
        _ => pension_rules::error::message_en(code),
    }
}

/// The standard projection assumptions (`Assumptions::standard` in the
/// engine) as a dict of decimal strings: the one default every front end
/// offers.
#[pyfunction]
pub(crate) fn standard_assumptions(py: Python<'_>) -> PyResult<Py<PyAny>> {
    let v = serde_json::to_value(pension_rules::projection::Assumptions::standard())
        .unwrap_or_default();
    Ok(to_py(py, &v)?.unbind())
}

/// The exception of every example error of the library
/// (`pension_rules::Error::examples`: one per variant and diagnostic code),
/// as this module raises it: for tests that the Python side maps them all.
#[pyfunction]
pub(crate) fn error_examples(py: Python<'_>) -> Vec<Py<PyAny>> {
    Error::examples()
        .iter()
        .map(|e| to_py_err(py, e).into_value(py).into_any())
        .collect()
}
