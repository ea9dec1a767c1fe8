//! Parquet in and out for `pension-rules simulate`, chosen by the `.parquet`
//! extension (schemas in docs/population.md § Parquet).
//!
//! Amounts, indexes and divisors are Arrow `Decimal128` at a scale taken
//! from the rule sets' rounding rules (`rounding.money`, `rounding.index`,
//! `rounding.divisor`), never floats: a value with more places than its
//! column's scale is an error, not rounded. A population is read into the
//! same per-row strings the CSV reader sees, so both formats are validated
//! by one deserializer and give the same row errors.
//!
//! Without the CLI's `parquet` feature (on by default; off it saves the
//! Arrow/Parquet build, about as long again as the rest of the CLI) a
//! `.parquet` file is an error saying so.

use std::path::Path;

#[cfg(feature = "parquet")]
pub(crate) use on::*;

#[cfg(not(feature = "parquet"))]
pub(crate) use off::*;

/// Whether `path` names a Parquet file.
pub(crate) fn is_parquet(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

/// An error message in the CLI's `[code] message` shape: one without a
/// code (a value that does not fit its column) is an input problem.
pub(crate) fn coded(e: String) -> String {
    if e.starts_with('[') {
        e
    } else {
        format!("[invalid_input] {e}")
    }
}

#[cfg(not(feature = "parquet"))]
mod off {
    use std::path::Path;

    use pension_rules::Error;
    use pension_rules::population::{Outcome, Population, Summary};
    use pension_rules::rules::RuleSet;

    fn none<T>() -> Result<T, String> {
        Err(
            "[invalid_input] this pension-rules was built without Parquet support (the CLI's `parquet` feature)"
                .into(),
        )
    }

    /// Decimal places of the output columns (unused without the feature).
    #[derive(Debug, Clone, Copy)]
    pub(crate) struct Scales;

    impl Scales {
        pub(crate) fn of<'a>(_: impl IntoIterator<Item = &'a RuleSet>) -> Result<Scales, String> {
            none()
        }
    }

    /// A Parquet population written in chunks (unavailable without the feature).
    #[derive(Debug)]
    pub(crate) struct PopulationWriter;

    impl PopulationWriter {
        pub(crate) fn create(_: &Path) -> Result<PopulationWriter, String> {
            none()
        }
        pub(crate) fn write(&mut self, _: &Population) -> Result<(), String> {
            none()
        }
        pub(crate) fn finish(self) -> Result<crate::output::Done, String> {
            none()
        }
    }

    /// A Parquet population read in chunks (unavailable without the feature).
    #[derive(Debug)]
    pub(crate) struct PopulationChunks;

    impl PopulationChunks {
        pub(crate) fn open(_: &Path, _: usize) -> Result<PopulationChunks, String> {
            none()
        }
        pub(crate) fn read_of(&self) -> (u64, u64) {
            (0, 0)
        }
        pub(crate) fn next_chunk(&mut self) -> Result<Option<Population>, String> {
            none()
        }
    }

    /// One output row: scenario, person id, result.
    pub(crate) type Row<'a> = (&'a str, &'a str, &'a Result<Outcome, Error>);

    /// Per-person results as Parquet (unavailable without the feature).
    #[derive(Debug)]
    pub(crate) struct OutcomeWriter;

    impl OutcomeWriter {
        pub(crate) fn create(_: &Path, _: Scales) -> Result<OutcomeWriter, String> {
            none()
        }
        pub(crate) fn write(&mut self, _: &[Row<'_>]) -> Result<(), String> {
            none()
        }
        pub(crate) fn finish(self) -> Result<crate::output::Done, String> {
            none()
        }
    }

    pub(crate) fn write_flows(
        _: &Path,
        _: &[String],
        _: &[Summary],
        _: Scales,
    ) -> Result<crate::output::Done, String> {
        none()
    }
}

#[cfg(feature = "parquet")]
mod on {
    use std::fs::File;
    use std::path::Path;
    use std::sync::Arc;

    use crate::output::{Done, OutFile};

    use arrow_array::builder::{Decimal128Builder, ListBuilder, StringBuilder};
    use arrow_array::cast::AsArray;
    use arrow_array::types::{
        Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
    };
    use arrow_array::{
        Array, ArrayRef, BooleanArray, Decimal128Array, Int32Array, RecordBatch, RecordBatchReader,
        StringArray, UInt32Array, UInt64Array,
    };
    use arrow_schema::{DataType, Field, Schema, SchemaRef};
    use parquet::arrow::ArrowWriter;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    use parquet::schema::types::ColumnPath;
    use pension_rules::Error;
    use pension_rules::population::{
        ColumnType, OUTPUT_COLUMNS, Outcome, OutputValue, Person, Population, Rounded, Summary,
    };
    use pension_rules::rules::{Entries, RuleSet};
    use rust_decimal::Decimal;

    /// Largest precision of `Decimal128`: a population file's column whose
    /// digits do not fit [`OUT_PRECISION`].
    const PRECISION: u8 = 38;

    /// Precision of the outputs' amounts: 18 digits, as the Python outputs,
    /// so that a difference, a sum or a product in pandas, Polars or Arrow
    /// has headroom (38 − 38 needs 39 digits and fails there). Every figure
    /// the bounds let arise fits (a person's amounts are at most
    /// `bounds::MAX_AMOUNT`; a year's flows of 10⁹ persons stay below 10¹⁶);
    /// a value that did not would fail the write with its digits named.
    const OUT_PRECISION: u8 = 18;

    fn at(path: &Path) -> impl Fn(String) -> String + '_ {
        move |e| format!("[invalid_input] {}: {e}", path.display())
    }

    /// Decimal places of the output columns: the largest scale any of the rule
    /// sets' rounding rules gives.
    #[derive(Debug, Clone, Copy)]
    pub(crate) struct Scales {
        money: i8,
        index: i8,
        divisor: i8,
    }

    impl Scales {
        pub(crate) fn of<'a>(
            rule_sets: impl IntoIterator<Item = &'a RuleSet>,
        ) -> Result<Scales, String> {
            let rule_sets: Vec<&RuleSet> = rule_sets.into_iter().collect();
            let scale = |name: &str| -> Result<i8, String> {
                let mut best: Option<u32> = None;
                for rs in &rule_sets {
                    if let Some(Entries::Dated(v)) = rs.param(name).map(|p| &p.entries) {
                        for e in v {
                            if let Some(r) = e.value.as_rounding() {
                                best = Some(best.map_or(r.scale, |b| b.max(r.scale)));
                            }
                        }
                    }
                }
                let s = best.ok_or_else(|| format!("the rule set has no `{name}`"))?;
                i8::try_from(s).map_err(|_| format!("`{name}` scale {s} is too large"))
            };
            Ok(Scales {
                money: scale("rounding.money")?,
                index: scale("rounding.index")?,
                divisor: scale("rounding.divisor")?,
            })
        }
    }

    /// 10⁰ … 10³⁸: the bounds of `Decimal128` precisions.
    const POW10: [u128; 39] = {
        let mut t = [1u128; 39];
        let mut i = 1;
        while i < t.len() {
            t[i] = t[i - 1] * 10;
            i += 1;
        }
        t
    };

    /// `d` as the integer of a `Decimal128` of `scale`, if exact.
    fn fixed(d: Decimal, scale: i8, precision: u8) -> Result<i128, String> {
        let want = u32::try_from(scale).map_err(|_| format!("negative scale {scale}"))?;
        // Nearly always: a figure rounded to the column's scale, its
        // mantissa as it is (no power of ten computed).
        if d.scale() == want {
            let m = d.mantissa();
            if POW10
                .get(usize::from(precision))
                .is_some_and(|limit| m.unsigned_abs() < *limit)
            {
                return Ok(m);
            }
        }
        let d = if d.scale() > want { d.normalize() } else { d };
        let up = want
            .checked_sub(d.scale())
            .ok_or_else(|| format!("{d} has more than {want} decimal places"))?;
        10i128
            .checked_pow(up)
            .and_then(|f| d.mantissa().checked_mul(f))
            .filter(|v| v.unsigned_abs() < 10u128.pow(u32::from(precision)))
            .ok_or_else(|| format!("{d} does not fit a Decimal128({precision}, {scale})"))
    }

    fn decimals(
        values: impl IntoIterator<Item = Option<Decimal>>,
        scale: i8,
        precision: u8,
    ) -> Result<ArrayRef, String> {
        let v = values
            .into_iter()
            .map(|x| x.map(|d| fixed(d, scale, precision)).transpose())
            .collect::<Result<Vec<Option<i128>>, String>>()?;
        let a = Decimal128Array::from(v)
            .with_precision_and_scale(precision, scale)
            .map_err(|e| e.to_string())?;
        Ok(Arc::new(a))
    }

    fn decimal_field(name: &str, scale: i8, precision: u8, nullable: bool) -> Field {
        Field::new(name, DataType::Decimal128(precision, scale), nullable)
    }

    /// The largest scale among `values` (the column scale of a population file).
    fn scale_of<'a>(values: impl IntoIterator<Item = &'a Decimal>) -> i8 {
        values
            .into_iter()
            .map(|d| d.scale())
            .max()
            .and_then(|s| i8::try_from(s).ok())
            .unwrap_or(0)
    }

    /// Rows per row group of every Parquet output.
    const ROW_GROUP: usize = 1 << 17;

    /// Snappy; dictionaries only for the few-valued text columns (ids and
    /// figures are nearly all distinct: a dictionary there is wasted work).
    ///
    /// Row groups of at most [`ROW_GROUP`] rows: the writer holds a row group
    /// in memory until it is complete, so a streamed run's memory stays
    /// bounded (the default, 1 048 576 rows, held ≈ 200 MB more for a
    /// population).
    fn props() -> WriterProperties {
        let mut b = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP))
            .set_dictionary_enabled(false);
        for c in [
            "scenario",
            "status",
            "pension_base_source",
            "category",
            "retirement_month",
            "birth",
            "first_contribution",
        ] {
            b = b.set_column_dictionary_enabled(ColumnPath::from(c), true);
        }
        // No statistics for the items of the population's list column
        // `indexes`: with them the writer's memory grew with every row
        // group (≈ 33 bytes a person: 155 MB at 1 M persons, 286 MB at 5 M;
        // without, 149 and 170 MB). A list's item range prunes nothing a
        // reader of this file asks for.
        b.set_column_statistics_enabled(
            ColumnPath::new(vec!["indexes".into(), "list".into(), "item".into()]),
            parquet::file::properties::EnabledStatistics::None,
        )
        .build()
    }

    /// One batch as a complete Parquet output, waiting for
    /// [`crate::output::commit`].
    fn write_batch(path: &Path, batch: &RecordBatch) -> Result<Done, String> {
        let io = |e: &dyn std::fmt::Display| crate::errors::io_error(path, e);
        let f = OutFile::create(path)?;
        let mut w = ArrowWriter::try_new(f, batch.schema(), Some(props())).map_err(|e| io(&e))?;
        w.write(batch).map_err(|e| io(&e))?;
        w.into_inner().map_err(|e| io(&e))?.finish()
    }

    // ---- population -----------------------------------------------------------

    /// The decimal columns of a population file (`index`, the items of
    /// `indexes`, `average_index`, `account_balance`): each one's largest
    /// scale and largest count of whole digits.
    #[derive(Debug, Clone, Copy, Default)]
    struct PopulationScales([i8; 4], [u32; 4]);

    impl PopulationScales {
        fn of(rows: &[&Person]) -> PopulationScales {
            let columns: [Vec<&Decimal>; 4] = [
                rows.iter().filter_map(|p| p.index.as_ref()).collect(),
                rows.iter()
                    .filter_map(|p| p.indexes.as_ref())
                    .flat_map(|l| l.0.iter())
                    .collect(),
                rows.iter()
                    .filter_map(|p| p.average_index.as_ref())
                    .collect(),
                rows.iter()
                    .filter_map(|p| p.account_balance.as_ref())
                    .collect(),
            ];
            PopulationScales(
                std::array::from_fn(|i| scale_of(columns[i].iter().copied())),
                std::array::from_fn(|i| {
                    columns[i]
                        .iter()
                        .map(|d| {
                            d.abs()
                                .trunc()
                                .mantissa()
                                .unsigned_abs()
                                .checked_ilog10()
                                .map_or(0, |l| l + 1)
                        })
                        .max()
                        .unwrap_or(0)
                }),
            )
        }
        fn max(self, o: PopulationScales) -> PopulationScales {
            PopulationScales(
                std::array::from_fn(|i| self.0[i].max(o.0[i])),
                std::array::from_fn(|i| self.1[i].max(o.1[i])),
            )
        }
        /// Column `i`'s precision: [`OUT_PRECISION`] where every value fits
        /// it (then Parquet stores it as `INT64`, half the bytes of the
        /// 16-byte form and quicker to read), else [`PRECISION`].
        fn precision(self, i: usize) -> u8 {
            let fits = u32::try_from(self.0[i])
                .ok()
                .and_then(|s| s.checked_add(self.1[i]))
                .is_some_and(|d| d <= u32::from(OUT_PRECISION));
            if fits { OUT_PRECISION } else { PRECISION }
        }
    }

    /// The valid persons (as [`Population::write_csv`] writes them) as
    /// Parquet, chunk by chunk in bounded memory: the decimal columns' scale
    /// is the largest in the whole population, known only at the end, so
    /// the persons wait in an unnamed spool file (JSON lines, beside the target) and
    /// are written at [`PopulationWriter::finish`], a chunk at a time.
    pub(crate) struct PopulationWriter {
        path: std::path::PathBuf,
        spool: std::io::BufWriter<File>,
        scales: PopulationScales,
        /// The optional columns with an empty cell so far (nullable).
        nulls: [bool; 5],
    }

    /// The population's optional columns.
    const OPTIONAL: [&str; 5] = [
        "retirement_month",
        "index",
        "indexes",
        "average_index",
        "account_balance",
    ];

    impl std::fmt::Debug for PopulationWriter {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("PopulationWriter")
                .field("path", &self.path)
                .finish_non_exhaustive()
        }
    }

    impl PopulationWriter {
        pub(crate) fn create(path: &Path) -> Result<PopulationWriter, String> {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            // Unnamed where the system allows (Linux: O_TMPFILE): nothing is
            // left behind, even when the process is killed.
            let spool =
                tempfile::tempfile_in(dir).map_err(|e| crate::errors::io_error(path, &e))?;
            Ok(PopulationWriter {
                path: path.to_path_buf(),
                spool: std::io::BufWriter::new(spool),
                scales: PopulationScales::default(),
                nulls: [false; 5],
            })
        }

        pub(crate) fn write(&mut self, population: &Population) -> Result<(), String> {
            use std::io::Write as _;
            let rows: Vec<&Person> = population.rows.iter().flatten().collect();
            self.scales = self.scales.max(PopulationScales::of(&rows));
            for p in &rows {
                let empty = [
                    p.retirement_month.is_none(),
                    p.index.is_none(),
                    p.indexes.is_none(),
                    p.average_index.is_none(),
                    p.account_balance.is_none(),
                ];
                for (n, e) in self.nulls.iter_mut().zip(empty) {
                    *n |= e;
                }
            }
            let io = |e: &dyn std::fmt::Display| crate::errors::io_error(&self.path, e);
            for p in rows {
                serde_json::to_writer(&mut self.spool, p).map_err(|e| io(&e))?;
                self.spool.write_all(b"\n").map_err(|e| io(&e))?;
            }
            Ok(())
        }

        /// The Parquet file, complete, waiting for [`crate::output::commit`].
        pub(crate) fn finish(self) -> Result<Done, String> {
            use std::io::{BufRead as _, Seek as _};
            let path = self.path;
            let io = |e: &dyn std::fmt::Display| crate::errors::io_error(&path, e);
            let mut file = self.spool.into_inner().map_err(|e| io(e.error()))?;
            file.rewind().map_err(|e| io(&e))?;
            // A column is nullable when some person leaves it empty (as a
            // batch of the whole population infers it).
            let schema = population_batch(&[], self.scales)?.schema();
            let fields: Vec<Field> = schema
                .fields()
                .iter()
                .map(|f| {
                    let nullable = OPTIONAL
                        .iter()
                        .position(|c| c == f.name())
                        .is_some_and(|k| self.nulls[k]);
                    f.as_ref().clone().with_nullable(nullable)
                })
                .collect();
            let schema = Arc::new(Schema::new(fields));
            let out = OutFile::create(&path)?;
            let mut w =
                ArrowWriter::try_new(out, schema.clone(), Some(props())).map_err(|e| io(&e))?;
            let mut chunk: Vec<Person> = Vec::with_capacity(CHUNK);
            let mut lines = std::io::BufReader::new(file).lines();
            loop {
                let line = lines.next().transpose().map_err(|e| io(&e))?;
                if let Some(l) = &line {
                    chunk.push(serde_json::from_str(l).map_err(|e| io(&e))?);
                }
                if chunk.len() == CHUNK || (line.is_none() && !chunk.is_empty()) {
                    let rows: Vec<&Person> = chunk.iter().collect();
                    let batch = population_batch(&rows, self.scales)?;
                    let batch = RecordBatch::try_new(schema.clone(), batch.columns().to_vec())
                        .map_err(|e| io(&e))?;
                    w.write(&batch).map_err(|e| io(&e))?;
                    chunk.clear();
                }
                if line.is_none() {
                    break;
                }
            }
            w.into_inner().map_err(|e| io(&e))?.finish()
        }
    }

    /// Persons per batch of a population written from the spool.
    const CHUNK: usize = 1 << 14;

    /// Persons as one batch: months and categories as strings, counts as
    /// `UInt32`, indexes and amounts as `Decimal128` at `scales`.
    fn population_batch(rows: &[&Person], scales: PopulationScales) -> Result<RecordBatch, String> {
        let strings = |f: &dyn Fn(&Person) -> Option<String>| -> ArrayRef {
            Arc::new(rows.iter().map(|p| f(p)).collect::<StringArray>())
        };
        let [index_scale, list_scale, avg_scale, bal_scale] = scales.0;
        let [index_p, list_p, avg_p, bal_p] = std::array::from_fn(|i| scales.precision(i));
        let mut list = ListBuilder::new(
            Decimal128Builder::new()
                .with_precision_and_scale(list_p, list_scale)
                .map_err(|e| e.to_string())?,
        )
        .with_field(decimal_field("item", list_scale, list_p, false));
        for p in rows {
            match &p.indexes {
                Some(l) => {
                    for d in &l.0 {
                        list.values().append_value(fixed(*d, list_scale, list_p)?);
                    }
                    list.append(true);
                }
                None => list.append(false),
            }
        }
        let columns: Vec<(&str, ArrayRef)> = vec![
            ("id", strings(&|p| Some(p.id.clone()))),
            ("birth", strings(&|p| Some(p.birth.to_string()))),
            (
                "category",
                strings(&|p| Some(p.category.name().to_string())),
            ),
            (
                "first_contribution",
                strings(&|p| Some(p.first_contribution.to_string())),
            ),
            (
                "retirement_month",
                strings(&|p| p.retirement_month.map(|m| m.to_string())),
            ),
            (
                "deemed_months",
                Arc::new(
                    rows.iter()
                        .map(|p| p.deemed_months)
                        .collect::<UInt32Array>(),
                ),
            ),
            (
                "index",
                decimals(rows.iter().map(|p| p.index), index_scale, index_p)?,
            ),
            ("indexes", Arc::new(list.finish())),
            (
                "contribution_months",
                Arc::new(
                    rows.iter()
                        .map(|p| p.contribution_months)
                        .collect::<UInt32Array>(),
                ),
            ),
            (
                "average_index",
                decimals(rows.iter().map(|p| p.average_index), avg_scale, avg_p)?,
            ),
            (
                "account_balance",
                decimals(rows.iter().map(|p| p.account_balance), bal_scale, bal_p)?,
            ),
        ];
        RecordBatch::try_from_iter(columns).map_err(|e| e.to_string())
    }

    /// One cell as the text the CSV reader would see; `None` for a null.
    fn cell(a: &dyn Array, i: usize, out: &mut String) -> Result<(), String> {
        use std::fmt::Write as _;
        if a.is_null(i) {
            return Ok(());
        }
        // Writing to a String cannot fail.
        let _ = match a.data_type() {
            DataType::Utf8 => write!(out, "{}", a.as_string::<i32>().value(i)),
            DataType::LargeUtf8 => write!(out, "{}", a.as_string::<i64>().value(i)),
            DataType::Utf8View => write!(out, "{}", a.as_string_view().value(i)),
            DataType::Int8 => write!(out, "{}", a.as_primitive::<Int8Type>().value(i)),
            DataType::Int16 => write!(out, "{}", a.as_primitive::<Int16Type>().value(i)),
            DataType::Int32 => write!(out, "{}", a.as_primitive::<Int32Type>().value(i)),
            DataType::Int64 => write!(out, "{}", a.as_primitive::<Int64Type>().value(i)),
            DataType::UInt8 => write!(out, "{}", a.as_primitive::<UInt8Type>().value(i)),
            DataType::UInt16 => write!(out, "{}", a.as_primitive::<UInt16Type>().value(i)),
            DataType::UInt32 => write!(out, "{}", a.as_primitive::<UInt32Type>().value(i)),
            DataType::UInt64 => write!(out, "{}", a.as_primitive::<UInt64Type>().value(i)),
            DataType::Decimal128(_, scale) => {
                let v = a
                    .as_primitive::<arrow_array::types::Decimal128Type>()
                    .value(i);
                let scale =
                    u32::try_from(*scale).map_err(|_| "a negative decimal scale".to_string())?;
                let d = Decimal::try_from_i128_with_scale(v, scale).map_err(|e| e.to_string())?;
                // Display's text, without a formatter (a third of the reading).
                let mut bytes = std::mem::take(out).into_bytes();
                pension_rules::decimal::write(&mut bytes, d);
                *out = String::from_utf8(bytes).map_err(|e| e.to_string())?;
                Ok(())
            }
            // The elements `;`-separated, read in place (no slice per row).
            DataType::List(_) => {
                let l = a.as_list::<i32>();
                let (o, values) = (l.value_offsets(), l.values());
                let (from, to) = (o.get(i).copied(), o.get(i + 1).copied());
                list(
                    values.as_ref(),
                    from.and_then(|x| x.try_into().ok()),
                    to.and_then(|x| x.try_into().ok()),
                    out,
                )?;
                Ok(())
            }
            DataType::LargeList(_) => {
                let l = a.as_list::<i64>();
                let (o, values) = (l.value_offsets(), l.values());
                let (from, to) = (o.get(i).copied(), o.get(i + 1).copied());
                list(
                    values.as_ref(),
                    from.and_then(|x| x.try_into().ok()),
                    to.and_then(|x| x.try_into().ok()),
                    out,
                )?;
                Ok(())
            }
            DataType::Float16 | DataType::Float32 | DataType::Float64 => {
                return Err(
                    "a float column: exact figures only; write decimals as Decimal128 or strings"
                        .into(),
                );
            }
            other => return Err(format!("unsupported column type {other}")),
        };
        Ok(())
    }

    /// Elements `from .. to` of a list's values, `;`-separated.
    fn list(
        values: &dyn Array,
        from: Option<usize>,
        to: Option<usize>,
        out: &mut String,
    ) -> Result<(), String> {
        let (Some(from), Some(to)) = (from, to) else {
            return Err("a list offset out of range".into());
        };
        for j in from..to {
            if j > from {
                out.push(';');
            }
            cell(values, j, out)?;
        }
        Ok(())
    }

    /// A Parquet population read batch by batch, in chunks of at most
    /// `chunk_rows` rows (each a [`Population`] whose `unread_ids` count
    /// from the chunk's first row); rows and errors as [`read_population`].
    pub(crate) struct PopulationChunks {
        path: std::path::PathBuf,
        /// The batches, decoded ahead on a thread of their own (while the
        /// chunk before is computed and written), at most [`AHEAD`] waiting.
        reader: std::sync::mpsc::Receiver<Result<RecordBatch, arrow_schema::ArrowError>>,
        names: Vec<String>,
        headers: csv::StringRecord,
        id_column: Option<usize>,
        /// A batch not yet read to its end, and its next row.
        pending: Option<(RecordBatch, usize)>,
        rows: usize,
        total: u64,
        chunk_rows: usize,
    }

    impl std::fmt::Debug for PopulationChunks {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("PopulationChunks")
                .field("path", &self.path)
                .field("rows", &self.rows)
                .finish_non_exhaustive()
        }
    }

    impl PopulationChunks {
        /// Open `path` and check its columns (a problem refuses the file).
        pub(crate) fn open(path: &Path, chunk_rows: usize) -> Result<PopulationChunks, String> {
            let f = File::open(path).map_err(|e| crate::errors::io_error(path, &e))?;
            let builder =
                ParquetRecordBatchReaderBuilder::try_new(f).map_err(|e| at(path)(e.to_string()))?;
            let total = u64::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
            let decoder = builder.build().map_err(|e| at(path)(e.to_string()))?;
            let schema = decoder.schema();
            let (tx, reader) = std::sync::mpsc::sync_channel(AHEAD);
            std::thread::spawn(move || {
                for batch in decoder {
                    // Dropped early (an error, or the run refused): stop.
                    if tx.send(batch).is_err() {
                        return;
                    }
                }
            });
            let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
            pension_rules::population::check_columns(&names, "header")
                .map_err(|e| crate::errors::in_file(path, &e))?;
            let headers = csv::StringRecord::from(names.clone());
            let id_column = names.iter().position(|n| n == "id");
            Ok(PopulationChunks {
                path: path.to_path_buf(),
                reader,
                names,
                headers,
                id_column,
                pending: None,
                rows: 0,
                total,
                chunk_rows: chunk_rows.max(1),
            })
        }

        /// Rows read so far and in all (the file's metadata).
        pub(crate) fn read_of(&self) -> (u64, u64) {
            (self.rows as u64, self.total)
        }

        /// The next rows (at most `chunk_rows`), `None` after the last; a
        /// file without a row is refused (`rows`).
        ///
        /// The batches are decoded in order; their rows become persons in
        /// parallel parts (as the CSV reader's lines), in row order.
        pub(crate) fn next_chunk(&mut self) -> Result<Option<Population>, String> {
            use rayon::prelude::*;
            // The chunk's rows: parts of batches, each with its first row in the chunk.
            let mut parts: Vec<(RecordBatch, usize, usize, usize)> = vec![];
            let mut n = 0;
            while n < self.chunk_rows {
                let (batch, from) = match self.pending.take() {
                    Some(p) => p,
                    None => match self.reader.recv().ok() {
                        Some(b) => (b.map_err(|e| at(&self.path)(e.to_string()))?, 0),
                        None => break,
                    },
                };
                let to = batch
                    .num_rows()
                    .min(from.saturating_add(self.chunk_rows - n));
                let mut at = from;
                while at < to {
                    let end = (at + PART).min(to);
                    parts.push((batch.clone(), at, end, n + at - from));
                    at = end;
                }
                n += to - from;
                if to < batch.num_rows() {
                    self.pending = Some((batch, to));
                }
            }
            if n == 0 {
                if self.rows == 0 {
                    return Err(crate::errors::in_file(
                        &self.path,
                        &Error::field(
                            "rows",
                            "no persons: the columns are named but there is no row (a population needs at least one person)",
                        ),
                    ));
                }
                return Ok(None);
            }
            let (names, headers, id_column) = (&self.names, &self.headers, self.id_column);
            let read: Vec<Vec<RowRead>> = parts
                .par_iter()
                .map(|(batch, from, to, first)| {
                    rows_of(
                        names,
                        headers,
                        id_column,
                        batch,
                        *from..*to,
                        self.rows + first,
                        true,
                    )
                })
                .collect();
            let mut rows = Vec::with_capacity(n);
            let mut unread_ids = std::collections::BTreeMap::new();
            for (person, unread) in read.into_iter().flatten() {
                if let Some(id) = unread {
                    unread_ids.insert(rows.len(), id);
                }
                rows.push(person);
            }
            self.rows += rows.len();
            Ok(Some(Population { rows, unread_ids }))
        }
    }

    /// Rows `range` of `batch` (columns `names`, as the CSV header
    /// `headers`), the first being row `first` (0-based) of the whole file:
    /// each person or its row error, and the id of a row that does not read.
    fn rows_of(
        names: &[String],
        headers: &csv::StringRecord,
        id_column: Option<usize>,
        batch: &RecordBatch,
        range: std::ops::Range<usize>,
        first: usize,
        typed: bool,
    ) -> Vec<RowRead> {
        let (mut record, mut text) = (csv::StringRecord::new(), String::new());
        let typed = typed
            .then(|| crate::parquet_typed::Typed::of(batch, names))
            .flatten();
        range
            .enumerate()
            .map(|(k, i)| {
                if let Some(p) = typed.as_ref().and_then(|t| t.person(i)) {
                    return (Ok(p), None);
                }
                let row = first + k + 1;
                record.clear();
                let mut problem = None;
                for (c, col) in batch.columns().iter().enumerate() {
                    text.clear();
                    if let Err(e) = cell(col.as_ref(), i, &mut text) {
                        problem.get_or_insert((
                            names.get(c).map_or("?", String::as_str).to_string(),
                            e,
                        ));
                        text.clear();
                    }
                    record.push_field(text.trim());
                }
                let person = match problem {
                    Some((c, p)) => Err(pension_rules::population::row_error(
                        row,
                        id_column.and_then(|k| record.get(k)),
                        Error::field(c, p),
                    )),
                    None => Person::from_record(headers, &record, row),
                };
                let unread = person.is_err().then(|| {
                    id_column
                        .and_then(|k| record.get(k))
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                });
                (person, unread.flatten())
            })
            .collect()
    }

    /// Batches decoded ahead of the rows being read (of 1 024 rows each,
    /// the reader's default).
    const AHEAD: usize = 32;

    /// Rows made persons at a time on one core.
    const PART: usize = 4096;

    /// A row read: the person or the row's error, and the id cell of a row
    /// that did not read.
    type RowRead = (Result<Person, Error>, Option<String>);

    // ---- results --------------------------------------------------------------

    impl Scales {
        /// The scale of a decimal output column.
        fn of_rule(self, r: Rounded) -> i8 {
            match r {
                Rounded::Money => self.money,
                Rounded::Index => self.index,
                Rounded::Divisor => self.divisor,
            }
        }
    }

    /// The Arrow schema of [`OUTPUT_COLUMNS`].
    fn outcome_schema(s: Scales) -> SchemaRef {
        Arc::new(Schema::new(
            OUTPUT_COLUMNS
                .iter()
                .map(|c| match c.kind {
                    ColumnType::Text | ColumnType::Month => {
                        Field::new(c.name, DataType::Utf8, c.nullable)
                    }
                    ColumnType::Bool => Field::new(c.name, DataType::Boolean, c.nullable),
                    ColumnType::Count => Field::new(c.name, DataType::UInt32, c.nullable),
                    ColumnType::Decimal(r) => {
                        decimal_field(c.name, s.of_rule(r), OUT_PRECISION, c.nullable)
                    }
                })
                .collect::<Vec<_>>(),
        ))
    }

    /// One output row: scenario, person id, result.
    pub(crate) type Row<'a> = (&'a str, &'a str, &'a Result<Outcome, Error>);

    /// Per-person results as Parquet in row groups of [`ROW_GROUP`] rows,
    /// the file [`ArrowWriter`] writes (same schema, properties and row
    /// groups), its columns built and encoded in parallel (one column a
    /// task): encoding and compressing them one after another was most of
    /// the writing.
    pub(crate) struct OutcomeWriter {
        writer: parquet::file::writer::SerializedFileWriter<OutFile>,
        factory: parquet::arrow::arrow_writer::ArrowRowGroupWriterFactory,
        /// The row group being written: a writer per column, and its rows.
        group: Vec<parquet::arrow::arrow_writer::ArrowColumnWriter>,
        rows_in_group: usize,
        groups: usize,
        schema: SchemaRef,
        scales: Scales,
        path: std::path::PathBuf,
    }

    impl std::fmt::Debug for OutcomeWriter {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("OutcomeWriter").finish_non_exhaustive()
        }
    }

    impl OutcomeWriter {
        pub(crate) fn create(path: &Path, scales: Scales) -> Result<OutcomeWriter, String> {
            let schema = outcome_schema(scales);
            let f = OutFile::create(path)?;
            let io = |e: parquet::errors::ParquetError| at(path)(e.to_string());
            let (writer, factory) = ArrowWriter::try_new(f, schema.clone(), Some(props()))
                .and_then(ArrowWriter::into_serialized_writer)
                .map_err(io)?;
            Ok(OutcomeWriter {
                writer,
                factory,
                group: vec![],
                rows_in_group: 0,
                groups: 0,
                schema,
                scales,
                path: path.to_path_buf(),
            })
        }

        fn io(&self) -> impl Fn(parquet::errors::ParquetError) -> String + '_ {
            |e| crate::errors::io_error(&self.path, &e)
        }

        /// Write rows of (scenario, person id, result).
        pub(crate) fn write(&mut self, rows: &[Row<'_>]) -> Result<(), String> {
            use rayon::prelude::*;
            let s = self.scales;
            // The columns are built in parallel, one a task.
            let column = |c: &pension_rules::population::OutputColumn| -> Result<ArrayRef, String> {
                let cells = rows.iter().map(|&(n, id, r)| c.value(n, id, r));
                Ok(match c.kind {
                    ColumnType::Text | ColumnType::Month => {
                        // Each cell's text into the column's buffer, no String per cell.
                        let mut b = StringBuilder::with_capacity(rows.len(), rows.len() * 8);
                        let mut month = Vec::with_capacity(8);
                        for v in cells {
                            match v {
                                OutputValue::Null => b.append_null(),
                                OutputValue::Text(t) => b.append_value(t),
                                v => {
                                    month.clear();
                                    v.write_text(&mut month);
                                    b.append_value(String::from_utf8_lossy(&month));
                                }
                            }
                        }
                        Arc::new(b.finish())
                    }
                    ColumnType::Bool => Arc::new(
                        cells
                            .map(|v| match v {
                                OutputValue::Bool(b) => Some(b),
                                _ => None,
                            })
                            .collect::<BooleanArray>(),
                    ),
                    ColumnType::Count => Arc::new(
                        cells
                            .map(|v| match v {
                                OutputValue::Count(n) => Some(n),
                                _ => None,
                            })
                            .collect::<UInt32Array>(),
                    ),
                    ColumnType::Decimal(r) => decimals(
                        cells.map(|v| match v {
                            OutputValue::Decimal(d) => Some(d),
                            _ => None,
                        }),
                        s.of_rule(r),
                        OUT_PRECISION,
                    )?,
                })
            };
            let columns = OUTPUT_COLUMNS
                .par_iter()
                .map(column)
                .collect::<Result<Vec<ArrayRef>, String>>()?;
            let batch =
                RecordBatch::try_new(self.schema.clone(), columns).map_err(|e| e.to_string())?;
            // Cut at the row groups' ends, as ArrowWriter does.
            let mut at = 0;
            while at < batch.num_rows() {
                let n = (ROW_GROUP - self.rows_in_group).min(batch.num_rows() - at);
                self.encode(&batch.slice(at, n))?;
                at += n;
                if self.rows_in_group == ROW_GROUP {
                    self.close_group()?;
                }
            }
            Ok(())
        }

        /// Encode `batch` into the row group, a column a task.
        fn encode(&mut self, batch: &RecordBatch) -> Result<(), String> {
            use rayon::prelude::*;
            if self.group.is_empty() {
                self.group = self
                    .factory
                    .create_column_writers(self.groups)
                    .map_err(self.io())?;
            }
            let fields = self.schema.fields();
            let done: Result<(), parquet::errors::ParquetError> = self
                .group
                .par_iter_mut()
                .zip(batch.columns().par_iter())
                .zip(fields.par_iter())
                .try_for_each(|((w, a), f)| {
                    // Flat columns: one leaf each.
                    for leaf in parquet::arrow::arrow_writer::compute_leaves(f, a)? {
                        w.write(&leaf)?;
                    }
                    Ok(())
                });
            let path = self.path.clone();
            done.map_err(|e| crate::errors::io_error(&path, &e))?;
            self.rows_in_group += batch.num_rows();
            Ok(())
        }

        /// The row group's column chunks (closed in parallel) into the file.
        fn close_group(&mut self) -> Result<(), String> {
            use rayon::prelude::*;
            let path = self.path.clone();
            let io = |e: parquet::errors::ParquetError| crate::errors::io_error(&path, &e);
            let chunks = std::mem::take(&mut self.group)
                .into_par_iter()
                .map(parquet::arrow::arrow_writer::ArrowColumnWriter::close)
                .collect::<Result<Vec<_>, _>>()
                .map_err(io)?;
            let mut group = self.writer.next_row_group().map_err(io)?;
            for chunk in chunks {
                chunk.append_to_row_group(&mut group).map_err(io)?;
            }
            group.close().map_err(io)?;
            self.groups += 1;
            self.rows_in_group = 0;
            Ok(())
        }

        /// The footer written: a complete output, waiting for
        /// [`crate::output::commit`].
        pub(crate) fn finish(mut self) -> Result<Done, String> {
            if self.rows_in_group > 0 {
                self.close_group()?;
            }
            let path = self.path.clone();
            self.writer
                .into_inner()
                .map_err(|e| crate::errors::io_error(&path, &e))?
                .finish()
        }
    }

    /// Yearly flows of every scenario as Parquet.
    pub(crate) fn write_flows(
        path: &Path,
        names: &[String],
        summaries: &[Summary],
        scales: Scales,
    ) -> Result<Done, String> {
        let rows: Vec<(&String, &pension_rules::population::YearFlow)> = names
            .iter()
            .zip(summaries)
            .flat_map(|(n, s)| s.years.iter().map(move |y| (n, y)))
            .collect();
        let money = |f: &dyn Fn(&pension_rules::population::YearFlow) -> Decimal| {
            decimals(
                rows.iter().map(|(_, y)| Some(f(y))),
                scales.money,
                OUT_PRECISION,
            )
        };
        let counts = |f: &dyn Fn(&pension_rules::population::YearFlow) -> u64| -> ArrayRef {
            Arc::new(rows.iter().map(|(_, y)| f(y)).collect::<UInt64Array>())
        };
        let columns: Vec<(&str, ArrayRef)> = vec![
            (
                "scenario",
                Arc::new(
                    rows.iter()
                        .map(|(n, _)| Some(n.as_str()))
                        .collect::<StringArray>(),
                ),
            ),
            (
                "year",
                Arc::new(rows.iter().map(|(_, y)| y.year).collect::<Int32Array>()),
            ),
            ("contributors", counts(&|y| y.contributors)),
            (
                "employer_contributions",
                money(&|y| y.employer_contributions)?,
            ),
            (
                "individual_contributions",
                money(&|y| y.individual_contributions)?,
            ),
            (
                "contributions_unknown",
                counts(&|y| y.contributions_unknown),
            ),
            ("new_retirees", counts(&|y| y.new_retirees)),
            ("pensions", money(&|y| y.pensions)?),
        ];
        let batch = RecordBatch::try_from_iter_with_nullable(
            columns.into_iter().map(|(n, a)| (n, a, false)),
        )
        .map_err(|e| e.to_string())?;
        write_batch(path, &batch)
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use arrow_array::builder::StringViewBuilder;
        use pension_rules::population::synthetic;

        fn names(b: &RecordBatch) -> Vec<String> {
            b.schema()
                .fields()
                .iter()
                .map(|f| f.name().clone())
                .collect()
        }

        /// Rows of `batch` through the typed path and through text alone.
        fn both(batch: &RecordBatch) -> (Vec<String>, Vec<String>, usize) {
            let names = names(batch);
            let headers = csv::StringRecord::from(names.clone());
            let id = names.iter().position(|n| n == "id");
            let n = batch.num_rows();
            let show = |r: Vec<RowRead>| r.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>();
            let typed = crate::parquet_typed::Typed::of(batch, &names);
            let taken = typed.map_or(0, |t| (0..n).filter(|i| t.person(*i).is_some()).count());
            (
                show(rows_of(&names, &headers, id, batch, 0..n, 0, true)),
                show(rows_of(&names, &headers, id, batch, 0..n, 0, false)),
                taken,
            )
        }

        #[test]
        fn typed_rows_equal_the_text_path() {
            let base = pension_rules::rules::RuleSet::embedded("cn/shaanxi").unwrap();
            let snap = pension_rules::population::snapshot(&base, None);
            let pop = synthetic::generate(&synthetic::Config::shaanxi(2000, 5), &snap);
            let persons: Vec<&Person> = pop.rows.iter().flatten().collect();
            let scales = PopulationScales::of(&persons);
            let batch = population_batch(&persons, scales).unwrap();
            let (typed, text, taken) = both(&batch);
            assert_eq!(typed, text);
            assert_eq!(taken, persons.len(), "every valid person is read typed");
        }

        #[test]
        fn the_export_keeps_no_statistics_for_the_list_items_only() {
            let base = pension_rules::rules::RuleSet::embedded("cn/shaanxi").unwrap();
            let snap = pension_rules::population::snapshot(&base, None);
            let mut config = synthetic::Config::shaanxi(300, 5);
            config.per_year_share = 100;
            let pop = synthetic::generate(&config, &snap);
            let dir = std::env::temp_dir().join(format!("export-stats-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("pop.parquet");
            let mut w = PopulationWriter::create(&path).unwrap();
            w.write(&pop).unwrap();
            crate::output::commit(vec![w.finish().unwrap()]).unwrap();
            let r = parquet::file::reader::SerializedFileReader::new(File::open(&path).unwrap())
                .unwrap();
            use parquet::file::reader::FileReader as _;
            let group = r.metadata().row_group(0);
            let stats = |name: &str| {
                group
                    .columns()
                    .iter()
                    .find(|c| c.column_path().string() == name)
                    .unwrap_or_else(|| panic!("{name}"))
                    .statistics()
                    .is_some()
            };
            // The writer's memory grew with the list items' statistics.
            assert!(!stats("indexes.list.item"));
            assert!(stats("id") && stats("index"));
            // The decimals fit 18 digits: stored as INT64, not 16-byte arrays.
            for name in [
                "index",
                "indexes.list.item",
                "average_index",
                "account_balance",
            ] {
                let c = group
                    .columns()
                    .iter()
                    .find(|c| c.column_path().string() == name)
                    .unwrap();
                assert_eq!(c.column_type(), parquet::basic::Type::INT64, "{name}");
            }
            std::fs::remove_dir_all(dir).unwrap();
        }

        /// A column is written at 18 digits only where every value fits them.
        #[test]
        fn the_export_precision_is_18_where_the_digits_fit() {
            let d = |s: &str| s.parse::<Decimal>().unwrap();
            let mut p = synthetic::generate(
                &synthetic::Config::shaanxi(3, 5),
                &pension_rules::population::snapshot(
                    &pension_rules::rules::RuleSet::embedded("cn/shaanxi").unwrap(),
                    None,
                ),
            );
            let rows = p.rows.iter_mut().flatten();
            for (k, person) in rows.enumerate() {
                person.index = Some(match k {
                    0 => d("1.23"),
                    _ => d("1.123456789012345678"), // 18 places and a whole digit: 19 digits
                });
                person.account_balance = Some(d("9999999999.99"));
            }
            let persons: Vec<&Person> = p.rows.iter().flatten().collect();
            let scales = PopulationScales::of(&persons);
            assert_eq!(scales.precision(0), PRECISION, "index: 19 digits");
            assert_eq!(scales.precision(3), OUT_PRECISION, "balance: 12 digits");
            let batch = population_batch(&persons, scales).unwrap();
            let (typed, text, _) = both(&batch);
            assert_eq!(typed, text);
        }

        #[test]
        fn doubtful_cells_are_left_to_the_text_path() {
            let s = |v: &[Option<&str>]| -> ArrayRef {
                Arc::new(v.iter().copied().collect::<StringArray>())
            };
            let mut ids = StringViewBuilder::new();
            for v in [
                Some(" a "),
                Some("b"),
                None,
                Some("d"),
                Some("e"),
                Some("f"),
                Some("g"),
                Some("h"),
            ] {
                ids.append_option(v);
            }
            let dec = |v: Vec<Option<i128>>, scale: i8| -> ArrayRef {
                Arc::new(
                    Decimal128Array::from(v)
                        .with_precision_and_scale(38, scale)
                        .unwrap(),
                )
            };
            let mut list = ListBuilder::new(
                Decimal128Builder::new()
                    .with_precision_and_scale(38, 2)
                    .unwrap(),
            );
            for row in [
                Some(vec![Some(80), Some(95)]),
                Some(vec![]),
                None,
                Some(vec![Some(100), None]),
                Some(vec![Some(i128::MAX / 2)]),
                None,
                None,
                None,
            ] {
                match row {
                    Some(v) => {
                        for x in v {
                            list.values().append_option(x);
                        }
                        list.append(true);
                    }
                    None => list.append(false),
                }
            }
            let batch = RecordBatch::try_from_iter(vec![
                ("id", Arc::new(ids.finish()) as ArrayRef),
                (
                    "birth",
                    s(&[
                        Some("1990-03 "),
                        Some("1985-11"),
                        Some("1980-01"),
                        Some("1980-01"),
                        Some("1980-01"),
                        Some("1990-13"),
                        Some("1980-01"),
                        Some("1850-01"),
                    ]),
                ),
                (
                    "category",
                    s(&[
                        Some("male"),
                        Some("female_55"),
                        Some("male"),
                        Some("male"),
                        Some("male"),
                        Some("male"),
                        Some("robot"),
                        Some("male"),
                    ]),
                ),
                (
                    "first_contribution",
                    s(&[
                        Some("2012-07"),
                        Some("2008-01"),
                        Some("2002-01"),
                        Some("2002-01"),
                        Some("2002-01"),
                        Some("2002-01"),
                        Some("2002-01"),
                        Some("2002-01"),
                    ]),
                ),
                (
                    "retirement_month",
                    s(&[
                        None,
                        Some(" "),
                        Some("2045-01"),
                        None,
                        None,
                        None,
                        None,
                        None,
                    ]),
                ),
                (
                    "deemed_months",
                    Arc::new(UInt32Array::from(vec![
                        Some(0),
                        None,
                        Some(12),
                        Some(0),
                        Some(0),
                        Some(0),
                        Some(0),
                        Some(0),
                    ])) as ArrayRef,
                ),
                (
                    "index",
                    dec(
                        vec![
                            Some(100),
                            None,
                            Some(75),
                            None,
                            None,
                            Some(100),
                            Some(100),
                            Some(100),
                        ],
                        2,
                    ),
                ),
                ("indexes", Arc::new(list.finish()) as ArrayRef),
                (
                    "account_balance",
                    dec(
                        vec![
                            None,
                            Some(i128::MAX / 3),
                            Some(123_456),
                            None,
                            None,
                            None,
                            None,
                            None,
                        ],
                        4,
                    ),
                ),
            ])
            .unwrap();
            let (typed, text, taken) = both(&batch);
            assert_eq!(typed, text);
            // Taken typed: a (padded id and month, a two-year list). Left to
            // text: b's amount does not fit a decimal, the third row's id is
            // null (text reads it as an empty id), d's list holds a null,
            // e's list element does not fit, f's month, g's category, h's
            // implausible birth.
            assert_eq!(taken, 1, "{typed:#?}");
        }
    }
}
