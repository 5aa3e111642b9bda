// Run by test/unit/synctest/runners.test.ts: `npx vitest run --config test/runners/vitest/vitest.config.ts faketimers.spec.ts`.
// vi.useFakeTimers() in a body that runs in a bubble, vi.useRealTimers() in an afterEach outside it: Vitest
// puts back what it found, gort's bubble fakes, after the bubble has ended; the originals must be back.
import { test } from "gort/testing/vitest";
import { afterEach, expect, test as plainTest, vi } from "vitest";

const g = globalThis as unknown as Record<string, unknown>;
const names = ["setTimeout", "setInterval", "setImmediate", "clearTimeout", "Date", "queueMicrotask"];
const before = names.map((n) => g[n]);
const hostNextTick = process.nextTick;
const hostHrtime = process.hrtime;

afterEach(() => {
  vi.useRealTimers();
});

for (const i of [1, 2, 3]) {
  test(`vi.useFakeTimers() in a bubble, round ${i}: Vitest's clock in the bubble`, async () => {
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 1000));
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date", "queueMicrotask", "hrtime"] });
    let fired = 0;
    setTimeout(() => fired++, 50);
    vi.advanceTimersByTime(50);
    expect(fired).toBe(1);
    expect(Date.now() - t0).toBe(1050); // Vitest's clock starts at the bubble's time
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
