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
  go(async () => {
    await time.sleep(3 * time.Hour);
    await c.send(performance.now());
  });
  assert.equal(await c.recv(), 3 * 3600_000);
});

test("inside the body, Date and setTimeout are the bubble's", () => {
  assert.equal(typeof setTimeout, "function");
  assert.equal(Date.now(), 946684800000);
});
