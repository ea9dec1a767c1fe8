//! Population runs (`pension_rules::population`) for Python: columns in,
//! columns out. Conversions only.

use pension_rules::population::synthetic::{Config, generate};
use pension_rules::population::{
    self as pop, ColumnType, Outcome, OutputValue, Person, Population, Rounded,
};
use pension_rules::projection::Assumptions;
use pension_rules::{Error, FieldError};
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3_arrow::PyTable;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use pension_rules::Rounding;
use pension_rules::rules::{Snapshot, Timeline};

use crate::NativeEngine;
use crate::columns::{ArrowCells, Cell, Col, to_list};
use crate::convert::{decimal_type, input, to_py, to_value};
use crate::errors::IntoPy;

fn dec<'py>(py: Python<'py>, d: Decimal) -> PyResult<Bound<'py, PyAny>> {
    decimal_type(py)?.call1((d.to_string(),))
}

/// The rows of the population columns (missing values and empty strings
/// absent), each read as a [`Person`] or kept as its error. A column
/// problem refuses the whole frame before any row is read: an unknown,
/// repeated or missing required column ([`pop::check_columns`]), or a
/// column holding floats (`columns.NAME`: a float cannot carry a fen
/// exactly; a pandas integer column with missing values is float64 — use
/// the nullable `Int64` dtype).
fn rows(columns: &Bound<'_, PyDict>, n_rows: usize, first_row: usize) -> PyResult<Population> {
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
    let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
    let mut problems = match pop::check_columns(&names, "columns") {
        Ok(()) => vec![],
        Err(e) => e.fields().to_vec(),
    };
    for (name, values) in &cols {
        let float = values
            .iter()
            .find(|v| v.is_instance_of::<pyo3::types::PyFloat>());
        if let Some(f) = float {
            let r = f.repr()?.to_string();
            problems.push(FieldError {
                path: format!("columns.{name}"),
                message: format!(
                    "the column holds floats (e.g. {r}): {}; give amounts and indexes as \
                     decimal.Decimal or strings, counts as int (a pandas integer column with \
                     missing values is float64: use the nullable \"Int64\" dtype)",
                    pension_rules::error::FLOAT_REFUSED
                ),
            });
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(pension_rules::error::InputErrors(problems))).py_err(columns.py());
    }
    let mut out = Vec::with_capacity(n_rows);
    let mut unread_ids = std::collections::BTreeMap::new();
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
            Person::from_json(&Value::Object(row.clone()))
        } else {
            Err(Error::Input(pension_rules::error::InputErrors(errs)))
        }
        // Paths under the row, led by the person's id: `row 2.birth`.
        .map_err(|e| pop::row_error(first_row + i + 1, row.get("id").and_then(Value::as_str), e));
        if let (Err(_), Some(id)) = (&person, row.get("id").and_then(Value::as_str)) {
            unread_ids.insert(i, id.to_string());
        }
        out.push(person);
    }
    Ok(Population {
        rows: out,
        unread_ids,
    })
}

/// The rows of an Arrow table (any `__arrow_c_stream__` producer: a
/// pyarrow Table, a Polars or pandas DataFrame), read column by column
/// without the GIL ([`ArrowCells`]); a column no cell can come from (a
/// float column) refuses the frame, with every such column named.
fn arrow_rows(py: Python<'_>, table: PyTable, first_row: usize) -> PyResult<Population> {
    let (batches, schema) = table.into_inner();
    let n_rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    let mut problems = vec![];
    let mut cols = vec![];
    for (k, field) in schema.fields().iter().enumerate() {
        let parts: Vec<&dyn arrow_array::Array> =
            batches.iter().map(|b| b.column(k).as_ref()).collect();
        let whole = match batches.as_slice() {
            [] => arrow_array::new_empty_array(field.data_type()),
            [one] => one.column(k).clone(),
            _ => arrow_select::concat::concat(&parts).map_err(|e| {
                pyo3::exceptions::PyValueError::new_err(format!("column {}: {e}", field.name()))
            })?,
        };
        match ArrowCells::new(field.name(), &whole) {
            Ok(c) => cols.push((field.name().as_str(), c)),
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(pension_rules::error::InputErrors(problems))).py_err(py);
    }
    py.detach(|| Population::from_columns_numbered(&cols, n_rows, first_row))
        .py_err(py)
}

/// The scenarios of runs, resolved once (a baseline and its reforms, as
/// snapshots): batch after batch reuses them.
#[pyclass(frozen, module = "pension_rules._native")]
pub(crate) struct NativeScenarios {
    names: Vec<String>,
    snaps: Vec<Snapshot>,
}

#[pymethods]
impl NativeScenarios {
    /// The scenario names, baseline first.
    fn names(&self) -> Vec<String> {
        self.names.clone()
    }
}

/// Resolve the baseline (this engine's rules) and each reform (an overlay:
/// `(label, toml_text_or_dict)`).
#[pyfunction]
#[pyo3(signature = (engine, reforms=Vec::new()))]
pub(crate) fn scenarios<'py>(
    py: Python<'py>,
    engine: &NativeEngine,
    reforms: Vec<(String, Bound<'py, PyAny>)>,
) -> PyResult<NativeScenarios> {
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
    Ok(NativeScenarios { names, snaps })
}

/// The largest scale a rounding rule gives over the scenarios.
fn scale(snaps: &[Snapshot], rule: impl Fn(&Snapshot) -> &Timeline<Rounding>) -> u32 {
    snaps
        .iter()
        .flat_map(|s| rule(s).versions().map(|(_, _, r)| r.value.scale))
        .max()
        .unwrap_or(0)
}

/// The columns of the population format ([`pop::COLUMNS`]): what the
/// engine reads of a frame (other columns are refused, or carried through
/// by the Python layer).
#[pyfunction]
pub(crate) fn population_columns() -> Vec<&'static str> {
    pop::COLUMNS.to_vec()
}

/// The per-person columns ([`pop::OUTPUT_COLUMNS`]): name and an empty
/// column of its type.
fn person_columns(snaps: &[Snapshot]) -> Vec<(&'static str, Col)> {
    let money = scale(snaps, |s| &s.rounding.money);
    let index = scale(snaps, |s| &s.rounding.index);
    let divisor = scale(snaps, |s| &s.rounding.divisor);
    pop::OUTPUT_COLUMNS
        .iter()
        .map(|c| {
            let col = match c.kind {
                ColumnType::Text | ColumnType::Month => Col::text(),
                ColumnType::Bool => Col::bool(),
                ColumnType::Count => Col::int(),
                ColumnType::Decimal(Rounded::Money) => Col::decimal(money),
                ColumnType::Decimal(Rounded::Index) => Col::decimal(index),
                ColumnType::Decimal(Rounded::Divisor) => Col::decimal(divisor),
            };
            (c.name, col)
        })
        .collect()
}

/// Append field `f` (of [`person_columns`]) of one outcome row to its column.
fn push_field(col: &mut Col, f: usize, scenario: &str, id: &str, r: &Result<Outcome, Error>) {
    let Some(c) = pop::OUTPUT_COLUMNS.get(f) else {
        return col.push(Cell::Null);
    };
    col.push(match c.value(scenario, id, r) {
        OutputValue::Null => Cell::Null,
        OutputValue::Text(s) => return col.push(Cell::Str(&s)),
        OutputValue::Month(m) => Cell::Month(m),
        OutputValue::Bool(b) => Cell::Bool(b),
        OutputValue::Count(n) => Cell::Int(n.into()),
        OutputValue::Decimal(d) => Cell::Dec(d),
    });
}

/// Append a block of outcomes (rows `start…`, every scenario) to the
/// columns, one column per task (in parallel).
fn push_block(
    cols: &mut [(&'static str, Col)],
    names: &[String],
    population: &Population,
    start: usize,
    block: &pop::Block,
    first_row: usize,
) {
    use rayon::prelude::*;
    let len = block.first().map_or(0, Vec::len);
    let ids: Vec<std::borrow::Cow<'_, str>> = (start..start + len)
        .map(|i| population.label(i, first_row))
        .collect();
    cols.par_iter_mut().enumerate().for_each(|(f, (_, col))| {
        for (j, id) in ids.iter().enumerate() {
            for (name, rows) in names.iter().zip(block) {
                if let Some(r) = rows.get(j) {
                    push_field(col, f, name, id, r);
                }
            }
        }
    });
}

/// The columns ready for Python: one Arrow table (built in parallel,
/// without the GIL), or Python lists where pyarrow is not installed.
struct Built {
    columns: Vec<(&'static str, arrow_array::ArrayRef)>,
    arrow: bool,
}

impl Built {
    fn new(cols: Vec<(&'static str, Col)>, arrow: bool) -> Built {
        use rayon::prelude::*;
        Built {
            columns: cols.into_par_iter().map(|(n, c)| (n, c.finish())).collect(),
            arrow,
        }
    }

    /// An Arrow table (`__arrow_c_stream__`: `pyarrow.table(x)`,
    /// `polars.DataFrame(x)` take it without a copy), or a dict of lists.
    fn export<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        if !self.arrow {
            let out = PyDict::new(py);
            for (name, a) in &self.columns {
                out.set_item(name, to_list(py, a)?)?;
            }
            return Ok(out.into_any());
        }
        let fields: Vec<arrow_schema::Field> = self
            .columns
            .iter()
            .map(|(n, a)| arrow_schema::Field::new(*n, a.data_type().clone(), true))
            .collect();
        let schema = std::sync::Arc::new(arrow_schema::Schema::new(fields));
        let batch = arrow_array::RecordBatch::try_new(
            schema.clone(),
            self.columns.into_iter().map(|(_, a)| a).collect(),
        )
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        Ok(Bound::new(py, PyTable::try_new(vec![batch], schema)?)?.into_any())
    }
}

/// Run the population (columns in the population format,
/// docs/population.md: a dict of Python lists, or any Arrow table through
/// the PyCapsule interface) under each
/// scenario with `assumptions` (a dict of `projection::Assumptions`;
/// default the synthetic population's). Returns `{"scenarios", "persons":
/// columns, "summaries": [dict], "flows": columns}`; persons are one Arrow
/// table with `arrow`, else a dict of lists. Reading, the
/// computation and building the columns run without the GIL. `first_row`:
/// the batch's first row in a larger population (failed rows are named
/// `row N` of the whole). `progress`: called as `progress(done, total)`
/// with person-evaluations done (rows × scenarios), from the computing
/// threads with the GIL taken for the call.
#[pyfunction]
#[allow(clippy::too_many_arguments)] // the Python signature's keyword arguments
#[pyo3(signature = (scenarios, columns, n_rows, assumptions=None, last_year=None, arrow=false, first_row=0, progress=None))]
pub(crate) fn simulate<'py>(
    py: Python<'py>,
    scenarios: &NativeScenarios,
    columns: &Bound<'py, PyAny>,
    n_rows: usize,
    assumptions: Option<Bound<'py, PyAny>>,
    last_year: Option<i32>,
    arrow: bool,
    first_row: usize,
    progress: Option<Py<PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let population = read_population(py, columns, n_rows, first_row)?;
    let assumptions = read_assumptions(py, assumptions)?;
    let names = &scenarios.names;
    let snaps = &scenarios.snaps;
    let total = (n_rows as u64).saturating_mul(scenarios.snaps.len() as u64);
    let report = |done: u64| {
        if let Some(p) = &progress {
            // A failing callback must not stop the run: its error is dropped.
            Python::attach(|py| {
                let _ = p.call1(py, (done, total));
            });
        }
    };
    let options = pop::Options {
        last_year,
        progress: progress
            .is_some()
            .then_some(&report as &(dyn Fn(u64) + Sync)),
        ..Default::default()
    };
    let (cols, summaries) = py
        .detach(|| {
            let mut cols = person_columns(snaps);
            for (_, c) in &mut cols {
                c.reserve(n_rows.saturating_mul(snaps.len()));
            }
            let summaries = pop::simulate(
                &population,
                snaps,
                &assumptions,
                &options,
                |start, block| push_block(&mut cols, names, &population, start, block, first_row),
            )?;
            Ok::<_, Error>((Built::new(cols, arrow), summaries))
        })
        .py_err(py)?;
    let out = results(py, names, &summaries)?;
    out.set_item("persons", cols.export(py)?)?;
    Ok(out)
}

/// The population of `columns`: a dict of lists, or any Arrow table.
fn read_population(
    py: Python<'_>,
    columns: &Bound<'_, PyAny>,
    n_rows: usize,
    first_row: usize,
) -> PyResult<Population> {
    match columns.cast::<PyDict>() {
        Ok(lists) => rows(lists, n_rows, first_row),
        Err(_) => arrow_rows(py, columns.extract::<PyTable>()?, first_row),
    }
}

/// The assumptions of a run (a dict of `projection::Assumptions`; default
/// the synthetic population's).
fn read_assumptions(
    py: Python<'_>,
    assumptions: Option<Bound<'_, PyAny>>,
) -> PyResult<Assumptions> {
    Ok(match assumptions {
        Some(a) => {
            let v = input(&a)?.py_err(py)?;
            pension_rules::json_text::typed(&v)
                .map_err(|e| Error::field("assumptions", e.to_string()))
                .py_err(py)?
        }
        None => Config::shaanxi_assumptions(),
    })
}

/// `{"scenarios", "summaries": [dict], "flows": columns}` of a finished run.
fn results<'py>(
    py: Python<'py>,
    names: &[String],
    summaries: &[pop::Summary],
) -> PyResult<Bound<'py, PyDict>> {
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
    for (name, s) in names.iter().zip(summaries) {
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
    out.set_item("scenarios", names.to_vec())?;
    out.set_item("summaries", to_py(py, &Value::Array(summaries))?)?;
    out.set_item("flows", flows)?;
    Ok(out)
}

/// A run fed batch by batch (a stream in bounded memory): the batches'
/// persons come back as they are computed, rows numbered as the whole
/// stream's; the summaries and flows are accumulated exactly and given by
/// [`NativeRun::finish`] — the same as one run over every row.
#[pyclass(frozen, module = "pension_rules._native")]
pub(crate) struct NativeRun {
    names: Vec<String>,
    snaps: Vec<Snapshot>,
    run: std::sync::Mutex<Option<pop::Run<'static>>>,
}

fn finished() -> PyErr {
    pyo3::exceptions::PyRuntimeError::new_err("the run is finished")
}

#[pymethods]
impl NativeRun {
    /// A run of `scenarios` with `assumptions` and `last_year`.
    #[new]
    #[pyo3(signature = (scenarios, assumptions=None, last_year=None))]
    fn new(
        py: Python<'_>,
        scenarios: &NativeScenarios,
        assumptions: Option<Bound<'_, PyAny>>,
        last_year: Option<i32>,
    ) -> PyResult<NativeRun> {
        let assumptions = read_assumptions(py, assumptions)?;
        let options = pop::Options {
            last_year,
            ..Default::default()
        };
        let run = pop::Run::owned(scenarios.snaps.clone(), assumptions, options).py_err(py)?;
        Ok(NativeRun {
            names: scenarios.names.clone(),
            snaps: scenarios.snaps.clone(),
            run: std::sync::Mutex::new(Some(run)),
        })
    }

    /// Rows pushed so far.
    fn rows(&self) -> PyResult<usize> {
        let guard = self.run.lock().map_err(|_| finished())?;
        guard.as_ref().map(pop::Run::rows).ok_or_else(finished)
    }

    /// Run the next rows (a dict of lists, or any Arrow table) under every
    /// scenario; their persons as an Arrow table with `arrow`, else lists.
    #[pyo3(signature = (columns, n_rows, arrow=false))]
    fn push<'py>(
        &self,
        py: Python<'py>,
        columns: &Bound<'py, PyAny>,
        n_rows: usize,
        arrow: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut guard = self.run.lock().map_err(|_| finished())?;
        let run = guard.as_mut().ok_or_else(finished)?;
        let first_row = run.rows();
        let population = read_population(py, columns, n_rows, first_row)?;
        let names = &self.names;
        let cols = py.detach(|| {
            let mut cols = person_columns(&self.snaps);
            for (_, c) in &mut cols {
                c.reserve(population.rows.len().saturating_mul(self.snaps.len()));
            }
            run.push(&population, |start, block| {
                push_block(
                    &mut cols,
                    names,
                    &population,
                    start - first_row,
                    block,
                    first_row,
                )
            });
            Built::new(cols, arrow)
        });
        cols.export(py)
    }

    /// The summaries and flows over every row pushed; the run ends.
    fn finish<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let run = self
            .run
            .lock()
            .map_err(|_| finished())?
            .take()
            .ok_or_else(finished)?;
        let summaries = py.detach(|| run.finish());
        results(py, &self.names, &summaries)
    }
}

/// A synthetic Shaanxi-like population (docs/population.md) as columns in
/// the population format (`indexes` as `"a;b;…"` text): Arrow buffers with
/// `arrow` (months and text as strings, amounts as decimal128), else lists
/// (amounts as `decimal.Decimal`).
#[pyfunction]
#[pyo3(signature = (engine, n, seed, arrow=false))]
pub(crate) fn synthetic_population<'py>(
    py: Python<'py>,
    engine: &NativeEngine,
    n: usize,
    seed: u64,
    arrow: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let snap = pop::snapshot(engine.engine.rules(), None);
    let built = py.detach(|| {
        let population = generate(&Config::shaanxi(n, seed), &snap);
        let money = scale(std::slice::from_ref(&snap), |s| &s.rounding.money);
        let index = scale(std::slice::from_ref(&snap), |s| &s.rounding.index);
        let mut cols: Vec<(&'static str, Col)> = pop::COLUMNS
            .iter()
            .map(|&name| {
                let col = match name {
                    "deemed_months" | "contribution_months" => Col::int(),
                    "index" | "average_index" => Col::decimal(index),
                    "account_balance" => Col::decimal(money),
                    _ => Col::text(),
                };
                (name, col)
            })
            .collect();
        let opt = |d: Option<Decimal>| d.map_or(Cell::Null, Cell::Dec);
        for p in population.rows.iter().flatten() {
            let cells = [
                Cell::Str(&p.id),
                Cell::Month(p.birth),
                Cell::Str(p.category.name()),
                Cell::Month(p.first_contribution),
                p.retirement_month.map_or(Cell::Null, Cell::Month),
                Cell::Int(p.deemed_months.into()),
                opt(p.index),
                p.indexes
                    .as_ref()
                    .map_or(Cell::Null, |l| Cell::Decimals(&l.0)),
                Cell::Int(p.contribution_months.into()),
                opt(p.average_index),
                opt(p.account_balance),
            ];
            for ((_, col), cell) in cols.iter_mut().zip(cells) {
                col.push(cell);
            }
        }
        Built::new(cols, arrow)
    });
    built.export(py)
}
