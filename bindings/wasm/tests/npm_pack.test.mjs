// The npm package as a registry would receive it: `npm pack` of
// bindings/wasm/pkg (built by bindings/wasm/build.sh), installed from the
// tarball into an empty folder, then imported the ways users do — require
// and import resolve to the Node build through the `exports` map, the web
// build (the `browser` and `import` targets) loads as an ES module — and an
// award computed by each equals the README's figures.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = fileURLToPath(new URL("../pkg", import.meta.url));
const AWARD = `{ category: "male", birth: "1964-06", retirement_month: "2024-06",
  contribution_months: 360, deemed_months: 120, average_index: "0.8", account_balance: "120000" }`;
const FIGURES = "2781.72 863.31 865.42 4510.45";
let work, tarball;

before(() => {
  assert.ok(existsSync(join(pkgDir, "package.json")), "bindings/wasm/pkg is built (bash bindings/wasm/build.sh)");
  work = mkdtempSync(join(tmpdir(), "npm-pack-"));
  const packed = JSON.parse(execFileSync("npm", ["pack", pkgDir, "--pack-destination", work, "--json", "--loglevel=error"], { encoding: "utf8" }));
  tarball = { file: join(work, packed[0].filename), files: packed[0].files.map((f) => f.path), name: packed[0].name };
  const app = join(work, "app");
  execFileSync("mkdir", [app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tarball.file], { cwd: app });
  work = app;
});

after(() => work && rmSync(join(work, ".."), { recursive: true, force: true }));

test("one package named pension-rules with both builds, types, licences and the exports map", () => {
  assert.equal(tarball.name, "pension-rules");
  for (const f of ["package.json", "README.md", "LICENSE-MIT", "LICENSE-APACHE",
    "node/pension_rules_wasm.js", "node/pension_rules_wasm_bg.wasm", "node/pension_rules_wasm.d.ts",
    "web/pension_rules_wasm.js", "web/pension_rules_wasm_bg.wasm", "web/pension_rules_wasm.d.ts", "web/package.json"]) {
    assert.ok(tarball.files.includes(f), `${f} in the tarball: ${tarball.files}`);
  }
  const meta = JSON.parse(readFileSync(join(work, "node_modules/pension-rules/package.json"), "utf8"));
  assert.deepEqual(Object.keys(meta.exports["."]), ["node", "browser", "import", "default"]);
  for (const target of Object.values(meta.exports["."])) {
    for (const file of Object.values(target)) {
      assert.ok(existsSync(join(work, "node_modules/pension-rules", file)), file);
    }
  }
  assert.equal(meta.license, "MIT OR Apache-2.0");
});

test("require() in a CommonJS app computes the README's award", () => {
  const code = `const { Engine } = require("pension-rules");
    const a = new Engine("cn/shaanxi").award(${AWARD});
    console.log(a.basic_pension, a.account_pension, a.transitional_pension, a.total);`;
  const out = execFileSync(process.execPath, ["-e", code], { cwd: work, encoding: "utf8" });
  assert.equal(out.trim(), FIGURES);
});

test("import in an ES module app computes the same award", () => {
  writeFileSync(join(work, "esm.mjs"), `import { Engine } from "pension-rules";
    const a = new Engine("cn/shaanxi").award(${AWARD});
    console.log(a.basic_pension, a.account_pension, a.transitional_pension, a.total);`);
  const out = execFileSync(process.execPath, [join(work, "esm.mjs")], { cwd: work, encoding: "utf8" });
  assert.equal(out.trim(), FIGURES);
});

test("the browser/bundler build (web/) loads as an ES module and computes the same award", () => {
  writeFileSync(join(work, "web.mjs"), `import { readFileSync } from "node:fs";
    import init, { Engine } from "pension-rules/web";
    await init({ module_or_path: readFileSync(new URL(import.meta.resolve("pension-rules/web/pension_rules_wasm_bg.wasm"))) });
    const a = new Engine("cn/shaanxi").award(${AWARD});
    console.log(a.basic_pension, a.account_pension, a.transitional_pension, a.total);`);
  const out = execFileSync(process.execPath, [join(work, "web.mjs")], { cwd: work, encoding: "utf8" });
  assert.equal(out.trim(), FIGURES);
});
