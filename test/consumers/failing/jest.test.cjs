// Fails on purpose: test-consumers.mjs copies it into the jest project as failing/fails.test.cjs, runs it
// alone in Jest's default (CommonJS) mode and checks that Jest reports the assertion that failed in the
// bubble with Jest's diff, and exits with status 1.
const { expect } = require("@jest/globals");
const { test } = require("gort/testing/jest");

test("reports a failed assertion from inside a bubble", async () => {
  await new Promise((r) => setTimeout(r, 1000));
  expect({ elapsed: Date.now() % 1, status: "late" }).toEqual({ elapsed: 0, status: "on time" });
});
