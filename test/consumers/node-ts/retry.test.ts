// node:test on TypeScript run directly: `node --test` finds *.test.ts and Node strips the types (by default
// on Node 22.18+ and 23.6+, with --experimental-strip-types on 22.6+), no tsconfig, no loader. Erasable
// syntax only: `import type`, annotations.
import assert from "node:assert/strict";
import { type Chan, chan, go, recv, select, time } from "gort";
import { test } from "gort/testing/node";
import type { Duration } from "gort/time";

async function retry<T>(fn: () => Promise<T>, attempts = 5, backoff = 1000): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i + 1 >= attempts) throw e;
      await new Promise((r) => setTimeout(r, backoff * 2 ** i));
    }
  }
}

test("retry backs off 1s, 2s, 4s in virtual time", async () => {
  const start = Date.now();
  let calls = 0;
  await retry(async () => {
    if (++calls < 4) throw new Error("flaky");
  });
  assert.equal(calls, 4);
  assert.equal(Date.now() - start, 7000);
});

test("setInterval ticks and AbortSignal.timeout fires on the bubble's clock", async () => {
  const start = Date.now();
  const ticks: number[] = [];
  const id = setInterval(() => ticks.push(Date.now() - start), 300);
  const signal = AbortSignal.timeout(1000);
  await new Promise((r) => signal.addEventListener("abort", r));
  clearInterval(id);
  assert.equal((signal.reason as Error).name, "TimeoutError");
  assert.deepEqual(ticks, [300, 600, 900]);
  assert.equal(Date.now() - start, 1000);
});

async function fetchWithDeadline(results: Chan<string>, deadline: Duration): Promise<string> {
  const r = await select([recv(results), recv(time.after(deadline))] as const);
  return r.index === 0 ? (r.value ?? "closed") : "timed out";
}

test("goroutines, channels and select with a timeout", async (t) => {
  const results = chan<string>();
  go(async () => {
    await time.sleep(3 * time.Second);
    await results.send("slow");
  });
  const start = time.now();
  assert.equal(await fetchWithDeadline(results, time.Second), "timed out");
  assert.equal(await fetchWithDeadline(results, 5 * time.Second), "slow");
  assert.equal(time.durationString(time.since(start)), "3s");
  assert.equal(typeof t.name, "string"); // the body gets node:test's TestContext
});

// gort/testing/node's test.skip passes the skip through to node:test: scripts/test-consumers.mjs asserts
// the run reports exactly one skipped test, and the body throws if it ever runs.
test.skip("gort's test.skip: never runs, counted as skipped", () => {
  throw new Error("a skipped test ran");
});
