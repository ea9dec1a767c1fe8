"""pension-rules: China's basic old-age insurance for urban enterprise
employees (城镇企业职工基本养老保险), computed exactly — to the fen — from
versioned, cited rule sets, by the same Rust engine as the CLI and the
browser package.

>>> from pension_rules import Engine
>>> engine = Engine("cn/shaanxi")          # load, validate, hash once
>>> engine.retirement(birth="1965-01", category="male").retirement_month
'2025-02'

Amounts are :class:`decimal.Decimal` in and out (``str`` and ``int`` are
accepted; a ``float`` is refused). Every result carries its explanation
(``.trace``) with the legal source of each rule value used.
"""

from ._engine import Engine, Overlay
from typing import TYPE_CHECKING, Any, Dict, Iterable, Optional

if TYPE_CHECKING:
    from decimal import Decimal

from ._population import Simulation, Stream
from ._scaleout import partition_meta, persons_schema, simulate_batches, simulate_partition, simulate_table


def simulate(
    population: Any,
    reforms: Iterable[Overlay] = (),
    *,
    ruleset: str = "cn/shaanxi",
    rules_dir: Optional[str] = None,
    **options: Any,
) -> Simulation:
    """Run a population DataFrame under ``ruleset`` (the baseline) and each
    reform overlay; returns a :class:`Simulation` of DataFrames
    (``persons``, ``summary``, ``flows``). See :meth:`Engine.simulate` and
    docs/population.md."""
    from ._scaleout import _engine

    engine = _engine(ruleset, None if rules_dir is None else str(rules_dir))  # loaded once
    result: Simulation = engine.simulate(population, reforms, **options)
    return result


def standard_assumptions() -> "Dict[str, Decimal]":
    """The standard projection assumptions: the one default every front end
    offers (``simulate``, the CLI, the JS package and the estimator page) —
    yearly average-wage growth, pension-base (计发基数) growth and the
    记账利率 for years without one, as exact decimals. They are assumptions,
    not law; pass others where a computation takes ``assumptions``.

    >>> standard_assumptions()["average_wage_growth"]
    Decimal('0.04')
    """
    from decimal import Decimal

    from . import _native

    return {k: Decimal(v) for k, v in _native.standard_assumptions().items() if isinstance(v, str)}


def simulate_stream(
    source: Any,
    reforms: Iterable[Overlay] = (),
    *,
    ruleset: str = "cn/shaanxi",
    rules_dir: Optional[str] = None,
    **options: Any,
) -> Stream:
    """A population too large for memory (an Arrow stream or an iterable
    of batches) under ``ruleset`` and each reform, batch by batch: a
    :class:`Stream` of the persons' record batches, then the exact summary
    and flows. See :meth:`Engine.simulate_stream` and docs/population.md."""
    from ._scaleout import _engine

    return _engine(ruleset, rules_dir).simulate_stream(source, reforms, **options)


def synthetic_population(
    n: int, seed: int = 1, *, ruleset: str = "cn/shaanxi", frame: str = "pandas", arrow: Optional[bool] = None
) -> Any:
    """``n`` synthetic Shaanxi-like persons (docs/population.md) as a
    DataFrame (``frame``: ``pandas``, ``polars`` or ``arrow``)."""
    from ._scaleout import _engine

    return _engine(ruleset, None).synthetic_population(n, seed, frame=frame, arrow=arrow)

from ._native import __version__
from . import _generated
from ._types import Record
from ._generated import *  # noqa: F401,F403  (result and input types, generated from docs/schema)
from .errors import (
    Diagnostic,
    InputError,
    LoadError,
    NotApplicableError,
    PensionRulesError,
    RulesError,
)

__all__ = [
    "Engine",
    "Overlay",
    "Simulation",
    "simulate",
    "simulate_stream",
    "Stream",
    "synthetic_population",
    "standard_assumptions",
    "simulate_partition",
    "partition_meta",
    "simulate_table",
    "simulate_batches",
    "persons_schema",
    "__version__",
    "PensionRulesError",
    "InputError",
    "RulesError",
    "LoadError",
    "NotApplicableError",
    "Diagnostic",
]
__all__ += ["Record"] + _generated.__all__
