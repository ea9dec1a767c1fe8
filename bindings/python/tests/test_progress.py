"""Progress of long runs and the example notebooks (docs/population.md)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

import pension_rules as pr

from conftest import ROOT


def test_progress_reaches_every_person_evaluation() -> None:
    pytest.importorskip("pandas")
    people = pr.synthetic_population(30_000, seed=3)
    seen = []
    lock = threading.Lock()

    def report(done: int, total: int) -> None:
        with lock:
            seen.append((done, total))

    run = pr.simulate(people, [{"contribution.employer_rate": {"2030-01": "0.15"}}], progress=report)
    assert len(run.persons) == 60_000
    assert seen and all(t == 60_000 and 0 < d <= t for d, t in seen)
    assert max(d for d, _ in seen) == 60_000


def test_a_progress_bar_on_demand_and_off_by_default_outside_notebooks(capsys) -> None:
    pytest.importorskip("pandas")
    people = pr.synthetic_population(2_000, seed=3)
    pr.simulate(people)
    assert "evaluations" not in capsys.readouterr().err
    pr.simulate(people, progress=True)
    assert "evaluations" in capsys.readouterr().err  # tqdm's bar or the plain line, on stderr


@pytest.mark.parametrize("name", ["reform-study", "province-comparison"])
def test_example_notebooks_run_to_the_end_with_their_charts(name: str, tmp_path: Path, monkeypatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(ROOT)
    nb = nbformat.read(ROOT / "examples" / "notebooks" / f"{name}.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    charts = [o for o in outputs if "image/png" in o.get("data", {})]
    assert charts, f"{name}: no chart was drawn"
    (tmp_path / f"{name}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
