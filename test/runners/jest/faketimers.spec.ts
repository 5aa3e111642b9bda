// Run by test/unit/synctest/runners.test.ts: `NODE_OPTIONS=--experimental-vm-modules npx jest --config test/runners/jest/jest.config.mjs faketimers.spec.ts`.
// jest.useFakeTimers() in a body that runs in a bubble, jest.useRealTimers() in an afterEach outside it: Jest
// puts back what it found, gort's bubble fakes, after the bubble has ended; the originals must be back.
import { afterEach, expect, jest, test as plainTest } from "@jest/globals";
import { test } from "gort/testing/jest";

const g = globalThis as unknown as Record<string, unknown>;
const names = ["setTimeout", "setInterval", "setImmediate", "clearTimeout", "Date", "queueMicrotask"];
const before = names.map((n) => g[n]);
const hostNextTick = process.nextTick;
const hostHrtime = process.hrtime;

afterEach(() => {
  jest.useRealTimers();
});

for (const i of [1, 2, 3]) {
  test(`jest.useFakeTimers() in a bubble, round ${i}: Jest's clock in the bubble`, async () => {
    await new Promise((r) => setTimeout(r, 1000));
    jest.useFakeTimers({
      doNotFake: ["setImmediate", "clearImmediate", "setInterval", "clearInterval", "performance"],
    });
    let fired = 0;
    setTimeout(() => fired++, 50);
    jest.advanceTimersByTime(50);
    expect(fired).toBe(1);
  });
}

plainTest(
  "after useRealTimers outside the bubbles, the host's functions are back (not gort's bubble fakes)",
  async () => {
    expect(names.filter((n, i) => g[n] !== before[i])).toEqual([]);
    expect(process.nextTick).toBe(hostNextTick);
    expect(process.hrtime).toBe(hostHrtime);
    await new Promise((r) => setTimeout(r, 1));
    expect(new Date().getFullYear()).toBeGreaterThan(2020);
  },
);
