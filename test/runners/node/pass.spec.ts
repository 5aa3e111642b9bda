// Run by test/unit/synctest/runners.test.ts: `node --import tsx --test test/runners/node/pass.spec.ts`.
import assert from "node:assert/strict";
import { chan, go, time } from "gort";
import { test } from "gort/testing/node";

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
  assert.equal(new Date(start).toISOString(), "2000-01-01T00:00:00.000Z");
});

test("goroutines, channels and performance.now share the bubble's clock", async () => {
  const c = chan<number>();
  const t0 = performance.now(); // the host's reading at the bubble's start, a whole number > 0
  go(async () => {
    await time.sleep(3 * time.Hour);
    await c.send(performance.now());
  });
  assert.equal((await c.recv())! - t0, 3 * 3600_000);
});

test("inside the body, Date and setTimeout are the bubble's", () => {
  assert.equal(typeof setTimeout, "function");
  assert.equal(Date.now(), 946684800000);
});

test("a setTimeout callback awaiting a timer of its own finishes at 1100 ms, as in Node", async () => {
  const start = Date.now();
  await new Promise<void>((done) =>
    setTimeout(async () => {
      await new Promise((r) => setTimeout(r, 100));
      done();
    }, 1000),
  );
  assert.equal(Date.now() - start, 1100);
});

test("performance.now() starts at a whole number > 0; process.hrtime follows the bubble's clock", async () => {
  const p0 = performance.now();
  const h0 = process.hrtime.bigint();
  const hr = process.hrtime();
  await new Promise((r) => setTimeout(r, 1500));
  assert.ok(Number.isInteger(p0) && p0 > 0, `performance.now() started at ${p0}`);
  assert.equal(performance.now() - p0, 1500);
  assert.equal(process.hrtime.bigint() - h0, 1_500_000_000n);
  assert.deepEqual(process.hrtime(hr), [1, 500_000_000]);
});

test("a one-shot timeout still pending at the end does not fail the test", async () => {
  const slow = new Promise((r) => setTimeout(r, 200)).then(() => "slow"); // left pending, as Node would
  const guard = new Promise((r) => setTimeout(() => r("timed out"), 50));
  assert.equal(await Promise.race([slow, guard]), "timed out");
});
