"""The types generated from docs/schema: fresh, and true to the engine.

- ``_generated.py`` is what ``gen_types.py`` writes from docs/schema today;
- a real result of every kind (and the check report, and a rejected
  payroll row's error report) validates against its JSON Schema, and its
  typed class declares every field;
- type checkers see the declared fields and inputs only (with mypy, when
  installed).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Dict, Iterator, Tuple

import pytest

from conftest import ROOT, VECTORS
from pension_rules import AwardResult, Engine, Record, errors
from pension_rules._generated import ERROR_CODES, RESULT_TYPES

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = ROOT / "docs" / "schema"
PACKAGE = ROOT / "bindings" / "python" / "python" / "pension_rules"
GENERATOR = ROOT / "bindings" / "python" / "gen_types.py"

# derived-award-2 (docs/sources.md §9.2 worked example 11)
AWARD = {"category": "male", "birth": "1964-06", "retirement_month": "2024-06", "contribution_months": 360,
         "deemed_months": 120, "average_index": "0.8", "account_balance": "120000"}
# docs/sources.md §11.1: 预发 7727, final 7881
RECOMPUTE = {"award": {"category": "male", "birth": "1965-01", "retirement_month": "2025-02",
                       "contribution_months": 385, "deemed_months": 130, "average_index": "0.9",
                       "account_balance": "160000"},
             "known_on": "2025-08-01", "final_known_on": "2026-07-01", "arrears_through": "2026-06"}
PAYROLL = {"month": "2024-03", "rows": [
    {"employee_id": "E1", "wage": "3000", "employment": "employee"},
    {"employee_id": "E2", "wage": "6123.45", "employment": "employee"},
    {"employee_id": "E3", "wage": "abc", "employment": "employee"}]}


def _validator(name: str) -> Any:
    """A draft 2020-12 validator: ``format`` is an annotation, as the Rust
    conformance test (core/tests/schema_files.rs) reads it too."""
    schema = json.loads((SCHEMA / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _cases() -> Iterator[Tuple[str, str, Dict[str, Any]]]:
    """(kind, rule set, input): every vector case with a result, then payroll and recompute."""
    for f in sorted(VECTORS.glob("*.json")):
        for c in json.loads(f.read_text(encoding="utf-8")):
            if "error" not in c["expect"]:
                yield c["kind"], c["ruleset"], c["input"]
    yield "payroll", "cn/shaanxi", PAYROLL
    yield "recompute", "cn/shaanxi", RECOMPUTE
    yield "award", "cn/shaanxi", AWARD


def _no_extra(r: Record, path: str) -> None:
    assert not r.extra, f"{path}: fields the schema lacks: {sorted(r.extra)}"
    for name, v in vars(r).items():
        for i in v if isinstance(v, list) else [v]:
            if isinstance(i, Record):
                _no_extra(i, f"{path}.{name}")


def test_generated_module_is_what_the_schemas_give(tmp_path: Path) -> None:
    out = tmp_path / "_generated.py"
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(out)], check=True, capture_output=True)
    committed = (PACKAGE / "_generated.py").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, (
        "bindings/python/python/pension_rules/_generated.py is stale: "
        "run `python bindings/python/gen_types.py` and commit the result"
    )


def test_the_installed_package_has_the_committed_generated_module() -> None:
    import pension_rules._generated as g

    assert Path(g.__file__).read_text(encoding="utf-8") == (PACKAGE / "_generated.py").read_text(encoding="utf-8")


def test_a_result_of_every_kind_validates_against_its_schema() -> None:
    engines: Dict[str, Engine] = {}
    validators = {kind: _validator(f"{kind}.output.json") for kind in RESULT_TYPES}
    seen = set()
    for kind, ruleset, data in _cases():
        e = engines.setdefault(ruleset, Engine(ruleset))
        for trace in (True, False):
            raw = e.compute(kind, data, trace=trace)
            problems = [f"{'/'.join(map(str, p.absolute_path))}: {p.message}" for p in validators[kind].iter_errors(raw)]
            assert not problems, (kind, data, problems[:5])
            _no_extra(RESULT_TYPES[kind].from_dict(raw), kind)
        seen.add(kind)
    assert seen == set(RESULT_TYPES) == set(Engine.kinds())


def test_input_schemas_accept_the_vector_inputs() -> None:
    validators = {kind: _validator(f"{kind}.input.json") for kind in RESULT_TYPES}
    for kind, _, data in _cases():
        assert not list(validators[kind].iter_errors(data)), (kind, data)


def test_a_rejected_rows_error_is_an_error_report(shaanxi: Engine) -> None:
    raw = shaanxi.compute("payroll", PAYROLL)
    report = raw["rows"][2]["error"]
    assert not list(_validator("error.json").iter_errors(report))
    typed = shaanxi.payroll(PAYROLL["rows"], month="2024-03").rows[2]
    assert not typed.ok and typed.error is not None and typed.error.class_ == "InputError"
    assert typed.error.code == "invalid_input" and typed.error.fields[0].path == "row 3.wage"


def test_check_report_validates_against_its_schema(national: Engine) -> None:
    case = {"kind": "retirement", "ruleset": "cn/national", "input": {"birth": "1971-04", "category": "female_55"}}
    cases = [dict(case, id="ok", expect={"retirement_month": "2026-08"}),
             dict(case, id="fail", expect={"retirement_month": "2026-09"}),
             dict(case, id="error", input={"birth": "1971-13", "category": "female_55"}, expect={"age": "55y"})]
    raw = national._native.check(json.dumps(cases))
    assert not list(_validator("check.output.json").iter_errors(raw))
    assert [m["field"] for m in raw["cases"][1]["outcome"]["mismatches"]] == ["retirement_month"]
    report = national.check(cases)
    _no_extra(report, "check")
    assert report.counts() == {"pass": 1, "fail": 1, "error": 1, "unsupported": 0}


def test_error_codes_are_error_json_s() -> None:
    schema = json.loads((SCHEMA / "error.json").read_text(encoding="utf-8"))
    assert list(ERROR_CODES) == schema["properties"]["code"]["enum"]
    assert list(errors.CODES) == list(ERROR_CODES)
    assert all(cls is not errors.PensionRulesError for cls in errors.CODES.values())


def test_an_unknown_attribute_is_an_attribute_error(shaanxi: Engine) -> None:
    lazy = shaanxi.award(AWARD)
    eager = AwardResult.from_dict(shaanxi.compute("award", AWARD))
    for r in (lazy, eager):
        with pytest.raises(AttributeError):
            r.totl  # type: ignore[attr-defined]  # noqa: B018
        assert r.total == eager.total
    with pytest.raises(AttributeError):
        AwardResult.total  # noqa: B018  (a required field has no class default)
    assert not hasattr(Record, "__getattr__")


def test_type_checkers_see_declared_fields_and_inputs_only(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    snippet = tmp_path / "snippet.py"
    snippet.write_text(textwrap.dedent('''
        from decimal import Decimal
        from pension_rules import AwardInput, Engine

        e = Engine("cn/shaanxi")
        r = e.award(category="male", birth="1964-06", retirement_month="2024-06",
                    average_index=Decimal("0.8"), account_balance="120000", contribution_months=360)
        total: Decimal = r.total
        doc: AwardInput = {"category": "male", "birth": "1964-06", "retirement_month": "2024-06"}
        e.award(doc, known_on="2025-01-01")
        e.projection({"from": "2026-01"}, category="male", birth="1966-01")
        ok: bool = e.check([]).ok() and e.payroll("a", month="2024-03").rows[0].ok
        text: str = str(r.trace)
        r.totl                                                    # E1
        e.award(categroy="male")                                  # E2
        e.retirement(birth="1970-01", category="man")             # E3
        e.contribution(month="2024-01", wage=3000.5)              # E4
    '''), encoding="utf-8")
    out, err, status = api.run(["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(snippet)])
    errors_at = sorted({int(line.split(":")[1]) for line in out.splitlines() if ": error:" in line})
    lines = snippet.read_text(encoding="utf-8").splitlines()
    marked = sorted(i + 1 for i, line in enumerate(lines) if "# E" in line)
    assert errors_at == marked, out + err
