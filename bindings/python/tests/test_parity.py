"""Front-end parity with the CLI: the unit payroll declaration, the award
texts (核定表, zh/en explanations) and the provisional → final recomputation
with arrears, each giving what the CLI gives."""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any, List

import pytest

from pension_rules import (
    AwardRecomputation,
    Engine,
    InputError,
    PayrollDeclaration,
)

from conftest import ROOT

CLI = ROOT / "target" / "debug" / "pension-rules"
PAYROLL = ROOT / "examples" / "unit-payroll.csv"
PERSON = ROOT / "examples" / "shaanxi-person.json"

# examples/unit-payroll.csv with a bad wage and a record one field short.
BAD_ROWS = "E006,abc,employee\nE007,5000\n"

# docs/sources.md §11.1: a 2025 retiree approved on 2025-08-01 on the 预发 base 7727,
# recomputed on the final 7881 (core/tests/award.rs, Python decimal:
# 5361.17 → 5444.98, 83.81 × 16 months 2025-03 … 2026-06 = 1340.96).
RECOMPUTED = dict(
    category="male", birth="1965-01", retirement_month="2025-02",
    contribution_months=385, deemed_months=130,
    average_index="0.9", account_balance="160000",
)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    if not CLI.exists():
        pytest.skip("CLI not built (cargo build -p pension-rules-cli)")
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, cwd=ROOT)


def payroll_csv() -> str:
    return PAYROLL.read_text(encoding="utf-8") + BAD_ROWS


# ---------------------------------------------------------------- payroll


def check_declaration(r: PayrollDeclaration) -> None:
    # 2024 Shaanxi limits 4559 – 22795 (contribution vectors); 16 % unit and
    # 8 % individual (国办发〔2019〕13号, 国发〔2005〕38号).
    assert r.period == {"month": "2024-03"}
    assert (r.limits.floor, r.limits.cap) == (Decimal("4559"), Decimal("22795"))
    assert [row.row for row in r.rows] == list(range(1, 8))  # rows from 1 (issue 16)
    assert [row.ok for row in r.rows] == [True] * 5 + [False, False]
    e001, e004 = r.rows[0], r.rows[3]
    assert (e001.base, e001.position, e001.employer, e001.individual) == (
        Decimal("4559"), "below_floor", Decimal("729.44"), Decimal("364.72"))
    assert (e004.base, e004.position) == (Decimal("22795"), "above_cap")
    bad = r.rows[5].error
    assert bad is not None and bad.code == "invalid_input"
    assert [f.path for f in bad.fields] == ["row 6.wage"]
    t = r.totals
    assert (t.assessed, t.rejected) == (5, 2)
    assert (t.base, t.employer, t.individual, t.account_credit, t.pooled) == (
        Decimal("53804.50"), Decimal("7864.72"), Decimal("4862.36"),
        Decimal("4304.36"), Decimal("8422.72"))
    assert [(a.row, a.employee_id, a.issue) for a in r.attention] == [
        (1, "E001", "below_floor"), (4, "E004", "above_cap"),
        (6, "E006", "invalid"), (7, "", "invalid")]


def test_payroll_csv_text_gives_the_cli_figures(shaanxi: Engine, tmp_path: Path) -> None:
    r = shaanxi.payroll(payroll_csv(), month="2024-03")
    check_declaration(r)
    assert r.trace is None
    f = tmp_path / "payroll.csv"
    f.write_text(payroll_csv(), encoding="utf-8")
    assert shaanxi.payroll(f, month="2024-03") == r
    out = cli("contribution", "--payroll", str(f), "--month", "2024-03", "--format", "json")
    assert out.returncode == 1, out.stderr  # rejected rows: non-zero exit
    assert json.loads(out.stdout) == shaanxi._native.payroll(payroll_csv(), "2024-03", None, False)


def test_payroll_trace_is_the_clis(shaanxi: Engine, tmp_path: Path) -> None:
    f = tmp_path / "payroll.csv"
    f.write_text(payroll_csv(), encoding="utf-8")
    out = cli("contribution", "--payroll", str(f), "--month", "2024-03", "--format", "json", "--trace")
    mine = shaanxi._native.payroll(payroll_csv(), "2024-03", None, True)
    assert json.loads(out.stdout) == mine
    r = shaanxi.payroll(payroll_csv(), month="2024-03", trace=True)
    assert r.trace is not None and r.trace.rules.id == "cn/shaanxi"


def rows_of_csv() -> List[dict[str, Any]]:
    lines = PAYROLL.read_text(encoding="utf-8").splitlines()
    head = lines[0].split(",")
    return [dict(zip(head, line.split(","))) for line in lines[1:]] + [
        {"employee_id": "E006", "wage": "abc", "employment": "employee"}]


def test_payroll_rows_and_frames_match_the_csv(shaanxi: Engine) -> None:
    csv = shaanxi.payroll(PAYROLL.read_text(encoding="utf-8") + "E006,abc,employee\n", month="2024-03")
    rows = shaanxi.payroll(rows_of_csv(), month="2024-03")
    assert rows.rows == csv.rows and rows.totals == csv.totals and rows.attention == csv.attention
    assert rows.totals.rejected == 1
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(rows_of_csv())
    assert shaanxi.payroll(frame, month="2024-03").totals == csv.totals
    pl = pytest.importorskip("polars")
    assert shaanxi.payroll(pl.DataFrame(rows_of_csv()), month="2024-03").rows == csv.rows


def test_payroll_row_problems_stay_in_their_row(shaanxi: Engine) -> None:
    rows = [
        {"employee_id": "E1", "wage": Decimal("6000"), "employment": "employee"},
        {"employee_id": "E2", "wage": 6000, "employment": "employee"},
        {"employee_id": "E3", "employment": "employee"},
    ]
    r = shaanxi.payroll(rows, year=2024)
    assert r.period == {"year": 2024}
    # 16 % of 6000 over 12 months (国办发〔2019〕13号).
    assert r.rows[0].employer == r.rows[1].employer == Decimal("11520.00")
    assert r.rows[0].months == 12
    assert r.rows[2].error is not None
    assert [f.path for f in r.rows[2].error.fields] == ["row 3.wage"]


def test_payroll_refuses_what_is_not_a_declaration(shaanxi: Engine) -> None:
    with pytest.raises(InputError) as e:
        shaanxi.payroll(payroll_csv())
    assert [p for p, _ in e.value.fields] == ["period"]
    with pytest.raises(InputError):
        shaanxi.payroll("id,wage\nE1,1\n", month="2024-03")
    with pytest.raises(TypeError):
        shaanxi.payroll("unit-payroll.csv", month="2024-03")


# ---------------------------------------------------------------- award text


@pytest.mark.parametrize("fmt", ["zh", "en", "table"])
def test_award_text_equals_the_cli(shaanxi: Engine, fmt: str) -> None:
    case = json.loads(PERSON.read_text(encoding="utf-8"))
    text = shaanxi.award_text(case["input"], format=fmt)
    # award-history-shaanxi-zhongren-2025: base 7881, total 4793.34.
    assert "7881" in text and "4793.34" in text
    out = cli("award", str(PERSON), "--format", fmt)
    assert out.returncode == 0, out.stderr
    assert text == out.stdout.rstrip("\n")


def test_award_text_refuses_an_unknown_format(shaanxi: Engine) -> None:
    with pytest.raises(InputError) as e:
        shaanxi.award_text(RECOMPUTED, format="html")
    assert [p for p, _ in e.value.fields] == ["format"]


# ---------------------------------------------------------------- recompute


def test_known_on_sees_the_provisional_base(shaanxi: Engine) -> None:
    r = shaanxi.award(RECOMPUTED, known_on="2025-08-01")
    assert (r.pension_base, r.pension_base_provisional, r.total) == (
        Decimal("7727"), True, Decimal("5361.17"))
    assert any(n.code == "provisional_base" for n in r.notes)
    final = shaanxi.award(RECOMPUTED)
    assert (final.pension_base, final.total) == (Decimal("7881"), Decimal("5444.98"))
    # Known before even the provisional base was published: a rule error.
    from pension_rules import RulesError

    with pytest.raises(RulesError):
        shaanxi.award(RECOMPUTED, known_on="2024-12-31")


def test_recompute_gives_the_arrears(shaanxi: Engine) -> None:
    r = shaanxi.recompute(RECOMPUTED, known_on="2025-08-01", final_known_on="2026-07-01",
                          arrears_through="2026-06")
    assert isinstance(r, AwardRecomputation)
    assert (r.provisional.pension_base, r.final.pension_base) == (Decimal("7727"), Decimal("7881"))
    assert (r.provisional.total, r.final.total, r.monthly_difference) == (
        Decimal("5361.17"), Decimal("5444.98"), Decimal("83.81"))
    assert (r.first_pension_month, r.arrears_through, r.arrears_months, r.arrears) == (
        "2025-03", "2026-06", 16, Decimal("1340.96"))
    assert r.to_dict()["final"]["total"] == Decimal("5444.98")


def test_recompute_equals_the_cli(shaanxi: Engine, tmp_path: Path) -> None:
    f = tmp_path / "case.json"
    f.write_text(json.dumps({"ruleset": "cn/shaanxi", "input": RECOMPUTED}), encoding="utf-8")
    flags = ["--known-on", "2025-08-01", "--final-known-on", "2026-07-01", "--arrears-through", "2026-06"]
    out = cli("award", str(f), "--format", "json", *flags)
    assert out.returncode == 0, out.stderr
    mine = shaanxi._native.award_with(RECOMPUTED, "2025-08-01", "2026-07-01", "2026-06", True)
    assert json.loads(out.stdout) == mine
    for fmt in ("zh", "en", "table"):
        text = shaanxi.award_text(RECOMPUTED, format=fmt, known_on="2025-08-01",
                                  final_known_on="2026-07-01", arrears_through="2026-06")
        assert "1340.96" in text
        assert text == cli("award", str(f), "--format", fmt, *flags).stdout.rstrip("\n")


def test_recompute_options_are_checked_together(shaanxi: Engine) -> None:
    with pytest.raises(InputError) as e:
        shaanxi.award_text(RECOMPUTED, known_on="2025-13-01", final_known_on="2026-07-01")
    assert sorted(p for p, _ in e.value.fields) == ["final_known_on", "known_on"]
    with pytest.raises(InputError) as e:
        shaanxi.recompute(RECOMPUTED, arrears_through="2026-6x")
    assert [p for p, _ in e.value.fields] == ["arrears_through"]


def test_choices_are_the_clis() -> None:
    """广东's 1993 localities (award.deemed_index.<name>) as the CLI's `rules
    choices` lists them; a field without a list is an InputError naming it."""
    got = Engine("cn/guangdong").choices("deemed_index_locality", "2026-01-01")
    o = cli("rules", "choices", "cn/guangdong", "deemed_index_locality",
            "--as-of", "2026-01-01", "--format", "json")
    assert o.returncode == 0, o.stderr
    want = json.loads(o.stdout)
    assert [c.value for c in got.choices] == [c["value"] for c in want["choices"]]
    assert [c.title for c in got.choices] == [c.get("title") for c in want["choices"]]
    assert str(got.as_of) == want["as_of"] == "2026-01-01"
    with pytest.raises(InputError) as e:
        Engine("cn/guangdong").choices("birth")
    assert e.value.fields[0][0] == "birth"
