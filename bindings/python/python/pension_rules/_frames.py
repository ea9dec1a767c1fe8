"""DataFrames in and out of batches (pandas or Polars), as plain columns.

Columns go to the engine as lists of Python values (missing values as
``None``); results come back as lists and are built into a frame of the
same library as the input.
"""

from __future__ import annotations

import datetime
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


def month_text(v: Any) -> Any:
    """A month cell as the engine reads it: a ``datetime.date`` (or
    ``datetime``, ``pandas.Timestamp``) or a monthly ``pandas.Period`` as
    ``"YYYY-MM"`` (the month the date falls in); anything else as it is."""
    if isinstance(v, (datetime.date, datetime.datetime)):
        return f"{v.year:04d}-{v.month:02d}"
    if type(v).__name__ == "Period" and hasattr(v, "start_time"):
        start = v.start_time
        return f"{start.year:04d}-{start.month:02d}"
    return v


def to_columns(frame: Any) -> Tuple[Dict[str, List[Any]], int]:
    """The frame's columns as lists (``None`` for missing; dates and periods
    as months ``"YYYY-MM"``) and its length."""
    if _flavor(frame) == "polars":
        columns = frame.to_dict(as_series=False)
        return {k: [month_text(v) for v in col] for k, col in columns.items()}, frame.height
    columns = {
        str(name): [None if _missing(v) else month_text(v) for v in frame[name].tolist()]
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
