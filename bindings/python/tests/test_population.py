"""Population runs from Python: DataFrames in and out, every row kept, the
engine's figures (docs/population.md)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pension_rules import Engine, simulate, synthetic_population

from conftest import ROOT

REFORM = ROOT / "examples" / "reform-divisor-2030.toml"


def test_cited_person_and_kept_rows() -> None:
    pd = pytest.importorskip("pandas")
    # derived-award-2 (docs/sources.md §9.2 worked example 11): C 7727, Ī 0.8, 360 + 120 months,
    # B 120000, age 60 → total 4510.45 (retiring in January: no partial-year interest).
    people = pd.DataFrame({
        "id": ["cited", "bad"],
        "birth": ["1964-01", "1980-13"],
        "category": ["male", "male"],
        "first_contribution": ["2024-01", "2002-09"],
        "retirement_month": ["2024-01", None],
        "deemed_months": [120, 0],
        "index": [Decimal("1"), Decimal("1.0")],
        "contribution_months": [360, 0],
        "average_index": [Decimal("0.8"), None],
        "account_balance": [Decimal("120000"), None],
    })
    run = simulate(people)
    assert run.scenarios == ["baseline"]
    rows = run.persons.to_dict("records")
    assert rows[0]["id"] == "cited" and rows[0]["total"] == Decimal("4510.45")
    assert rows[0]["basic_pension"] == Decimal("2781.72")
    assert rows[1]["id"] == "bad" and rows[1]["status"] == "invalid_input"
    assert "row 2.birth" in rows[1]["error"]


def test_baseline_vs_reform(shaanxi: Engine) -> None:
    pytest.importorskip("pandas")
    people = shaanxi.synthetic_population(500, seed=3)
    assert len(people) == 500 and list(people.columns)[:4] == ["id", "birth", "category", "first_contribution"]
    run = shaanxi.simulate(people, [REFORM])
    assert run.scenarios == ["baseline", "reform/divisor-2030"]
    assert len(run.persons) == 1000
    # Persons in input order, scenarios inside.
    assert run.persons["id"].tolist()[:4] == ["p000001", "p000001", "p000002", "p000002"]
    s = run.summary.set_index("scenario")
    assert s.loc["baseline", "ok"] == 500 and s.loc["baseline", "fast_path"] == 500
    # A larger divisor from 2030 lowers the account pension.
    assert s.loc["reform/divisor-2030", "mean_total"] < s.loc["baseline", "mean_total"]
    assert isinstance(s.loc["baseline", "mean_total"], Decimal)
    f = run.flows
    assert set(f.columns) >= {"year", "employer_contributions", "pensions"}
    y2035 = f[f["year"] == 2035].set_index("scenario")
    # The reform's 15 % employer rate from 2030 (vs 16 %).
    assert y2035.loc["reform/divisor-2030", "employer_contributions"] < y2035.loc["baseline", "employer_contributions"]


def test_same_figures_as_the_cli(tmp_path: Path, shaanxi: Engine) -> None:
    pytest.importorskip("pandas")
    people = shaanxi.synthetic_population(300, seed=11)
    run = shaanxi.simulate(people)
    cli = ROOT / "target" / "debug" / "pension-rules"
    if not cli.exists():
        pytest.skip("CLI not built")
    out = tmp_path / "out.csv"
    subprocess.run([str(cli), "simulate", "--synthetic", "300", "--seed", "11", "--out", str(out)],
                   check=True, capture_output=True)
    import csv

    with open(out, encoding="utf-8") as f:
        totals = [Decimal(r["total"]) for r in csv.DictReader(f)]
    assert run.persons["total"].tolist() == totals


def test_polars_in_polars_out() -> None:
    pl = pytest.importorskip("polars")
    people = synthetic_population(20, seed=1, frame="polars")
    run = simulate(people)
    assert isinstance(run.persons, pl.DataFrame) and run.persons.height == 20


def test_example_script_saves_plots(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    script = ROOT / "examples" / "python" / "reform_comparison.py"
    subprocess.run([sys.executable, str(script), "--n", "2000", "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for name in ("replacement_rates.png", "fund_flows.png"):
        png = tmp_path / name
        assert png.exists() and png.read_bytes()[:4] == b"\x89PNG"


def test_money_columns_compute_in_pandas_polars_and_pyarrow() -> None:
    # decimal128(18, 2): room for arithmetic (decimal128(38, 2) - decimal128(38, 2) needs 39
    # digits and raised ArrowInvalid in pandas).
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    run = simulate(synthetic_population(200, seed=3))
    p = run.persons
    assert str(p["total"].dtype).startswith("decimal128(18, 2)")
    ok = p[p["status"] == "ok"]
    diff = ok["total"] - ok["basic_pension"]
    parts = ok["account_pension"] + ok["transitional_pension"]
    assert (diff == parts).all()
    yearly = ok["total"] * 12
    assert yearly.iloc[0] == ok["total"].iloc[0] * 12
    assert isinstance(ok["total"].sum(), Decimal)
    table = pa.Table.from_pandas(ok[["total", "basic_pension"]])
    import pyarrow.compute as pc
    assert pc.subtract(table["total"], table["basic_pension"]).type == pa.decimal128(19, 2)
    pl = pytest.importorskip("polars")
    frame = pl.from_pandas(ok[["total", "basic_pension"]])
    assert (frame["total"] - frame["basic_pension"]).to_list()[0] == diff.iloc[0]


def test_months_as_dates_and_periods() -> None:
    # A birth date, a first day of work, a pandas Period: each read as the month it falls in,
    # on the Arrow path and the list path alike, in pandas and Polars.
    import datetime

    pd = pytest.importorskip("pandas")
    text = pd.DataFrame({
        "id": ["a", "b"], "birth": ["1990-03", "1985-11"], "category": ["male", "female_55"],
        "first_contribution": ["2012-07", "2008-01"], "index": ["1.0", "0.75"],
    })
    want = simulate(text).persons["total"].tolist()
    dated = text.assign(
        birth=[datetime.date(1990, 3, 15), datetime.date(1985, 11, 30)],
        first_contribution=pd.to_datetime(["2012-07-01", "2008-01-20"]),
    )
    periods = text.assign(birth=pd.PeriodIndex(["1990-03", "1985-11"], freq="M"))
    for frame in (dated, periods):
        for arrow in (True, False):
            persons = simulate(frame, arrow=arrow).persons
            assert persons["status"].tolist() == ["ok", "ok"], persons["error"].tolist()
            assert persons["total"].tolist() == want
    pl = pytest.importorskip("polars")
    frame = pl.from_pandas(text).with_columns(
        pl.Series("birth", [datetime.date(1990, 3, 1), datetime.date(1985, 11, 2)]))
    assert simulate(frame).persons["total"].to_list() == want


def test_summary_and_flows_are_typed_like_the_persons() -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    people = synthetic_population(60, seed=4)
    people.loc[3, "birth"] = "1990-13"  # one failed row: its figures are null, not NaN or None
    run = simulate(people)
    for frame, column in ((run.summary, "mean_total"), (run.flows, "pensions"),
                          (run.flows, "employer_contributions")):
        assert str(frame[column].dtype).startswith("decimal128(18, 2)"), frame.dtypes
    assert str(run.summary["mean_replacement_rate"].dtype).startswith("decimal128(18, 4)")
    assert str(run.flows["contributors"].dtype) == "int64[pyarrow]"
    assert run.summary["left_out"].tolist() == [1]
    flows = run.flows
    net = flows["employer_contributions"] + flows["individual_contributions"] - flows["pensions"]
    assert isinstance(net.sum(), Decimal)
    assert run.persons["total"].isna().sum() == 1
    # Without pyarrow's columns (arrow=False): plain Decimal objects, as before.
    plain = simulate(people, arrow=False)
    assert plain.summary["mean_total"].tolist() == run.summary["mean_total"].tolist()


def test_batches_are_typed_like_the_persons() -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    people = pd.DataFrame({
        "category": ["male", "male"], "birth": ["1964-06", "1964-06"],
        "retirement_month": ["2024-06", "2024-06"], "contribution_months": [360, 360],
        "deemed_months": [120, 0], "average_index": [Decimal("0.8"), Decimal("-1")],
        "account_balance": [Decimal("120000"), Decimal("120000")]}, index=[10, 20])
    out = Engine("cn/shaanxi").award_batch(people)
    assert list(out.index) == [10, 20]
    assert str(out["total"].dtype).startswith("decimal128(18, 2)")
    assert out["total"][10] == Decimal("4510.45")  # derived-award-2 (docs/sources.md §9.2)
    assert (out["total"] - out["basic_pension"])[10] == Decimal("4510.45") - Decimal("2781.72")
    assert out["total"].isna().tolist() == [False, True]
    assert out["error_code"].tolist()[1] == "invalid_input"
