// Shared helpers for the gort/time tests (unit and conformance).

import type { ReceiveChan } from "../../../src/chan.ts";
import { chan } from "../../../src/index.ts";
import { Sched as Runtime } from "../../../src/internal/runtime/proc.ts";
import * as time from "../../../src/time.ts";

/** The P counts every scheduler-sensitive test runs at. */
export const PROCS = [1, 4] as const;

/** Runs fn as the main goroutine of a fresh fake-clock runtime. */
export function runFake<T>(
  procs: number,
  fn: (rt: Runtime) => T | Promise<T>,
  seed = 1,
): Promise<Awaited<T>> {
  const rt = new Runtime({ clock: "fake", procs, seed });
  return rt.run(() => fn(rt));
}

/** A virtual stopwatch: elapsed() is the exact virtual time since it was made (fake clock). */
export function stopwatch(): { elapsed(): number } {
  const start = time.now();
  return { elapsed: () => time.since(start) };
}

/** The part of time.Timer the Go tests use, so channel timers and AfterFunc-based timers share bodies. */
export interface TestTimer {
  readonly c: ReceiveChan<time.Time>;
  stop(): boolean;
  reset(d: number): boolean;
}

/**
 * Go's test helper newTimerFunc: a Timer built from afterFunc and a one-slot channel the function sends
 * the current time to, so the "impl=func" variants exercise the non-channel (always heaped) timer path.
 */
export function newTimerFunc(d: number): TestTimer {
  const c = chan<time.Time>(1);
  const t = time.afterFunc(d, () => c.send(time.now()));
  return { c, stop: () => t.stop(), reset: (d2) => t.reset(d2) };
}

/** The two implementations Go's tests run under: a channel timer and an AfterFunc-based one. */
export const IMPLS: readonly [string, (d: number) => TestTimer][] = [
  ["chan", (d) => time.newTimer(d)],
  ["func", newTimerFunc],
];

/** A seeded PRNG (mulberry32) for the randomized tests. */
export function rng(seed: number): { intn(n: number): number; perm(n: number): number[] } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const intn = (n: number) => Math.floor(next() * n);
  return {
    intn,
    perm(n) {
      const p = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = intn(i + 1);
        [p[i], p[j]] = [p[j], p[i]];
      }
      return p;
    },
  };
}

/** Go's math.MaxInt64 and math.MinInt64 as bigint Durations. */
export const maxInt64 = (1n << 63n) - 1n;
export const minInt64 = -(1n << 63n);
