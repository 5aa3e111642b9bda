// Fails on purpose: test-consumers.mjs copies it into the jest project as failing/fails.test.mjs, runs it
// alone in Jest's ESM mode and checks that Jest reports the assertion that failed in the bubble with Jest's
// diff, and exits with status 1.
import { expect } from "@jest/globals";
import { test } from "gort/testing/jest";

test("reports a failed assertion from inside a bubble", async () => {
  await new Promise((r) => setTimeout(r, 1000));
  expect({ elapsed: Date.now() % 1, status: "late" }).toEqual({ elapsed: 0, status: "on time" });
});
