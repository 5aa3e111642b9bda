// Fails on purpose: test-consumers.mjs runs it alone and checks that AVA reports each failed assertion
// from inside a bubble, AVA's own with AVA's diff and node:assert's as the AssertionError with its diff,
// and exits with status 1.
import assert from "node:assert/strict";
import test from "ava";
import * as synctest from "gort/synctest";

test(
  "reports t.deepEqual failing in a bubble",
  synctest.bubble(async (t) => {
    await new Promise((r) => setTimeout(r, 1000));
    t.deepEqual({ elapsed: Date.now() % 1, status: "late" }, { elapsed: 0, status: "on time" });
  }),
);

test(
  "reports node:assert failing in a bubble",
  synctest.bubble(async () => {
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(`${Date.now() % 1} ms late`, "on time");
  }),
);
