//! Python objects ↔ JSON values, keeping every amount exact.
//!
//! In: `None`, `bool`, `int` (any size, numpy integers too), `str`,
//! `decimal.Decimal` (as its plain digits), `datetime.date` (as
//! `YYYY-MM-DD`), dicts with `str` or `int` keys, lists and tuples. A `float`
//! is refused with the path and how to pass the value instead: a binary float
//! cannot hold most amounts of money exactly. Out: plain `dict`, `list`,
//! `str`, `int`, `bool`, `None`; the Python package gives them types.

use std::str::FromStr;

use pension_rules::FieldError;
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use rust_decimal::Decimal;
use serde_json::{Map, Number, Value};

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `decimal.Decimal`.
pub(crate) fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Convert one Python value; problems are collected in `errs` by path.
pub(crate) fn to_value(
    obj: &Bound<'_, PyAny>,
    path: &str,
    errs: &mut Vec<FieldError>,
) -> PyResult<Value> {
    let py = obj.py();
    let mut bad = |message: String| {
        errs.push(FieldError {
            path: if path.is_empty() {
                "input".into()
            } else {
                path.into()
            },
            message,
        });
        Ok(Value::Null)
    };
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.is_instance_of::<PyInt>() {
        return int_value(obj);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let r = f.repr()?.to_string();
        return bad(format!(
            "got the float {r}: {}; pass an amount as decimal.Decimal(\"{r}\") or the \
             string \"{r}\", a count as int (for a pandas column with missing values, use \
             the nullable \"Int64\" dtype)",
            pension_rules::error::FLOAT_REFUSED
        ));
    }
    if obj.is_instance(decimal_type(py)?)? {
        // Fixed-point digits; only NaN and Infinity write letters.
        let digits: String = obj.call_method1("__format__", ("f",))?.extract()?;
        if digits.bytes().any(|b| b.is_ascii_alphabetic()) {
            return bad(format!("got {}; expected a finite amount", obj.repr()?));
        }
        return Ok(Value::String(digits));
    }
    if obj.is_instance(DATETIME.import(py, "datetime", "datetime")?)? {
        return bad(format!(
            "got the datetime {}; pass a date (datetime.date) or a month string \"YYYY-MM\"",
            obj.repr()?
        ));
    }
    if obj.is_instance(DATE.import(py, "datetime", "date")?)? {
        // A month field reads a date as the month it falls in.
        return Ok(Value::String(obj.call_method0("isoformat")?.extract()?));
    }
    if obj.hasattr("freqstr")? && obj.hasattr("strftime")? && obj.hasattr("ordinal")? {
        // A pandas Period: monthly is its month; any other frequency is refused.
        let freq: String = obj.getattr("freqstr")?.extract()?;
        if freq == "M" {
            return Ok(Value::String(
                obj.call_method1("strftime", ("%Y-%m",))?.extract()?,
            ));
        }
        return bad(format!(
            "got the {freq} period {}; a month field takes a monthly period",
            obj.repr()?
        ));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut m = Map::new();
        for (k, v) in d.iter() {
            let key = if let Ok(s) = k.cast::<PyString>() {
                s.to_cow()?.into_owned()
            } else if k.is_instance_of::<PyInt>() && !k.is_instance_of::<PyBool>() {
                k.str()?.to_string()
            } else {
                errs.push(FieldError {
                    path: join(path, &k.repr()?.to_string()),
                    message: "keys must be strings (or integers, such as years)".into(),
                });
                continue;
            };
            let value = to_value(&v, &join(path, &key), errs)?;
            m.insert(key, value);
        }
        return Ok(Value::Object(m));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut a = vec![];
        for (i, item) in obj.try_iter()?.enumerate() {
            a.push(to_value(&item?, &format!("{path}[{i}]"), errs)?);
        }
        return Ok(Value::Array(a));
    }
    // numpy and other integer-like scalars.
    if obj.hasattr("__index__")?
        && let Ok(i) = py.import("operator")?.call_method1("index", (obj,))
    {
        return int_value(&i);
    }
    bad(format!(
        "unsupported type {}; expected str, int, decimal.Decimal, bool, date, dict or list",
        obj.get_type().name()?
    ))
}

fn int_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Value::Number(Number::from(i)));
    }
    if let Ok(u) = obj.extract::<u64>() {
        return Ok(Value::Number(Number::from(u)));
    }
    // Too large for a JSON integer: its digits are still exact.
    Ok(Value::String(obj.str()?.to_string()))
}

/// Convert one input (a dict, usually), refusing it with every field
/// problem at once.
pub(crate) fn input(obj: &Bound<'_, PyAny>) -> PyResult<Result<Value, pension_rules::Error>> {
    let mut errs = vec![];
    let v = to_value(obj, "", &mut errs)?;
    Ok(if errs.is_empty() {
        Ok(v)
    } else {
        Err(pension_rules::Error::Input(
            pension_rules::error::InputErrors(errs),
        ))
    })
}

/// A JSON value as plain Python objects.
pub(crate) fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    match v {
        Value::Null => Ok(py.None().into_bound(py)),
        Value::Bool(b) => b.into_bound_py_any(py),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_bound_py_any(py)
            } else if let Some(u) = n.as_u64() {
                u.into_bound_py_any(py)
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)
            }
        }
        Value::String(s) => s.into_bound_py_any(py),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for item in a {
                list.append(to_py(py, item)?)?;
            }
            Ok(list.into_any())
        }
        Value::Object(m) => {
            let dict = PyDict::new(py);
            for (k, item) in m {
                dict.set_item(k, to_py(py, item)?)?;
            }
            Ok(dict.into_any())
        }
    }
}

/// Whether every non-null value is a decimal written as a string: how core
/// writes amounts and rates (months, ages and codes never parse).
pub(crate) fn is_decimal_column<'a>(values: impl Iterator<Item = Option<&'a Value>>) -> bool {
    let mut any = false;
    for v in values.flatten() {
        match v {
            Value::Null => {}
            Value::String(s) if Decimal::from_str(s).is_ok() => any = true,
            _ => return false,
        }
    }
    any
}

/// A figure as Python: decimal strings of a decimal column as
/// `decimal.Decimal`, anything else plain.
pub(crate) fn figure_to_py<'py>(
    py: Python<'py>,
    v: Option<&Value>,
    decimal: bool,
) -> PyResult<Bound<'py, PyAny>> {
    match v {
        None => Ok(py.None().into_bound(py)),
        Some(Value::String(s)) if decimal => decimal_type(py)?.call1((s.as_str(),)),
        Some(v) => to_py(py, v),
    }
}
