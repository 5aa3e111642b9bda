// The comparison suite, gort side (docs/comparison.md): the ten scenarios of scenarios.ts, each run in a
// synctest bubble with no tick anywhere; each asserts the outcome and the exact virtual times. Each
// `// outcome:` line feeds the table of scripts/comparison-lines.ts.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as synctest from "../../src/synctest.ts";
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// outcome: correct
test("retry with exponential backoff", () =>
  synctest.run(async () => {
    const start = Date.now();
    let calls = 0;
    const flaky = async () => {
      if (++calls < 4) throw new Error("unavailable");
      return "ok";
    };
    assert.equal(await retry(flaky), "ok");
    assert.equal(calls, 4);
    assert.equal(Date.now() - start, 7000);
  }));

// outcome: correct
test("debounce", () =>
  synctest.run(async () => {
    const start = Date.now();
    const calls: [number, number][] = [];
    const f = debounce((x: number) => calls.push([x, Date.now() - start]), 300);
    f(1);
    await sleep(100);
    f(2);
    await sleep(100);
    f(3);
    await sleep(300);
    assert.deepEqual(calls, [[3, 500]]);
  }));

// outcome: correct
test("throttle", () =>
  synctest.run(async () => {
    const start = Date.now();
    const calls: number[] = [];
    const f = throttle(() => calls.push(Date.now() - start), 1000);
    for (let i = 0; i < 25; i++) {
      f();
      await sleep(100);
    }
    assert.deepEqual(calls, [0, 1000, 2000]);
  }));

// outcome: correct
test("polling with setInterval until a condition", () =>
  synctest.run(async () => {
    const start = Date.now();
    let ready = false;
    setTimeout(() => {
      ready = true;
    }, 1050);
    assert.equal(await pollUntil(() => ready, 100), 11);
    assert.equal(Date.now() - start, 1100);
  }));

// outcome: correct: rejects "timed out after 1000 ms" at 1000 ms
test("timeout wrapper with AbortSignal.timeout", () =>
  synctest.run(async () => {
    const start = Date.now();
    await assert.rejects(
      withTimeout((signal) => slowOp(5000, signal), 1000),
      /timed out after 1000 ms/,
    );
    assert.equal(Date.now() - start, 1000);
  }));

// outcome: correct
test("rate limiter on Date.now", () =>
  synctest.run(async () => {
    const limiter = new RateLimiter(3, 1000);
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limiter.tryAcquire()),
      [true, true, true, false],
    );
    await sleep(999);
    assert.equal(limiter.tryAcquire(), false);
    await sleep(1);
    assert.equal(limiter.tryAcquire(), true);
  }));

// outcome: correct: 2 heartbeats at 2500 ms (an interval left running would fail the bubble)
test("heartbeat with setInterval that must be cleared", () =>
  synctest.run(async () => {
    const start = Date.now();
    const conn = new Connection(1000);
    assert.equal(await conn.request(2500), "response after 2 heartbeats");
    conn.close();
    assert.equal(Date.now() - start, 2500);
  }));

// outcome: correct: both steps, done at 300 ms
test("promise chain between timers", () =>
  synctest.run(async () => {
    const start = Date.now();
    const log: string[] = [];
    assert.equal(await pipeline(log), "done");
    assert.deepEqual(log, ["fetched", "saved 1"]);
    assert.equal(Date.now() - start, 300);
  }));

// outcome: correct
test("cache with TTL on Date.now", () =>
  synctest.run(async () => {
    const cache = new TtlCache<string>(60_000);
    cache.set("k", "v");
    await sleep(59_999);
    assert.equal(cache.get("k"), "v");
    await sleep(1);
    assert.equal(cache.get("k"), undefined);
  }));

// outcome: correct: ticks 3, 2, 1 at 1000, 2000, 3000 ms
test("sleep loop with timers/promises", () =>
  synctest.run(async () => {
    const start = Date.now();
    const ticks: [number, number][] = [];
    await countdown(3, 1000, (i) => ticks.push([i, Date.now() - start]));
    assert.deepEqual(ticks, [
      [3, 1000],
      [2, 2000],
      [1, 3000],
    ]);
  }));
