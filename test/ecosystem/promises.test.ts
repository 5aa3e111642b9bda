// Promise utilities that use timers (retry, timeout, queues, throttle, debounce, polling), unchanged, in
// a bubble and on scaled real time (harness.ts). Each expected time is worked out from the package's
// source and Node's timer rules; the comments give the arithmetic.
import delay from "delay";
import { backOff } from "exponential-backoff";
import pDebounce from "p-debounce";
import PQueue from "p-queue";
import pRetry from "p-retry";
import pThrottle from "p-throttle";
import pTimeout from "p-timeout";
import pWaitFor from "p-wait-for";
import { type Clock, failUntil, scenario, sleep } from "./harness.ts";

// p-retry: delay = minTimeout · factor^(retry − 1), capped by what maxRetryTime leaves (performance.now).
/** A 100 ms call that answers on attempt `works`, retried from 1 s backoff doubling; rejections become their name or message. */
function flakyRetried(c: Clock, works: number, extra: { maxRetryTime?: number; signal?: AbortSignal } = {}) {
  const ok = failUntil(works);
  return pRetry(
    async (attempt) => {
      await sleep(c.ms(100));
      c.mark(`attempt ${attempt}`);
      return ok(attempt);
    },
    { retries: 5, minTimeout: c.ms(1000), factor: 2, randomize: false, ...extra },
  ).catch((e: Error) => (e.name === "Error" ? e.message : e.name));
}

scenario(
  "p-retry 7.1.1: a call that takes 100 ms fails 3 times, then succeeds after 1 s, 2 s and 4 s of backoff",
  (c) => flakyRetried(c, 4),
  {
    result: "ok on attempt 4",
    elapsed: 7400, // 100 + 1000 + 100 + 2000 + 100 + 4000 + 100
    marks: [
      ["attempt 1", 100],
      ["attempt 2", 1200],
      ["attempt 3", 3300],
      ["attempt 4", 7400],
    ],
  },
  { scale: 40 },
);

scenario(
  "p-retry 7.1.1: maxRetryTime 2.5 s cuts the second backoff to what is left, then gives up",
  (c) => flakyRetried(c, 10, { maxRetryTime: c.ms(2500) }),
  {
    // attempt 1 ends at 100: 2400 left, backoff 1000; attempt 2 ends at 1200: 1300 left, backoff
    // min(2000, 1300); attempt 3 ends at 2600: nothing left
    result: "503 on attempt 3",
    elapsed: 2600,
    marks: [
      ["attempt 1", 100],
      ["attempt 2", 1200],
      ["attempt 3", 2600],
    ],
  },
  { scale: 10 },
);

scenario(
  "p-retry 7.1.1: AbortSignal.timeout(5000) aborts the 4 s backoff that started at 3.3 s",
  (c) => flakyRetried(c, 10, { signal: AbortSignal.timeout(c.ms(5000)) }),
  {
    result: "TimeoutError",
    elapsed: 5000,
    marks: [
      ["attempt 1", 100],
      ["attempt 2", 1200],
      ["attempt 3", 3300],
    ],
  },
  { scale: 20 },
);

scenario(
  "p-timeout 7.0.2 + delay 7.0.0: a 2 s call times out at 500 ms, a 300 ms one resolves; the slow delay stays pending",
  async (c) => {
    const slow = pTimeout(delay(c.ms(2000), { value: "slow" }), { milliseconds: c.ms(500) }).then(
      (v) => v,
      (e: Error) => {
        c.mark("slow timed out");
        return e.name;
      },
    );
    const fast = pTimeout(delay(c.ms(300), { value: "fast" }), { milliseconds: c.ms(500) }).then((v) => {
      c.mark("fast resolved");
      return v;
    });
    // the 2 s delay is still armed when the scenario returns: a pending one-shot timer, no failure
    return Promise.all([slow, fast]);
  },
  {
    result: ["TimeoutError", "fast"],
    elapsed: 500,
    marks: [
      ["fast resolved", 300],
      ["slow timed out", 500],
    ],
  },
);

scenario(
  "p-timeout 7.0.2: a fallback answers at the deadline; delay 7.0.0 aborted by AbortSignal.timeout",
  async (c) => {
    const cached = await pTimeout(delay(c.ms(1000), { value: "fresh" }), {
      milliseconds: c.ms(400),
      fallback: () => "cached",
    });
    c.mark(cached);
    const aborted = await delay(c.ms(1000), { signal: AbortSignal.timeout(c.ms(200)) }).catch(
      (e: Error) => e.name,
    );
    c.mark(String(aborted));
    return [cached, aborted];
  },
  {
    result: ["cached", "TimeoutError"],
    elapsed: 600,
    marks: [
      ["cached", 400],
      ["TimeoutError", 600],
    ],
  },
);

scenario(
  "p-queue 9.3.5: concurrency 2 over tasks of 300, 100, 200, 200 and 50 ms",
  async (c) => {
    const queue = new PQueue({ concurrency: 2 });
    const task = (name: string, ms: number) => () =>
      sleep(c.ms(ms)).then(() => {
        c.mark(name);
        return name;
      });
    const all = Promise.all([
      queue.add(task("A", 300)),
      queue.add(task("B", 100)),
      queue.add(task("C", 200)),
      queue.add(task("D", 200)),
      queue.add(task("E", 50)),
    ]);
    await queue.onIdle();
    c.mark("idle");
    return all;
  },
  {
    // A and B start at 0; B ends at 100 and C starts; A (armed first) and C end at 300, D and E start
    result: ["A", "B", "C", "D", "E"],
    elapsed: 500,
    marks: [
      ["B", 100],
      ["A", 300],
      ["C", 300],
      ["E", 350],
      ["D", 500],
      ["idle", 500],
    ],
  },
  { scale: 5 },
);

scenario(
  "p-queue 9.3.5: intervalCap 2 per second over 5 tasks, and a task timeout",
  async (c) => {
    const queue = new PQueue({ intervalCap: 2, interval: c.ms(1000) });
    const started = Array.from({ length: 5 }, (_, i) =>
      queue.add(async () => {
        c.mark(`task ${i}`);
        return i;
      }),
    );
    const done = await Promise.all(started);
    const slow = new PQueue({ timeout: c.ms(250) });
    const timedOut = await slow.add(() => sleep(c.ms(1000))).catch((e: Error) => e.name);
    c.mark(String(timedOut));
    return [done, timedOut];
  },
  {
    result: [[0, 1, 2, 3, 4], "TimeoutError"],
    elapsed: 2250,
    marks: [
      ["task 0", 0],
      ["task 1", 0],
      ["task 2", 1000],
      ["task 3", 1000],
      ["task 4", 2000],
      ["TimeoutError", 2250],
    ],
  },
);

scenario(
  "p-throttle 8.1.1: limit 2 per second over 5 calls",
  async (c) => {
    const throttled = pThrottle({ limit: 2, interval: c.ms(1000) })((i: number) => {
      c.mark(`call ${i}`);
      return i * 10;
    });
    return Promise.all([0, 1, 2, 3, 4].map((i) => throttled(i)));
  },
  {
    result: [0, 10, 20, 30, 40],
    elapsed: 2000,
    marks: [
      ["call 0", 0],
      ["call 1", 0],
      ["call 2", 1000],
      ["call 3", 1000],
      ["call 4", 2000],
    ],
  },
);

scenario(
  "p-debounce 5.1.1: keystrokes at 0, 100 and 250 ms run one 100 ms search at 450 ms, for all three callers",
  async (c) => {
    const search = pDebounce(async (q: string) => {
      c.mark(`search ${q}`);
      await sleep(c.ms(100)); // the debounce timer's callback awaits a timer of its own
      return `results for ${q}`;
    }, c.ms(200));
    const a = search("g");
    await sleep(c.ms(100));
    const b = search("go");
    await sleep(c.ms(150));
    const d = search("gor");
    const all = await Promise.all([a, b, d]);
    c.mark("answered");
    return all;
  },
  {
    result: ["results for gor", "results for gor", "results for gor"],
    elapsed: 550,
    marks: [
      ["search gor", 450],
      ["answered", 550],
    ],
  },
);

scenario(
  "p-wait-for 6.0.0: polls every 50 ms for a flag set at 120 ms, and times out on one never set",
  async (c) => {
    let ready = false;
    setTimeout(() => {
      ready = true;
    }, c.ms(120));
    await pWaitFor(() => ready, { interval: c.ms(50) });
    c.mark("ready");
    const never = await pWaitFor(() => false, { interval: c.ms(50), timeout: c.ms(300) }).catch(
      (e: Error) => e.name,
    );
    c.mark(String(never));
    return never;
  },
  {
    // checks at 0, 50, 100, 150: true at 150
    result: "TimeoutError",
    elapsed: 450,
    marks: [
      ["ready", 150],
      ["TimeoutError", 450],
    ],
  },
);

scenario(
  "exponential-backoff 3.1.3: no delay before the first attempt, then 100, 200, 400 ms",
  async (c) => {
    let attempt = 0;
    const ok = failUntil(4);
    return backOff(
      async () => {
        attempt++;
        c.mark(`attempt ${attempt}`);
        return ok(attempt);
      },
      { numOfAttempts: 5, startingDelay: c.ms(100), timeMultiple: 2, jitter: "none" },
    );
  },
  {
    result: "ok on attempt 4",
    elapsed: 700,
    marks: [
      ["attempt 1", 0],
      ["attempt 2", 100],
      ["attempt 3", 300],
      ["attempt 4", 700],
    ],
  },
  { scale: 10 },
);
