"""Issue 16 from Python: a DataFrame's columns are checked before anything
runs (a missing, repeated, unknown or float column raises, naming it), row
errors name the row (from 1), the person and the column in words, the
summary says how many rows it leaves out, and rule sets cannot be replaced
silently (docs/population.md, docs/errors.md)."""

from __future__ import annotations

import shutil
import warnings
from decimal import Decimal
from pathlib import Path

import pytest

import pension_rules as pr
from pension_rules import Engine, InputError, LoadError

from conftest import ROOT


def _people(**extra):
    cols = {"id": ["P1", "P2", "P3"], "birth": ["1990-03"] * 3, "category": ["male"] * 3,
            "first_contribution": ["2012-07"] * 3}
    cols.update(extra)
    return cols


@pytest.mark.parametrize("arrow", [None, False])
def test_float_index_column_raises_before_anything_runs(arrow) -> None:
    pd = pytest.importorskip("pandas")
    if arrow is None:
        pytest.importorskip("pyarrow")
    people = pd.DataFrame(_people(index=[0.8, 0.85, 1.0]))
    with pytest.raises(InputError) as e:
        pr.simulate(people, arrow=arrow)
    assert e.value.code == "invalid_input"
    assert [p for p, _ in e.value.fields] == ["columns.index"]
    assert "the column holds floats (e.g. 0.8)" in e.value.fields[0][1]
    # A pandas int column with a missing value is float64: refused too, with the remedy.
    people = pd.DataFrame(_people(index=["1.0"] * 3, deemed_months=[120, None, 60]))
    with pytest.raises(InputError) as e:
        pr.simulate(people, arrow=arrow)
    assert [p for p, _ in e.value.fields] == ["columns.deemed_months"]
    assert "Int64" in e.value.fields[0][1]


@pytest.mark.parametrize("arrow", [None, False])
def test_missing_and_unknown_columns_raise_naming_them(arrow) -> None:
    pd = pytest.importorskip("pandas")
    if arrow is None:
        pytest.importorskip("pyarrow")
    cols = _people(index=["1.0"] * 3, wage=["6000"] * 3)
    del cols["first_contribution"]
    with pytest.raises(InputError) as e:
        pr.simulate(pd.DataFrame(cols), arrow=arrow)
    assert [p for p, _ in e.value.fields] == ["columns.wage", "columns.first_contribution"]
    assert "required column first_contribution is missing" in e.value.fields[1][1]


def test_row_errors_name_the_row_the_person_and_the_column() -> None:
    pd = pytest.importorskip("pandas")
    people = pd.DataFrame(_people(category=["male", "robot", "male"],
                                  index=["1.0", "abc", "0.9"]))
    run = pr.simulate(people)
    rows = run.persons.to_dict("records")
    assert rows[1]["id"] == "P2" and rows[1]["status"] == "invalid_input"
    err = rows[1]["error"]
    assert 'row 2.category: person P2: unknown category "robot" (expected male, female_50, female_55)' in err
    assert 'row 2.index: person P2: expected a decimal like 0.85, got "abc"' in err
    for internal in ("variant", "untagged", "Invalid decimal"):
        assert internal not in err
    s = run.summary.set_index("scenario")
    assert (s.loc["baseline", "persons"], s.loc["baseline", "ok"], s.loc["baseline", "left_out"]) == (3, 2, 1)


def _edited_shaanxi(root: Path) -> Path:
    to = root / "cn" / "shaanxi"
    shutil.copytree(ROOT / "rules" / "cn" / "shaanxi", to)
    award = to / "award.toml"
    text = award.read_text(encoding="utf-8")
    assert 'value = "0.014"' in text
    award.write_text(text.replace('value = "0.014"', 'value = "0.013"', 1), encoding="utf-8")
    return root


def test_a_rules_dir_cannot_replace_a_shipped_set_silently(tmp_path: Path) -> None:
    root = _edited_shaanxi(tmp_path)
    with pytest.raises(LoadError) as e:
        Engine("cn/shaanxi", rules_dir=root)
    assert e.value.code == "ruleset_conflict"
    shipped = Engine("cn/shaanxi").identity
    assert shipped.origin == "embedded" and shipped.overrides is None
    with pytest.warns(UserWarning, match="replaces the shipped cn/shaanxi"):
        engine = Engine("cn/shaanxi", rules_dir=root, allow_override=True)
    assert engine.identity.origin.endswith("cn/shaanxi")
    assert engine.identity.overrides == f"cn/shaanxi {shipped.version} sha256:{shipped.hash}"
    assert engine.identity.hash != shipped.hash


def test_short_pins_hold_and_malformed_pins_are_input_errors() -> None:
    h = Engine("cn/shaanxi").identity.hash
    assert Engine("cn/shaanxi", pin=h[:12]).identity.hash == h
    with pytest.raises(InputError) as e:
        Engine("cn/shaanxi", pin="7397")
    assert [p for p, _ in e.value.fields] == ["pin.cn/shaanxi"]
    with pytest.raises(LoadError) as e:
        Engine("cn/shaanxi", pin="0" * 12)
    assert e.value.code == "hash_mismatch"
