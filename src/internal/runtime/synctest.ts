// The machinery behind gort/synctest's run (Go: the bubble of runtime/synctest.go): a bubble's runtime is
// made, its host-style fakes installed, and its end judged — what it rejects with (withReport), which timers
// still armed fail it (armedReport), I/O left in flight (ioDrained), and, once it completed, its pending
// host-style timers handed to the host (NodeTimers.handOff; a failed bubble's are dropped) — while a Watchdog on the real clock
// fails it when it runs away (timer firings past a bound), stalls (no progress while host I/O or a foreign
// await holds its time), runs past its timeout, or its runner's signal aborts. The public module
// (src/synctest.ts) keeps the API: run, wait, explore, bubble, test and their options.
//
// A bubble's fakes are installed exactly while its run is pending (runBubble's try/finally), and its
// watchdog's host timer and abort listener end with it; the runtime's result and the watchdog's failure
// race, and the watchdog stops the runtime before it rejects, so a failure reaches the caller once. The
// bubble's own invariants are its runtime's (proc.ts), its host timers' (nodetimers.ts) and its I/O
// watch's (iotrack.ts).

import { GoPanic } from "../../errors.ts";
import type { BubbleOptions } from "../../synctest.ts";
import { RuntimeInvariantError } from "../debug.ts";
import { hostClearTimeout, hostPerfNow, hostSetTimeout } from "../host.ts";
import { installFakes, uninstallFakes } from "./fakes.ts";
import type { FakeTimeout } from "./faketimeout.ts";
import { bubbleEnded, bubbleStarted } from "./getg.ts";
import { IoWatch } from "./iotrack.ts";
import { NodeTimers } from "./nodetimers.ts";
import { contextRuntime, GoexitSignal, GoFatalError, Sched, siteOf } from "./proc.ts";
import type { Timer } from "./timer.ts";

/** Go's synctest epoch: 2000-01-01T00:00:00Z, in ns since the Unix epoch. */
export const epochUnixNano = 946684800000000000n;

/** A bubble ended badly for a reason other than a deadlock or panic (e.g. periodic timers left running). */
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

/** synctest.run, with the site reports name as where the root goroutine was started. */
export async function runBubble<T>(
  fn: () => T | Promise<T>,
  opts: BubbleOptions,
  site: Error,
): Promise<Awaited<T>> {
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
  nt.fakes = fake;
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
  bubbleStarted();
  try {
    result = await Promise.race([rt.run(fn), watchdog.failed]);
    await ioDrained(io, stallTimeout);
  } catch (e) {
    nt.discard(); // a failed bubble's host-style timers never fire (nodetimers.ts: hand-off)
    throw withReport(e, rt, nt, root);
  } finally {
    bubbleEnded();
    watchdog.stop();
    io.close();
    if (fake) uninstallFakes();
  }
  // The bubble completed: its leftover timers are judged, then its host-style ones go on as host timers
  // (one-shots, unref'd intervals), as a Node process would fire them later; its gort timers never fire.
  const strict = opts.strictTimers ?? false;
  const lines = opts.allowPendingTimers ? [] : armedReport(rt, nt, strict);
  const handed = nt.handOff();
  if (!strict || lines.length === 0) warnLongHandOffs(handed); // else the failure below lists them
  if (lines.length > 0)
    throw new SynctestError(
      strict
        ? `synctest: timers still armed when the bubble ended (strictTimers; stop them, or pass allowPendingTimers):\n${lines.join("\n")}`
        : `synctest: periodic timers still running when the bubble ended (stop them, or pass allowPendingTimers):\n${lines.join("\n")}`,
    );
  return result;
}

/**
 * One line per timer still armed: gort tickers and refed setInterval callbacks, and with `all` every other
 * timer too — gort one-shot timers, setTimeouts, unref'd ones included — but an immediate (due now) and
 * AbortSignal.timeout's (no handle can clear it).
 */
function armedReport(rt: Sched, nt: NodeTimers, all: boolean): string[] {
  const lines: string[] = [];
  for (const t of rt.armedTimers().sort((a, b) => a.when - b.when)) {
    if (nt.isEngine(t) || (!all && t.period <= 0)) continue;
    lines.push(`\t${gortTimerLine(rt, t)}`);
  }
  for (const t of nt.list()) {
    // Without `all`, an unref'd interval keeps nothing alive in Node, and a one-shot fires later.
    if (t.kind === "setImmediate" || t.noHandle || (!all && (t.repeat === 0 || !t.refed))) continue;
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
  const what =
    t.label ?? (t.kind === "setInterval" ? `setInterval every ${t.repeat}ms` : `${t.kind}(${t.delay}ms)`);
  return `${what}${t.refed ? "" : " (unref'd)"}, next at ${fmtMs(t.when - 1)}${site ? `, created at ${site}` : ""}`;
}

/** A handed-off refed timer due later than this (real ms) keeps a test process waiting: it is named. */
const longHandOffMs = 1000;
/** The most of them the warning lists one by one. */
const maxHandOffLines = 20;

/**
 * Refed timers a completed bubble handed to the host that are due in more than a second of real time keep
 * the process alive until then (a test file that seems to hang at its end): a GortWarning names them.
 */
function warnLongHandOffs(handed: { t: FakeTimeout; ms: number }[]): void {
  const long = handed.filter((h) => h.t.refed && h.ms > longHandOffMs && h.t.kind !== "setImmediate");
  if (long.length === 0) return;
  const last = Math.max(...long.map((h) => h.ms));
  const shown = long.slice(0, maxHandOffLines).map((h) => `\t${hostTimerLine(h.t)}`);
  if (long.length > shown.length) shown.push(`\t… and ${long.length - shown.length} more`);
  process.emitWarning(
    `synctest: the bubble ended with ${long.length} refed timer(s) pending, now host timers that keep the process alive until they fire (the last in ${(last / 1000).toFixed(1)} s of real time): clear or unref them, or pass strictTimers to fail on them:\n${shown.join("\n")}`,
    { type: "GortWarning", code: "GORT_TIMERS_HANDED_OFF" },
  );
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
  // e's frames only: its message (a whole report, for a runaway) is part of its stack's text too.
  const frames = (e.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l));
  out.stack = `${out.name}: ${report}\n${frames.join("\n")}`;
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

export function callerSite(): Error {
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
    // Checked at every firing: a host-style callback's start, and every scheduler check that ran timers.
    // The scheduler calls onFiring once its count of fired timers (which includes the engine timer and not
    // the callbacks) passes rt.maxTimerFirings: kept at the count where the bubble's own would pass the limit.
    const onFiring = () => {
      if (this.firings() > this.maxFirings) this.fail(this.runawayFirings());
      else rt.maxTimerFirings = this.maxFirings + nt.engineFired - nt.fired;
    };
    nt.onFire = onFiring;
    rt.maxTimerFirings = maxFirings;
    rt.onFiringLimit = onFiring;
    this.period = stallTimeout > 0 ? Math.min(250, Math.max(10, stallTimeout / 4)) : 250;
    this.since = hostPerfNow();
    this.started = this.since;
    this.arm();
  }

  /** Timer firings so far: the bubble's gort timers and its host-style callbacks (not the engine timer). */
  private firings(): number {
    return this.rt.stats.timersFired - this.nt.engineFired + this.nt.fired;
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
    const sig = `${rt.fakeNow}|${s.switches}|${s.goroutines}|${this.nt.fired}|${rt.nsyscall}|${rt.nio}|${rt.nforeign}|${io?.completions}`;
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
      (rt.nsyscall > 0 || rt.nio > 0 || rt.nforeign > 0 || io?.holds() === true)
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
    if (this.rt.nforeign > 0)
      return this.withDump([
        `${head} virtual time is held at ${at} by goroutines blocked on channels made outside the bubble (below).`,
        "As in Go, only code outside the bubble can wake them, so they are not durably blocked and time stands",
        "still until it does. Make the channel inside the bubble, or have outside code send, receive or close.",
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
    const at = fmtMs(this.rt.fakeNow - 1);
    const head = `synctest: the bubble ran for ${Math.round(ms)}ms of real time (timeout ${this.timeout}ms), its virtual time at ${at}:`;
    // I/O that keeps making progress (a stream that never ends) holds time without ever stalling: name it.
    const watch = this.rt.io;
    const io = watch?.holds() ? ioLines(watch) : [];
    if (io.length > 0)
      return this.withDump([
        `${head} virtual time is held by host I/O it started, still in flight (a stream that never ends?):`,
        ...io,
        "Time stands still while the bubble waits for the outside world (as in Go). End that I/O (abort the",
        "request, close the socket), or create it outside the bubble.",
      ]);
    return this.withDump([
      `${head} a goroutine that never blocks (a busy loop), or work that takes longer (raise timeout).`,
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
    if (signal.aborted) {
      this.fail(this.aborted(signal.reason));
      return;
    }
    const onAbort = () => {
      if (this.rt.stopped) return;
      const e = this.aborted(signal.reason);
      // The runner gave up on the test (its timeout) and no longer reads what its body rejects with: the
      // dump goes out as a process warning (stderr), where the runner's output shows it.
      process.emitWarning(e.message, { type: "GortWarning", code: "GORT_BUBBLE_ABORTED" });
      this.fail(e);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    this.unwatch = () => signal.removeEventListener("abort", onAbort);
  }

  stop(): void {
    if (this.handle !== null) hostClearTimeout(this.handle);
    this.handle = null;
    this.nt.onFire = null;
    this.rt.onFiringLimit = null;
    this.unwatch?.();
    this.unwatch = null;
  }
}
