// Every error the Rust library can return (one example per variant and
// diagnostic code, enumerated from its types) is thrown as a JS Error with a
// `name` of the `ErrorClass` type and a `code` of the `ErrorCode` type in the
// .d.ts (both generated from docs/schema/error.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { errorExamples } = require("../pkg-node/pension_rules_wasm.js");
const dts = readFileSync(fileURLToPath(new URL("../pkg-node/pension_rules_wasm.d.ts", import.meta.url)), "utf8");
const errors = readFileSync(fileURLToPath(new URL("../../../docs/errors.md", import.meta.url)), "utf8");

const union = (name) => {
  const m = dts.match(new RegExp(`export type ${name} =([^;]*);`));
  assert.ok(m, `${name} is declared`);
  return new Set([...m[1].matchAll(/"([A-Za-z_]+)"/g)].map((x) => x[1]));
};

test("every code of the library is an ErrorCode with a documented name", () => {
  const codes = union("ErrorCode");
  const names = union("ErrorClass");
  assert.deepEqual([...names].sort(), ["InputError", "LoadError", "NotApplicableError", "RulesError"]);
  const seen = new Set();
  const examples = errorExamples();
  assert.ok(examples.length > 20);
  for (const e of examples) {
    assert.ok(e instanceof Error);
    assert.ok(names.has(e.name), e.name);
    assert.ok(codes.has(e.code), `${e.code} is in the ErrorCode type`);
    assert.ok(errors.includes(`| \`${e.code}\` |`), `${e.code} is in docs/errors.md`);
    assert.ok(e.message.length > 0 && typeof e.details === "object");
    seen.add(e.code);
  }
  assert.deepEqual([...seen].sort(), [...codes].sort(), "the type lists no code the library lacks");
});
