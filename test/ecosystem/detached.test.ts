// Libraries whose timer callbacks start async work and return without it (async-retry's retry timer
// calls the attempt and drops its promise; Bottleneck's setTimeout(0) hops and job timers do the same):
// the work goes on in promise continuations after the callback's goroutine has ended, and arms the next
// timers from there. Unchanged, in a bubble and on scaled real time (harness.ts).
import asyncRetry from "async-retry";
import Bottleneck from "bottleneck";
import { failUntil, scenario, sleep } from "./harness.ts";

// The shape, without a library: the continuation arms its timer after the callback's goroutine ended.
scenario(
  "a setTimeout callback that starts async work and returns: the work's continuations arm the next timers",
  async (c) => {
    await new Promise<void>((done) =>
      setTimeout(() => {
        void (async () => {
          await sleep(c.ms(50));
          c.mark("first await");
          await sleep(c.ms(200)); // armed by a continuation, after the callback returned
          c.mark("second await");
          done();
        })();
      }, c.ms(100)),
    );
    return "done";
  },
  {
    result: "done",
    elapsed: 350,
    marks: [
      ["first await", 150],
      ["second await", 350],
    ],
  },
);

scenario(
  "async-retry 1.3.3: 100, 200 and 400 ms between 4 attempts of 50 ms",
  async (c) => {
    const ok = failUntil(4);
    return asyncRetry(
      async (_bail, attempt) => {
        await sleep(c.ms(50));
        c.mark(`attempt ${attempt}`);
        return ok(attempt);
      },
      { retries: 5, minTimeout: c.ms(100), factor: 2, randomize: false },
    );
  },
  {
    result: "ok on attempt 4",
    elapsed: 900, // 4 × 50 + 100 + 200 + 400
    marks: [
      ["attempt 1", 50],
      ["attempt 2", 200],
      ["attempt 3", 450],
      ["attempt 4", 900],
    ],
  },
  { scale: 10 },
);

// Bottleneck's local datastore yields with setTimeout(0) — 1 ms — on every submit, register and free,
// and starts each job from a setTimeout(wait): a job submitted at 0 starts at 3 ms (submit, register,
// run), and its promise resolves 1 ms after it ends (free).
scenario(
  "bottleneck 2.19.5: minTime 200 ms, one at a time, over four 50 ms jobs",
  async (c) => {
    const limiter = new Bottleneck({ maxConcurrent: 1, minTime: c.ms(200) });
    const job = (i: number) =>
      limiter.schedule(async () => {
        c.mark(`start ${i}`);
        await sleep(c.ms(50));
        return i;
      });
    const out = await Promise.all([0, 1, 2, 3].map(job));
    c.mark("done");
    return out;
  },
  {
    // job 0 registers at 2 (next request allowed at 202) and starts at 3, ends at 53, is freed at 54;
    // job 1 registers at 55, waits 147 ms: starts at 202, and so on every 200 ms; job 3 ends at 652
    result: [0, 1, 2, 3],
    elapsed: 653,
    marks: [
      ["start 0", 3],
      ["start 1", 202],
      ["start 2", 402],
      ["start 3", 602],
      ["done", 653],
    ],
  },
  { scale: 10 },
);

scenario(
  "bottleneck 2.19.5: a reservoir of 3 refilled every second by its (unref'd) heartbeat, over seven 100 ms jobs",
  async (c) => {
    const limiter = new Bottleneck({
      reservoir: 3,
      reservoirRefreshAmount: 3,
      reservoirRefreshInterval: c.ms(1000),
      heartbeatInterval: c.ms(250),
    });
    const job = (i: number) =>
      limiter.schedule(async () => {
        c.mark(`start ${i}`);
        await sleep(c.ms(100));
        return i;
      });
    const out = await Promise.all([0, 1, 2, 3, 4, 5, 6].map(job));
    c.mark("done");
    void limiter.disconnect(); // clears the heartbeat after one more setTimeout(0)
    return out;
  },
  {
    // the first three start at 3, 5, 7 (each register waits for the previous one); the heartbeat refills
    // the reservoir at 1000 and 2000, and the jobs waiting start 2 ms later, one per ms
    result: [0, 1, 2, 3, 4, 5, 6],
    elapsed: 2103,
    marks: [
      ["start 0", 3],
      ["start 1", 5],
      ["start 2", 7],
      ["start 3", 1002],
      ["start 4", 1003],
      ["start 5", 1004],
      ["start 6", 2002],
      ["done", 2103],
    ],
  },
  { scale: 20 },
);
