// Code that never heard of gort — plain setTimeout, clearTimeout, Date, AbortSignal.timeout — tested in a
// bubble with exact virtual times, and no tick() anywhere.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as synctest from "../../../src/synctest.ts";

// ----- the code under test (as it would be written without gort) -----

/** Retries fn with exponential backoff and jitter-free delays: base, 2·base, 4·base, … */
async function retry<T>(fn: () => Promise<T>, opts: { attempts: number; base: number }): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i + 1 >= opts.attempts) throw e;
      await new Promise((r) => setTimeout(r, opts.base * 2 ** i));
    }
  }
}

/** Calls fn once calls stop for `wait` ms, with the last arguments. */
function debounce<A extends unknown[]>(fn: (...a: A) => void, wait: number): (...a: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...a: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...a), wait);
  };
}

/** Rejects if p takes longer than ms. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  return Promise.race([
    p,
    new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
  ]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const vnow = () => Date.now() - 946684800000;

// ----- the tests: no tick, no advanceTimersByTime, no runAllTimers -----

describe("code that never heard of gort, in a bubble", () => {
  test("retry with backoff waits 100, 200, 400 ms between attempts", async () => {
    const attempts = await synctest.run(async () => {
      const at: number[] = [];
      const v = await retry(
        async () => {
          at.push(vnow());
          if (at.length < 4) throw new Error("flaky");
          return "ok";
        },
        { attempts: 5, base: 100 },
      );
      assert.equal(v, "ok");
      return at;
    });
    assert.deepEqual(attempts, [0, 100, 300, 700]);
  });

  test("retry gives up after the last attempt with the last error", async () => {
    await synctest.run(async () => {
      let n = 0;
      await assert.rejects(
        retry(async () => Promise.reject(new Error(`fail ${++n}`)), { attempts: 3, base: 1000 }),
        /fail 3/,
      );
      assert.equal(vnow(), 3000);
    });
  });

  test("debounce calls once, wait ms after the last call, with the last arguments", async () => {
    const calls = await synctest.run(async () => {
      const out: string[] = [];
      const save = debounce((text: string) => out.push(`${text}@${vnow()}`), 300);
      save("h");
      await sleep(100);
      save("he");
      await sleep(250);
      save("hel"); // 350: each call pushes the deadline back
      await sleep(299);
      assert.deepEqual(out, [], "not yet: 1 ms to go");
      await sleep(1);
      save("hello"); // a burst after the first save
      await sleep(1000);
      return out;
    });
    assert.deepEqual(calls, ["hel@650", "hello@950"]);
  });

  test("withTimeout rejects at exactly the deadline with a TimeoutError, resolves before it", async () => {
    await synctest.run(async () => {
      const slow = new Promise((r) => setTimeout(() => r("late"), 5000));
      await assert.rejects(withTimeout(slow, 1000), { name: "TimeoutError" });
      assert.equal(vnow(), 1000);
      assert.equal(
        await withTimeout(
          sleep(500).then(() => "fast"),
          1000,
        ),
        "fast",
      );
      assert.equal(vnow(), 1500);
      await slow; // let the slow operation finish: no timer left armed
    });
  });
});
