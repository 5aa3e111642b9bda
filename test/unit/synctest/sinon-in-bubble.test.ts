// @sinonjs/fake-timers (underneath Jest's and Vitest's fake timers too) installed by a bubble's code and
// uninstalled after the bubble ended (a test body in a bubble turns fake timers on, an afterEach outside
// turns them off): uninstalling puts back what it found, gort's bubble fakes, after the bubble had removed
// them. The host's own functions must come back (fakepatch.ts: left-behind wrappers), not gort's fakes
// staying on the globals for good and being wrapped again by every later bubble. (A file of its own: it
// checks the globals' identity.)
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import * as synctest from "../../../src/synctest.ts";
import { timerNames } from "./timer-modules.ts";

interface Clock {
  tick(ms: number): number;
  uninstall(): void;
}
const FakeTimers = createRequire(import.meta.url)("@sinonjs/fake-timers") as {
  install(opts?: { now?: number; toFake?: string[] }): Clock;
};

const g = globalThis as unknown as Record<string, unknown>;
const globalNames = [...timerNames, "queueMicrotask", "Date", "performance", "Intl"];
const proc = process as unknown as Record<string, unknown>;
function snapshot(): unknown[] {
  return [
    ...globalNames.map((n) => g[n]),
    proc.nextTick,
    proc.hrtime,
    Object.getOwnPropertyDescriptor(performance, "now")?.value,
    Object.getOwnPropertyDescriptor(g, "Date")?.get,
  ];
}
const names = [...globalNames, "process.nextTick", "process.hrtime", "own performance.now", "Date getter"];
function changed(before: unknown[]): string[] {
  const now = snapshot();
  return names.filter((_, i) => now[i] !== before[i]);
}

test("sinon installed in a bubble and uninstalled after it: the host's functions are back, every round", async () => {
  const before = snapshot();
  for (const round of [1, 2, 3]) {
    let clock: Clock | undefined;
    const inside = await synctest.run(async () => {
      await new Promise((r) => setTimeout(r, 1000));
      clock = FakeTimers.install({ now: 5_000 }); // every fake sinon has
      let fired = 0;
      setTimeout(() => fired++, 20);
      clock.tick(20);
      return [fired, Date.now()];
    });
    assert.deepEqual(inside, [1, 5_020], `round ${round}: sinon's clock in the bubble`);
    // The bubble has ended; sinon is still installed, and still in charge outside.
    assert.equal(Date.now(), 5_020);
    let fired = 0;
    setTimeout(() => fired++, 30);
    clock!.tick(30);
    assert.equal(fired, 1);
    clock!.uninstall();
    assert.deepEqual(changed(before), [], `round ${round}`);
  }
  // Bubbles still run on their own clock, and the host's timers on real time.
  const elapsed = await synctest.run(async () => {
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 3_600_000));
    return performance.now() - t0;
  });
  assert.equal(elapsed, 3_600_000);
  assert.deepEqual(changed(before), []);
  assert.equal(await new Promise((r) => setTimeout(() => r("real"), 1)), "real");
});

test("sinon faking only performance, installed in a bubble, uninstalled after it: the host's performance.now is back when the next bubble starts", async () => {
  assert.equal(Object.hasOwn(performance, "now"), false);
  let clock: Clock | undefined;
  await synctest.run(async () => {
    clock = FakeTimers.install({ toFake: ["performance"] });
  });
  clock!.uninstall();
  // sinon puts perf_hooks' performance.now back by defining it, which nothing can see: gort's wrapper is
  // there, passing every call to the host's, until the next bubble starts.
  const t0 = performance.now();
  assert.equal(await new Promise((r) => setTimeout(() => r("real"), 2)), "real");
  assert.ok(performance.now() > t0, "the host's clock");
  assert.equal(await synctest.run(async () => performance.now() > 0), true);
  assert.equal(Object.hasOwn(performance, "now"), false, "the prototype's performance.now again");
});
