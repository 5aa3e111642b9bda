// Fails on purpose: test-consumers.mjs runs it alone and checks that node:test reports the bubble's
// AssertionError with its diff, and exits with status 1.
import assert from "node:assert/strict";
import { test } from "gort/testing/node";

test("reports a failed assertion from inside a bubble", async () => {
  await new Promise((r) => setTimeout(r, 1000));
  const got: { elapsed: number; status: string } = { elapsed: Date.now() % 1, status: "late" };
  assert.deepEqual(got, { elapsed: 0, status: "on time" });
});
