// selfurl.ts u1: a module's own URL, also in a CommonJS bundle where import.meta.url is undefined.
import assert from "node:assert/strict";
import { test } from "node:test";
import { selfUrl } from "../../src/internal/selfurl.ts";

test("u1: import.meta.url passes through; undefined or empty gives an absolute file: URL", () => {
  assert.equal(selfUrl(import.meta.url), import.meta.url);
  for (const missing of [undefined, ""]) {
    const u = new URL(selfUrl(missing));
    assert.equal(u.protocol, "file:");
    assert.ok(u.pathname.startsWith("/"));
    assert.doesNotThrow(() => new URL("./", u)); // what the modules do with it at load
  }
});
