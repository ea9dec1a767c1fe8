"""Batch functions for distributed engines: Dask ``map_partitions``, Ray
Data ``map_batches``, PySpark ``mapInArrow`` (docs/population.md,
"Scale-out"). Top-level and picklable; each worker process loads a rule
set once and resolves the scenarios once (cached), then converts columns
only: the engine computes.

Every batch gives the same per-person rows, with the same schema, as one
:func:`pension_rules.simulate` over the whole population; aggregates
(``summary``, ``flows``) are not per batch — compute them from the rows or
run :func:`pension_rules.simulate` on one machine.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Optional, Union

from . import _frames
from ._population import _pyarrow, _run

if TYPE_CHECKING:  # pragma: no cover
    from ._engine import Engine, Overlay

__all__ = ["simulate_partition", "partition_meta", "simulate_table", "simulate_batches", "persons_schema"]

RulesDir = Union[str, "os.PathLike[str]", None]


@functools.lru_cache(maxsize=8)
def _engine(ruleset: str, rules_dir: Optional[str]) -> "Engine":
    from ._engine import Engine

    return Engine(ruleset, rules_dir=rules_dir)


def _persons(
    population: Any,
    flavor: str,
    reforms: Iterable["Overlay"],
    ruleset: str,
    rules_dir: RulesDir,
    assumptions: Optional[Mapping[str, Any]],
    last_year: Optional[int],
    first_row: int = 0,
) -> Any:
    engine = _engine(ruleset, None if rules_dir is None else os.fspath(rules_dir))
    _, persons = _run(engine, population, flavor, reforms, assumptions, last_year, None, first_row)
    return persons


def _first_row(frame: Any) -> int:
    """Where a pandas partition starts in the whole frame: the first label
    of a step-1 RangeIndex (Dask's partitions of a frame with a default
    index); else 0."""
    index = getattr(frame, "index", None)
    start, step = getattr(index, "start", None), getattr(index, "step", None)
    return start if isinstance(start, int) and step == 1 and start >= 0 else 0


def simulate_partition(
    population: Any,
    reforms: Iterable["Overlay"] = (),
    *,
    ruleset: str = "cn/shaanxi",
    rules_dir: RulesDir = None,
    assumptions: Optional[Mapping[str, Any]] = None,
    last_year: Optional[int] = None,
) -> Any:
    """The per-person rows (``Simulation.persons``) of one partition: a
    pandas or Polars DataFrame in, the same library out, with a fixed
    schema (:func:`partition_meta`). A failed row is named ``row N`` of the
    whole frame when the partition has a default (RangeIndex) index, as
    Dask's partitions of such a frame do; else of the partition. For Dask::

        persons = ddf.map_partitions(pr.simulate_partition, reforms=[reform],
                                     meta=pr.partition_meta(reforms=[reform]))
    """
    return _persons(population, _frames._flavor(population), reforms, ruleset, rules_dir, assumptions, last_year,
                    _first_row(population))


def _empty_population(frame: str) -> Any:
    from ._population import synthetic_population

    return synthetic_population(_engine("cn/shaanxi", None), 0, frame=frame)


def partition_meta(
    reforms: Iterable["Overlay"] = (),
    *,
    ruleset: str = "cn/shaanxi",
    rules_dir: RulesDir = None,
    frame: str = "pandas",
) -> Any:
    """An empty frame with :func:`simulate_partition`'s columns and types
    (Dask's ``meta``)."""
    return _persons(_empty_population(frame), frame, reforms, ruleset, rules_dir, None, None)


def simulate_table(
    table: Any,
    reforms: Iterable["Overlay"] = (),
    *,
    ruleset: str = "cn/shaanxi",
    rules_dir: RulesDir = None,
    assumptions: Optional[Mapping[str, Any]] = None,
    last_year: Optional[int] = None,
) -> Any:
    """pyarrow Table (or RecordBatch) in the population format → pyarrow
    Table of per-person rows; for Ray Data ``map_batches(...,
    batch_format="pyarrow")``."""
    pa = _pyarrow()
    if pa is None:
        raise ImportError("simulate_table needs pyarrow (pip install pyarrow)")
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    return _persons(table, "arrow", reforms, ruleset, rules_dir, assumptions, last_year)


def persons_schema(
    reforms: Iterable["Overlay"] = (), *, ruleset: str = "cn/shaanxi", rules_dir: RulesDir = None
) -> Any:
    """The pyarrow schema of the per-person rows (PySpark ``mapInArrow``'s
    ``schema``, after ``pyspark.sql.pandas.types.from_arrow_schema``)."""
    return partition_meta(reforms, ruleset=ruleset, rules_dir=rules_dir, frame="arrow").schema


def simulate_batches(
    batches: Iterable[Any],
    reforms: Iterable["Overlay"] = (),
    *,
    ruleset: str = "cn/shaanxi",
    rules_dir: RulesDir = None,
    assumptions: Optional[Mapping[str, Any]] = None,
    last_year: Optional[int] = None,
) -> Iterator[Any]:
    """Iterator of pyarrow RecordBatches in the population format → iterator
    of RecordBatches of per-person rows (one or more per input batch); for
    PySpark ``mapInArrow`` and other Arrow stream engines."""
    reforms = list(reforms)
    for batch in batches:
        out = simulate_table(
            batch, reforms, ruleset=ruleset, rules_dir=rules_dir, assumptions=assumptions, last_year=last_year
        )
        yield from out.to_batches()
