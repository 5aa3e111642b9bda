// selfurl.ts u1: a module's own URL, also in a CommonJS bundle where import.meta.url is undefined; u2: the
// file that runs, also in gort's CommonJS bundle where import.meta.url is a stand-in.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { selfFileUrl, selfUrl } from "../../src/internal/selfurl.ts";

test("u1: import.meta.url passes through; undefined or empty gives an absolute file: URL", () => {
  assert.equal(selfUrl(import.meta.url), import.meta.url);
  for (const missing of [undefined, ""]) {
    const u = new URL(selfUrl(missing));
    assert.equal(u.protocol, "file:");
    assert.ok(u.pathname.startsWith("/"));
    assert.doesNotThrow(() => new URL("./", u)); // what the modules do with it at load
  }
});

test("u2: import.meta.filename's URL when given, over a stand-in import.meta.url; else selfUrl's", () => {
  assert.equal(selfFileUrl(import.meta.filename, import.meta.url), import.meta.url);
  // gort's CommonJS bundle: import.meta.url is a stand-in inside dist/internal/runtime/, the filename real.
  const bundle = "/app/node_modules/gort/dist/cjs/gort.cjs";
  const standIn = "file:///app/node_modules/gort/dist/internal/runtime/gort.cjs";
  assert.equal(selfFileUrl(bundle, standIn), pathToFileURL(bundle).href);
  for (const missing of [undefined, ""]) {
    assert.equal(selfFileUrl(missing, import.meta.url), import.meta.url);
    assert.equal(selfFileUrl(missing, undefined), selfUrl(undefined));
  }
});
