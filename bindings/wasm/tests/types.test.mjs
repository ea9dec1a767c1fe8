// The TypeScript interfaces in the generated .d.ts declare every field the
// engine returns (so the types cannot silently fall behind the core).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { Engine } = require("../pkg-node/pension_rules_wasm.js");
const dts = readFileSync(fileURLToPath(new URL("../pkg-node/pension_rules_wasm.d.ts", import.meta.url)), "utf8");
const root = fileURLToPath(new URL("../../../", import.meta.url));

/** Top-level field names of `export interface Name { … }`. */
function fields(name) {
  const start = dts.indexOf(`export interface ${name} `);
  assert.ok(start >= 0, `interface ${name} is declared`);
  let depth = 0;
  let body = "";
  for (let i = dts.indexOf("{", start); i < dts.length; i++) {
    const ch = dts[i];
    if (ch === "{") depth++;
    if (ch === "}") depth--;
    if (depth === 1 && ch !== "{") body += ch;
    if (depth === 0) break;
  }
  return new Set([...body.matchAll(/^\s*(?:\/\*\*.*\*\/\s*)?([a-z_]+)\??:/gm)].map((m) => m[1]));
}

function assertDeclared(name, obj) {
  const declared = fields(name);
  for (const key of Object.keys(obj)) assert.ok(declared.has(key), `${name}.${key} is declared in the .d.ts`);
}

const cases = (kind) =>
  ["retirement", "survivor"]
    .flatMap((f) => JSON.parse(readFileSync(`${root}tests/vectors/${f}.json`, "utf8")))
    .filter((c) => c.kind === kind && !("error" in c.expect));

test("RetirementResult, ElasticWindow, Eligibility, Trace, Step declare every field", () => {
  const engines = {};
  for (const c of cases("retirement")) {
    const e = (engines[c.ruleset] ??= new Engine(c.ruleset));
    const r = e.retirement(c.input);
    assertDeclared("RetirementResult", r);
    if (r.elastic) assertDeclared("ElasticWindow", r.elastic);
    if (r.eligibility) assertDeclared("Eligibility", r.eligibility);
    assertDeclared("Trace", r.trace);
    for (const s of r.trace.steps) {
      assertDeclared("Step", s);
      for (const p of s.params ?? []) {
        assertDeclared("ParamUse", p);
        assertDeclared("Provenance", p.provenance);
      }
    }
  }
});

test("SurvivorResult declares every field", () => {
  const engines = {};
  for (const c of cases("survivor")) {
    const e = (engines[c.ruleset] ??= new Engine(c.ruleset));
    assertDeclared("SurvivorResult", e.survivor(c.input));
  }
});

test("methods are typed with the interfaces", () => {
  assert.match(dts, /retirement\(input: RetirementInput\): RetirementResult;/);
  assert.match(dts, /survivor\(input: SurvivorInput\): SurvivorResult;/);
  assert.match(dts, /constructor\(ruleset\?: string, options\?: EngineOptions\);/);
});
