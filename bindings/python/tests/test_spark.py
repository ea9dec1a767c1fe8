"""Scale-out on PySpark: `mapInArrow` with `simulate_batches` gives exactly the
rows of one single-process run (README, "Python: population runs and
scale-out"). Spark runs in local mode with two cores; its Python workers are
this interpreter (PYSPARK_PYTHON), so they import the same wheel."""

from __future__ import annotations

import os
import sys
from decimal import Decimal

import pytest

import pension_rules as pr

from test_dask import REFORM, _records, _same


def test_pyspark_map_in_arrow_equals_single_run() -> None:
    pytest.importorskip("pyspark", reason="scripts/test installs pyspark")
    pa = pytest.importorskip("pyarrow")
    from pyspark.sql import SparkSession
    from pyspark.sql.pandas.types import from_arrow_schema

    os.environ["PYSPARK_PYTHON"] = sys.executable
    people = pr.synthetic_population(3_000, seed=11, frame="arrow")
    single = pr.simulate(people.to_pandas(types_mapper=pd_arrow), [REFORM]).persons

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("pension-rules-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        sdf = spark.createDataFrame(people).repartition(3)
        assert sdf.rdd.getNumPartitions() == 3
        schema = pr.persons_schema([REFORM])
        out = sdf.mapInArrow(
            lambda it: pr.simulate_batches(it, [REFORM]), schema=from_arrow_schema(schema)
        )
        table = out.toArrow()
    finally:
        spark.stop()

    got = table.cast(schema).to_pandas(types_mapper=pd_arrow)
    assert len(got) == len(single) == 2 * 3_000
    # Spark shuffles whole persons between partitions: compare in one order.
    key = ["scenario", "id"]
    a = got.sort_values(key).reset_index(drop=True)
    b = single.sort_values(key).reset_index(drop=True)
    assert list(a.columns) == list(b.columns)
    _same(_records(a), _records(b))
    ok = b[b["status"] == "ok"]
    assert len(ok) > 5_000
    assert sum(a[a["status"] == "ok"]["total"].tolist(), Decimal(0)) == sum(
        ok["total"].tolist(), Decimal(0)
    )


def pd_arrow(t):
    """Arrow-backed pandas columns, as `simulate` returns them."""
    import pandas as pd

    return pd.ArrowDtype(t)
