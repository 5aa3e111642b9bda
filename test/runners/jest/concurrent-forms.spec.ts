// Run by test/unit/synctest/runners.test.ts: the helper's test.concurrent forms (plain, .each, .skip), each
// test in a bubble of its own, run side by side by the runner; every bubble sees exact virtual times.
import { afterAll, expect } from "@jest/globals";
import { test } from "gort/testing/jest";
import { mostInFlight, waits } from "../concurrent-bodies.ts";

afterAll(() => console.log(`bubbles in flight at most: ${mostInFlight()}`));

const exact = async (i: number) => {
  const ms = (i + 1) * 1000;
  expect(await waits(i)).toEqual([ms + i + 1, ms + i + 1]);
};

test.concurrent.each([[0], [1], [2], [3]])("concurrent.each: bubble %i waits exactly", (i) => exact(i));

test.concurrent("concurrent: bubble 4 waits exactly", () => exact(4));

test.concurrent
  .skip("concurrent.skip: never runs", () => {
    throw new Error("a skipped test ran");
  });
