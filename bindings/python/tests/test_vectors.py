"""Every conformance vector file runs through Engine.check as through the
CLI (kinds not implemented yet are reported, not failed)."""

from __future__ import annotations

import pytest

from conftest import VECTORS
from pension_rules import Engine


@pytest.mark.parametrize("path", sorted(VECTORS.glob("*.json")), ids=lambda p: p.name)
def test_vector_file(path) -> None:
    report = Engine().check(path)
    assert report.cases
    bad = [c for c in report.cases if c.outcome.status in ("fail", "error")]
    assert not bad, bad[:3]
    assert report.ok(allow_unsupported=True)


def test_check_accepts_text_and_data() -> None:
    text = (VECTORS / "retirement.json").read_text(encoding="utf-8")
    e = Engine()
    assert e.check(text).counts() == e.check(VECTORS / "retirement.json").counts()
    assert e.check(str(VECTORS / "retirement.json")).counts()["pass"] == 48
