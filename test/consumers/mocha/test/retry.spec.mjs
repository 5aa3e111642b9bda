// Mocha consumer, default configuration (no .mocharc; `mocha` runs ./test/*.{js,cjs,mjs}), ES module spec:
// synctest.bubble makes each body run in a bubble, so setTimeout, setInterval, AbortSignal.timeout and
// Date run on its virtual clock.
import assert from "node:assert/strict";
import { chan, go, recv, select, time } from "gort";
import * as synctest from "gort/synctest";
import { sleep } from "gort/time";

async function retry(fn, attempts = 5, backoff = 1000) {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i + 1 >= attempts) throw e;
      await new Promise((r) => setTimeout(r, backoff * 2 ** i));
    }
  }
}

describe("gort in mocha (ESM)", () => {
  it(
    "retry backs off 1s, 2s, 4s in virtual time",
    synctest.bubble(async () => {
      const start = Date.now();
      let calls = 0;
      await retry(async () => {
        if (++calls < 4) throw new Error("flaky");
      });
      assert.equal(calls, 4);
      assert.equal(Date.now() - start, 7000);
    }),
  );

  it(
    "setInterval ticks and AbortSignal.timeout fires on the bubble's clock",
    synctest.bubble(async () => {
      const start = Date.now();
      const ticks = [];
      const id = setInterval(() => ticks.push(Date.now() - start), 300);
      const signal = AbortSignal.timeout(1000);
      await new Promise((r) => signal.addEventListener("abort", r));
      clearInterval(id);
      assert.equal(signal.reason.name, "TimeoutError");
      assert.deepEqual(ticks, [300, 600, 900]);
      assert.equal(Date.now() - start, 1000);
    }),
  );

  it(
    "goroutines, channels and select with a timeout",
    synctest.bubble(async () => {
      const results = chan();
      go(async () => {
        await sleep(3 * time.Second);
        await results.send("slow");
      });
      const start = time.now();
      const first = await select([recv(results), recv(time.after(time.Second))]);
      assert.equal(first.index, 1);
      assert.equal(time.since(start), time.Second);
      assert.equal(await results.recv(), "slow");
      assert.equal(time.durationString(time.since(start)), "3s");
    }),
  );

  it("leaves the real clock alone outside a bubble", async () => {
    const start = performance.now();
    await new Promise((r) => setTimeout(r, 20));
    assert.ok(performance.now() - start >= 15);
  });
});
