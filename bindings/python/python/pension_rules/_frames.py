"""DataFrames in and out of batches (pandas or Polars), as plain columns.

Columns go to the engine as lists of Python values (missing values as
``None``); results come back as lists and are built into a frame of the
same library as the input.
"""

from __future__ import annotations

import math
from typing import Any, Dict, List, Tuple


def _flavor(frame: Any) -> str:
    root = type(frame).__module__.split(".")[0]
    if root in ("pandas", "polars"):
        return root
    raise TypeError(f"expected a pandas or Polars DataFrame, got {type(frame).__name__}")


def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    # pandas.NA, pandas.NaT
    return type(v).__name__ in ("NAType", "NaTType")


def to_columns(frame: Any) -> Tuple[Dict[str, List[Any]], int]:
    """The frame's columns as lists (``None`` for missing) and its length."""
    if _flavor(frame) == "polars":
        return frame.to_dict(as_series=False), frame.height
    columns = {
        str(name): [None if _missing(v) else v for v in frame[name].tolist()]
        for name in frame.columns
    }
    return columns, len(frame)


def from_columns(columns: Dict[str, List[Any]], like: Any) -> Any:
    """A frame of ``like``'s library (pandas: with ``like``'s index)."""
    if _flavor(like) == "polars":
        import polars as pl

        return pl.DataFrame(columns, strict=False)
    import pandas as pd

    return pd.DataFrame(columns, index=like.index)
