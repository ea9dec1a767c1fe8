//! `pension_rules._native`: the Python binding of pension-rules.
//!
//! Conversions and errors only: every computation is
//! [`pension_rules::api::Engine`]'s. The public, typed API is the Python
//! package `pension_rules` (bindings/python/python), which wraps this module.

mod columns;
mod convert;
mod errors;
mod lazy;
mod population;

use std::path::PathBuf;

use chrono::NaiveDate;
use pension_rules::api::award_view::{AwardOptions, TextFormat};
use pension_rules::api::payroll_case::period;
use pension_rules::api::{Engine, Kind};
use pension_rules::rules::Catalog;
use pension_rules::{Error, FieldError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::{Map, Value};

use convert::{figure_to_py, input, is_decimal_column, to_py, to_value};
use errors::IntoPy;

fn kind(s: &str) -> Result<Kind, Error> {
    s.parse()
}

fn date(field: &str, s: &str) -> Result<NaiveDate, Error> {
    s.parse()
        .map_err(|_| Error::field(field, format!("expected a date YYYY-MM-DD, got {s:?}")))
}

/// A rule set loaded once; computations take and return plain Python data.
#[pyclass(frozen, module = "pension_rules._native")]
struct NativeEngine {
    engine: Engine,
}

#[pymethods]
impl NativeEngine {
    /// Load `ruleset` (from `rules_dir` first, if given, else the shipped
    /// sets), refusing any set pinned in `pins` (`(id, hash)` pairs) whose
    /// hash differs, and layer `overlays`: `(label, toml_text_or_dict)` pairs.
    /// A set of `rules_dir` with the id and version of a shipped set but
    /// other content is refused (`ruleset_conflict`) unless `allow_override`.
    #[new]
    #[pyo3(signature = (ruleset, rules_dir=None, overlays=Vec::new(), pins=Vec::new(), allow_override=false))]
    fn new(
        py: Python<'_>,
        ruleset: &str,
        rules_dir: Option<PathBuf>,
        overlays: Vec<(String, Bound<'_, PyAny>)>,
        pins: Vec<(String, String)>,
        allow_override: bool,
    ) -> PyResult<Self> {
        let catalog = match rules_dir {
            Some(d) => Some(
                py.detach(|| Catalog::from_dir(&d))
                    .map_err(Error::from)
                    .py_err(py)?
                    .allowing_override(allow_override),
            ),
            None => None,
        };
        let mut engine = py
            .detach(|| Engine::load_pinned(ruleset, catalog, &pins))
            .py_err(py)?;
        for (label, overlay) in overlays {
            engine = if let Ok(text) = overlay.cast::<PyString>() {
                let text = text.to_cow()?.into_owned();
                py.detach(|| engine.with_overlay_toml(&label, &text))
            } else {
                let data = input(&overlay)?.py_err(py)?;
                py.detach(|| engine.with_overlay_data(&label, &data))
            }
            .py_err(py)?;
        }
        Ok(NativeEngine { engine })
    }

    /// `{id, version, hash}` of the rule set in use.
    fn identity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let id = serde_json::to_value(self.engine.rules().identity().as_ref()).unwrap_or_default();
        to_py(py, &id)
    }

    /// The layers of the rule set, bottom first.
    fn layers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(
            py,
            &serde_json::to_value(self.engine.rules().layers()).unwrap_or_default(),
        )
    }

    /// The computation names (`retirement`, …).
    #[staticmethod]
    fn kinds() -> Vec<&'static str> {
        Kind::ALL.iter().map(|k| k.name()).collect()
    }

    /// The full result of one computation as plain data.
    fn compute<'py>(
        &self,
        py: Python<'py>,
        kind: &str,
        input: &Bound<'py, PyAny>,
        trace: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let k = self::kind(kind).py_err(py)?;
        let v = convert::input(input)?.py_err(py)?;
        let out = py.detach(|| self.engine.compute(k, &v, trace)).py_err(py)?;
        to_py(py, &out)
    }

    /// The full result of one computation for the typed API: as
    /// [`compute`](Self::compute) (an award as known on `known_on` when
    /// given), held natively and converted field by field when read.
    #[pyo3(signature = (kind, input, trace, known_on=None))]
    fn compute_typed<'py>(
        &self,
        py: Python<'py>,
        kind: &str,
        input: &Bound<'py, PyAny>,
        trace: bool,
        known_on: Option<&str>,
    ) -> PyResult<Bound<'py, lazy::LazyValue>> {
        let k = self::kind(kind).py_err(py)?;
        let v = convert::input(input)?.py_err(py)?;
        let out = match (known_on, k) {
            (Some(known), _) => {
                let opts = AwardOptions::parse(Some(known), None, None).py_err(py)?;
                py.detach(|| self.engine.award_with(&v, &opts, trace))
                    .map(lazy::LazyValue::json)
            }
            (None, Kind::Award) => py
                .detach(|| self.engine.award_result(&v, trace))
                .map(lazy::LazyValue::award),
            (None, _) => py
                .detach(|| self.engine.compute(k, &v, trace))
                .map(lazy::LazyValue::json),
        }
        .py_err(py)?;
        Bound::new(py, out)
    }

    /// The explanation (trace) of one computation.
    fn explain<'py>(
        &self,
        py: Python<'py>,
        kind: &str,
        input: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let k = self::kind(kind).py_err(py)?;
        let v = convert::input(input)?.py_err(py)?;
        let out = py.detach(|| self.engine.explain(k, &v)).py_err(py)?;
        to_py(py, &out)
    }

    /// The headline figures of one computation (strings, ints, bools).
    fn figures<'py>(
        &self,
        py: Python<'py>,
        kind: &str,
        input: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let k = self::kind(kind).py_err(py)?;
        let v = convert::input(input)?.py_err(py)?;
        let out = py.detach(|| self.engine.figures(k, &v)).py_err(py)?;
        to_py(py, &Value::Object(out))
    }

    /// Many computations of one kind from columns (`{name: [value per
    /// row]}`, `None` for absent). Returns columns: the figures of each row
    /// (decimal figures as `decimal.Decimal`), then `error_code` and
    /// `error_message` (`None` for rows that computed). Rows are read with
    /// the GIL held, computed without it.
    fn batch<'py>(
        &self,
        py: Python<'py>,
        kind: &str,
        columns: &Bound<'py, PyDict>,
        n_rows: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let k = self::kind(kind).py_err(py)?;
        let mut cols = vec![];
        for (name, values) in columns.iter() {
            let name: String = name.extract()?;
            let values = values.cast_into::<PyList>()?;
            if values.len() != n_rows {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "column {name:?} has {} values, expected {n_rows}",
                    values.len()
                )));
            }
            cols.push((name, values));
        }
        let mut rows: Vec<Result<Value, Error>> = Vec::with_capacity(n_rows);
        for i in 0..n_rows {
            let mut row = Map::new();
            let mut errs: Vec<FieldError> = vec![];
            for (name, values) in &cols {
                let v = values.get_item(i)?;
                if !v.is_none() {
                    let v = to_value(&v, name, &mut errs)?;
                    row.insert(name.clone(), v);
                }
            }
            rows.push(if errs.is_empty() {
                Ok(Value::Object(row))
            } else {
                Err(Error::Input(pension_rules::error::InputErrors(errs)))
            });
        }
        let engine = &self.engine;
        let results: Vec<Result<Map<String, Value>, Error>> = py.detach(|| {
            rows.into_iter()
                .map(|r| r.and_then(|v| engine.figures(k, &v)))
                .collect()
        });
        let mut names: Vec<&String> = vec![];
        for m in results.iter().flatten() {
            for key in m.keys() {
                if !names.contains(&key) {
                    names.push(key);
                }
            }
        }
        let out = PyDict::new(py);
        for name in names {
            let cells = || {
                results
                    .iter()
                    .map(|r| r.as_ref().ok().and_then(|m| m.get(name)))
            };
            let decimal = is_decimal_column(cells());
            let list = PyList::empty(py);
            for cell in cells() {
                list.append(figure_to_py(py, cell, decimal)?)?;
            }
            out.set_item(name, list)?;
        }
        let codes = PyList::empty(py);
        let messages = PyList::empty(py);
        for r in &results {
            match r {
                Ok(_) => {
                    codes.append(py.None())?;
                    messages.append(py.None())?;
                }
                Err(e) => {
                    codes.append(e.code())?;
                    messages.append(e.to_string())?;
                }
            }
        }
        out.set_item("error_code", codes)?;
        out.set_item("error_message", messages)?;
        Ok(out)
    }

    /// A unit's payroll declaration for `month` (`YYYY-MM`) or `year`:
    /// `rows` is CSV text (`str`) or a list of row dicts. One result or
    /// error per row in order, the totals and the attention list.
    #[pyo3(signature = (rows, month=None, year=None, trace=false))]
    fn payroll<'py>(
        &self,
        py: Python<'py>,
        rows: &Bound<'py, PyAny>,
        month: Option<&str>,
        year: Option<i32>,
        trace: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let p = period(month, year).py_err(py)?;
        let out = match rows.cast::<PyString>() {
            Ok(csv) => {
                let csv = csv.to_cow()?.into_owned();
                py.detach(|| self.engine.payroll_csv(&csv, p, trace))
            }
            Err(_) => {
                let v = input(rows)?.py_err(py)?;
                py.detach(|| self.engine.payroll(&v, p, trace))
            }
        }
        .and_then(|d| {
            serde_json::to_value(d)
                .map_err(|e| Error::NotApplicable(format!("result not serializable: {e}")))
        })
        .py_err(py)?;
        to_py(py, &out)
    }

    /// The award as known on `known_on`, or with `arrears_through` the
    /// provisional → final recomputation with the arrears owed.
    #[pyo3(signature = (input, known_on=None, final_known_on=None, arrears_through=None, trace=true))]
    fn award_with<'py>(
        &self,
        py: Python<'py>,
        input: &Bound<'py, PyAny>,
        known_on: Option<&str>,
        final_known_on: Option<&str>,
        arrears_through: Option<&str>,
        trace: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let opts = AwardOptions::parse(known_on, final_known_on, arrears_through).py_err(py)?;
        let v = convert::input(input)?.py_err(py)?;
        let out = py
            .detach(|| self.engine.award_with(&v, &opts, trace))
            .py_err(py)?;
        to_py(py, &out)
    }

    /// The award rendered as `zh`, `en` or `table` text, as the CLI's
    /// `award --format` prints it.
    #[pyo3(signature = (input, format, known_on=None, final_known_on=None, arrears_through=None))]
    fn award_text(
        &self,
        py: Python<'_>,
        input: &Bound<'_, PyAny>,
        format: &str,
        known_on: Option<&str>,
        final_known_on: Option<&str>,
        arrears_through: Option<&str>,
    ) -> PyResult<String> {
        let format: TextFormat = format.parse().py_err(py)?;
        let opts = AwardOptions::parse(known_on, final_known_on, arrears_through).py_err(py)?;
        let v = convert::input(input)?.py_err(py)?;
        py.detach(|| self.engine.award_text(&v, &opts, format))
            .py_err(py)
    }

    /// Run conformance vectors: JSON text, or the cases as Python data.
    fn check<'py>(
        &self,
        py: Python<'py>,
        cases: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = match cases.cast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => input(cases)?.py_err(py)?.to_string(),
        };
        let report = py.detach(|| self.engine.check(&text)).py_err(py)?;
        to_py(py, &serde_json::to_value(&report).unwrap_or_default())
    }

    /// Every parameter in force on `as_of` (`YYYY-MM-DD`), as known on
    /// `known_on`, with its source.
    #[pyo3(signature = (as_of, known_on=None))]
    fn show<'py>(
        &self,
        py: Python<'py>,
        as_of: &str,
        known_on: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = date("as_of", as_of).py_err(py)?;
        let known_on = known_on
            .map(|k| date("known_on", k))
            .transpose()
            .py_err(py)?;
        to_py(
            py,
            &serde_json::to_value(self.engine.show(as_of, known_on)).unwrap_or_default(),
        )
    }

    /// The values `field` takes from the rule set's lists on `as_of`
    /// (`YYYY-MM-DD`), with their titles.
    fn choices<'py>(
        &self,
        py: Python<'py>,
        field: &str,
        as_of: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = date("as_of", as_of).py_err(py)?;
        let c = self.engine.choices(field, as_of).py_err(py)?;
        to_py(py, &serde_json::to_value(c).unwrap_or_default())
    }

    /// The rule sets this engine can load, with version and hash.
    fn list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(
            py,
            &serde_json::to_value(py.detach(|| self.engine.list())).unwrap_or_default(),
        )
    }
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeEngine>()?;
    m.add_class::<lazy::LazyValue>()?;
    m.add_class::<population::NativeScenarios>()?;
    m.add_class::<population::NativeRun>()?;
    m.add_function(wrap_pyfunction!(population::scenarios, m)?)?;
    m.add_function(wrap_pyfunction!(population::simulate, m)?)?;
    m.add_function(wrap_pyfunction!(population::population_columns, m)?)?;
    m.add_function(wrap_pyfunction!(errors::error_examples, m)?)?;
    m.add_function(wrap_pyfunction!(errors::error_message, m)?)?;
    m.add_function(wrap_pyfunction!(errors::standard_assumptions, m)?)?;
    m.add_function(wrap_pyfunction!(population::synthetic_population, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
