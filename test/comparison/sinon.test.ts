// The comparison suite, sinon side (docs/comparison.md): the ten scenarios of scenarios.ts tested the
// idiomatic @sinonjs/fake-timers way (install, tick / tickAsync / runAllAsync, uninstall). Where sinon
// cannot get it right, the test asserts what a user actually observes. Each `// outcome:` line feeds the
// table of scripts/comparison-lines.ts.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import {
  Connection,
  countdown,
  debounce,
  pipeline,
  pollUntil,
  RateLimiter,
  retry,
  slowOp,
  TtlCache,
  throttle,
  withTimeout,
} from "./scenarios.ts";

interface Clock {
  now: number;
  tick(ms: number): number;
  tickAsync(ms: number): Promise<number>;
  runAllAsync(): Promise<number>;
  uninstall(): void;
}
const FakeTimers = createRequire(import.meta.url)("@sinonjs/fake-timers") as {
  install(opts?: { toFake?: string[] }): Clock;
  timers: { setTimeout: typeof setTimeout };
};
/**
 * What `install()` fakes here: everything but nextTick and queueMicrotask, as Jest and Vitest do. A bare
 * `install()` fakes those too (sinon ≥ 13), and node:test then never settles the first test: the file
 * exits silently.
 */
const install = () =>
  FakeTimers.install({
    toFake: [
      "setTimeout",
      "clearTimeout",
      "setInterval",
      "clearInterval",
      "setImmediate",
      "clearImmediate",
      "Date",
      "performance",
      "hrtime",
    ],
  });
/** The real setTimeout, to bound a wait that fake timers would turn into a hang. */
const realSleep = (ms: number) => new Promise((r) => FakeTimers.timers.setTimeout(r, ms));

// outcome: correct, with one tickAsync per backoff step
test("retry with exponential backoff", async () => {
  const clock = install();
  try {
    let calls = 0;
    const flaky = async () => {
      if (++calls < 4) throw new Error("unavailable");
      return "ok";
    };
    const p = retry(flaky);
    await clock.tickAsync(1000);
    await clock.tickAsync(2000);
    await clock.tickAsync(4000);
    assert.equal(await p, "ok");
    assert.equal(calls, 4);
    assert.equal(clock.now, 7000);
  } finally {
    clock.uninstall();
  }
});

// outcome: correct
test("debounce", async () => {
  const clock = install();
  try {
    const calls: [number, number][] = [];
    const f = debounce((x: number) => calls.push([x, clock.now]), 300);
    f(1);
    clock.tick(100);
    f(2);
    clock.tick(100);
    f(3);
    clock.tick(300);
    assert.deepEqual(calls, [[3, 500]]);
  } finally {
    clock.uninstall();
  }
});

// outcome: correct
test("throttle", async () => {
  const clock = install();
  try {
    const calls: number[] = [];
    const f = throttle(() => calls.push(clock.now), 1000);
    for (let i = 0; i < 25; i++) {
      f();
      clock.tick(100);
    }
    assert.deepEqual(calls, [0, 1000, 2000]);
  } finally {
    clock.uninstall();
  }
});

// outcome: correct
test("polling with setInterval until a condition", async () => {
  const clock = install();
  try {
    let ready = false;
    setTimeout(() => {
      ready = true;
    }, 1050);
    const p = pollUntil(() => ready, 100);
    await clock.runAllAsync();
    assert.equal(await p, 11);
    assert.equal(clock.now, 1100);
  } finally {
    clock.uninstall();
  }
});

// outcome: wrong: AbortSignal.timeout is not faked; resolves "done" at 5000 ms instead of timing out at 1000
test("timeout wrapper with AbortSignal.timeout", async () => {
  const clock = install();
  try {
    let settled = false;
    const p = withTimeout((signal) => slowOp(5000, signal), 1000).finally(() => {
      settled = true;
    });
    await clock.tickAsync(1000);
    await realSleep(50);
    assert.equal(settled, false);
    await clock.tickAsync(4000);
    assert.equal(await p, "done");
    assert.equal(clock.now, 5000);
  } finally {
    clock.uninstall();
  }
});

// outcome: correct
test("rate limiter on Date.now", async () => {
  const clock = install();
  try {
    const limiter = new RateLimiter(3, 1000);
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limiter.tryAcquire()),
      [true, true, true, false],
    );
    clock.tick(999);
    assert.equal(limiter.tryAcquire(), false);
    clock.tick(1);
    assert.equal(limiter.tryAcquire(), true);
  } finally {
    clock.uninstall();
  }
});

// outcome: fails: runAllAsync throws the loop-limit error after 999 heartbeats (the interval never ends)
test("heartbeat with setInterval that must be cleared", async () => {
  const clock = install();
  const conn = new Connection(1000);
  try {
    const p = conn.request(2500);
    await assert.rejects(
      clock.runAllAsync(),
      /Aborting after running 1000 timers, assuming an infinite loop!/,
    );
    assert.equal(await p, "response after 2 heartbeats");
    assert.equal(conn.beats, 999);
  } finally {
    conn.close();
    clock.uninstall();
  }
});

// outcome: wrong: tick(300) runs only the first step (the second timer is armed after tick returns); ends at 500 ms, not 300
test("promise chain between timers", async () => {
  const clock = install();
  try {
    const log: string[] = [];
    const p = pipeline(log);
    clock.tick(300);
    await realSleep(20);
    assert.deepEqual(log, ["fetched"]);
    await clock.runAllAsync();
    assert.equal(await p, "done");
    assert.deepEqual(log, ["fetched", "saved 1"]);
    assert.equal(clock.now, 500);
  } finally {
    clock.uninstall();
  }
});

// outcome: correct
test("cache with TTL on Date.now", async () => {
  const clock = install();
  try {
    const cache = new TtlCache<string>(60_000);
    cache.set("k", "v");
    clock.tick(59_999);
    assert.equal(cache.get("k"), "v");
    clock.tick(1);
    assert.equal(cache.get("k"), undefined);
  } finally {
    clock.uninstall();
  }
});

// outcome: wrong: timers/promises is not faked, nothing runs after tickAsync(3000) (real time instead)
test("sleep loop with timers/promises", async () => {
  const clock = install();
  const abort = new AbortController();
  try {
    const ticks: number[] = [];
    const p = countdown(3, 1000, (i) => ticks.push(i), abort.signal);
    await clock.tickAsync(3000);
    await realSleep(50);
    assert.deepEqual(ticks, []);
    abort.abort();
    await assert.rejects(p, { name: "AbortError" });
  } finally {
    clock.uninstall();
  }
});
