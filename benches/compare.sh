#!/usr/bin/env bash
# Rust `pension-rules simulate` vs a plain-Python `decimal` implementation of the
# same award (benches/python/baseline.py), on the same synthetic population, in
# one run: generates the population, times both (median of RUNS runs each),
# checks that every person's award is identical to the fen, prints persons/s
# and the ratio.
#
#   bash benches/compare.sh [N=20000] [SEED=7]      (RUNS=3 by default)
set -euo pipefail
N=${1:-20000}
SEED=${2:-7}
RUNS=${RUNS:-3}
cd "$(dirname "$0")/.."
# The fastest code (fat LTO, docs: benches/README.md "Build profiles"); PROFILE=release to compare.
PROFILE=${PROFILE:-dist}
cargo build -q --profile "$PROFILE" -p pension-rules-cli
BIN=${CARGO_TARGET_DIR:-target}/$PROFILE/pension-rules
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

"$BIN" simulate --synthetic "$N" --seed "$SEED" --export-population "$DIR/pop.csv" >/dev/null 2>&1

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }

: >"$DIR/rust_wall"; : >"$DIR/rust_compute"; : >"$DIR/py_wall"; : >"$DIR/py_compute"
for _ in $(seq "$RUNS"); do
  t0=$(now)
  "$BIN" simulate "$DIR/pop.csv" --out "$DIR/rust.csv" >/dev/null 2>"$DIR/rust.err"
  t1=$(now)
  calc "$t1 - $t0" >>"$DIR/rust_wall"
  # Computation only: the same run without writing per-person rows.
  "$BIN" simulate "$DIR/pop.csv" >/dev/null 2>"$DIR/rust.err"
  sed -n 's/.* in \([0-9.]*\) s .*/\1/p' "$DIR/rust.err" >>"$DIR/rust_compute"
done
for _ in $(seq "$RUNS"); do
  t0=$(now)
  python3 benches/python/baseline.py "$DIR/pop.csv" --out "$DIR/py.csv" 2>"$DIR/py.err"
  t1=$(now)
  calc "$t1 - $t0" >>"$DIR/py_wall"
  sed -n 's/.* in \([0-9.]*\) s .*/\1/p' "$DIR/py.err" >>"$DIR/py_compute"
done

python3 benches/python/compare_totals.py "$DIR/rust.csv" "$DIR/py.csv"

rw=$(median <"$DIR/rust_wall"); rc=$(median <"$DIR/rust_compute")
pw=$(median <"$DIR/py_wall"); pc=$(median <"$DIR/py_compute")
printf '%-34s %12s %14s\n' "" "median s" "persons/s"
printf '%-34s %12.3f %14.0f\n' "Rust CLI, end to end (CSV in/out)" "$rw" "$(calc "$N / $rw")"
printf '%-34s %12.3f %14.0f\n' "Rust simulate(), computation" "$rc" "$(calc "$N / $rc")"
printf '%-34s %12.3f %14.0f\n' "Python, end to end (CSV in/out)" "$pw" "$(calc "$N / $pw")"
printf '%-34s %12.3f %14.0f\n' "Python decimal, computation" "$pc" "$(calc "$N / $pc")"
printf 'ratio end to end: %.0f×   ratio computation: %.0f×   (%s persons, seed %s, %s runs each)\n' \
  "$(calc "$pw / $rw")" "$(calc "$pc / $rc")" "$N" "$SEED" "$RUNS"
