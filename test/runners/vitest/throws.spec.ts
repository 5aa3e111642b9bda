// Deliberately failing (an assertion in a bubble): runners.test.ts checks that the runner shows the
// assertion's own diff, not a GoPanicError wrapping it.

import { test } from "gort/testing/vitest";
import { expect } from "vitest";

test("an assertion fails after a virtual second", async () => {
  await new Promise((r) => setTimeout(r, 1000));
  expect({ retries: 3 }).toEqual({ retries: 4 });
});
