// piscina (a worker-thread pool), unchanged, in a bubble (third batch; see harness.ts). A task runs in a
// worker on the host's clock; the bubble sees it as I/O in flight (the job posted on the worker's
// MessagePort holds the bubble's time until the answer: docs/design/bubbles.md §2a), so it takes no
// virtual time, as a system call takes none in Go's synctest, and the bubble's timers wait for it.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { Piscina } from "piscina";
import * as synctest from "../../src/synctest.ts";
import { scenario, sleep } from "./harness.ts";

// execArgv: []: the workers run plain JavaScript, without the test runner's TypeScript loaders.
const filename = new URL("./fixtures/piscina-task.mjs", import.meta.url).href;

scenario(
  "piscina 5.3.2: a pool made in the bubble runs 3 tasks of 30 real ms on 2 workers at one virtual instant; a task 1000 virtual ms later; destroy()",
  async (c) => {
    const pool = new Piscina({ filename, minThreads: 1, maxThreads: 2, execArgv: [] });
    try {
      const first = await Promise.all([1, 2, 3].map((id) => pool.run({ id, ms: 30 })));
      c.mark("three done");
      await sleep(c.ms(1000));
      const fourth = await pool.run({ id: 4, ms: 30 });
      c.mark("fourth done");
      return [...first, fourth];
    } finally {
      await pool.destroy();
    }
  },
  {
    result: ["task 1 after 30 ms", "task 2 after 30 ms", "task 3 after 30 ms", "task 4 after 30 ms"],
    // The tasks take real time, not virtual: in the bubble they end where they began.
    elapsed: 1000,
    marks: [
      ["three done", 0],
      ["fourth done", 1000],
    ],
  },
);

// A pool made outside the bubble, as a test file sets one up for its tests.
const pool = new Piscina({ filename, minThreads: 1, maxThreads: 1, execArgv: [] });
after(() => pool.destroy());

test("piscina 5.3.2: a virtual 100 ms timeout raced against a 400 real ms task — on real time the guard wins, in a bubble the task does (documented: the task holds the bubble's time)", async () => {
  const guarded = () =>
    Promise.race([
      pool.run({ id: "slow", ms: 400 }),
      new Promise((r) => setTimeout(() => r("timed out"), 100)),
    ]);
  assert.equal(await guarded(), "timed out");
  await pool.run({ id: "drain", ms: 0 }); // the slow task still finished in its worker
  const got = await synctest.run(async () => {
    const t0 = Date.now();
    const r = await guarded();
    return { r, elapsed: Date.now() - t0 };
  });
  assert.deepEqual(got, { r: "task slow after 400 ms", elapsed: 0 });
});

const runWithTimeout = () =>
  pool.run({ id: "slow", ms: 400 }, { signal: AbortSignal.timeout(100) }).then(
    (v: string) => v,
    (e: Error) => e.name,
  );

test("piscina 5.3.2: run(task, { signal: AbortSignal.timeout(100) }) — on real time the abort wins, in a bubble the task answers first (documented)", async () => {
  assert.equal(await runWithTimeout(), "AbortError"); // piscina ends the worker and starts another
  await pool.run({ id: "warm", ms: 0 }); // the new worker is up and idle
  const got = await synctest.run(async () => {
    const t0 = Date.now();
    const r = await runWithTimeout();
    await sleep(150); // the signal's timer fires now: too late, the task has answered
    return { r, elapsed: Date.now() - t0 };
  });
  assert.deepEqual(got, { r: "task slow after 400 ms", elapsed: 150 });
});

test("piscina 5.3.2: a job queued while the pool (made outside the bubble) starts its worker does not hold the bubble's time: the virtual abort fires at 100 (documented)", async () => {
  assert.equal(await runWithTimeout(), "AbortError"); // the worker is ended; a new one starts
  const got = await synctest.run(async () => {
    const t0 = Date.now();
    // piscina posts the job from the new worker's ready callback, which is not the bubble's code
    const r = await runWithTimeout();
    return { r, elapsed: Date.now() - t0 };
  });
  assert.deepEqual(got, { r: "AbortError", elapsed: 100 });
});
