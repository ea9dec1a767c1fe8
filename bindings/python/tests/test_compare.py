"""Comparisons built in (docs/population.md, "Comparisons"): per-person
differences, winners and losers, breakdowns, weights and real terms, with
the input columns carried through — exact Decimals, pandas and Polars alike."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

import pension_rules as pr
from pension_rules import Engine, reform


@pytest.fixture(scope="module")
def run():
    pytest.importorskip("pandas")
    people = pr.synthetic_population(600, seed=4)
    people["w"] = [2 if i % 3 == 0 else 1 for i in range(len(people))]
    # 计发月数 × 1.05 from 2030 (an illustrative scenario): a smaller account pension for
    # everyone retiring from then on.
    longer = reform.scale(Engine("cn/shaanxi"), "award.annuity_divisor", "1.05", from_="2030-01", quantum="1")
    return pr.simulate(people, [longer], carry=["birth", "category", "w"])


def test_the_input_columns_come_through(run) -> None:
    assert run.carried == ["birth", "category", "w"]
    p = run.persons
    assert p["birth"].tolist()[:4] == [p["birth"][0]] * 2 + [p["birth"][2]] * 2  # per scenario row


def test_compare_is_reform_minus_baseline_per_person(run) -> None:
    c = run.compare()
    assert len(c) == 600
    ok = c[c["status_baseline"] == "ok"]
    for a in ("basic_pension", "account_pension", "transitional_pension", "total"):
        assert (ok[f"{a}_change"] == ok[f"{a}_reform"] - ok[f"{a}_baseline"]).all()
    # Only the account pension moves, and never up.
    assert (ok["basic_pension_change"] == 0).all()
    assert (ok["account_pension_change"] <= 0).all() and (ok["account_pension_change"] < 0).any()
    real = run.compare(real="pension_base")
    p = run.persons[run.persons["scenario"] == "baseline"].reset_index(drop=True)
    i = int(ok.index[0])
    want = (Decimal(p["total"][i]) / Decimal(p["pension_base"][i])).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    assert real["total_baseline"][i] == want


def test_winners_and_losers_with_weights(run) -> None:
    c = run.compare()
    w = run.winners_losers()
    row = w.iloc[0]
    assert row["compared"] == row["winners"] + row["losers"] + row["unchanged"]
    assert row["winners"] == 0 and row["losers"] > 0
    losses = [x for x in c["total_change"] if x is not None and x < 0]
    mean = (sum(losses) / len(losses)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert row["mean_loss"] == mean
    # Weighted: every figure honours the weights.
    ww = run.winners_losers(weight="w").iloc[0]
    weights = dict(zip(run.persons["id"], run.persons["w"]))
    pairs = [(x, weights[i]) for i, x in zip(c["id"], c["total_change"]) if x is not None and x < 0]
    assert ww["losers"] == sum(wt for _, wt in pairs)
    assert ww["mean_loss"] == (sum(x * wt for x, wt in pairs) / sum(wt for _, wt in pairs)).quantize(
        Decimal("0.01"), ROUND_HALF_UP)
    by_cohort = run.winners_losers(by="cohort")
    assert sum(by_cohort["losers"]) == row["losers"]
    assert list(by_cohort["cohort"]) == sorted(by_cohort["cohort"])
    deciles = run.winners_losers(by="decile")
    assert list(deciles["decile"]) == list(range(1, 11))


def test_breakdown_by_scenario_and_group(run) -> None:
    b = run.breakdown(by="category")
    assert set(b["scenario"]) == set(run.scenarios)
    base = b[b["scenario"] == "baseline"]
    assert sum(base["persons"]) == 600
    assert set(base["category"]) == {"male", "female_50", "female_55"}
    # The reform lowers the mean pension of each category.
    low = b[b["scenario"] != "baseline"].set_index("category")["mean_total"]
    assert (low < base.set_index("category")["mean_total"]).all()


def test_polars_gives_the_same_figures() -> None:
    pl = pytest.importorskip("polars")
    people = pr.synthetic_population(120, seed=4, frame="polars")
    longer = reform.scale(Engine("cn/shaanxi"), "award.annuity_divisor", "1.05", from_="2030-01", quantum="1")
    run = pr.simulate(people, [longer], carry=["birth", "category"])
    assert isinstance(run.persons, pl.DataFrame) and "birth" in run.persons.columns
    w = run.winners_losers(by="category")
    assert isinstance(w, pl.DataFrame)
    pdrun = pr.simulate(people.to_pandas(), [longer], carry=["category"])
    assert w["losers"].to_list() == pdrun.winners_losers(by="category")["losers"].tolist()
    # A lazy frame is a query: run, then computed alike.
    lazy = pr.simulate(people.lazy(), [longer], carry=["category"])
    assert lazy.winners_losers(by="category")["losers"].to_list() == w["losers"].to_list()


def test_errors_say_what_to_carry(run) -> None:
    with pytest.raises(KeyError, match="carry"):
        run.winners_losers(by="province")
    with pytest.raises(KeyError, match="2031|20"):
        run.compare(real={2024: "1"})
