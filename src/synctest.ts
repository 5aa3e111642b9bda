// Public: gort/synctest — virtual time for tests (Go's testing/synctest, Go 1.24/1.25).
//
// A bubble is an isolated runtime with a fake clock that starts at 2000-01-01T00:00:00Z. Goroutines,
// timers and channels created inside belong to it. Its time advances only when every goroutine in it is
// durably blocked on gort and the microtask queue has drained — never by wall clock — and then jumps to
// the next timer. Inside the bubble (only there) setTimeout/setInterval/setImmediate, Date,
// performance.now, process.hrtime, AbortSignal.timeout and node:timers/promises run on the bubble's clock.

import { GoPanic } from "./errors.ts";
import { RuntimeInvariantError } from "./internal/debug.ts";
import { hostClearTimeout, hostPerfNow, hostSetTimeout } from "./internal/host.ts";
import { installFakes, uninstallFakes } from "./internal/runtime/fakes.ts";
import { IoWatch } from "./internal/runtime/iotrack.ts";
import { type FakeTimeout, NodeTimers } from "./internal/runtime/nodetimers.ts";
import { contextRuntime, GoexitSignal, GoFatalError, getg, Sched, siteOf } from "./internal/runtime/proc.ts";
import type { Timer } from "./internal/runtime/timer.ts";

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
  /**
   * Fail after this many timer firings (gort timers run plus setTimeout/setInterval/setImmediate callbacks
   * started; default 1,000,000): catches loops that never advance the clock, e.g. a setImmediate that
   * re-queues itself.
   */
  maxTimerFirings?: number;
  /**
   * Real milliseconds the bubble may make no progress at all while its virtual time is held — by host I/O
   * it started that is still in flight (a file read, a fetch, a child process), or by goroutines awaiting
   * promises nothing in the bubble will settle, or by awaits wrapped in io() (default 2000; 0 = wait
   * forever). Then the bubble fails with a report naming what holds it, instead of hanging. Also how
   * long a bubble whose goroutines have all returned waits for its I/O still in flight before it reports
   * it.
   */
  stallTimeout?: number;
  /**
   * Real milliseconds the bubble may run in all (default 600000, Go's `go test` timeout of 10 minutes;
   * 0 = no limit). Then it fails with a goroutine dump: a goroutine that loops without ever blocking (a
   * busy poll on a buffered channel) keeps the bubble busy, moving neither its clock nor its stall
   * watchdog, and would otherwise spin the CPU forever under a runner without a timeout of its own.
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
   * Fail when any timer is still armed at the end: one-shot ones too (gort timers, time.afterFunc, refed
   * setTimeout), not only the periodic ones (gort tickers, refed setInterval) that fail by default.
   * Default false: as in Go's synctest, and as a Node process would simply fire them later, a pending
   * one-shot timer is no failure.
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

/**
 * A bubble ended badly for a reason other than a deadlock or panic (e.g. periodic timers left running).
 *
 * @example
 * try {
 *   await synctest.run(async () => {
 *     time.newTicker(time.Hour); // never stopped
 *   });
 * } catch (e) {
 *   e instanceof synctest.SynctestError; // true
 *   (e as Error).message.startsWith("synctest: periodic timers still running when the bubble ended"); // true
 * }
 */
export class SynctestError extends Error {
  readonly code = "ERR_GORT_SYNCTEST";
  /** The full report (the same text as the message): what is left, and where it was created. */
  readonly report: string;
  constructor(message: string) {
    super(message);
    this.name = "SynctestError";
    this.report = message;
  }
}

const day = 24 * 3600e9;

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
 */
export function run<T>(fn: () => T | Promise<T>, opts: BubbleOptions = {}): Promise<Awaited<T>> {
  return runAt(fn, opts, callerSite());
}

/** run, with the site reports name as where the root goroutine was started. */
async function runAt<T>(fn: () => T | Promise<T>, opts: BubbleOptions, site: Error): Promise<Awaited<T>> {
  // Go panics on a nested Run: a bubble's code (its goroutines, its callbacks) cannot start another.
  if (contextRuntime()?.nodeTimers != null)
    throw new GoPanic("synctest.Run called from within a synctest bubble");
  const rt = new Sched({
    clock: "fake",
    fakeEpoch: epochUnixNano,
    procs: opts.procs ?? 1,
    seed: opts.seed ?? 1,
    waitForGoroutines: true,
    maxVirtualTime: opts.maxVirtualTime ?? 7 * day,
    maxClockAdvances: opts.maxClockAdvances ?? 1_000_000,
    label: "bubble",
    spawnSites: opts.sites ?? true,
  });
  if (rt.spawnSites) rt.timerSites = new WeakMap();
  rt.liveTimers = new Set();
  const nt = new NodeTimers(rt);
  rt.nodeTimers = nt;
  const io = new IoWatch(rt);
  rt.io = io;
  const fake = opts.fakeGlobals ?? true;
  if (fake) installFakes();
  const root = siteOf(site);
  const stallTimeout = opts.stallTimeout ?? 2000;
  const watchdog = new Watchdog(
    rt,
    nt,
    opts.maxTimerFirings ?? 1_000_000,
    stallTimeout,
    root,
    opts.timeout ?? 600_000,
  );
  if (opts.signal !== undefined) watchdog.watch(opts.signal);
  let result: Awaited<T>;
  try {
    result = await Promise.race([rt.run(fn), watchdog.failed]);
    await ioDrained(io, stallTimeout);
  } catch (e) {
    throw withReport(e, rt, nt, root);
  } finally {
    watchdog.stop();
    io.close();
    if (fake) uninstallFakes();
  }
  if (!opts.allowPendingTimers) {
    const strict = opts.strictTimers ?? false;
    const lines = armedReport(rt, nt, strict);
    if (lines.length > 0)
      throw new SynctestError(
        strict
          ? `synctest: timers still armed when the bubble ended (strictTimers; stop them, or pass allowPendingTimers):\n${lines.join("\n")}`
          : `synctest: periodic timers still running when the bubble ended (stop them, or pass allowPendingTimers):\n${lines.join("\n")}`,
      );
  }
  return result;
}

/**
 * One line per timer still armed: gort tickers and refed setInterval callbacks, and with `all` gort
 * one-shot timers and refed setTimeouts too.
 */
function armedReport(rt: Sched, nt: NodeTimers, all: boolean): string[] {
  const lines: string[] = [];
  for (const t of rt.armedTimers().sort((a, b) => a.when - b.when)) {
    if (nt.isEngine(t) || (!all && t.period <= 0)) continue;
    lines.push(`\t${gortTimerLine(rt, t)}`);
  }
  for (const t of nt.list()) {
    // unref'd (e.g. AbortSignal.timeout) keeps nothing alive in Node either; an immediate is due now
    if (!t.refed || t.kind === "setImmediate" || (!all && t.repeat === 0)) continue;
    lines.push(`\t${hostTimerLine(t)}`);
  }
  return lines;
}

function gortTimerLine(rt: Sched, t: Timer): string {
  const site = rt.timerSites?.get(t);
  const kind = t.period > 0 ? `ticker every ${fmtMs(t.period)}` : "timer";
  return `${kind}, next at ${fmtMs(t.when - 1)}${site ? `, created at ${siteOf(site)}` : ""}`;
}

function hostTimerLine(t: FakeTimeout): string {
  const site = t.site !== null ? siteOf(t.site) : "";
  const what = t.kind === "setInterval" ? `setInterval every ${t.repeat}ms` : `${t.kind}(${t.delay}ms)`;
  return `${what}, next at ${fmtMs(t.when - 1)}${site ? `, created at ${site}` : ""}`;
}

function fmtMs(ns: number): string {
  return `${(ns / 1e6).toFixed(3)}ms`;
}

/** One line per host operation holding the bubble's time: what it is and where it started. */
function ioLines(io: IoWatch, ending = false): string[] {
  return io.inFlight(ending).map((op) => {
    const site = op.site !== null ? siteOf(op.site) : "";
    return `\t${op.describe()}${site ? `, started at ${site}` : ""}`;
  });
}

/**
 * Every goroutine of the bubble returned: wait (on real time) for the host I/O it started and left in
 * flight — a write whose callback nobody awaited — then fail naming what is still in flight.
 */
async function ioDrained(io: IoWatch, timeoutMs: number): Promise<void> {
  if (!io.holds(true)) return;
  const start = hostPerfNow();
  while (io.holds(true)) {
    const waited = hostPerfNow() - start;
    if (timeoutMs > 0 && waited >= timeoutMs)
      throw new SynctestError(
        `synctest: host I/O still in flight ${Math.round(waited)}ms after the bubble's goroutines returned (await it, or end it):\n${ioLines(io, true).join("\n")}`,
      );
    await new Promise((r) => hostSetTimeout(r, 2));
  }
}

/**
 * A runaway report: what bound was hit and how much virtual time passed, each periodic timer still
 * running (gort tickers, setIntervals) once with where it was created, `extra` lines, and the dump.
 */
function runawayReport(rt: Sched, nt: NodeTimers, what: string, extra: string[], dump: string): string {
  const lines = [`runaway: ${what}; ${fmtMs(rt.fakeNow - 1)} of virtual time passed`, ""];
  const periodic = [
    ...rt
      .armedTimers()
      .filter((t) => t.period > 0 && !nt.isEngine(t))
      .sort((a, b) => a.when - b.when)
      .map((t) => gortTimerLine(rt, t)),
    ...nt
      .list()
      .filter((t) => t.kind === "setInterval")
      .map(hostTimerLine),
  ];
  if (periodic.length > 0) lines.push("periodic timers still running:", ...periodic.map((l) => `\t${l}`), "");
  lines.push(...extra, dump);
  return lines.join("\n");
}

/** Whether v is one of gort's own failures (a GoPanic, a runtime error), not something user code threw. */
function gorts(v: unknown): boolean {
  // A GoFatalError thrown by bubble code is another runtime's failure that the code caught and rethrew
  // (a Runtime it ran deadlocked): the code's own value, passed on as itself.
  return (
    v instanceof GoPanic ||
    v instanceof RuntimeInvariantError ||
    v instanceof GoexitSignal ||
    v instanceof SynctestError
  );
}

/**
 * The error a bubble rejects with. What bubble code threw is rethrown as itself (same object, same class:
 * runners show an AssertionError's diff), its goroutine report in a non-enumerable `gortReport`. gort's
 * own failures get their message made the full report (runners print the message, not the report
 * property); a runaway report from the scheduler is rebuilt with the virtual time that passed and the
 * periodic timers still running.
 */
function withReport(e: unknown, rt: Sched, nt: NodeTimers, root: string): unknown {
  if (!(e instanceof GoFatalError)) return e;
  let report = annotateDump(e.report, root);
  if (e.name === "GoPanicError" && !gorts(e.value)) {
    const v = e.value;
    if ((typeof v === "object" && v !== null) || typeof v === "function") {
      try {
        if (Object.isExtensible(v) && !Object.hasOwn(v, "gortReport"))
          Object.defineProperty(v, "gortReport", { value: report, writable: true, configurable: true });
      } catch {
        // a proxy or exotic object that refuses: the value still goes through unchanged
      }
    }
    return v;
  }
  if (e.message.startsWith("runaway:") && !report.includes("of virtual time passed\n")) {
    // The scheduler's report: its header, maybe its tickers, then the dump (after the first blank line
    // that follows the tickers).
    const lines = report.split("\n");
    let i = 2;
    if (lines[i] === "periodic timers still running:") {
      while (i < lines.length && lines[i] !== "") i++;
      i++;
    }
    report = runawayReport(rt, nt, e.message.slice("runaway: ".length), [], lines.slice(i).join("\n"));
  }
  const kind = e.name === "DeadlockError" ? "deadlock" : e.name === "GoPanicError" ? "panic" : "fatal";
  const out = new GoFatalError(kind, report, report, e.value);
  out.stack = `${out.name}: ${report}\n${(e.stack ?? "").split("\n").slice(1).join("\n")}`;
  return out;
}

/**
 * Completes a goroutine dump for a bubble: the root goroutine (1) was started by synctest.run at `root`,
 * and a goroutine in a syscall awaits a promise gort does not own.
 */
function annotateDump(dump: string, root: string): string {
  const lines = dump.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    out.push(line);
    if (line.startsWith("goroutine ") && / \[syscall[\],]/.test(line) && !lines[i + 1]?.startsWith("\t"))
      out.push("\tawaiting a promise gort does not own");
    if (line.startsWith("goroutine 1 [")) {
      let j = i + 1;
      while (j < lines.length && lines[j] !== "" && !lines[j].startsWith("created ")) j++;
      if ((j >= lines.length || lines[j] === "") && root !== "") {
        out.push(...lines.slice(i + 1, j), `created by synctest.run at ${root}`);
        i = j - 1;
      }
    }
  }
  return out.join("\n");
}

function callerSite(): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 16;
  const e = new Error("synctest");
  Error.stackTraceLimit = limit;
  return e;
}

/**
 * Watches a bubble from the host loop, on real time: fails it when its timer firings pass the bound
 * (loops that never advance the clock), or when it makes no progress for stallTimeout real ms while a
 * goroutine awaiting a foreign promise holds virtual time.
 */
class Watchdog {
  readonly failed: Promise<never>;
  private reject: (e: unknown) => void = () => {};
  private handle: ReturnType<typeof hostSetTimeout> | null = null;
  private last = "";
  private since = 0;
  private readonly period: number;

  private readonly rt: Sched;
  private readonly nt: NodeTimers;
  private readonly maxFirings: number;
  private readonly stallTimeout: number;
  private readonly root: string;
  private readonly timeout: number;
  private readonly started: number;
  /** Removes the abort listener of BubbleOptions.signal (watch). */
  private unwatch: (() => void) | null = null;
  constructor(
    rt: Sched,
    nt: NodeTimers,
    maxFirings: number,
    stallTimeout: number,
    root: string,
    timeout: number,
  ) {
    this.rt = rt;
    this.nt = nt;
    this.maxFirings = maxFirings;
    this.stallTimeout = stallTimeout;
    this.root = root;
    this.timeout = timeout;
    this.failed = new Promise<never>((_, reject) => {
      this.reject = reject;
    });
    this.failed.catch(() => {});
    nt.onFire = () => {
      if (this.firings() > this.maxFirings) this.fail(this.runawayFirings());
    };
    this.period = stallTimeout > 0 ? Math.min(250, Math.max(10, stallTimeout / 4)) : 250;
    this.since = hostPerfNow();
    this.started = this.since;
    this.arm();
  }

  private firings(): number {
    return this.rt.stats.timersRun + this.nt.fired;
  }

  private arm(): void {
    this.handle = hostSetTimeout(() => this.check(), this.period);
  }

  private check(): void {
    const rt = this.rt;
    if (rt.stopped) return;
    if (this.firings() > this.maxFirings) {
      this.fail(this.runawayFirings());
      return;
    }
    const s = rt.stats;
    const io = rt.io;
    const sig = `${rt.fakeNow}|${s.switches}|${s.goroutines}|${this.nt.fired}|${rt.nsyscall}|${rt.nio}|${io?.completions}`;
    const now = hostPerfNow();
    if (this.timeout > 0 && now - this.started >= this.timeout) {
      this.fail(this.timedOut(now - this.started));
      return;
    }
    if (sig !== this.last) {
      this.last = sig;
      this.since = now;
    } else if (
      this.stallTimeout > 0 &&
      now - this.since >= this.stallTimeout &&
      !rt.mActive &&
      (rt.nsyscall > 0 || rt.nio > 0 || io?.holds() === true)
    ) {
      this.fail(this.stalled(now - this.since));
      return;
    }
    this.arm();
  }

  private runawayFirings(): GoFatalError {
    const extra: string[] = [];
    const last = this.nt.lastFired;
    if (last !== null && last.kind !== "setInterval") {
      extra.push("callback started last (a setImmediate or setTimeout loop that re-arms itself?):");
      extra.push(`\t${hostTimerLine(last)}`, "");
    }
    const what = `more than ${this.maxFirings} timer firings`;
    const report = runawayReport(this.rt, this.nt, what, extra, annotateDump(this.rt.dump(), this.root));
    return new GoFatalError("fatal", report, report);
  }

  private stalled(ms: number): SynctestError {
    const at = fmtMs(this.rt.fakeNow - 1);
    const io = this.rt.io !== null ? ioLines(this.rt.io) : [];
    const head = `synctest: the bubble made no progress for ${Math.round(ms)}ms of real time:`;
    if (io.length > 0)
      return this.withDump([
        `${head} virtual time is held at ${at} by host I/O it started, still in flight:`,
        ...io,
        "Time stands still while the bubble waits for the outside world (as in Go). If this I/O is",
        "expected to take longer, raise stallTimeout; if it never ends (a server that never answers, a",
        "socket left open), end it or create it outside the bubble.",
      ]);
    if (this.rt.nio > 0)
      return this.withDump([
        `${head} virtual time is held at ${at} by awaits wrapped in io(), still pending (goroutines in [IO wait] below).`,
        "io() says the promise waits for the outside world, so time stands still until it settles. If it is",
        "expected to take longer, raise stallTimeout; if it never settles, it is not I/O the bubble can wait for.",
      ]);
    return this.withDump([
      `${head} virtual time is at ${at}, no timer of the bubble is left, and goroutines await promises that nothing in the bubble will settle.`,
      "If such a promise waits for something the bubble does (a value another goroutine sends), use a",
      "channel; if outside code settles it (a timer or server made outside the bubble), wrap the await in",
      "io() to say so, or raise stallTimeout.",
    ]);
  }

  private timedOut(ms: number): SynctestError {
    return this.withDump([
      `synctest: the bubble ran for ${Math.round(ms)}ms of real time (timeout ${this.timeout}ms), its virtual time at ${fmtMs(this.rt.fakeNow - 1)}: a goroutine that never blocks (a busy loop), or work that takes longer (raise timeout).`,
    ]);
  }

  private aborted(reason: unknown): SynctestError {
    const why = reason instanceof Error ? reason.message : String(reason);
    return this.withDump([
      `synctest: the test's signal aborted (${why}) while the bubble ran, its virtual time at ${fmtMs(this.rt.fakeNow - 1)}: the bubble is stopped.`,
    ]);
  }

  /** A watchdog's report: its lines, a blank line, the bubble's goroutine dump. */
  private withDump(lines: string[]): SynctestError {
    return new SynctestError([...lines, "", annotateDump(this.rt.dump(), this.root)].join("\n"));
  }

  private fail(e: Error): void {
    if (this.rt.stopped) return;
    this.rt.stop();
    this.reject(e);
  }

  /** Fails the bubble when signal aborts (BubbleOptions.signal). */
  watch(signal: AbortSignal): void {
    const onAbort = () => this.fail(this.aborted(signal.reason));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    this.unwatch = () => signal.removeEventListener("abort", onAbort);
  }

  stop(): void {
    if (this.handle !== null) hostClearTimeout(this.handle);
    this.handle = null;
    this.nt.onFire = null;
    this.unwatch?.();
    this.unwatch = null;
  }
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
  const n = opts.seeds ?? 100;
  const first = opts.firstSeed ?? 1;
  const { seeds: _n, firstSeed: _f, ...bubbleOpts } = opts;
  for (let seed = first; seed < first + n; seed++) {
    try {
      await runAt(fn, { ...bubbleOpts, seed }, site);
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
  // A function, not an arrow: `this` (Mocha's test context: this.timeout(), this.skip()) reaches fn.
  return async function (this: unknown, ...args: A): Promise<void> {
    const signal = opts?.signal ?? signalOf(args[0]);
    await runAt(() => fn.apply(this, args), signal === undefined ? (opts ?? {}) : { ...opts, signal }, site);
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
  return runnerTest()(name, () => runAt(fn, opts ?? {}, site).then(() => {}));
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
