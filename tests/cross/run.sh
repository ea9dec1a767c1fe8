#!/usr/bin/env bash
# Cross-front-end conformance: every vector file under tests/vectors runs
# through Rust (the CLI's `check --json`), Python (`Engine.check`) and
# WASM/Node (`engine.check`); the three must report the same outcome and
# IDENTICAL text for every actual field of every case.
#
# Needs: the Python package installed in the active Python (or PYTHON=...),
# and bindings/wasm/pkg-node built (bindings/wasm/build.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
files=(tests/vectors/*.json)

# The CLI exits 1 when a kind is not implemented yet or a case fails;
# the comparison below decides.
cargo run -q -p pension-rules-cli -- check --json --allow-unsupported "${files[@]}" >"$out/rust.json" || true
"$PYTHON" tests/cross/check_python.py "${files[@]}" >"$out/python.json"
node tests/cross/check_node.mjs "${files[@]}" >"$out/wasm.json"
"$PYTHON" tests/cross/compare.py "$out/rust.json" "$out/python.json" "$out/wasm.json"
