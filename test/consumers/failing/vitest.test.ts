// Fails on purpose: test-consumers.mjs copies it into the vitest projects as failing/fails.test.ts, runs it
// alone and checks that Vitest reports the assertion that failed in the bubble with Vitest's diff, and
// exits with status 1.
import { test } from "gort/testing/vitest";
import { expect } from "vitest";

test("reports a failed assertion from inside a bubble", async () => {
  await new Promise((r) => setTimeout(r, 1000));
  expect({ elapsed: Date.now() % 1, status: "late" }).toEqual({ elapsed: 0, status: "on time" });
});
