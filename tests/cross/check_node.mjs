// Run vector files through the WASM binding (Node package); print the
// reports as the CLI's `check --json` does: [{file, report}].
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const { Engine } = require("../../bindings/wasm/pkg-node/pension_rules_wasm.js");

const engine = new Engine();
const out = process.argv.slice(2).map((file) => ({ file, report: engine.check(readFileSync(file, "utf8")) }));
process.stdout.write(JSON.stringify(out));
