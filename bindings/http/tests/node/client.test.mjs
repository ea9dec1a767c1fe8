// The service through a TypeScript client generated from its own OpenAPI
// document: openapi-typescript turns /openapi.json into generated/api.d.ts,
// `tsc --strict` checks typed.ts against it (its @ts-expect-error lines must
// fail), and openapi-fetch calls the running binary: the award of the
// vector derived-award-1 and a problem response for bad input.
//
// The binary: $PENSION_RULES_BIN, else target/debug/pension-rules.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import createClient from "openapi-fetch";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "../../../..");
const bin = process.env.PENSION_RULES_BIN ?? join(root, "target/debug/pension-rules");
let server;
let baseUrl;

before(async () => {
  server = spawn(bin, ["serve", "--addr", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
  baseUrl = await new Promise((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error(`no address from ${bin}: ${buf}`)), 30000);
    server.stderr.on("data", (d) => {
      buf += d;
      const m = buf.match(/listening on (http:\/\/[0-9.:]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on("exit", (c) => reject(new Error(`${bin} exited ${c}: ${buf}`)));
  });
});

after(() => server?.kill("SIGTERM"));

const vector = JSON.parse(readFileSync(join(root, "tests/vectors/award.json"), "utf8"))[0];

test("a TypeScript client generated from /openapi.json type-checks and computes an award", async () => {
  const doc = await (await fetch(`${baseUrl}/openapi.json`)).json();
  assert.equal(doc.openapi, "3.1.0");
  mkdirSync(join(here, "generated"), { recursive: true });
  writeFileSync(join(here, "generated/api.d.ts"), astToString(await openapiTS(doc)));
  const tsc = join(here, "node_modules/typescript/bin/tsc");
  const args = ["--noEmit", "--strict", "--target", "es2022", "--module", "nodenext",
    "--moduleResolution", "nodenext", "--skipLibCheck", join(here, "typed.ts")];
  const run = spawnSync(process.execPath, [tsc, ...args], { cwd: here, encoding: "utf8" });
  assert.equal(run.status, 0, `tsc ${args.join(" ")}\n${run.stdout}${run.stderr}`);

  const client = createClient({ baseUrl });
  const { data, response } = await client.POST("/v1/award", {
    params: { query: { ruleset: vector.ruleset, explain: true } },
    body: vector.input,
  });
  assert.equal(response.status, 200);
  // The vector's figures, compared as decimals (as the conformance runner does).
  for (const [k, v] of Object.entries(vector.expect)) assert.equal(Number(data[k]), Number(v), k);
  assert.equal(data.total, "4197.20");
  assert.ok(data.trace.steps.length > 0);
});

test("bad input comes back as a typed problem with the code and the field paths", async () => {
  const client = createClient({ baseUrl });
  const { error, response } = await client.POST("/v1/award", {
    params: { query: { ruleset: "cn/shaanxi" } },
    body: { ...vector.input, birth: "1965-13", average_index: 1.5 },
  });
  assert.equal(response.status, 400);
  assert.equal(response.headers.get("content-type"), "application/problem+json");
  assert.equal(error.code, "invalid_input");
  assert.equal(error.status, 400);
  assert.deepEqual(error.fields.map((f) => f.path).sort(), ["average_index", "birth"]);
});
