// Public: gort/synctest — virtual time for tests (Go's testing/synctest, Go 1.24/1.25).
//
// A bubble is an isolated runtime with a fake clock that starts at 2000-01-01T00:00:00Z. Goroutines,
// timers and channels created inside belong to it. Its time advances only when every goroutine in it is
// durably blocked on gort and the microtask queue has drained — never by wall clock — and then jumps to
// the next timer. Inside the bubble (only there) setTimeout/setInterval/setImmediate, Date,
// performance.now, process.hrtime, AbortSignal.timeout, node:timers/promises and fs.watchFile's poller run
// on the bubble's clock.
//
// Importing this module (or a gort/testing/* entry, which imports it) puts pass-through wrappers of the
// timer functions in place at once (the globals, node:timers, node:timers/promises, and node:fs' watchFile
// and unwatchFile; fakes.ts: installEarly), so that references code takes to them after this, before any
// bubble, still follow bubbles. The main entry `gort` patches nothing.

import { GoPanic } from "./errors.ts";
import { badOptions, checkFunc, checkOptions, funcGate, type OptionRules, rule } from "./internal/args.ts";
import { installEarly } from "./internal/runtime/fakes.ts";
import { GoFatalError, getg, type Sched } from "./internal/runtime/proc.ts";
import { callerSite, epochUnixNano, runBubble, SynctestError } from "./internal/runtime/synctest.ts";

export { epochUnixNano, SynctestError };

installEarly();

export interface BubbleOptions {
  /** GOMAXPROCS inside the bubble (default 1). */
  procs?: number;
  /** Seed for every scheduling and select choice (default: a fixed 1, so runs are reproducible). */
  seed?: number;
  /** Fail if virtual time would pass this many ns (default 7 days). */
  maxVirtualTime?: number;
  /** Fail after this many clock advances (default 1,000,000). */
  maxClockAdvances?: number;
  /**
   * Fail after this many timer firings (gort timers run plus setTimeout/setInterval/setImmediate callbacks
   * started; default 1,000,000): catches loops that never advance the clock, e.g. a setImmediate that
   * re-queues itself. Counted at every firing; gort timers due at the same instant fire together, so the
   * report may come after a few more than the limit.
   */
  maxTimerFirings?: number;
  /**
   * Real milliseconds the bubble may make no progress at all while its virtual time is held — by host I/O
   * it started that is still in flight (a file read, a fetch, a child process), or by goroutines awaiting
   * promises nothing in the bubble will settle, or by awaits wrapped in io() (default 2000; 0 = wait
   * forever; at most 2147483647). Then the bubble fails with a report naming what holds it, instead of
   * hanging. Also how long a bubble whose goroutines have all returned waits for its I/O still in flight
   * before it reports it.
   */
  stallTimeout?: number;
  /**
   * Real milliseconds the bubble may run in all (default 600000, Go's `go test` timeout of 10 minutes;
   * 0 = no limit; at most 2147483647). Then it fails with a goroutine dump: a goroutine that loops without
   * ever blocking (a busy poll on a buffered channel) keeps the bubble busy, moving neither its clock nor
   * its stall watchdog, and would otherwise spin the CPU forever under a runner without a timeout of its
   * own.
   */
  timeout?: number;
  /**
   * The test's signal: when it aborts (the runner's timeout, a cancelled run), the bubble fails at once
   * with a goroutine dump and stops, its fakes removed, instead of running on behind later tests.
   * synctest.bubble takes it from the runner's context when there is one (node:test's `t.signal`,
   * Vitest's `context.signal`).
   */
  signal?: AbortSignal;
  /** Fake setTimeout & co. for code inside the bubble (default true). */
  fakeGlobals?: boolean;
  /**
   * Don't fail when timers are still armed at the end, not even periodic ones (default false). Takes
   * precedence over strictTimers.
   */
  allowPendingTimers?: boolean;
  /**
   * Fail when any timer is still armed at the end: one-shot ones too (gort timers, time.afterFunc,
   * setTimeout) and unref'd ones (but AbortSignal.timeout's, which nothing can clear), not only the
   * periodic ones (gort tickers, refed setInterval) that fail by default. Default false: as in Go's
   * synctest, a pending one-shot timer is no failure; a Node-style one goes on as a host timer, as a Node
   * process would fire it later (docs/design/bubbles.md §4).
   */
  strictTimers?: boolean;
  /**
   * Record where each goroutine, timer and host-style timeout was created, for the reports (default
   * true). A stack capture costs a few µs (2–6 µs measured here), so a bubble that starts hundreds of
   * thousands of goroutines or timeouts runs several times faster with `sites: false`; its reports then
   * name no creation sites.
   */
  sites?: boolean;
}

/** What each option accepts (undefined is its default); see BubbleOptions. */
const optionRules: OptionRules<BubbleOptions> = {
  procs: rule.procs,
  seed: rule.integer,
  maxVirtualTime: rule.nanos,
  maxClockAdvances: rule.bound,
  maxTimerFirings: rule.bound,
  stallTimeout: rule.ms("wait forever"),
  timeout: rule.ms("no limit"),
  signal: rule.signal,
  fakeGlobals: rule.boolean,
  allowPendingTimers: rule.boolean,
  strictTimers: rule.boolean,
  sites: rule.boolean,
};

/** explore's options: a bubble's, and how many seeds from which first. */
const exploreRules: OptionRules<BubbleOptions & { seeds?: number; firstSeed?: number }> = {
  ...optionRules,
  seeds: rule.count,
  firstSeed: rule.integer,
};

/**
 * Runs fn as the root goroutine of a new bubble and resolves with its result once fn and every goroutine
 * it started have returned. Rejects with a DeadlockError (GoFatalError) naming every blocked goroutine and
 * what it waits on, when all of them are blocked and no timer can wake them — including when fn returned
 * but others remain blocked; with what a goroutine or callback of the bubble threw, itself (the same
 * object, e.g. an AssertionError, its goroutine report in a non-enumerable `gortReport` property), or a
 * GoPanicError for gort's own panics (a GoPanic such as "send on closed channel"); with a GoFatalError
 * when a runaway bound is hit (naming the periodic timers and where they were created); with a
 * SynctestError if tickers or setIntervals are still running at the end (any timer, with strictTimers),
 * or if the bubble stalls on a foreign await (see stallTimeout). The message of every error of gort's is
 * its full report.
 *
 * @example
 * await synctest.run(async () => {
 *   const start = Date.now();
 *   await new Promise((r) => setTimeout(r, 5000)); // no real waiting
 *   console.log(Date.now() - start); // 5000
 * });
 *
 * @example A ticker left running fails the bubble with a SynctestError:
 * try {
 *   await synctest.run(async () => {
 *     time.newTicker(time.Hour); // never stopped
 *   });
 * } catch (e) {
 *   e instanceof synctest.SynctestError; // true
 *   (e as Error).message.startsWith("synctest: periodic timers still running when the bubble ended"); // true
 * }
 */
export function run<T>(fn: () => T | Promise<T>, opts: BubbleOptions = {}): Promise<Awaited<T>> {
  const bad = funcGate(fn, "synctest.run", "fn");
  if (bad !== null) return bad;
  const badOpts = badOptions(opts, "synctest.run", optionRules);
  if (badOpts !== null) return Promise.reject(badOpts);
  return runBubble(fn, opts ?? {}, callerSite());
}

/**
 * Blocks until every other goroutine in the caller's bubble is durably blocked (Go: synctest.Wait). The
 * clock does not move. Must be called from a goroutine inside a bubble.
 *
 * @example
 * await synctest.run(async () => {
 *   const start = time.now();
 *   const c = chan<string>(1);
 *   let got = "";
 *   go(async () => {
 *     got = (await c.recv())!;
 *   });
 *   await c.send("hello");
 *   await synctest.wait(); // until the goroutine has received (and exited)
 *   console.log(got); // hello
 *   time.since(start); // 0: wait does not move the clock
 * });
 */
export function wait(): Promise<void> {
  const gp = getg();
  if (gp === null || (gp.rt as Sched).nodeTimers === null)
    return Promise.reject(new GoPanic("goroutine is not in a bubble"));
  return (gp.rt as Sched).synctestWait(gp) as Promise<void>;
}

/**
 * Runs fn in a bubble once per seed in [firstSeed, firstSeed + seeds). Each seed gives a different,
 * reproducible schedule (which goroutine runs next, select choices, steals when procs > 1). Rejects with
 * the first failure, its message prefixed with the seed that replays it (`run(fn, { seed })` fails the
 * same way) and the seed in its `seed` property.
 *
 * @example
 * await synctest.explore(
 *   async () => {
 *     const c = chan<number>();
 *     go(() => c.send(1));
 *     go(() => c.send(2));
 *     const a = (await c.recv())!;
 *     const b = (await c.recv())!;
 *     assert.equal(a + b, 3); // whichever goroutine sends first
 *   },
 *   { seeds: 20 },
 * );
 */
export async function explore<T>(
  fn: () => T | Promise<T>,
  opts: BubbleOptions & { seeds?: number; firstSeed?: number } = {},
): Promise<void> {
  const site = callerSite();
  checkFunc(fn, "synctest.explore", "fn");
  checkOptions(opts, "synctest.explore", exploreRules);
  const { seeds: n = 100, firstSeed: first = 1, ...bubbleOpts } = opts ?? {};
  for (let seed = first; seed < first + n; seed++) {
    try {
      await runBubble(fn, { ...bubbleOpts, seed }, site);
    } catch (e) {
      if (e instanceof Error) {
        const frames = (e.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l));
        e.message = `seed ${seed} (replay with { seed: ${seed} }): ${e.message}`;
        e.stack = `${e.name}: ${e.message}\n${frames.join("\n")}`;
        (e as Error & { seed?: number }).seed = seed;
      }
      throw e;
    }
  }
}

/**
 * A test body that runs fn in a bubble, for any test runner: `it("retries", synctest.bubble(async () =>
 * { … }))`. Reports name the line that called bubble() as where the root goroutine started. Arguments
 * the runner passes to the body (node:test's TestContext, Vitest's context) are handed to fn.
 *
 * @example
 * const body = synctest.bubble(async () => {
 *   const start = Date.now();
 *   await new Promise((r) => setTimeout(r, 60_000));
 *   assert.equal(Date.now() - start, 60_000); // a virtual minute
 * });
 * await body(); // what a runner does with it("waits a minute", body)
 */
export function bubble<A extends unknown[]>(
  fn: (...args: A) => unknown,
  opts?: BubbleOptions,
): (...args: A) => Promise<void> {
  const site = callerSite();
  checkFunc(fn, "synctest.bubble", "fn");
  checkOptions(opts, "synctest.bubble", optionRules);
  // A function, not an arrow: `this` (Mocha's test context: this.timeout(), this.skip()) reaches fn.
  return async function (this: unknown, ...args: A): Promise<void> {
    const signal = opts?.signal ?? signalOf(args[0]);
    await runBubble(
      () => fn.apply(this, args),
      signal === undefined ? (opts ?? {}) : { ...opts, signal },
      site,
    );
  };
}

/** The AbortSignal of a runner's test context (node:test's TestContext, Vitest's), if it has one. */
function signalOf(ctx: unknown): AbortSignal | undefined {
  const s = typeof ctx === "object" && ctx !== null ? (ctx as { signal?: unknown }).signal : undefined;
  return s instanceof AbortSignal ? s : undefined;
}

/**
 * Registers a test whose body runs in a bubble (one line per test): with the global `it` when there is one
 * (Jest, Vitest with globals, Mocha, Jasmine), otherwise with node:test. Under Vitest or Jest without their
 * globals it throws a TypeError naming the helper to use instead: runner-specific helpers that import
 * their runner explicitly live in gort/testing/node, gort/testing/vitest and gort/testing/jest.
 *
 * @example
 * import { test } from "gort/synctest";
 * test("waits a second", async () => {
 *   // setTimeout, Date and gort's time all run on the bubble's clock here
 *   const start = Date.now();
 *   await new Promise((r) => setTimeout(r, 1000)); // no real waiting
 *   assert.equal(Date.now() - start, 1000);
 * });
 */
export function test(name: string, fn: () => unknown, opts?: BubbleOptions): unknown {
  const site = callerSite();
  checkFunc(fn, "synctest.test", "fn");
  checkOptions(opts, "synctest.test", optionRules);
  return runnerTest()(name, () => runBubble(fn, opts ?? {}, site).then(() => {}));
}

/**
 * The `test` of the runner running this file: a global `it` (Jest, Vitest with globals, Mocha, Jasmine),
 * else node:test's. Under Vitest or Jest without their globals a test registered with node:test would
 * never run as theirs (Vitest: "No test suite found"), so that is an error naming the way out.
 */
function runnerTest(): (name: string, body: () => Promise<void>) => unknown {
  const it = (globalThis as { it?: unknown }).it;
  if (typeof it === "function") return it as (name: string, body: () => Promise<void>) => unknown;
  const runner =
    process.env.VITEST !== undefined ? "vitest" : process.env.JEST_WORKER_ID !== undefined ? "jest" : null;
  if (runner !== null)
    throw new TypeError(
      `synctest.test: ${runner === "vitest" ? "Vitest" : "Jest"} runs this file without its globals, so there is no \`it\` to register with; ` +
        `import { test } from "gort/testing/${runner}" instead, or pass synctest.bubble(fn) to your own test()`,
    );
  return (
    process.getBuiltinModule("node:test") as { test: (name: string, body: () => Promise<void>) => unknown }
  ).test;
}

export { GoFatalError };
