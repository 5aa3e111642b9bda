// AVA consumer, default configuration (no "ava" key, no ava.config.*; test files run in worker threads):
// synctest.bubble makes each body run in a bubble and hands it AVA's `t`.
import test from "ava";
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

test(
  "retry backs off 1s, 2s, 4s in virtual time",
  synctest.bubble(async (t) => {
    const start = Date.now();
    let calls = 0;
    await retry(async () => {
      if (++calls < 4) throw new Error("flaky");
    });
    t.is(calls, 4);
    t.is(Date.now() - start, 7000);
  }),
);

test(
  "setInterval ticks and AbortSignal.timeout fires on the bubble's clock",
  synctest.bubble(async (t) => {
    const start = Date.now();
    const ticks = [];
    const id = setInterval(() => ticks.push(Date.now() - start), 300);
    const signal = AbortSignal.timeout(1000);
    await new Promise((r) => signal.addEventListener("abort", r));
    clearInterval(id);
    t.is(signal.reason.name, "TimeoutError");
    t.deepEqual(ticks, [300, 600, 900]);
    t.is(Date.now() - start, 1000);
  }),
);

test(
  "goroutines, channels and select with a timeout",
  synctest.bubble(async (t) => {
    const results = chan();
    go(async () => {
      await sleep(3 * time.Second);
      await results.send("slow");
    });
    const start = time.now();
    const first = await select([recv(results), recv(time.after(time.Second))]);
    t.is(first.index, 1);
    t.is(time.since(start), time.Second);
    t.is(await results.recv(), "slow");
    t.is(time.durationString(time.since(start)), "3s");
  }),
);

test("leaves the real clock alone outside a bubble", async (t) => {
  const start = performance.now();
  await new Promise((r) => setTimeout(r, 20));
  t.true(performance.now() - start >= 15);
});
