// Public: gort/synctest — virtual time for tests (Go's testing/synctest, Go 1.24/1.25).
//
// A bubble is an isolated runtime with a fake clock that starts at 2000-01-01T00:00:00Z. Goroutines,
// timers and channels created inside belong to it. Its time advances only when every goroutine in it is
// durably blocked on gort and the microtask queue has drained — never by wall clock — and then jumps to
// the next timer. Inside the bubble (only there) setTimeout/setInterval/setImmediate, Date,
// performance.now, AbortSignal.timeout and node:timers/promises run on the bubble's clock.

import { createRequire } from "node:module";
import { installFakes, NodeTimers, uninstallFakes } from "./internal/runtime/fakes.ts";
import { GoFatalError, getg, Runtime, siteOf } from "./internal/runtime/proc.ts";

/** Go's synctest epoch: 2000-01-01T00:00:00Z, in ns since the Unix epoch. */
export const epochUnixNano = 946684800000000000n;

export interface BubbleOptions {
  /** GOMAXPROCS inside the bubble (default 1). */
  procs?: number;
  /** Seed for every scheduling and select choice (default: a fixed 1, so runs are reproducible). */
  seed?: number;
  /** Fail if virtual time would pass this many ns (default 7 days). */
  maxVirtualTime?: number;
  /** Fail after this many clock advances (default 1,000,000). */
  maxClockAdvances?: number;
  /** Fake setTimeout & co. for code inside the bubble (default true). */
  fakeGlobals?: boolean;
  /** Don't fail when timers or tickers are still armed at the end (default false). */
  allowPendingTimers?: boolean;
}

/** A bubble ended badly for a reason other than a deadlock or panic (e.g. timers left armed). */
export class SynctestError extends Error {
  readonly code = "ERR_GORT_SYNCTEST";
  constructor(message: string) {
    super(message);
    this.name = "SynctestError";
  }
}

const day = 24 * 3600e9;

/**
 * Runs fn as the root goroutine of a new bubble and resolves with its result once fn and every goroutine
 * it started have returned. Rejects with a DeadlockError (GoFatalError) naming every blocked goroutine and
 * what it waits on, when all of them are blocked and no timer can wake them — including when fn returned
 * but others remain blocked; with a GoPanicError if a goroutine throws; with a SynctestError if timers or
 * tickers are still armed at the end.
 *
 * @example
 * await synctest.run(async () => {
 *   const start = Date.now();
 *   await new Promise((r) => setTimeout(r, 5000)); // no real waiting
 *   console.log(Date.now() - start); // 5000
 * });
 */
export async function run<T>(fn: () => T | Promise<T>, opts: BubbleOptions = {}): Promise<Awaited<T>> {
  const rt = new Runtime({
    clock: "fake",
    fakeEpoch: epochUnixNano,
    procs: opts.procs ?? 1,
    seed: opts.seed ?? 1,
    waitForGoroutines: true,
    maxVirtualTime: opts.maxVirtualTime ?? 7 * day,
    maxClockAdvances: opts.maxClockAdvances ?? 1_000_000,
    label: "bubble",
  });
  rt.timerSites = new WeakMap();
  rt.liveTimers = new Set();
  rt.nodeTimers = new NodeTimers(rt);
  const fake = opts.fakeGlobals ?? true;
  if (fake) await installFakes();
  let result: Awaited<T>;
  try {
    result = await rt.run(fn);
  } finally {
    if (fake) await uninstallFakes();
  }
  if (!opts.allowPendingTimers) {
    const armed = rt.armedTimers();
    const hostStyle = (rt.nodeTimers as NodeTimers).pending();
    if (armed.length > 0 || hostStyle > 0) {
      const lines = armed.map((t) => {
        const site = rt.timerSites?.get(t);
        const kind = t.period > 0 ? `ticker every ${t.period / 1e6}ms` : "timer";
        return `\t${kind}, next at ${((t.when - 1) / 1e6).toFixed(3)}ms${site ? `, created at ${siteOf(site)}` : ""}`;
      });
      if (hostStyle > 0) lines.push(`\t${hostStyle} setTimeout/setInterval callback(s) pending`);
      throw new SynctestError(
        `synctest: timers still armed when the bubble ended (stop them, or pass allowPendingTimers):\n${lines.join("\n")}`,
      );
    }
  }
  return result;
}

/**
 * Blocks until every other goroutine in the caller's bubble is durably blocked (Go: synctest.Wait). The
 * clock does not move. Must be called from a goroutine inside a bubble.
 */
export function wait(): Promise<void> {
  const gp = getg();
  if (gp === null || (gp.rt as Runtime).nodeTimers === null)
    return Promise.reject(new Error("synctest.wait: not called from a goroutine in a bubble"));
  return (gp.rt as Runtime).synctestWait(gp) as Promise<void>;
}

/**
 * Runs fn in a bubble once per seed in [first, first + n). Each seed gives a different, reproducible
 * schedule (which goroutine runs next, select choices, steals when procs > 1). Rejects with the first
 * failure, its message prefixed with the seed that replays it.
 */
export async function explore<T>(
  fn: () => T | Promise<T>,
  opts: BubbleOptions & { seeds?: number; firstSeed?: number } = {},
): Promise<void> {
  const n = opts.seeds ?? 100;
  const first = opts.firstSeed ?? 1;
  for (let seed = first; seed < first + n; seed++) {
    try {
      await run(fn, { ...opts, seed });
    } catch (e) {
      if (e instanceof Error) e.message = `seed ${seed} (replay with { seed: ${seed} }): ${e.message}`;
      throw e;
    }
  }
}

/**
 * Registers a test whose body runs in a bubble (one line per test): with Jest's or Vitest's global `it`
 * when present, otherwise with node:test. Runner-specific helpers that import their runner explicitly
 * live in gort/synctest/node, gort/synctest/vitest and gort/synctest/jest.
 *
 * @example
 * import { test } from "gort/synctest";
 * test("retries after 1s", async () => {
 *   // setTimeout, Date and gort's time all run on the bubble's clock here
 * });
 */
export function test(name: string, fn: () => unknown, opts?: BubbleOptions): unknown {
  const g = globalThis as { it?: unknown; expect?: unknown };
  const register = (
    typeof g.it === "function" && typeof g.expect === "function"
      ? g.it
      : (createRequire(import.meta.url)("node:test") as { test: unknown }).test
  ) as (name: string, body: () => Promise<void>) => unknown;
  return register(name, async () => {
    await run(fn, opts);
  });
}

export { GoFatalError };
