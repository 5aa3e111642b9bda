// Run by test/unit/synctest/runners.test.ts: `npx vitest run --config test/runners/vitest/vitest.config.ts`.

import { chan, go, time } from "gort";
import { test } from "gort/testing/vitest";
import { expect } from "vitest";

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
  expect(calls).toBe(4);
  expect(Date.now() - start).toBe(7000);
  expect(new Date(start).toISOString()).toBe("2000-01-01T00:00:00.000Z");
});

test("goroutines, channels and performance.now share the bubble's clock", async () => {
  const c = chan<number>();
  const t0 = performance.now(); // the host's reading at the bubble's start, a whole number > 0
  go(async () => {
    await time.sleep(3 * time.Hour);
    await c.send(performance.now());
  });
  expect((await c.recv())! - t0).toBe(3 * 3600_000);
});

test("inside the body, Date and setTimeout are the bubble's", () => {
  expect(typeof setTimeout).toBe("function");
  expect(Date.now()).toBe(946684800000);
});

test("a setTimeout callback awaiting a timer of its own finishes at 1100 ms, as in Node", async () => {
  const start = Date.now();
  await new Promise<void>((done) =>
    setTimeout(async () => {
      await new Promise((r) => setTimeout(r, 100));
      done();
    }, 1000),
  );
  expect(Date.now() - start).toBe(1100);
});

test("performance.now() starts at a whole number > 0; process.hrtime follows the bubble's clock", async () => {
  const p0 = performance.now();
  const h0 = process.hrtime.bigint();
  const hr = process.hrtime();
  await new Promise((r) => setTimeout(r, 1500));
  expect(Number.isInteger(p0) && p0 > 0).toBe(true);
  expect(performance.now() - p0).toBe(1500);
  expect(process.hrtime.bigint() - h0).toBe(1_500_000_000n);
  expect(process.hrtime(hr)).toEqual([1, 500_000_000]);
});

test("a one-shot timeout still pending at the end does not fail the test", async () => {
  const slow = new Promise((r) => setTimeout(r, 200)).then(() => "slow"); // left pending, as Node would
  const guard = new Promise((r) => setTimeout(() => r("timed out"), 50));
  expect(await Promise.race([slow, guard])).toBe("timed out");
});
