// Deliberately failing in three of its tests: runners.test.ts checks that under node:test's describe-level
// concurrency every bubble sees exact virtual times of its own, that a deadlock, an assertion and the
// runner's timeout fail only their own tests, and that a real-clock test alongside sees real time.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, describe, test as nodeTest } from "node:test";
import { chan, go, time } from "gort";
import { test } from "gort/testing/node";
import { mostInFlight, realTicks, waits } from "../concurrent-bodies.ts";

after(() => console.log(`bubbles in flight at most: ${mostInFlight()}`));

describe("twenty bubbles, eight at a time", { concurrency: 8 }, () => {
  for (let i = 0; i < 20; i++) {
    const ms = (i + 1) * 1000;
    test(`bubble ${i} waits ${ms} virtual ms`, async () => {
      assert.deepEqual(await waits(i), [ms + i + 1, ms + i + 1]);
    });
  }

  test("a forgotten sender deadlocks", async () => {
    const orphans = chan<number>(0, "orphans");
    go(async () => {
      await orphans.send(1);
    });
    await time.sleep(time.Second);
  });

  test("an assertion fails after a virtual second", async () => {
    await time.sleep(time.Second);
    assert.deepEqual({ attempts: [1, 2] }, { attempts: [1, 3] });
  });

  nodeTest("a real-clock test alongside sees real time", async () => {
    const [d0, took] = await realTicks();
    assert.ok(d0 > Date.UTC(2024, 0, 1), `Date.now() is real: ${d0}`);
    assert.ok(took >= 95, `5 real intervals of 20 ms took ${took} ms`);
  });
});

describe("the runner's timeout stops one bubble; the others run on", { concurrency: 4 }, () => {
  let aborted = false;
  test("held by a promise nothing settles, it times out", { timeout: 300 }, async (t) => {
    t.signal.addEventListener("abort", () => {
      aborted = true;
    });
    await time.sleep(time.Second);
    await new Promise(() => {}); // holds the bubble's time; its stallTimeout (2 s) comes after the 300 ms
  });
  for (let i = 0; i < 3; i++)
    test(`bubble ${i} alongside it, on host I/O and virtual sleeps, keeps its own clock`, async () => {
      const start = Date.now();
      let n = 0;
      // Until the other test's timeout, and 5 rounds more after it.
      for (let after = 0; after < 5; after += aborted ? 1 : 0, n++) {
        await readFile(new URL(import.meta.url));
        await time.sleep(time.Second);
      }
      assert.equal(Date.now() - start, n * 1000);
    });
});
