// The API reference (TypeDoc, `npm run docs` → docs/api) builds from the TSDoc comments with no warning:
// every public symbol is reachable, no internal type leaks into the public surface, no broken link.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

test("TypeDoc generates the API reference without warnings", () => {
  const r = spawnSync(process.execPath, ["node_modules/typedoc/bin/typedoc", "--emit", "none"], {
    encoding: "utf8",
    timeout: 120_000,
  });
  const out = `${r.stdout}${r.stderr}`;
  assert.equal(r.status, 0, out);
  assert.doesNotMatch(out, /\[warning\]|\[error\]/, out);
});
