"""Batches over pandas and Polars frames: one row out per row in, failed
rows kept with their error, amounts as Decimal."""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import pytest

from pension_rules import Engine

ROWS = {
    # 对照表: 男 1965-01 → 60y1m in 2025-02; docs/sources.md §5.3: 1976-02 → 2038-12.
    "birth": ["1965-01", "1976-02", "1970-13", "1971-04", None],
    "category": ["male", "male", "male", "female_55", "male"],
    "contribution_months": [180, 220, 100, None, 10],
}


def _check(out_rows: list) -> None:
    assert len(out_rows) == 5
    ok, ok2, bad, ok3, missing = out_rows
    assert ok["retirement_month"] == "2025-02" and ok["error_code"] is None
    assert ok2["retirement_month"] == "2038-12" and ok2["eligible"] is False
    assert bad["retirement_month"] is None and bad["error_code"] == "invalid_input"
    assert "birth" in bad["error_message"]
    assert ok3["retirement_month"] == "2026-08" and ok3["eligible"] is None
    assert missing["error_code"] == "invalid_input"
    assert isinstance(ok["divisor"], Decimal)


def test_pandas(national: Engine) -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(ROWS, index=[10, 11, 12, 13, 14])
    df["contribution_months"] = df["contribution_months"].astype("Int64")
    out = national.retirement_batch(df)
    assert isinstance(out, pd.DataFrame)
    assert list(out.index) == [10, 11, 12, 13, 14]
    assert list(out.columns)[-2:] == ["error_code", "error_message"]
    rows = out.astype(object).where(out.notna(), None).to_dict("records")
    _check(rows)


def test_polars(national: Engine) -> None:
    pl = pytest.importorskip("polars")
    df = pl.DataFrame(ROWS)
    out = national.retirement_batch(df)
    assert isinstance(out, pl.DataFrame) and out.height == 5
    assert out.schema["divisor"] == pl.Decimal or isinstance(out.schema["divisor"], pl.Decimal)
    _check(out.to_dicts())


def test_float_column_fails_its_rows_not_the_batch(national: Engine) -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"birth": ["1965-01", "1976-02"], "category": ["male", "male"],
                       "contribution_months": [180.0, None]})
    out = national.retirement_batch(df)
    assert out["error_code"].fillna("-").tolist() == ["invalid_input", "-"]
    assert "Int64" in out["error_message"][0]


def test_survivor_batch_with_decimal_columns(national: Engine) -> None:
    pl = pytest.importorskip("polars")
    df = pl.DataFrame({"monthly_income_base": [Decimal("2818.5"), Decimal("5015")],
                       "contribution_months": [345, 420],
                       "pension_months_received": [42, 300]})
    out = national.survivor_batch(df)
    assert [str(t) for t in out["total"].to_list()] == ["59893.13", "55165.00"]


def test_other_objects_are_refused(national: Engine) -> None:
    with pytest.raises(TypeError):
        national.retirement_batch([{"birth": "1965-01"}])


def test_the_gil_is_released_while_rows_compute(national: Engine) -> None:
    # Another Python thread keeps running during a batch: the longest pause
    # it sees is far shorter than the batch (reading and writing the rows
    # hold the GIL; computing them does not).
    pd = pytest.importorskip("pandas")
    n = 20000
    df = pd.DataFrame({"birth": ["1970-01"] * n, "category": ["female_50"] * n,
                       "contribution_months": list(range(n))})
    worker = threading.Thread(target=national.retirement_batch, args=(df,))
    ticks = []
    start = time.perf_counter()
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    total = time.perf_counter() - start
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert max(gaps) < 0.6 * total, (max(gaps), total)


def test_batches_run_in_threads(national: Engine) -> None:
    # The GIL is released while rows compute: threads share one engine.
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"birth": ["1970-01"] * 2000, "category": ["female_50"] * 2000})
    outs: list = []
    threads = [threading.Thread(target=lambda: outs.append(national.retirement_batch(df))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outs) == 4 and all(o["error_code"].isna().all() for o in outs)
