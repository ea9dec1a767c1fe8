"""DataFrames in and out of batches (pandas or Polars), as plain columns.

Columns go to the engine as lists of Python values (missing values as
``None``); results come back as lists and are built into a frame of the
same library as the input.
"""

from __future__ import annotations

import datetime
import math
from decimal import Decimal
from typing import Any, Dict, List, Tuple


def _flavor(frame: Any) -> str:
    """``pandas``, ``polars``, or ``arrow`` for any other Arrow producer (a
    pyarrow Table or RecordBatch, an arro3 or DuckDB result: anything with
    ``__arrow_c_stream__`` or ``__arrow_c_array__``)."""
    root = type(frame).__module__.split(".")[0]
    if root in ("pandas", "polars"):
        return root
    if hasattr(frame, "__arrow_c_stream__") or hasattr(frame, "__arrow_c_array__"):
        return "arrow"
    raise TypeError(
        f"expected a pandas or Polars DataFrame or an Arrow table, got {type(frame).__name__}")


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


def arrow_table(columns: Dict[str, List[Any]], pa: Any) -> Any:
    """Columns of Python values as a pyarrow Table typed as the per-person
    outputs are: amounts ``decimal128(18, s)`` (38 digits where a value
    needs more), integers ``int64``, text, booleans; a missing value null."""
    arrays = []
    for values in columns.values():
        present = [v for v in values if v is not None]
        if present and all(isinstance(v, Decimal) for v in present):
            scale = max(0, *(-int(v.as_tuple().exponent) for v in present))
            try:
                arrays.append(pa.array(values, type=pa.decimal128(18, scale)))
            except (pa.ArrowInvalid, OverflowError):
                try:
                    arrays.append(pa.array(values, type=pa.decimal128(38, scale)))
                except (pa.ArrowInvalid, OverflowError):
                    arrays.append(pa.array([None if v is None else str(v) for v in values],
                                           type=pa.large_string()))
        elif present and all(isinstance(v, bool) for v in present):
            arrays.append(pa.array(values, type=pa.bool_()))
        elif present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
            arrays.append(pa.array(values, type=pa.int64()))
        elif present and all(isinstance(v, str) for v in present):
            arrays.append(pa.array(values, type=pa.large_string()))
        else:
            arrays.append(pa.array(values))
    return pa.Table.from_arrays(arrays, names=list(columns))


def from_columns(columns: Dict[str, List[Any]], like: Any) -> Any:
    """A frame of ``like``'s library (pandas: with ``like``'s index), typed
    by :func:`arrow_table` where pyarrow is installed."""
    try:
        import pyarrow as pa
    except ImportError:
        pa = None
    if _flavor(like) == "polars":
        import polars as pl

        if pa is not None:
            return pl.from_arrow(arrow_table(columns, pa))
        return pl.DataFrame(columns, strict=False)
    import pandas as pd

    if pa is not None:
        frame = arrow_table(columns, pa).to_pandas(types_mapper=pd.ArrowDtype)
        frame.index = like.index
        return frame
    return pd.DataFrame(columns, index=like.index)
