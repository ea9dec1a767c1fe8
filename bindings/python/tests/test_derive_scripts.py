"""The province vectors are what their derive scripts print: every
tests/vectors/derive/province_*.py, run into a scratch directory, rewrites its
tests/vectors/province-<id>.json byte for byte (one shared helper module,
tests/vectors/derive/province_common.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, VECTORS

DERIVE = VECTORS / "derive"
SCRIPTS = sorted(p for p in DERIVE.glob("province_*.py") if p.name != "province_common.py")


def test_one_helper_module() -> None:
    assert [p.name for p in DERIVE.glob("province_common*.py")] == ["province_common.py"]
    assert len(SCRIPTS) >= 30  # every province but Shaanxi (tests/vectors/award.json)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_script_regenerates_its_vector_file(script, tmp_path) -> None:
    env = dict(os.environ, DERIVE_OUT=str(tmp_path))
    subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    written = sorted(tmp_path.iterdir())
    assert written, f"{script.name} wrote nothing"
    for out in written:
        committed = VECTORS / out.name
        assert committed.exists(), f"{script.name} wrote {out.name}, which is not committed"
        assert out.read_bytes() == committed.read_bytes(), (
            f"{out.name} differs from what {script.name} derives: run "
            f"python3 tests/vectors/derive/{script.name}")
