"""Engine.plan: the DataFrame holds the engine's figures exactly, and the
example script draws its plots."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import pension_rules as pr

ROOT = Path(__file__).resolve().parents[3]
CASE = json.loads((ROOT / "examples" / "plan.json").read_text(encoding="utf-8"))


def test_frame_equals_the_engines_result() -> None:
    pytest.importorskip("pandas")
    e = pr.Engine(CASE["ruleset"])
    df = e.plan(CASE["input"])
    d = e.plan(CASE["input"], frame="dict")
    assert len(df) == len(d["scenarios"]) == 5 * 60  # 60 window months × 5 bases
    for row, s in zip(df.itertuples(), d["scenarios"]):
        assert row.retirement_month == s["retirement_month"]
        assert row.eligible == s["eligible"]
        for c in ("total", "own_to_come", "lifetime_value"):
            got = getattr(row, c)
            assert (got is None and c not in s) or got == Decimal(s[c])
    assert df.attrs["plan"]["statutory_month"] == d["statutory_month"]
    # Paid as a flexible worker: no employer part, and a higher base costs more.
    ok = df[df["eligible"] & df["statutory"]]
    assert all(x == 0 for x in ok["employer_to_come"])
    assert list(ok["own_to_come"]) == sorted(ok["own_to_come"])


def test_errors_name_the_fields() -> None:
    with pytest.raises(pr.InputError) as e:
        pr.Engine("cn/shaanxi").plan(person={"category": "male", "birth": "1972-05",
                                             "from": "2026-01", "index": "1"},
                                     assumptions=pr.standard_assumptions(), bases=["-1"])
    assert [f[0] for f in e.value.fields] == ["bases[0]"]


def test_example_script_saves_plots(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    script = ROOT / "examples" / "python" / "retirement_plan.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for name in ("pension_by_month.png", "break_even_by_base.png"):
        png = tmp_path / name
        assert png.exists() and png.read_bytes()[:4] == b"\x89PNG"
