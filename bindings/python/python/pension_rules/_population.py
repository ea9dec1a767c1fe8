"""Population runs: a baseline and reforms over many persons, as DataFrames
(docs/population.md). Conversion only: the engine computes."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import (TYPE_CHECKING, Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence,
                    Tuple, Union)

from . import _compare, _frames, _native

if TYPE_CHECKING:  # pragma: no cover
    from ._engine import Engine, Overlay

__all__ = ["Simulation", "simulate", "synthetic_population"]

_DECIMAL_SUMMARY = ("mean_total", "median_total", "mean_replacement_rate", "median_replacement_rate")


@dataclass(frozen=True)
class Simulation:
    """The result of :func:`simulate`, as DataFrames of the input's library.

    * ``persons``: one row per person and scenario, persons in input order
      (``scenario``, ``id``, ``status`` — ``ok`` or an error code —,
      ``error``, the award's components and total, the replacement rate …;
      amounts as Decimal);
    * ``summary``: one row per scenario (count, errors, ``left_out``: the
      rows the means and medians leave out, mean and median pension and
      replacement rate, rule-set id and hash, paths taken);
    * ``flows``: by scenario and year, contributions in and pensions out.

    With pyarrow all three are typed alike: amounts ``decimal128(18, s)``,
    counts ``int64``, a missing value null.
    """

    scenarios: List[str]
    persons: Any
    summary: Any
    flows: Any
    #: The input columns carried into ``persons`` (``simulate(carry=...)``).
    carried: List[str] = field(default_factory=list)

    def _comparison(self, reform: Optional[str], baseline: str, weight: Optional[str],
                    real: "_compare.Real") -> "_compare.Comparison":
        if reform is None:
            others = [s for s in self.scenarios if s != baseline]
            if len(others) != 1:
                raise ValueError(f"name the reform to compare: one of {others}")
            reform = others[0]
        return _compare.Comparison(self.persons, reform, baseline, self.carried, weight, real)

    def compare(self, reform: Optional[str] = None, baseline: str = "baseline", *,
                real: "_compare.Real" = None) -> Any:
        """Per person: the carried columns, both statuses, and each amount
        (components and ``total``) under the baseline and the reform with the
        change (reform − baseline; none where either failed). ``reform``
        defaults to the one reform of the run. ``real="pension_base"``
        divides each amount by the person's 计发基数 of the retirement year
        (the pension in units of that year's base); a mapping ``{year:
        deflator}`` divides by the retirement year's deflator instead.

        >>> import pension_rules as pr
        >>> people = pr.synthetic_population(50, seed=2)
        >>> run = pr.simulate(people, [{"award.annuity_divisor": {"2030-01": {"60": "142"}}}],
        ...                   carry=["birth", "category"])
        >>> c = run.compare()
        >>> list(c.columns[:5])
        ['id', 'birth', 'category', 'status_baseline', 'status_reform']
        >>> bool((c["total_change"] == c["total_reform"] - c["total_baseline"]).all())
        True
        """
        return self._comparison(reform, baseline, None, real).frame()

    def winners_losers(self, reform: Optional[str] = None, baseline: str = "baseline", *,
                       by: Optional[str] = None, weight: Optional[str] = None,
                       real: "_compare.Real" = None, tolerance: Union[str, Decimal] = "0") -> Any:
        """Winners and losers of ``reform`` against ``baseline``: by group
        (``by``: ``"cohort"`` — birth year —, ``"decile"`` of the baseline
        pension, or a carried column such as ``"category"`` or a province),
        the persons, those compared (computed both ways), winners, losers and
        unchanged (a change within ``tolerance`` yuan), their shares, and the
        mean and median change, gain and loss. ``weight`` names a carried
        column of survey weights honoured by every figure; ``real`` as in
        :meth:`compare`.

        >>> import pension_rules as pr
        >>> people = pr.synthetic_population(60, seed=2)
        >>> run = pr.simulate(people, [{"award.annuity_divisor": {"2030-01": {"60": "142"}}}],
        ...                   carry=["category"])
        >>> w = run.winners_losers(by="category")
        >>> list(w.columns[:4])
        ['category', 'persons', 'compared', 'winners']
        """
        t = Decimal(str(tolerance))
        return self._comparison(reform, baseline, weight, real).winners_losers(by, t)

    def breakdown(self, by: Optional[str] = None, *, scenarios: Optional[Sequence[str]] = None,
                  weight: Optional[str] = None, real: "_compare.Real" = None) -> Any:
        """By scenario and group (``by`` as in :meth:`winners_losers`): the
        persons, those computed, the mean and median pension and the mean
        replacement rate, weighted by ``weight`` where given, real where
        ``real`` asks.

        >>> import pension_rules as pr
        >>> run = pr.simulate(pr.synthetic_population(40, seed=2), carry=["category"])
        >>> b = run.breakdown(by="category")
        >>> sorted(set(b["category"]))
        ['female_50', 'female_55', 'male']
        """
        return _compare.breakdown(self.persons, by, self.carried, weight, real, scenarios)


def _overlay(i: int, o: "Overlay") -> tuple:
    if isinstance(o, tuple) and len(o) == 2 and isinstance(o[0], str) and isinstance(o[1], (str, Mapping)):
        # (label, overlay): the label names a reform in one line (reform/<label>).
        return (o[0], o[1] if isinstance(o[1], str) else dict(o[1]))
    if isinstance(o, os.PathLike):
        return (os.fspath(o), Path(o).read_text(encoding="utf-8"))
    if isinstance(o, str) and "\n" not in o and o.strip().endswith(".toml"):
        raise TypeError(
            f"reforms[{i}]: {o!r} looks like a file name; pass pathlib.Path({o!r}) "
            "for a file (a str is the TOML text itself)"
        )
    if isinstance(o, (str, Mapping)):
        return (f"reforms[{i}]", o if isinstance(o, str) else dict(o))
    raise TypeError(
        f"reforms[{i}]: expected TOML text, a path, a dict or (label, dict), got {type(o).__name__}"
    )


_COUNTS = ("contribution_months", "deemed_months", "year", "persons", "ok", "errors", "left_out")


def _pyarrow() -> Any:
    """pyarrow, or None when it is not installed (then plain lists)."""
    try:
        import pyarrow
    except ImportError:
        return None
    return pyarrow


def _frame(columns: Dict[str, List[Any]], flavor: str) -> Any:
    if flavor == "polars":
        import polars as pl

        return pl.DataFrame(columns, strict=False)
    import pandas as pd

    df = pd.DataFrame(columns)
    for c in _COUNTS:  # counts stay integers next to failed rows' None
        if c in df.columns:
            df[c] = df[c].astype("Int64")
    return df


def _typed_frame(columns: Dict[str, List[Any]], flavor: str, pa: Any) -> Any:
    """A summary or flows table typed as the persons are (with pyarrow):
    :func:`_frames.arrow_table`. Without pyarrow, plain columns."""
    if pa is None:
        return _frame(columns, flavor)
    return _from_arrow(_frames.arrow_table(columns, pa), flavor)


# ----------------------------------------------------------------- Arrow


def _arrow_input(population: Any, flavor: str, pa: Any) -> Any:
    """The frame as an Arrow producer for the engine (the Arrow PyCapsule
    interface, ``__arrow_c_stream__``: read without a copy), or None to read
    it as lists (a pandas column of mixed objects, read cell by cell). A
    monthly ``Period`` column is given as its months."""
    if flavor in ("arrow", "polars"):
        return population
    periods = [c for c in population.columns if str(population[c].dtype).startswith("period")]
    if periods:
        population = population.assign(
            **{str(c): population[c].dt.strftime("%Y-%m") for c in periods})
    try:
        return pa.Table.from_pandas(population, preserve_index=False)
    except (pa.ArrowException, TypeError, ValueError):
        return None


def _from_arrow(table: Any, flavor: str) -> Any:
    """An Arrow table (any ``__arrow_c_stream__`` producer, e.g. the
    engine's) as the frame asked for, without copying the columns."""
    import pyarrow as pa

    table = pa.table(table)
    if flavor == "arrow":
        return table
    if flavor == "polars":
        import polars as pl

        return pl.from_arrow(table)
    import pandas as pd

    return table.to_pandas(types_mapper=pd.ArrowDtype)


# ------------------------------------------------------------- scenarios


def _key(pairs: List[tuple]) -> str:
    return json.dumps(pairs, sort_keys=True, default=str)


def _scenarios(engine: "Engine", pairs: List[tuple]) -> Any:
    """The resolved baseline and reforms, cached on the engine (batch after
    batch, partition after partition)."""
    cache = engine.__dict__.setdefault("_scenarios_cache", {})
    key = _key(pairs)
    if key not in cache:
        if len(cache) > 16:
            cache.clear()
        cache[key] = _native.scenarios(engine._native, pairs)
    return cache[key]


def _run(
    engine: "Engine",
    population: Any,
    flavor: str,
    reforms: Iterable["Overlay"],
    assumptions: Optional[Mapping[str, Any]],
    last_year: Optional[int],
    arrow: Optional[bool],
    first_row: int = 0,
    progress: Any = None,
) -> tuple:
    pa = _pyarrow() if arrow is None or arrow else None
    if arrow and pa is None:
        raise ImportError("arrow=True needs pyarrow (pip install pyarrow)")
    pairs = [_overlay(i, o) for i, o in enumerate(reforms)]
    scenarios = _scenarios(engine, pairs)
    columns = None
    if flavor == "arrow" and pa is None:
        raise ImportError("Arrow input needs pyarrow")
    if pa is not None:
        columns, n = _arrow_input(population, flavor, pa), len(population)
    if columns is None:
        columns, n = _frames.to_columns(population)
    a = None if assumptions is None else dict(assumptions)
    out = _native.simulate(scenarios, columns, n, a, last_year, pa is not None, first_row, progress)
    if pa is not None:
        persons = _from_arrow(out["persons"], flavor)
    else:
        persons = _frame(out["persons"], flavor)
    return out, persons


def _in_notebook() -> bool:
    """Whether this runs in a Jupyter kernel."""
    try:
        from IPython import get_ipython  # type: ignore[import-not-found]
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


class _Progress:
    """The progress report of a run: a callable ``(done, total)`` or none."""

    def __init__(self, progress: Any) -> None:
        self.user = progress if callable(progress) else None
        self.on = self.user is None and (progress is True or (progress is None and _in_notebook()))
        self.bar: Any = None
        self.last = 0

    def __enter__(self) -> Any:
        if self.user is not None:
            return self.user
        return self.report if self.on else None

    def report(self, done: int, total: int) -> None:
        if self.bar is None:
            try:
                from tqdm.auto import tqdm  # type: ignore[import-untyped]

                self.bar = tqdm(total=total, unit=" evaluations", unit_scale=True)
            except ImportError:
                self.bar = _TextBar(total)
        if done > self.last:  # calls from several threads may arrive out of order
            self.bar.update(done - self.last)
            self.last = done

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.close()


class _TextBar:
    """A plain progress line on stderr, where tqdm is not installed."""

    def __init__(self, total: int) -> None:
        self.total, self.n = total, 0

    def update(self, k: int) -> None:
        import sys

        self.n += k
        pct = 100 * self.n // max(self.total, 1)
        sys.stderr.write(f"\r{self.n}/{self.total} person-evaluations ({pct}%)")
        sys.stderr.flush()

    def close(self) -> None:
        import sys

        sys.stderr.write("\n")


def _carry(persons: Any, population: Any, flavor: str, names: Sequence[str], per: int) -> Any:
    """``persons`` with the input columns ``names``, each person's value on
    each of its scenario rows."""
    names = list(dict.fromkeys(names))
    inputs = population.column_names if flavor == "arrow" else list(population.columns)
    outputs = persons.column_names if flavor == "arrow" else list(persons.columns)
    for n in names:
        if n not in inputs:
            raise KeyError(f"carry: {n!r} is not a column of the population")
        if n in outputs:
            raise ValueError(f"carry: {n!r} is an output column too; rename it in the input")
    if flavor == "polars":
        import polars as pl

        return persons.with_columns(
            [population.get_column(n).to_frame().select(pl.col(n).repeat_by(per).explode()).to_series() for n in names]
        )
    if flavor == "arrow":
        idx = [i for i in range(population.num_rows) for _ in range(per)]
        for n in names:
            persons = persons.append_column(n, population.column(n).take(idx))
        return persons
    for n in names:
        persons[n] = population[n].array.repeat(per)
    return persons


def simulate(
    engine: "Engine",
    population: Any,
    reforms: Iterable["Overlay"] = (),
    *,
    assumptions: Optional[Mapping[str, Any]] = None,
    last_year: Optional[int] = None,
    arrow: Optional[bool] = None,
    carry: Sequence[str] = (),
    progress: Union[None, bool, Callable[[int, int], None]] = None,
) -> Simulation:
    """Run ``population`` (a pandas or Polars DataFrame, a pyarrow Table or
    any Arrow producer — ``__arrow_c_stream__``, read without a copy — in
    the population format) under ``engine``'s rules (the baseline) and each
    reform (an overlay: TOML text, a path or a dict). The persons come back
    as the same kind of frame (a pyarrow Table for other Arrow producers).

    ``assumptions`` (``average_wage_growth``, ``pension_base_growth``,
    ``interest_rate``, optional ``average_wages``, … as Decimal or str)
    default to those of the synthetic population. Rows that fail keep their
    place with their error.

    Amounts are exact either way: with pyarrow installed (``arrow=None``,
    the default, or ``True``) the per-person columns are Arrow-backed —
    ``decimal128(18, s)`` for amounts (38 digits only where a value needs
    more), read as :class:`decimal.Decimal`, with room for arithmetic —
    and the columns cross without a Python object per cell; with
    ``arrow=False`` they are lists of :class:`decimal.Decimal` (slow for
    millions of rows). ``.astype(float)`` is a plotting convenience only.

    ``carry`` names input columns copied into ``persons`` (``birth`` and
    ``category`` for breakdowns by cohort and category, weights, a province
    …; any column of the frame, read by the engine or not), so comparisons
    (:meth:`Simulation.compare`, :meth:`~Simulation.winners_losers`,
    :meth:`~Simulation.breakdown`) need no merge.

    ``progress``: a progress bar of person-evaluations (rows × scenarios)
    — ``tqdm`` where installed, else a line on stderr — on by default in a
    notebook (``None``), or always (``True``), never (``False``), or a
    callable ``progress(done, total)``.
    """
    if type(population).__name__ == "LazyFrame":  # a Polars query: run it, then the frame
        population = population.collect()
    flavor = _frames._flavor(population)
    if flavor == "arrow":  # any Arrow producer: as a pyarrow Table (no copy)
        import pyarrow as pa

        population = pa.table(population)
    carried = list(carry)
    known = set(_native.population_columns())
    names = population.column_names if flavor == "arrow" else population.columns
    only_carried = [c for c in dict.fromkeys(carried) if c not in known and c in names]
    if flavor == "pandas":
        read = population.drop(columns=only_carried)
    elif flavor == "arrow":
        read = population.drop_columns(only_carried)
    else:
        read = population.drop(only_carried)
    with _Progress(progress) as report:
        out, persons = _run(engine, read if only_carried else population, flavor, reforms, assumptions,
                            last_year, arrow, progress=report)
    persons = _carry(persons, population, flavor, carried, len(out["scenarios"]))
    pa = _pyarrow() if arrow is None or arrow else None
    summary, flows = _summary_frames(out, flavor, pa)
    return Simulation(
        scenarios=list(out["scenarios"]),
        persons=persons,
        summary=summary,
        flows=flows,
        carried=carried,
    )


def _summary_frames(out: Mapping[str, Any], flavor: str, pa: Any) -> Tuple[Any, Any]:
    """The summary (a row per scenario) and the flows of a run's results."""
    summary: Dict[str, List[Any]] = {"scenario": list(out["scenarios"])}
    for s in out["summaries"]:
        row = {
            "rules_id": s["rules"]["id"],
            "rules_hash": s["rules"]["hash"],
            "persons": s["persons"],
            "ok": s["ok"],
            "errors": sum(s["errors"].values()),
            **{k: None if s.get(k) is None else Decimal(s[k]) for k in _DECIMAL_SUMMARY},
            "fast_path": s["fast_path"],
            "single_path": s["single_path"],
            "left_out": s["left_out"],
        }
        for k, v in row.items():
            summary.setdefault(k, []).append(v)
    return _typed_frame(summary, flavor, pa), _typed_frame(out["flows"], flavor, pa)


class Stream:
    """A population run batch by batch in bounded memory
    (:func:`simulate_stream`): iterate it for the persons, one pyarrow
    RecordBatch (or more) per input batch, in input order, rows numbered
    as the whole stream's; once it is exhausted, :attr:`summary` and
    :attr:`flows` are those of one run over every row — accumulated
    exactly as the rows stream (medians included)."""

    def __init__(self, run: Any, batches: Iterator[Any], flavor: str, pa: Any) -> None:
        self._run, self._batches, self._flavor, self._pa = run, batches, flavor, pa
        self._out: Optional[Mapping[str, Any]] = None
        self._built: Optional[Tuple[Any, Any]] = None
        self.scenarios: List[str] = []

    def __iter__(self) -> Iterator[Any]:
        pa = self._pa
        for batch in self._batches:
            flavor = _frames._flavor(batch)
            columns = _arrow_input(batch, flavor, pa)
            if columns is None:
                columns, n = _frames.to_columns(batch)
                persons = self._run.push(columns, n, True)
            else:
                persons = self._run.push(columns, len(batch), True)
            yield from pa.table(persons).to_batches()
        self._out = self._run.finish()
        self.scenarios = list(self._out["scenarios"])

    def _finished(self) -> Mapping[str, Any]:
        if self._out is None:
            raise RuntimeError("iterate the stream to its end first: the summary covers every row")
        return self._out

    def _frames(self) -> Tuple[Any, Any]:
        """The summary and flows frames, built once."""
        if self._built is None:
            self._built = _summary_frames(self._finished(), self._flavor, self._pa)
        return self._built

    @property
    def rows(self) -> int:
        """Rows read so far."""
        return int(self._run.rows()) if self._out is None else int(self._out["summaries"][0]["persons"])

    @property
    def summary(self) -> Any:
        """One row per scenario over every row (after the stream is exhausted)."""
        return self._frames()[0]

    @property
    def flows(self) -> Any:
        """Yearly flows over every row (after the stream is exhausted)."""
        return self._frames()[1]


def simulate_stream(
    engine: "Engine",
    source: Any,
    reforms: Iterable["Overlay"] = (),
    *,
    assumptions: Optional[Mapping[str, Any]] = None,
    last_year: Optional[int] = None,
    frame: str = "pandas",
) -> Stream:
    """Run a population too large for memory, batch by batch: ``source`` is
    any Arrow stream (``__arrow_c_stream__``: a ``pyarrow.RecordBatchReader``,
    a Parquet file's ``pyarrow.parquet.ParquetFile(...).iter_batches()``
    wrapped as a reader, a DuckDB or Polars result) or an iterable of
    frames / record batches. Memory holds one batch at a time; the result
    (a :class:`Stream`) yields the persons batch by batch, then gives the
    exact summary and flows (as ``frame``: pandas, polars or arrow). Needs
    pyarrow. A single DataFrame or Table is taken as one batch (or its
    record batches).
    """
    pa = _pyarrow()
    if pa is None:
        raise ImportError("simulate_stream needs pyarrow (pip install pyarrow)")
    if frame not in ("pandas", "polars", "arrow"):
        raise ValueError(f"frame must be 'pandas', 'polars' or 'arrow', got {frame!r}")
    pairs = [_overlay(i, o) for i, o in enumerate(reforms)]
    a = None if assumptions is None else dict(assumptions)
    run = _native.NativeRun(_scenarios(engine, pairs), a, last_year)
    batches: Iterator[Any]
    if isinstance(source, pa.Table):
        batches = iter(source.to_batches())
    elif type(source).__module__.split(".")[0] in ("pandas", "polars"):
        batches = iter([source])
    elif hasattr(source, "__arrow_c_stream__"):
        batches = iter(pa.RecordBatchReader.from_stream(source))
    else:
        batches = iter(source)
    return Stream(run, batches, frame, pa)


def synthetic_population(
    engine: "Engine", n: int, seed: int = 1, *, frame: str = "pandas", arrow: Optional[bool] = None
) -> Any:
    """``n`` synthetic Shaanxi-like persons (deterministic for ``seed``; the
    assumptions are in docs/population.md) as a ``pandas``, ``polars`` or
    ``arrow`` (pyarrow Table) frame in the population format. Amounts
    (``index``, ``average_index``, ``account_balance``) are exact: Arrow
    ``decimal128`` with pyarrow (``arrow=None``/``True``), else
    :class:`decimal.Decimal` objects."""
    if frame not in ("pandas", "polars", "arrow"):
        raise ValueError(f"frame must be 'pandas', 'polars' or 'arrow', got {frame!r}")
    pa = _pyarrow() if arrow is None or arrow or frame == "arrow" else None
    if pa is None and (arrow or frame == "arrow"):
        raise ImportError("arrow output needs pyarrow (pip install pyarrow)")
    cols = _native.synthetic_population(engine._native, n, seed, pa is not None)
    if pa is not None:
        return _from_arrow(cols, frame)
    return _frame(cols, frame)
