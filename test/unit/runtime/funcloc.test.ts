// funcloc.ts: a function's source location, found only when asked (f1–f3).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { functionLocation } from "../../../src/internal/runtime/funcloc.ts";
import { siteFor } from "../../../src/internal/runtime/traceback.ts";

const here = fileURLToPath(import.meta.url);

test("an anonymous function's location is its own line and column, source-mapped to this file", () => {
  // The arrow below starts at line 12, column 14.
  const f = [() => 1][0];
  assert.equal(functionLocation(f), `${here}:12:14`);
  assert.equal(functionLocation(f), `${here}:12:14`, "cached answer (f3)");
});

test("a function it cannot locate yields '' (f1): a builtin has no script", () => {
  assert.equal(functionLocation(Math.max), "");
});

test("siteFor records an anonymous function itself and captures a stack for a named one", () => {
  const anon = [async () => {}][0];
  function named() {}
  const caller = () => siteFor(named, caller);
  assert.equal(siteFor(anon, siteFor), anon);
  const site = caller();
  assert.notEqual(typeof site, "function");
  assert.match((site as Error).stack ?? "", /funcloc\.test\.ts:\d+:\d+/);
});
