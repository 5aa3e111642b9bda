// Fails on purpose: test-consumers.mjs runs it alone and checks that Mocha reports the bubble's
// AssertionError itself, with Mocha's diff, and exits with status 1.
import assert from "node:assert/strict";
import * as synctest from "gort/synctest";

it(
  "reports a failed assertion from inside a bubble",
  synctest.bubble(async () => {
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual({ elapsed: Date.now() % 1, status: "late" }, { elapsed: 0, status: "on time" });
  }),
);
