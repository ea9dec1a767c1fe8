#!/usr/bin/env bash
# Builds the npm packages of the WASM binding:
#   bindings/wasm/pkg-node  (wasm-bindgen --target nodejs, CommonJS)
#   bindings/wasm/pkg-web   (wasm-bindgen --target web, ES module; also copied to examples/web/pkg)
# with the size-optimised `release-wasm` profile, then wasm-opt -Oz from npm
# binaryen (Debian's binaryen 108 corrupts wasm-bindgen 0.2.130 output).
# Prints the .wasm size raw and gzipped.
#
#   --dev   a quick debug build without wasm-opt (for working on the binding)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

if [ "${1:-}" = --dev ]; then
  cargo build -q --target wasm32-unknown-unknown -p pension-rules-wasm
  wasm=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/debug/pension_rules_wasm.wasm
  optimise() { :; }
else
  # Keep the target_features section for wasm-bindgen (the profile strips
  # it); wasm-opt --strip-debug removes names afterwards.
  CARGO_PROFILE_RELEASE_WASM_STRIP=false \
    cargo build -q --profile release-wasm --target wasm32-unknown-unknown -p pension-rules-wasm
  wasm=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release-wasm/pension_rules_wasm.wasm
  optimise() {
    wasm-opt -Oz --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-multivalue --enable-mutable-globals --strip-debug --strip-producers \
      "$1" -o "$1"
  }
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)

package_json() { # dir, extra fields
  cat >"$1/package.json" <<JSON
{
  "name": "pension-rules",
  "version": "$version",
  "description": "China's basic old-age insurance for urban enterprise employees, exact to the fen, from cited rule sets (WebAssembly)",
  "license": "MIT OR Apache-2.0",
  "files": ["README.md", "pension_rules_wasm_bg.wasm", "pension_rules_wasm.js", "pension_rules_wasm.d.ts", "pension_rules_wasm_bg.wasm.d.ts"],
  "main": "pension_rules_wasm.js",
  "types": "pension_rules_wasm.d.ts"$2
}
JSON
}

for target in nodejs web; do
  out=bindings/wasm/pkg-${target%js}
  rm -rf "$out"
  wasm-bindgen --target "$target" --out-dir "$out" "$wasm"
  optimise "$out/pension_rules_wasm_bg.wasm"
  cp bindings/wasm/README.md "$out/"
  if [ "$target" = web ]; then
    package_json "$out" ',
  "type": "module",
  "module": "pension_rules_wasm.js",
  "sideEffects": false'
  else
    package_json "$out" ""
  fi
done
rm -rf examples/web/pkg && cp -r bindings/wasm/pkg-web examples/web/pkg

f=bindings/wasm/pkg-web/pension_rules_wasm_bg.wasm
echo "wasm: $(wc -c <"$f") bytes raw, $(gzip -9c "$f" | wc -c) bytes gzip -9 ($f)"
