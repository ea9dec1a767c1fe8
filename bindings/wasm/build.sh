#!/usr/bin/env bash
# Builds the npm packages of the WASM binding:
#   bindings/wasm/pkg-node  (wasm-bindgen --target nodejs, CommonJS)
#   bindings/wasm/pkg-web   (wasm-bindgen --target web, ES module)
#   bindings/wasm/pkg       the one npm package `pension-rules`: both of the above
#                           under node/ and web/, an `exports` map choosing
#                           between them (node; browser and bundlers), types
#   examples/web/pkg        the estimator page's engine (the crate without `full`),
#   examples/web/rules      with the baked layers it fetches, one place at a time
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

# The wasm-bindgen outputs: pkg-node (CommonJS, loads the .wasm from disk) and
# pkg-web (ES module, `await init()` fetches the .wasm); build outputs the
# tests use, not packages (no package.json).
for target in nodejs web; do
  out=bindings/wasm/pkg-${target%js}
  rm -rf "$out"
  wasm-bindgen --target "$target" --out-dir "$out" "$wasm"
  optimise "$out/pension_rules_wasm_bg.wasm"
  rm -f "$out/package.json" "$out/.gitignore"
done

# The estimator page (examples/web) gets the web estimator's engine: the
# crate without `full` (no rule set built in, retirement/projection/plan
# only), and the baked layers of every place as static files beside it
# (rules/cn-shaanxi.cbor …) with rules/index.json (each set's id, title,
# region, hash and layers): the page fetches only the chosen place's.
if [ "${1:-}" = --dev ]; then
  cargo build -q --target wasm32-unknown-unknown -p pension-rules-wasm --no-default-features
  est=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/debug/pension_rules_wasm.wasm
else
  CARGO_PROFILE_RELEASE_WASM_STRIP=false \
    cargo build -q --profile release-wasm --target wasm32-unknown-unknown -p pension-rules-wasm --no-default-features
  est=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release-wasm/pension_rules_wasm.wasm
fi
rm -rf examples/web/pkg
wasm-bindgen --target web --out-dir examples/web/pkg "$est"
optimise examples/web/pkg/pension_rules_wasm_bg.wasm
rm -f examples/web/pkg/package.json examples/web/pkg/.gitignore
rm -rf examples/web/rules && mkdir -p examples/web/rules
cp core/baked/*.cbor examples/web/rules/
node -e '
  const { Engine } = require("./bindings/wasm/pkg-node/pension_rules_wasm.js");
  const list = new Engine("cn/national").rulesList().map((s) => s.error ? s :
    { ...s, layers: new Engine(s.id).rulesShow().layers.map((l) => l.id) });
  require("fs").writeFileSync("examples/web/rules/index.json", JSON.stringify(list, null, 1) + "\n");
'

# The one npm package `pension-rules` (bindings/wasm/pkg, `npm pack`-able):
# node/ and web/ side by side, chosen by the `exports` conditions — Node
# (require or import) gets node/, browsers and bundlers web/.
pkg=bindings/wasm/pkg
rm -rf "$pkg" && mkdir -p "$pkg"
cp -r bindings/wasm/pkg-node "$pkg/node"
cp -r bindings/wasm/pkg-web "$pkg/web"
cp bindings/wasm/README.md LICENSE-MIT LICENSE-APACHE "$pkg/"
# web/ holds ES modules: say so to Node and tools that read `type`.
echo '{ "type": "module" }' >"$pkg/web/package.json"
cat >"$pkg/package.json" <<JSON
{
  "name": "pension-rules",
  "version": "$version",
  "description": "China's basic old-age insurance for urban enterprise employees (城镇企业职工基本养老保险), exact to the fen, from cited rule sets (WebAssembly)",
  "license": "MIT OR Apache-2.0",
  "keywords": ["pension", "social-insurance", "china", "养老保险", "wasm"],
  "engines": { "node": ">=18" },
  "files": ["README.md", "LICENSE-MIT", "LICENSE-APACHE", "node/", "web/"],
  "main": "./node/pension_rules_wasm.js",
  "module": "./web/pension_rules_wasm.js",
  "browser": { "./node/pension_rules_wasm.js": "./web/pension_rules_wasm.js" },
  "types": "./node/pension_rules_wasm.d.ts",
  "exports": {
    ".": {
      "node": {
        "types": "./node/pension_rules_wasm.d.ts",
        "default": "./node/pension_rules_wasm.js"
      },
      "browser": {
        "types": "./web/pension_rules_wasm.d.ts",
        "default": "./web/pension_rules_wasm.js"
      },
      "import": {
        "types": "./web/pension_rules_wasm.d.ts",
        "default": "./web/pension_rules_wasm.js"
      },
      "default": {
        "types": "./node/pension_rules_wasm.d.ts",
        "default": "./node/pension_rules_wasm.js"
      }
    },
    "./web": {
      "types": "./web/pension_rules_wasm.d.ts",
      "default": "./web/pension_rules_wasm.js"
    },
    "./web/pension_rules_wasm_bg.wasm": "./web/pension_rules_wasm_bg.wasm",
    "./package.json": "./package.json"
  },
  "sideEffects": ["./node/pension_rules_wasm.js"]
}
JSON

f=bindings/wasm/pkg-web/pension_rules_wasm_bg.wasm
echo "wasm: $(wc -c <"$f") bytes raw, $(gzip -9c "$f" | wc -c) bytes gzip -9 ($f)"
f=examples/web/pkg/pension_rules_wasm_bg.wasm
echo "estimator wasm: $(wc -c <"$f") bytes raw, $(gzip -9c "$f" | wc -c) bytes gzip -9 ($f)"
gz() { gzip -9c "examples/web/rules/$1.cbor" | wc -c; }
echo "estimator rules of cn/shaanxi: $(($(gz cn-national) + $(gz cn-shaanxi))) bytes gzip -9 (cn-national + cn-shaanxi)"
