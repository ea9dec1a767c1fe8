//! Population runs (`pension_rules::population`) for Python: columns in,
//! columns out. Conversions only.

use pension_rules::population::synthetic::{Config, generate};
use pension_rules::population::{self as pop, Outcome, Person, Population};
use pension_rules::projection::Assumptions;
use pension_rules::{Error, FieldError};
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::NativeEngine;
use crate::convert::{decimal_type, input, to_py, to_value};
use crate::errors::IntoPy;

fn dec<'py>(py: Python<'py>, d: Decimal) -> PyResult<Bound<'py, PyAny>> {
    decimal_type(py)?.call1((d.to_string(),))
}

fn opt_dec<'py>(py: Python<'py>, d: Option<Decimal>) -> PyResult<Bound<'py, PyAny>> {
    match d {
        Some(d) => dec(py, d),
        None => Ok(py.None().into_bound(py)),
    }
}

/// The rows of the population columns (missing values and empty strings
/// absent), each read as a [`Person`] or kept as its error.
fn rows(columns: &Bound<'_, PyDict>, n_rows: usize) -> PyResult<Population> {
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
    let mut out = Vec::with_capacity(n_rows);
    for i in 0..n_rows {
        let mut row = Map::new();
        let mut errs: Vec<FieldError> = vec![];
        for (name, values) in &cols {
            let v = values.get_item(i)?;
            if v.is_none() || v.extract::<String>().is_ok_and(|s| s.is_empty()) {
                continue;
            }
            row.insert(name.clone(), to_value(&v, name, &mut errs)?);
        }
        let person = if errs.is_empty() {
            Person::from_json(&Value::Object(row))
        } else {
            Err(Error::Input(pension_rules::error::InputErrors(errs)))
        }
        .map_err(|e| match e {
            // Paths under the row: `row 2.birth`.
            Error::Input(pension_rules::error::InputErrors(fields)) => {
                Error::Input(pension_rules::error::InputErrors(
                    fields
                        .into_iter()
                        .map(|f| FieldError {
                            path: format!("row {}.{}", i + 1, f.path),
                            message: f.message,
                        })
                        .collect(),
                ))
            }
            other => other,
        });
        out.push(person);
    }
    Ok(Population { rows: out })
}

const FIELDS: &[&str] = &[
    "scenario",
    "id",
    "status",
    "error",
    "retirement_month",
    "statutory",
    "contribution_months",
    "deemed_months",
    "average_index",
    "account_balance",
    "pension_base",
    "pension_base_source",
    "divisor",
    "basic_pension",
    "account_pension",
    "transitional_pension",
    "total",
    "final_base",
    "replacement_rate",
];

fn push_row<'py>(
    py: Python<'py>,
    lists: &[Bound<'py, PyList>],
    scenario: &str,
    id: &str,
    r: &Result<Outcome, Error>,
) -> PyResult<()> {
    let none = || py.None().into_bound(py);
    let cells: Vec<Bound<'py, PyAny>> = match r {
        Ok(o) => vec![
            scenario.into_bound_py_any(py)?,
            id.into_bound_py_any(py)?,
            "ok".into_bound_py_any(py)?,
            none(),
            o.retirement_month.to_string().into_bound_py_any(py)?,
            o.statutory.into_bound_py_any(py)?,
            o.contribution_months.into_bound_py_any(py)?,
            o.deemed_months.into_bound_py_any(py)?,
            dec(py, o.average_index)?,
            dec(py, o.account_balance)?,
            dec(py, o.pension_base)?,
            o.pension_base_source.name().into_bound_py_any(py)?,
            dec(py, o.divisor)?,
            dec(py, o.basic_pension)?,
            dec(py, o.account_pension)?,
            dec(py, o.transitional_pension)?,
            dec(py, o.total)?,
            opt_dec(py, o.final_base)?,
            opt_dec(py, o.replacement_rate)?,
        ],
        Err(e) => {
            let mut v = vec![
                scenario.into_bound_py_any(py)?,
                id.into_bound_py_any(py)?,
                e.code().into_bound_py_any(py)?,
                e.to_string().into_bound_py_any(py)?,
            ];
            v.resize_with(FIELDS.len(), none);
            v
        }
    };
    for (list, cell) in lists.iter().zip(cells) {
        list.append(cell)?;
    }
    Ok(())
}

/// Run the population (columns in the population format,
/// docs/population.md) under this engine's rules and each reform (one
/// overlay each: `(label, toml_text_or_dict)`), with `assumptions` (a dict
/// of `projection::Assumptions`; default the synthetic population's).
/// Returns `{"scenarios", "persons": columns, "summaries": [dict],
/// "flows": columns}`; the computation runs without the GIL.
#[pyfunction]
#[pyo3(signature = (engine, columns, n_rows, reforms=Vec::new(), assumptions=None, last_year=None))]
pub(crate) fn simulate<'py>(
    py: Python<'py>,
    engine: &NativeEngine,
    columns: &Bound<'py, PyDict>,
    n_rows: usize,
    reforms: Vec<(String, Bound<'py, PyAny>)>,
    assumptions: Option<Bound<'py, PyAny>>,
    last_year: Option<i32>,
) -> PyResult<Bound<'py, PyDict>> {
    let population = rows(columns, n_rows)?;
    let assumptions: Assumptions = match assumptions {
        Some(a) => {
            let v = input(&a)?.py_err(py)?;
            serde_json::from_value(v)
                .map_err(|e| Error::field("assumptions", e.to_string()))
                .py_err(py)?
        }
        None => Config::shaanxi_assumptions(),
    };
    let base = engine.engine.clone();
    let mut names = vec!["baseline".to_string()];
    let mut snaps = vec![pop::snapshot(base.rules(), None)];
    for (label, overlay) in reforms {
        let reform = match overlay.extract::<String>() {
            Ok(text) => py.detach(|| base.clone().with_overlay_toml(&label, &text)),
            Err(_) => {
                let data = input(&overlay)?.py_err(py)?;
                py.detach(|| base.clone().with_overlay_data(&label, &data))
            }
        }
        .py_err(py)?;
        let id = reform.rules().id();
        names.push(
            id.strip_prefix(&format!("{}+", base.rules().id()))
                .unwrap_or(id)
                .to_string(),
        );
        snaps.push(pop::snapshot(reform.rules(), None));
    }
    let options = pop::Options {
        last_year,
        ..Default::default()
    };
    let (all, summaries) = py
        .detach(|| pop::simulate_all(&population, &snaps, &assumptions, &options))
        .py_err(py)?;

    let lists: Vec<Bound<'py, PyList>> = FIELDS.iter().map(|_| PyList::empty(py)).collect();
    for (i, row) in population.rows.iter().enumerate() {
        let id = match row {
            Ok(p) => p.id.clone(),
            Err(_) => format!("row {}", i + 1),
        };
        for (k, name) in names.iter().enumerate() {
            if let Some(r) = all.get(k).and_then(|v| v.get(i)) {
                push_row(py, &lists, name, &id, r)?;
            }
        }
    }
    let persons = PyDict::new(py);
    for (name, list) in FIELDS.iter().zip(lists) {
        persons.set_item(name, list)?;
    }
    let flows = PyDict::new(py);
    let flow_fields = [
        "scenario",
        "year",
        "contributors",
        "employer_contributions",
        "individual_contributions",
        "contributions_unknown",
        "new_retirees",
        "pensions",
    ];
    let flow_lists: Vec<Bound<'py, PyList>> =
        flow_fields.iter().map(|_| PyList::empty(py)).collect();
    for (name, s) in names.iter().zip(&summaries) {
        for y in &s.years {
            let cells = [
                name.into_bound_py_any(py)?,
                y.year.into_bound_py_any(py)?,
                y.contributors.into_bound_py_any(py)?,
                dec(py, y.employer_contributions)?,
                dec(py, y.individual_contributions)?,
                y.contributions_unknown.into_bound_py_any(py)?,
                y.new_retirees.into_bound_py_any(py)?,
                dec(py, y.pensions)?,
            ];
            for (list, cell) in flow_lists.iter().zip(cells) {
                list.append(cell)?;
            }
        }
    }
    for (name, list) in flow_fields.iter().zip(flow_lists) {
        flows.set_item(name, list)?;
    }
    let summaries: Vec<Value> = summaries
        .iter()
        .map(|s| {
            let mut v = serde_json::to_value(s).unwrap_or_default();
            if let Some(m) = v.as_object_mut() {
                m.remove("years");
            }
            v
        })
        .collect();
    let out = PyDict::new(py);
    out.set_item("scenarios", names)?;
    out.set_item("persons", persons)?;
    out.set_item("summaries", to_py(py, &Value::Array(summaries))?)?;
    out.set_item("flows", flows)?;
    Ok(out)
}

/// A synthetic Shaanxi-like population (docs/population.md) as columns in
/// the population format (amounts as `decimal.Decimal`, `indexes` as
/// `"a;b;…"` text).
#[pyfunction]
pub(crate) fn synthetic_population<'py>(
    py: Python<'py>,
    engine: &NativeEngine,
    n: usize,
    seed: u64,
) -> PyResult<Bound<'py, PyDict>> {
    let snap = pop::snapshot(engine.engine.rules(), None);
    let population = py.detach(|| generate(&Config::shaanxi(n, seed), &snap));
    let out = PyDict::new(py);
    let lists: Vec<Bound<'py, PyList>> = pop::COLUMNS.iter().map(|_| PyList::empty(py)).collect();
    for p in population.rows.iter().flatten() {
        let cells = [
            p.id.as_str().into_bound_py_any(py)?,
            p.birth.to_string().into_bound_py_any(py)?,
            p.category.name().into_bound_py_any(py)?,
            p.first_contribution.to_string().into_bound_py_any(py)?,
            p.retirement_month
                .map(|m| m.to_string())
                .into_bound_py_any(py)?,
            p.deemed_months.into_bound_py_any(py)?,
            opt_dec(py, p.index)?,
            p.indexes
                .as_ref()
                .map(|l| {
                    l.0.iter()
                        .map(Decimal::to_string)
                        .collect::<Vec<_>>()
                        .join(";")
                })
                .into_bound_py_any(py)?,
            p.contribution_months.into_bound_py_any(py)?,
            opt_dec(py, p.average_index)?,
            opt_dec(py, p.account_balance)?,
        ];
        for (list, cell) in lists.iter().zip(cells) {
            list.append(cell)?;
        }
    }
    for (name, list) in pop::COLUMNS.iter().zip(lists) {
        out.set_item(name, list)?;
    }
    Ok(out)
}
