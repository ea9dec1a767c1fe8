// The README's JavaScript quick start runs as written (from the repository root).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

test("README JavaScript quick start", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const section = readme.split("### JavaScript quick start")[1].split("\n## ")[0];
  const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length > 0);
  for (const code of blocks) {
    const run = spawnSync(process.execPath, ["-e", code], { cwd: root, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /2781\.72 863\.31 865\.42 4510\.45/);
    assert.match(run.stdout, /2038-12 2036-02 2041-12/);
    assert.match(run.stdout, /InputError invalid_input/);
  }
});
