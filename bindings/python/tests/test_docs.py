"""Docstring examples and the README's Python quick start run as written."""

from __future__ import annotations

import doctest
import re

import pytest

import pension_rules
from conftest import ROOT
from pension_rules import _engine, _population, _types, errors, reform


@pytest.mark.parametrize("module", [pension_rules, _engine, _population, _types, errors, reform], ids=lambda m: m.__name__)
def test_doctests(module) -> None:
    pytest.importorskip("pandas")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_readme_python_quick_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Python quick start", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks, "README has no Python quick start"
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {})
