// Deliberately failing in two of its tests: runners.test.ts checks that with the helper's test.concurrent,
// and in a describe.concurrent, every bubble sees exact virtual times of its own, that a deadlock and an
// assertion fail only their own tests, and that a real-clock test alongside sees real time.
import { chan, go, time } from "gort";
import { test } from "gort/testing/vitest";
import { afterAll, describe, expect, test as vitestTest } from "vitest";
import { mostInFlight, realTicks, waits } from "../concurrent-bodies.ts";

afterAll(() => console.log(`bubbles in flight at most: ${mostInFlight()}`));

const exact = (i: number) => async () => {
  const ms = (i + 1) * 1000;
  expect(await waits(i)).toEqual([ms + i + 1, ms + i + 1]);
};

describe("test.concurrent", () => {
  for (let i = 0; i < 10; i++) test.concurrent(`bubble ${i} waits ${(i + 1) * 1000} virtual ms`, exact(i));

  test.concurrent("a forgotten sender deadlocks", async () => {
    const orphans = chan<number>(0, "orphans");
    go(async () => {
      await orphans.send(1);
    });
    await time.sleep(time.Second);
  });

  test.concurrent("an assertion fails after a virtual second", async () => {
    await time.sleep(time.Second);
    expect({ attempts: [1, 2] }).toEqual({ attempts: [1, 3] });
  });

  vitestTest.concurrent("a real-clock test alongside sees real time", async () => {
    const [d0, took] = await realTicks();
    expect(d0).toBeGreaterThan(Date.UTC(2024, 0, 1));
    expect(took).toBeGreaterThanOrEqual(95);
  });
});

describe.concurrent("describe.concurrent", () => {
  for (let i = 10; i < 20; i++) test(`bubble ${i} waits ${(i + 1) * 1000} virtual ms`, exact(i));
});
