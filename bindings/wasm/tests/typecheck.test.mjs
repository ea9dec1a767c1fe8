// A real type check: `tsc --noEmit --strict` over the built package's
// .d.ts (every type named by lib.rs's `unchecked_*_type` must resolve) and
// tests/typecheck/readme.ts, the README's quick start typed, whose
// `@ts-expect-error` lines must be errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const pkg = join(root, "bindings/wasm/pkg-node");

test("tsc --strict accepts the package's types and the typed README example", () => {
  const dts = readdirSync(pkg)
    .filter((f) => f.endsWith(".d.ts"))
    .map((f) => join(pkg, f));
  assert.ok(dts.length >= 2, "bindings/wasm/pkg-node is built");
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  const args = ["--noEmit", "--strict", "--target", "esnext", "--module", "nodenext", "--types", "",
    ...dts, join(root, "bindings/wasm/tests/typecheck/readme.ts")];
  const run = spawnSync(process.execPath, [tsc, ...args], { cwd: root, encoding: "utf8" });
  assert.equal(run.status, 0, `tsc ${args.join(" ")}\n${run.stdout}${run.stderr}`);
});
