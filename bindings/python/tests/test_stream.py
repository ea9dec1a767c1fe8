"""simulate_stream: a population batch by batch gives the persons, summary
and flows of one run over every row, rows numbered as the whole's."""

from __future__ import annotations

import pytest

import pension_rules as pr

pa = pytest.importorskip("pyarrow")
pytest.importorskip("pandas")

REFORM = {"overlay": {"id": "reform/rate-15"},
          "contribution": {"employer_rate": {"values": [
              {"from": "2030-01-01", "value": "0.15", "source": "scenario"}]}}}


def _people(n: int = 1000) -> pa.Table:
    t = pr.synthetic_population(n, seed=5, frame="arrow")
    # Two bad rows (an unknown category, a month out of range) keep their places.
    cat = t.column("category").to_pylist()
    cat[7] = "robot"
    birth = t.column("birth").to_pylist()
    birth[n * 3 // 5 + 13] = "1990-13"
    t = t.set_column(t.schema.get_field_index("category"), "category", pa.array(cat))
    return t.set_column(t.schema.get_field_index("birth"), "birth", pa.array(birth))


@pytest.mark.parametrize("chunk", [1, 97, 1000])
def test_a_stream_equals_one_run(chunk: int) -> None:
    people = _people()
    whole = pr.simulate(people, [REFORM])
    reader = pa.RecordBatchReader.from_batches(people.schema, people.to_batches(max_chunksize=chunk))
    stream = pr.simulate_stream(reader, [REFORM], frame="arrow")
    persons = pa.Table.from_batches(list(stream))
    assert persons.equals(whole.persons)
    assert stream.summary.equals(whole.summary)
    assert stream.flows.equals(whole.flows)
    assert stream.rows == 1000
    # The bad rows are named as rows of the whole stream.
    errors = [e for e in persons.column("error").to_pylist() if e]
    assert any("row 8." in e for e in errors) and any("row 614." in e for e in errors)


def test_frames_one_by_one_and_the_summary_waits_for_the_end() -> None:
    people = _people(300).to_pandas()
    stream = pr.simulate_stream([people.iloc[:120], people.iloc[120:]])
    with pytest.raises(RuntimeError):
        stream.summary
    n = sum(b.num_rows for b in stream)
    assert n == 300
    assert int(stream.summary["persons"][0]) == 300
