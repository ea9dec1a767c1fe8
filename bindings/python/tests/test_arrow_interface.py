"""The Arrow PyCapsule interface in both directions: any Arrow producer is
read without a copy, whatever its column types, and the figures equal those
of the plain text frame."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

import pension_rules as pr

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")


def _text_people() -> pa.Table:
    return pa.table({
        "id": ["a", "b", "c"],
        "birth": ["1968-05", "1975-11", "1990-03"],
        "category": ["male", "female_55", "female_50"],
        "first_contribution": ["2000-07", "2006-01", "2012-07"],
        "index": ["1.0", "0.85", "1.2"],
        "deemed_months": [60, None, None],
    })


def _totals(persons) -> list:
    t = pa.table(persons) if not isinstance(persons, pa.Table) else persons
    return t.column("total").to_pylist()


def test_typed_columns_read_as_their_text() -> None:
    base = pr.simulate(_text_people()).persons
    assert isinstance(base, pa.Table)
    assert all(isinstance(x, Decimal) for x in _totals(base))
    typed = pa.table({
        "id": pa.array(["a", "b", "c"]).dictionary_encode(),
        "birth": pa.array([datetime.date(1968, 5, 1), datetime.date(1975, 11, 30),
                           datetime.date(1990, 3, 15)], pa.date32()),
        "category": pa.array(["male", "female_55", "female_50"], pa.string_view()),
        "first_contribution": pa.array([datetime.datetime(2000, 7, 1), datetime.datetime(2006, 1, 9),
                                        datetime.datetime(2012, 7, 1)], pa.timestamp("us")),
        "index": pa.array([Decimal("1.0"), Decimal("0.85"), Decimal("1.2")], pa.decimal128(6, 2)),
        "deemed_months": pa.array([60, None, None], pa.int16()),
    })
    assert _totals(pr.simulate(typed).persons) == _totals(base)


def test_polars_and_a_bare_producer_are_read_directly() -> None:
    base = _totals(pr.simulate(_text_people()).persons)
    frame = pl.from_arrow(_text_people())
    out = pr.simulate(frame).persons
    assert isinstance(out, pl.DataFrame)
    assert out.get_column("total").to_list() == base

    class Producer:  # only the PyCapsule interface, like an arro3 or DuckDB result
        def __init__(self, t: pa.Table) -> None:
            self.t = t

        def __arrow_c_stream__(self, requested_schema=None):
            return self.t.__arrow_c_stream__(requested_schema)

    assert _totals(pr.simulate(Producer(_text_people())).persons) == base


def test_many_batches_and_an_empty_table() -> None:
    t = _text_people()
    batches = pa.Table.from_batches(t.to_batches(max_chunksize=1))
    assert batches.column("id").num_chunks == 3
    assert _totals(pr.simulate(batches).persons) == _totals(pr.simulate(t).persons)


def test_float_columns_are_refused_by_name() -> None:
    t = _text_people().set_column(4, "index", pa.array([1.0, 0.85, 1.2]))
    with pytest.raises(pr.InputError) as e:
        pr.simulate(t)
    assert [p for p, _ in e.value.fields] == ["columns.index"]
    assert "e.g. 1.0" in e.value.fields[0][1]
