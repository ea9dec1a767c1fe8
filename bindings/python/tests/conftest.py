"""Shared fixtures: engines on the shipped rule sets, the repository root."""

from __future__ import annotations

from pathlib import Path

import pytest

from pension_rules import Engine

ROOT = Path(__file__).resolve().parents[3]
VECTORS = ROOT / "tests" / "vectors"


@pytest.fixture(scope="session")
def national() -> Engine:
    return Engine("cn/national")


@pytest.fixture(scope="session")
def shaanxi() -> Engine:
    return Engine("cn/shaanxi")
