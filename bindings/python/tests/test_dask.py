"""Scale-out: the batch functions give, partition by partition, exactly the
rows of one single-process run (docs/population.md, "Scale-out")."""

from __future__ import annotations

from decimal import Decimal

import pytest

import pension_rules as pr

from conftest import ROOT

REFORM = ROOT / "examples" / "reform-divisor-2030.toml"
AMOUNTS = ("average_index", "account_balance", "pension_base", "divisor", "basic_pension",
           "account_pension", "transitional_pension", "total", "final_base", "replacement_rate")


def _records(frame) -> list:
    """Rows as plain values; amounts as Decimal (exact), so equality is to the fen."""
    rows = frame.to_dict("records")
    for r in rows:
        for k in AMOUNTS:
            assert r[k] is None or r[k] != r[k] or isinstance(r[k], Decimal), (k, type(r[k]))
    return rows


def _clean(v):
    # pandas' missing markers compare unequal to themselves; normalise to None.
    try:
        return None if v is None or v != v else v
    except TypeError:  # pd.NA
        return None


def _same(a: list, b: list) -> None:
    assert len(a) == len(b)
    for i, (x, y) in enumerate(zip(a, b)):
        x = {k: _clean(v) for k, v in x.items()}
        y = {k: _clean(v) for k, v in y.items()}
        assert x == y, f"row {i}: {x} != {y}"


def test_dask_local_cluster_equals_single_run() -> None:
    try:
        import dask.dataframe as dd
        from dask.distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover
        pytest.skip(f"dask[distributed] is not installed ({e}); scripts/test installs it")
    pytest.importorskip("pyarrow")
    people = pr.synthetic_population(6_000, seed=5)
    # A row that fails keeps its place in its partition.
    people.loc[4_321, "birth"] = "1980-13"
    single = pr.simulate(people, [REFORM]).persons

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        ddf = dd.from_pandas(people, npartitions=5)
        assert ddf.npartitions == 5
        meta = pr.partition_meta([REFORM])
        out = ddf.map_partitions(pr.simulate_partition, [REFORM], meta=meta).compute()

    assert list(out.columns) == list(single.columns)
    assert [str(t) for t in out.dtypes] == [str(t) for t in meta.dtypes]
    # Every row, the failed one too (named by its row in the whole frame).
    assert (out["status"] != "ok").sum() == 2 and "row 4322.birth" in out["error"].dropna().iloc[0]
    _same(_records(out.reset_index(drop=True)), _records(single))
    ok = lambda f: f[f["status"] == "ok"].reset_index(drop=True)  # noqa: E731
    assert ok(out)["total"].tolist()[:2] == ok(single)["total"].tolist()[:2]
    assert sum(ok(out)["total"].tolist(), Decimal(0)) == sum(ok(single)["total"].tolist(), Decimal(0))


def test_partition_meta_matches_every_partition() -> None:
    pytest.importorskip("pyarrow")
    people = pr.synthetic_population(50, seed=2)
    meta = pr.partition_meta([REFORM])
    part = pr.simulate_partition(people.iloc[10:30], [REFORM])
    assert len(meta) == 0 and len(part) == 40
    assert list(part.dtypes) == list(meta.dtypes)
    assert str(meta["total"].dtype).startswith("decimal128(18, 2)")


def test_arrow_batches_equal_single_run() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pr.synthetic_population(3_000, seed=9, frame="arrow")
    assert isinstance(table, pa.Table) and table.schema.field("index").type == pa.decimal128(18, 4)
    single = pr.simulate(table.to_pandas(types_mapper=__import__("pandas").ArrowDtype), [REFORM]).persons
    schema = pr.persons_schema([REFORM])
    batches = table.to_batches(max_chunksize=700)
    assert len(batches) == 5
    out = list(pr.simulate_batches(iter(batches), [REFORM]))
    assert all(b.schema == schema for b in out)
    merged = pa.Table.from_batches(out, schema=schema)
    expected = pa.Table.from_pandas(single, schema=schema, preserve_index=False)
    assert merged.equals(expected)
    # Ray Data style: one Table per call.
    assert pr.simulate_table(table.slice(0, 10), [REFORM]).equals(expected.slice(0, 20))


def test_exact_columns_as_decimal() -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    people = pd.DataFrame({
        "id": ["cited"], "birth": ["1964-01"], "category": ["male"], "first_contribution": ["2024-01"],
        "retirement_month": ["2024-01"], "deemed_months": [120], "index": [Decimal("1")],
        "contribution_months": [360], "average_index": [Decimal("0.8")],
        "account_balance": [Decimal("120000")],
    })
    arrow = pr.simulate(people).persons
    plain = pr.simulate(people, arrow=False).persons
    # derived-award-2 (docs/sources.md §9.2 worked example 11): total 4510.45 either way.
    assert arrow["total"].tolist() == plain["total"].tolist() == [Decimal("4510.45")]
    assert isinstance(arrow["total"].tolist()[0], Decimal)


def test_float_column_is_refused_before_anything_runs() -> None:
    # Issue 16: a float column raises for the whole frame (it used to turn
    # rows into error rows that the summary left out without a word).
    pd = pytest.importorskip("pandas")
    people = pd.DataFrame({"id": ["a"], "birth": ["1990-03"], "category": ["male"],
                           "first_contribution": ["2012-07"], "index": [1.0]})
    with pytest.raises(pr.InputError) as e:
        pr.simulate(people)
    assert [path for path, _ in e.value.fields] == ["columns.index"]
    assert "float" in e.value.fields[0][1]
