// The package's TypeScript types are generated from docs/schema
// (bindings/wasm/gen-types.mjs → src/generated/types.d.ts, included in the
// .d.ts by src/types.rs); this fails when regenerating would change the
// committed file, or when the built package does not carry it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const wasm = fileURLToPath(new URL("../", import.meta.url));
const committed = join(wasm, "src/generated/types.d.ts");

test("src/generated/types.d.ts is what gen-types.mjs generates from docs/schema", () => {
  const dir = mkdtempSync(join(tmpdir(), "pension-rules-types-"));
  try {
    const out = join(dir, "types.d.ts");
    const run = spawnSync(process.execPath, [join(wasm, "gen-types.mjs"), out], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(
      readFileSync(out, "utf8") === readFileSync(committed, "utf8"),
      "bindings/wasm/src/generated/types.d.ts is stale: run `node bindings/wasm/gen-types.mjs` and commit it",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the built package's .d.ts carries the generated declarations", () => {
  // wasm-bindgen re-indents a custom section: compare modulo whitespace.
  const squeeze = (s) => s.replace(/\s+/g, " ").trim();
  const generated = squeeze(readFileSync(committed, "utf8"));
  for (const pkg of ["pkg-node", "pkg-web"]) {
    const dts = squeeze(readFileSync(join(wasm, pkg, "pension_rules_wasm.d.ts"), "utf8"));
    assert.ok(dts.includes(generated), `${pkg} was built from another types.d.ts: rebuild (bindings/wasm/build.sh)`);
  }
});

test("Engine.kinds() are the kinds docs/schema has an input and a result schema of (type Kind)", () => {
  const { Engine } = createRequire(import.meta.url)("../pkg-node/pension_rules_wasm.js");
  const m = readFileSync(committed, "utf8").match(/export type Kind =([^;]*);/);
  assert.ok(m, "Kind is declared");
  const declared = [...m[1].matchAll(/"([a-z_]+)"/g)].map((x) => x[1]);
  assert.deepEqual([...Engine.kinds()].sort(), declared.sort());
});

test("the generator refuses one name defined differently by two schema files", async () => {
  const { generate } = await import("../gen-types.mjs");
  const { cpSync, writeFileSync } = await import("node:fs");
  const dir = mkdtempSync(join(tmpdir(), "pension-rules-schema-"));
  try {
    cpSync(fileURLToPath(new URL("../../../docs/schema", import.meta.url)), dir, { recursive: true });
    const f = join(dir, "survivor.output.json");
    const s = JSON.parse(readFileSync(f, "utf8"));
    s.$defs.Trace.description = "Another Trace.";
    writeFileSync(f, JSON.stringify(s));
    await assert.rejects(generate(dir), /Trace: docs\/schema\/\S+ ≠ docs\/schema\/survivor\.output\.json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
