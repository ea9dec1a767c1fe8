// Pinning a rule set to its approved content hash from JS
// (`new Engine(ruleset, { pin })`): the same hash loads, another one throws
// a LoadError with code "hash_mismatch" (docs/errors.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { Engine } = require("../pkg-node/pension_rules_wasm.js");

const root = fileURLToPath(new URL("../../../", import.meta.url));
const approved = (id) => new Engine(id).rulesHash().hash;

test("the approved hash loads, bare or prefixed", () => {
  const h = approved("cn/shaanxi");
  for (const pin of [h, `sha256:${h}`]) {
    const e = new Engine("cn/shaanxi", { pin });
    assert.equal(e.rulesHash().hash, h);
    assert.equal(e.retirement({ birth: "1976-02", category: "male" }).trace.rules.hash, h);
  }
});

test("another hash throws LoadError with code hash_mismatch", () => {
  const wrong = approved("cn/national");
  assert.throws(
    () => new Engine("cn/shaanxi", { pin: wrong }),
    (e) =>
      e instanceof Error &&
      e.name === "LoadError" &&
      e.code === "hash_mismatch" &&
      e.message.includes(wrong) &&
      e.message.includes(approved("cn/shaanxi")) &&
      e.details.diagnostics[0].code === "hash_mismatch",
  );
  // A malformed pin is an input error, not a mismatch (issue 16).
  assert.throws(
    () => new Engine("cn/shaanxi", { pin: "not-a-hash" }),
    (e) => e.code === "invalid_input" && e.details.fields[0].path === "pin.cn/shaanxi",
  );
  // The short hash outputs print pins too.
  const h = approved("cn/shaanxi");
  assert.equal(new Engine("cn/shaanxi", { pin: h.slice(0, 12) }).rulesHash().hash, h);
});

test("pins by id hold for every set the engine loads", () => {
  const ok = { "cn/shaanxi": approved("cn/shaanxi"), "cn/national": approved("cn/national") };
  assert.equal(new Engine("cn/shaanxi", { pin: ok }).identity.id, "cn/shaanxi");
  const bad = new Engine("cn/shaanxi", { pin: { "cn/national": "0".repeat(64) } });
  assert.throws(
    () =>
      bad.transfer({
        hukou_region: "610000", birth: "1980-05", category: "male", retirement_month: "2040-05",
        history: [{ from: "2010-01", to: "2019-12", base: "6000", region: "440300" }],
      }),
    (e) => e.name === "LoadError" && e.code === "hash_mismatch" && e.message.includes("cn/national"),
  );
});

test("a pin that is neither a hash nor {id: hash} is an InputError", () => {
  assert.throws(
    () => new Engine("cn/shaanxi", { pin: 42 }),
    (e) => e.name === "InputError" && e.code === "invalid_input" && e.details.fields[0].path === "options.pin",
  );
});

test("a set of `files` cannot replace a shipped set silently (issue 16)", () => {
  const dir = `${root}rules/cn/shaanxi/`;
  const files = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".toml"))) {
    let text = readFileSync(dir + name, "utf8");
    if (name === "award.toml") text = text.replace('value = "0.014"', 'value = "0.013"');
    files[`cn/shaanxi/${name}`] = text;
  }
  assert.throws(
    () => new Engine("cn/shaanxi", { files }),
    (e) => e.name === "LoadError" && e.code === "ruleset_conflict" && e.message.includes("allowOverride"),
  );
  const shipped = new Engine("cn/shaanxi").rulesHash();
  assert.equal(shipped.origin, "embedded");
  const id = new Engine("cn/shaanxi", { files, allowOverride: true }).rulesHash();
  assert.equal(id.origin, "cn/shaanxi");
  assert.equal(id.overrides, `cn/shaanxi ${shipped.version} sha256:${shipped.hash}`);
  assert.notEqual(id.hash, shipped.hash);
});
