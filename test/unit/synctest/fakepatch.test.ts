// fakepatch.ts: the record of what the bubble's fakes replaced. verifyPatches fails when one (target,
// name) is recorded twice (restoring newest first would then leave the first wrapper in place), and
// restorePatches brings back each original, but not over a wrapper someone else installed meanwhile.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  beginPatches,
  patch,
  restorePatches,
  verifyPatches,
} from "../../../src/internal/runtime/fakepatch.ts";

test("verifyPatches accepts distinct patches and fails on a name patched twice", () => {
  const target: Record<string, unknown> = { f: () => "host", g: () => "host" };
  const orig = target.f;
  beginPatches();
  try {
    patch(target, "f", () => "fake");
    patch(target, "g", () => "fake");
    verifyPatches();
    patch(target, "f", () => "fake again");
    assert.throws(() => verifyPatches(), /f patched twice/);
  } finally {
    restorePatches();
  }
  assert.equal(target.f, orig);
});

test("restorePatches keeps a wrapper someone else installed over ours", () => {
  const target: Record<string, unknown> = { now: () => 1 };
  beginPatches();
  patch(target, "now", () => 2);
  const theirs = () => 3;
  target.now = theirs; // e.g. sinon, installed while the bubble ran
  restorePatches();
  assert.equal(target.now, theirs);
});
