#!/usr/bin/env bash
# Rust `pension-rules simulate` vs a plain-Python `decimal` implementation of the
# same award (benches/python/baseline.py) and a numpy (float64) one
# (benches/python/numpy_award.py), on the same synthetic population, in one
# run: generates the population, times each (median of RUNS runs), checks that
# the project equals its own single-case path (`simulate --single-path`) and
# the decimal implementation to the fen, counts the persons numpy's floats
# get right, prints persons/s and the ratios.
#
#   bash benches/compare.sh [N=20000] [SEED=7]      (RUNS=3 by default)
#
# DECIMAL=0 leaves the decimal implementation out (≈ 365 persons/s: 45 min a
# run for 1 M persons); the project is then checked against its single-case
# path and numpy's floats counted against the project.
#
# PYTHON: an interpreter with numpy (default: the test venv's, else python3;
# without numpy that column is skipped). OpenFisca has no model of this award
# here, so it is not compared.
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

PYTHON=${PYTHON:-$( [ -x .venv-test/bin/python ] && echo .venv-test/bin/python || echo python3)}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }

: >"$DIR/rust_wall"; : >"$DIR/rust_compute"; : >"$DIR/py_wall"; : >"$DIR/py_compute"
: >"$DIR/np_wall"; : >"$DIR/np_compute"
for _ in $(seq "$RUNS"); do
  t0=$(now)
  "$BIN" simulate "$DIR/pop.csv" --out "$DIR/rust.csv" >/dev/null 2>"$DIR/rust.err"
  t1=$(now)
  calc "$t1 - $t0" >>"$DIR/rust_wall"
  # Computation only: the same run without writing per-person rows.
  "$BIN" simulate "$DIR/pop.csv" >/dev/null 2>"$DIR/rust.err"
  sed -n 's/.* in \([0-9.]*\) s .*/\1/p' "$DIR/rust.err" >>"$DIR/rust_compute"
done
DECIMAL=${DECIMAL:-1}
for _ in $(seq "$([ "$DECIMAL" = 0 ] && echo 0 || echo "$RUNS")"); do
  t0=$(now)
  python3 benches/python/baseline.py "$DIR/pop.csv" --out "$DIR/py.csv" 2>"$DIR/py.err"
  t1=$(now)
  calc "$t1 - $t0" >>"$DIR/py_wall"
  sed -n 's/.* in \([0-9.]*\) s .*/\1/p' "$DIR/py.err" >>"$DIR/py_compute"
done

has_numpy=0
"$PYTHON" -c "import numpy" 2>/dev/null && has_numpy=1
if [ "$has_numpy" = 1 ]; then
  for _ in $(seq "$RUNS"); do
    t0=$(now)
    "$PYTHON" benches/python/numpy_award.py "$DIR/pop.csv" --out "$DIR/np.csv" 2>"$DIR/np.err"
    t1=$(now)
    calc "$t1 - $t0" >>"$DIR/np_wall"
    sed -n 's/.* in \([0-9.]*\) s .*/\1/p' "$DIR/np.err" >>"$DIR/np_compute"
  done
fi

"$BIN" simulate "$DIR/pop.csv" --single-path --out "$DIR/single.csv" >/dev/null 2>&1
if cmp -s "$DIR/rust.csv" "$DIR/single.csv"; then
  echo "project == its single-case path: every output column of every person identical"
else
  echo "project != its single-case path:"
  python3 benches/python/compare_totals.py "$DIR/single.csv" "$DIR/rust.csv" || true
fi
if [ "$DECIMAL" != 0 ]; then
  printf 'decimal baseline: '
  python3 benches/python/compare_totals.py "$DIR/rust.csv" "$DIR/py.csv"
fi
if [ "$has_numpy" = 1 ]; then
  printf 'numpy float64: '
  python3 benches/python/compare_totals.py "$DIR/rust.csv" "$DIR/np.csv" 2>/dev/null || true
fi

rw=$(median <"$DIR/rust_wall"); rc=$(median <"$DIR/rust_compute")
printf '%-34s %12s %14s\n' "" "median s" "persons/s"
printf '%-34s %12.3f %14.0f\n' "Rust CLI, end to end (CSV in/out)" "$rw" "$(calc "$N / $rw")"
printf '%-34s %12.3f %14.0f\n' "Rust simulate(), computation" "$rc" "$(calc "$N / $rc")"
if [ "$DECIMAL" != 0 ]; then
  pw=$(median <"$DIR/py_wall"); pc=$(median <"$DIR/py_compute")
  printf '%-34s %12.3f %14.0f\n' "Python, end to end (CSV in/out)" "$pw" "$(calc "$N / $pw")"
  printf '%-34s %12.3f %14.0f\n' "Python decimal, computation" "$pc" "$(calc "$N / $pc")"
  printf 'ratio end to end: %.0f×   ratio computation: %.0f×   (%s persons, seed %s, %s runs each)\n' \
    "$(calc "$pw / $rw")" "$(calc "$pc / $rc")" "$N" "$SEED" "$RUNS"
fi
if [ "$has_numpy" = 1 ]; then
  nw=$(median <"$DIR/np_wall"); nc=$(median <"$DIR/np_compute")
  printf '%-34s %12.3f %14.0f\n' "numpy, end to end (CSV in/out)" "$nw" "$(calc "$N / $nw")"
  printf '%-34s %12.3f %14.0f\n' "numpy float64, computation" "$nc" "$(calc "$N / $nc")"
  printf 'ratio to numpy: end to end %.1f×   computation %.1f×\n' "$(calc "$nw / $rw")" "$(calc "$nc / $rc")"
fi
