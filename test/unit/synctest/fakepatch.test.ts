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

test("a wrapper left behind under someone else's is replaced by its original when they assign it back", () => {
  const host = () => 1;
  const target: Record<string, unknown> = { now: host };
  beginPatches();
  const ours = () => 2;
  patch(target, "now", ours);
  const theirs = () => 3;
  const saved = target.now; // e.g. sinon installed in the bubble keeps what it found: ours
  target.now = theirs;
  restorePatches(); // the bubble ends with theirs in place
  assert.equal(target.now, theirs, "theirs stays while installed");
  const other = () => 4; // another library over theirs, and off again
  target.now = other;
  assert.equal(target.now, other);
  target.now = theirs;
  target.now = saved; // their uninstall puts ours back: the original returns instead
  assert.equal(target.now, host);
  assert.equal(Object.getOwnPropertyDescriptor(target, "now")?.writable, true, "a plain property again");
  verifyPatches();
});

test("a wrapper put back by defining the property is replaced by its original when the next round begins; rounds do not nest", () => {
  const host = () => 1;
  const target: Record<string, unknown> = { now: host };
  beginPatches();
  const ours1 = () => 2;
  patch(target, "now", ours1);
  const d1 = Object.getOwnPropertyDescriptor(target, "now") as PropertyDescriptor;
  const theirs1 = () => 3;
  target.now = theirs1;
  restorePatches();
  // Round 2 wraps theirs1; theirs2 replaces ours2 and stays past the end.
  beginPatches();
  assert.equal(target.now, theirs1);
  const ours2 = () => 5;
  patch(target, "now", ours2);
  const d2 = Object.getOwnPropertyDescriptor(target, "now") as PropertyDescriptor;
  target.now = () => 6;
  restorePatches();
  // theirs2 is uninstalled by defining ours2 back (as sinon does perf_hooks' performance.now): the
  // accessor is bypassed, so ours2 stays until the next round begins, which puts theirs1 back.
  Object.defineProperty(target, "now", d2);
  assert.equal(target.now, ours2);
  beginPatches();
  assert.equal(target.now, theirs1);
  restorePatches();
  // theirs1 uninstalled the same way: ours1, then the host's at the next round.
  Object.defineProperty(target, "now", d1);
  beginPatches();
  assert.equal(target.now, host);
  verifyPatches();
  restorePatches();
  assert.equal(target.now, host);
});
