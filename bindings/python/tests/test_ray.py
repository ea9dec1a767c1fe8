"""Scale-out on Ray Data: `map_batches` with `simulate_table` gives exactly the
rows of one single-process run (README, "Python: population runs and
scale-out"). Ray runs locally with two CPUs, its workers in this interpreter."""

from __future__ import annotations

from decimal import Decimal

import pytest

import pension_rules as pr

from test_dask import REFORM, _records, _same
from test_spark import pd_arrow


def test_ray_data_map_batches_equals_single_run() -> None:
    ray = pytest.importorskip("ray", reason="scripts/test installs ray[data]")
    pa = pytest.importorskip("pyarrow")

    people = pr.synthetic_population(3_000, seed=13, frame="arrow")
    single = pr.simulate(people.to_pandas(types_mapper=pd_arrow), [REFORM]).persons

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        ds = ray.data.from_arrow(people).repartition(3)
        out = ds.map_batches(
            pr.simulate_table, batch_format="pyarrow", fn_args=([REFORM],), batch_size=1_000
        )
        table = pa.concat_tables(ray.get(out.to_arrow_refs()))
    finally:
        ray.shutdown()

    got = table.to_pandas(types_mapper=pd_arrow)
    assert len(got) == len(single) == 2 * 3_000
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
