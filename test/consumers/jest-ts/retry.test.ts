// Jest with ts-jest (its default preset, from `npx ts-jest config:init`), TypeScript test files that
// import gort: ts-jest type-checks and compiles them to CommonJS, so Jest's require() takes the package's
// "require" condition.
import { expect } from "@jest/globals";
import { type Chan, chan, go, recv, select, time } from "gort";
import { test } from "gort/testing/jest";
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
  expect(calls).toBe(4);
  expect(Date.now() - start).toBe(7000);
});

async function firstOrTimeout(c: Chan<string>, d: Duration): Promise<string> {
  const r = await select([recv(c), recv(time.after(d))] as const);
  return r.index === 0 ? (r.value ?? "closed") : "timed out";
}

test("setInterval, AbortSignal.timeout, goroutines and select share the bubble's clock", async () => {
  const start = Date.now();
  const ticks: number[] = [];
  const id = setInterval(() => ticks.push(Date.now() - start), 300);
  const c = chan<string>();
  go(async () => {
    await time.sleep(3 * time.Second);
    await c.send("slow");
  });
  expect(await firstOrTimeout(c, time.Second)).toBe("timed out");
  const signal = AbortSignal.timeout(1000);
  await new Promise((r) => signal.addEventListener("abort", r));
  clearInterval(id);
  expect(ticks).toEqual([300, 600, 900, 1200, 1500, 1800]);
  expect(await firstOrTimeout(c, 5 * time.Second)).toBe("slow");
  expect(Date.now() - start).toBe(3000);
});
