// Fails on purpose: test-consumers.mjs runs it alone and checks that Jest reports the assertion that
// failed in the bubble with Jest's diff and this file's line (through ts-jest's source map), status 1.
import { expect } from "@jest/globals";
import { test } from "gort/testing/jest";

test("reports a failed assertion from inside a bubble", async () => {
  await new Promise((r) => setTimeout(r, 1000));
  const got: { elapsed: number; status: string } = { elapsed: Date.now() % 1, status: "late" };
  expect(got).toEqual({ elapsed: 0, status: "on time" });
});
