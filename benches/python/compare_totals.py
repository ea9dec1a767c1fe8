#!/usr/bin/env python3
"""Compare the baseline rows of `pension-rules simulate --out` with
benches/python/baseline.py's output, person by person, to the fen."""

import csv
import sys
from decimal import Decimal


def main(rust_csv, python_csv):
    rust = {}
    with open(rust_csv, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["scenario"] == "baseline":
                rust[r["id"]] = r
    fields = ["basic_pension", "account_pension", "transitional_pension", "total"]
    n, bad, worst = 0, 0, Decimal(0)
    with open(python_csv, newline="", encoding="utf-8") as f:
        for p in csv.DictReader(f):
            n += 1
            r = rust.get(p["id"])
            if r is None or r["status"] != p["status"] or (
                p["status"] == "ok" and any(r[k] != p[k] for k in fields)
            ):
                bad += 1
                if r is not None and r["status"] == p["status"] == "ok":
                    worst = max(worst, *(abs(Decimal(r[k]) - Decimal(p[k])) for k in fields))
                if bad <= 5:
                    print(f"differs: {p['id']}: rust {r and {k: r[k] for k in ['status'] + fields}} python {p}", file=sys.stderr)
    if n != len(rust):
        print(f"row counts differ: rust {len(rust)}, python {n}", file=sys.stderr)
        return 1
    most = f" (by at most {worst} yuan)" if bad else ""
    print(f"{n} persons compared: {n - bad} identical to the fen, {bad} differ{most}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
