// Deliberately failing (an assertion in a bubble): runners.test.ts checks that the runner shows the
// assertion's own diff, not a GoPanicError wrapping it.
import assert from "node:assert/strict";
import { test } from "gort/testing/node";

test("an assertion fails after a virtual second", async () => {
  await new Promise((r) => setTimeout(r, 1000));
  assert.deepEqual({ retries: 3 }, { retries: 4 });
});
