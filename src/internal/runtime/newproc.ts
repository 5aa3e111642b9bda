// A goroutine's creation and first run (Go: newproc in proc.go, and gogo into the new g, in spirit):
// newproc makes the goroutine and queues it; execute → resumeNow queues its start job here; the job enters
// the captured context (its creator's: an AsyncResource), then the goroutine's own (gStore.run, getg.ts),
// then startG → runG calls its function, whose return, throw or settled promise ends it in goexit.ts. If the
// function returns while the goroutine is still the M's (it awaits something), runG arms the drain check
// (park.ts pk3); one that ended or parked by then needs none.
// Free functions over the scheduler's state, as findrunnable.ts and checkdead.ts; Sched keeps thin
// methods (newproc, newprocFIFO, startG, runG) for its callers.
//
// Invariants (verifyStarts, run by schedcheck.ts verifySched):
//   st1. the ring holds exactly the goroutines whose start job is queued and has not run, in queueing
//        order (each queueStart queues one job, and jobs run in the order they were queued); every
//        other slot is empty.
//   st2. a goroutine in the ring has not started (its function is still set).
//   sc1. every start capture (an AsyncResource captureStart made) but the shared emptyCtx is destroyed
//        (emitDestroy: async_hooks tools, Jest's --detectOpenHandles, count it as closed) exactly once,
//        and is never entered after: by startNext once the start job has run in it, or by its holder's
//        dropStart when it can no longer be used (a stopped or cleared timer, a runtime that stopped with
//        the goroutine unstarted: abandonStarts). One that several goroutines start in (an interval's) is
//        a SharedStart, destroyed when its last holder drops it. Checked as it happens under VERIFY
//        (captures, below): a second destroy, a release below zero, or an entry after the destroy is fatal.
//   sc2. a goroutine holds a start capture (startCtx) iff it has not started and its runtime has not
//        stopped; an armed afterFunc timer holds one while its runtime runs, and none after (sleep.ts:
//        verifyFuncStarts); a bubble's host-style timer holds one iff it is pending and the bubble runs
//        (nodetimers.ts: f3).
// Who ends a goroutine, and x1–x3 on allgs and main's end: goexit.ts.

import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import { fatal, VERIFY } from "../debug.ts";
import { hostEnqueueMicrotask } from "../host.ts";
import { runqput } from "./findrunnable.ts";
import { _Gdead, _Grunnable, G, type Site } from "./g.ts";
import { gStore, runSync } from "./getg.ts";
import { goexit, gopanic } from "./goexit.ts";
import type { GoFunc, Sched } from "./proc.ts";
import { tracing } from "./trace.ts";
import { captureSite } from "./traceback.ts";

/**
 * An async context captured for a goroutine's start (its creator's): an AsyncResource, or a SharedStart.
 * Its holder ends it with dropStart (sc1).
 */
export interface StartFn {
  runInAsyncScope(fn: () => void): unknown;
  emitDestroy(): unknown;
}

/** Capturing a context for a start: destroyed by hand (sc1; no destroy hook, no finalizer). @internal */
export const captureOpts = { requireManualDestroy: true } as const;

/**
 * The async context current now, captured for a goroutine that starts later: one made now (newproc), or
 * one a timer will make (a bubble's host-style callback, an afterFunc's goroutine: Node runs a timer's
 * callback in the context of its setTimeout). @internal
 */
export function captureStart(): StartFn {
  const r = new AsyncResource("gort.start", captureOpts);
  // The usual context (nothing but a goroutine: onlyGoroutine) is shared: the capture is garbage at once,
  // and whatever holds the start (a goroutine not yet started, a pending afterFunc timer, a bubble's
  // setTimeout) keeps no context of its own alive.
  if (emptyCtx === null || !onlyGoroutine(r)) {
    if (VERIFY) captures.set(r, true);
    return r;
  }
  // Said to async_hooks too (an init hook saw it made); with no destroy hook Node only reads a counter.
  r.emitDestroy();
  startStats.shared++;
  return emptyCtx;
}

/**
 * The start capture held by an interval (a bubble's setInterval) and by each goroutine one of its firings
 * made that has not started yet: the capture is destroyed when the last of them drops it (sc1). Every
 * firing runs in the same AsyncResource, as Node's do in their Timeout's (Node 20 and 22: an enterWith in
 * one firing is seen by the next). @internal
 */
export class SharedStart implements StartFn {
  /** Holders: the timer while it is armed, plus each goroutine not yet started. */
  private n = 1;
  readonly inner: AsyncResource;
  constructor(inner: AsyncResource) {
    this.inner = inner;
  }
  /** One more holder (a firing's goroutine): this, to hand it. */
  hold(): this {
    if (this.n <= 0) fatal("gort: sc1: an interval's start capture held after its destroy");
    this.n++;
    return this;
  }
  runInAsyncScope(fn: () => void): void {
    if (this.n <= 0) fatal("gort: sc1: a goroutine entered an interval's start capture after its destroy");
    this.inner.runInAsyncScope(fn);
  }
  /** A holder is done with it (dropStart): the last one destroys the capture. */
  emitDestroy(): void {
    if (this.n <= 0) fatal("gort: sc1: an interval's start capture dropped more times than it was held");
    if (--this.n === 0) destroyCapture(this.inner);
  }
}

/**
 * start, held by a timer that fires more than once, made shareable (a SharedStart holding it, or
 * emptyCtx or a SharedStart as they are); the caller keeps the result as its own hold. @internal
 */
export function shareable(start: StartFn): StartFn {
  if (start === emptyCtx || start instanceof SharedStart) return start;
  return new SharedStart(start as AsyncResource);
}

/** The holder of start is done with it: destroyed (or, shared, released); null and emptyCtx: nothing (sc1). @internal */
export function dropStart(start: StartFn | null): void {
  if (start === null || start === emptyCtx) return;
  if (start instanceof SharedStart) start.emitDestroy();
  else destroyCapture(start as AsyncResource);
}

function destroyCapture(r: AsyncResource): void {
  if (VERIFY) {
    // false: destroyed; absent: made before VERIFY was turned on (not followed).
    if (captures.get(r) === false) fatal("gort: sc1: a start capture destroyed twice");
    if (captures.has(r)) captures.set(r, false);
  }
  r.emitDestroy();
}

/** Under VERIFY, the start captures made (true) and destroyed (false) since, for sc1's checks. */
const captures = new WeakMap<AsyncResource, boolean>();

/** Whether start is a capture sc1 has seen destroyed (VERIFY only). @internal */
export function startDestroyed(start: StartFn): boolean {
  const r = start instanceof SharedStart ? start.inner : (start as AsyncResource);
  return captures.get(r) === false;
}

/** New goroutines whose start job is queued, in the order the jobs run (a growable ring). */
let startQ: (G | null)[] = new Array(64).fill(null);
let startHead = 0;
let startTail = 0;

/** Queues gp's first run as one microtask job (no closure per goroutine). */
export function queueStart(gp: G): void {
  if (startTail - startHead === startQ.length) {
    const bigger: (G | null)[] = new Array(startQ.length * 2).fill(null);
    for (let i = startHead; i < startTail; i++) bigger[i - startHead] = startQ[i & (startQ.length - 1)];
    startTail -= startHead;
    startHead = 0;
    startQ = bigger;
  }
  startQ[startTail++ & (startQ.length - 1)] = gp;
  hostEnqueueMicrotask(startNext);
}

/** The start job: enters the goroutine's captured context, then its own (gStore.run). */
function startNext(): void {
  const i = startHead++ & (startQ.length - 1);
  const gp = startQ[i]!;
  startQ[i] = null;
  const ctx = gp.startCtx;
  gp.startCtx = null;
  starting = gp;
  if (ctx === null) gStore.run(gp, runStarting);
  else if (ctx === emptyCtx) {
    // captureStart already gave the usual context as emptyCtx: a capture's frame never changes after.
    startStats.fromEmpty++;
    ctx.runInAsyncScope(enterG);
  } else {
    if (VERIFY && startDestroyed(ctx)) fatal(`gort: sc1: g${gp.goid} started in a destroyed capture`);
    try {
      ctx.runInAsyncScope(enterG);
    } finally {
      dropStart(ctx); // its start job has run in it: nothing will again (sc1)
    }
  }
}

/** The goroutine startNext is starting (passed without an argument array: ALS.run spreads its arguments). */
let starting: G | null = null;

function enterG(): void {
  if (scopedEnter) {
    // runInAsyncScope restores the frame it replaced when this returns or throws: enterWith's frame is
    // the goroutine's own and lives exactly as long as gStore.run's would. gStore.run would also build a
    // second frame on the way out (Node 24's run restores by enterWith(prior), a copy of the context map
    // and its entries, ~0.35 kB) only for runInAsyncScope to drop it at once.
    gStore.enterWith(starting!);
    runStarting();
  } else gStore.run(starting!, runStarting);
}

/**
 * Whether an enterWith inside runInAsyncScope ends with it: true where AsyncLocalStorage is built on
 * AsyncContextFrame (Node 24 and later; runInAsyncScope swaps whole frames in and out). On the
 * async_hooks-based AsyncLocalStorage (Node 20 and 22 by default) enterWith writes the store on the
 * current resource — the AsyncResource itself — where it would outlive the call, so there enterG keeps
 * gStore.run. Probed once at load.
 */
const scopedEnter: boolean = (() => {
  const probe = new AsyncLocalStorage<number>();
  const r = new AsyncResource("gort.probe", captureOpts);
  r.runInAsyncScope(() => probe.enterWith(1));
  const scoped = r.runInAsyncScope(() => probe.getStore()) === undefined;
  r.emitDestroy(); // done with: async_hooks tools (Jest's --detectOpenHandles) must not see it as open
  return scoped;
})();

/**
 * The key under which an AsyncResource keeps the async context frame it captured, where AsyncLocalStorage
 * is built on AsyncContextFrame (Node 24 and later: a Map from each AsyncLocalStorage to its value), or
 * null (Node 20 and 22, or a Node that keeps it elsewhere: then every start takes the general path).
 */
const frameKey: symbol | null = (() => {
  if (!scopedEnter) return null;
  const probe = new AsyncResource("gort.probe", captureOpts);
  probe.emitDestroy();
  return Object.getOwnPropertySymbols(probe).find((k) => k.description === "context_frame") ?? null;
})();

/**
 * Starts that took the empty context (onlyGoroutine), captures that returned it (captureStart), and
 * whether they can (emptyCtx), for context-propagation.test.ts. @internal
 */
export const startStats = { fromEmpty: 0, shared: 0, possible: false };

/**
 * A context with no AsyncLocalStorage value at all: captured at load if gort was loaded outside every
 * AsyncLocalStorage's run (the usual case), else null (then every start takes the general path).
 */
const emptyCtx: AsyncResource | null = (() => {
  if (frameKey === null) return null;
  const r = new AsyncResource("gort.start", captureOpts);
  // Never destroyed (it is shared for good): said to async_hooks at once, so that tools that list open
  // resources (Jest's --detectOpenHandles) do not list it. It still runs callbacks in its context.
  r.emitDestroy();
  return (r as unknown as Record<symbol, unknown>)[frameKey] === undefined ? r : null;
})();

startStats.possible = emptyCtx !== null;

/**
 * Whether ctx's context holds nothing but a goroutine (gStore's value), or nothing at all: the usual case,
 * no AsyncLocalStorage of the program's in use. Then the new goroutine starts from the empty context, where
 * its own frame (enterWith) is a one-entry Map made from nothing; from ctx's frame, Node copies that Map
 * through the iterator protocol — 12 % of a spawn's CPU measured on Node 24. Either way the goroutine's
 * context is {gStore: itself}.
 */
function onlyGoroutine(ctx: AsyncResource): boolean {
  const f = (ctx as unknown as Record<symbol, { size?: unknown; has?: unknown } | undefined>)[frameKey!];
  if (f === undefined) return true;
  if (f.size === 0) return true;
  return f.size === 1 && typeof f.has === "function" && (f as Map<unknown, unknown>).has(gStore);
}

function runStarting(): void {
  const gp = starting!;
  starting = null;
  startG(gp.rt, gp);
}

/**
 * Go: newproc. Creates a runnable goroutine on the current P (runnext; at the tail if !next), and wakes
 * an idle P. @internal
 */
export function newproc(
  s: Sched,
  fn: GoFunc,
  args: unknown[],
  parent: G | null,
  next: boolean,
  spawnSite: Site | null | undefined,
  start: StartFn | null | undefined,
): G {
  if (s.stopped) fatal("gort: runtime used after it stopped");
  // A caller that knows a better creation site (a host-style timer's) passes it: one stack capture less.
  const site = s.spawnSites ? (spawnSite ?? captureSite()) : null;
  const gp = new G(s, s.nextGoid++, site, parent?.goid ?? 0);
  s.allgs.add(gp);
  s.stats.goroutines++;
  gp.fn = fn;
  gp.args = args;
  // The goroutine will start in the async context current now (its creator's), or in the one a caller
  // captured for it (a host-style timer's: its setTimeout's): it sees those AsyncLocalStorage values,
  // as a Node callback does.
  gp.startCtx = start ?? captureStart();
  gp.status = _Grunnable;
  if (tracing) s.trace("go.create", gp.goid, parent?.goid ?? 0);
  runqput(s, gp, next);
  s.wakep();
  return gp;
}

/** A new goroutine's first run (its start job, already in its async context): calls its function. @internal */
export function startG(s: Sched, gp: G): void {
  if (gp.status === _Gdead || s.stopped) {
    if (s.curg === gp && !s.stopped) s.drain.arm(); // pk3, as if it had run
    return;
  }
  runSync(gp, runGOf);
}

function runGOf(gp: G): void {
  runG(gp.rt, gp);
}

/** The goroutine whose function runG is calling (its first run, synchronous part), or null. */
let firstRun: G | null = null;

/**
 * Whether gp has not started yet or is in its first run: its start job is queued or running, and arms the
 * drain check if gp is still running when its function returns (park.ts pk3). @internal
 */
export function startPending(gp: G): boolean {
  return gp.fn !== null || gp === firstRun;
}

/** Calls gp's function; its return, throw, or settled promise ends gp (goexit.ts). @internal */
export function runG(s: Sched, gp: G): void {
  const fn = gp.fn!;
  const args = gp.args!;
  gp.fn = null;
  gp.args = null;
  let r: unknown;
  const outer = firstRun;
  firstRun = gp;
  try {
    r = fn(...args);
  } catch (e) {
    firstRun = outer;
    gopanic(s, gp, e);
    return;
  }
  firstRun = outer;
  if (r === null || (typeof r !== "object" && typeof r !== "function")) {
    goexit(s, gp, r, false);
    return;
  }
  // A promise, or any thenable (as `await` takes it): a `then` that throws, or that calls back twice or
  // both ways, ends gp once, as a promise's resolving functions would.
  let then: unknown;
  try {
    then = (r as PromiseLike<unknown>).then;
  } catch (e) {
    gopanic(s, gp, e);
    return;
  }
  if (typeof then !== "function") {
    goexit(s, gp, r, false);
    return;
  }
  let done = false;
  try {
    then.call(
      r,
      (v: unknown) => {
        if (done) return;
        done = true;
        goexit(s, gp, v, false);
      },
      (e: unknown) => {
        if (done) return;
        done = true;
        gopanic(s, gp, e);
      },
    );
  } catch (e) {
    if (done) throw e; // thrown by goexit or gopanic, called back synchronously
    done = true;
    gopanic(s, gp, e);
    return;
  }
  // Still the M's goroutine: it awaits something, maybe a promise gort does not own (pk3).
  if (s.curg === gp) s.drain.arm();
}

/**
 * What afterFunc timers do with their start captures (sleep.ts registers it when it loads: sleep.ts
 * imports this module, so this one cannot import it back), or null while no afterFunc timer can exist.
 */
let funcStarts: { abandon(s: Sched): void; verify(s: Sched): void } | null = null;

/** sleep.ts's abandon and verify of afterFunc timers' captures (sc1, sc2). @internal */
export function registerFuncStarts(f: { abandon(s: Sched): void; verify(s: Sched): void }): void {
  funcStarts = f;
}

/**
 * s stopped: the goroutines it never started drop their start captures (sc1, sc2), and so do its
 * afterFunc timers and its bubble's host-style timers, none of which will fire now. @internal
 */
export function abandonStarts(s: Sched): void {
  for (const gp of s.allgs.values()) {
    const ctx = gp.startCtx;
    gp.startCtx = null;
    dropStart(ctx);
  }
  funcStarts?.abandon(s);
  s.nodeTimers?.abandonStarts();
}

/** The ring's slots, for verify's tests (corrupting a slot must fail st1). @internal */
export function startRingSlots(): (G | null)[] {
  return startQ;
}

/** Checks sc2 for s's goroutines and afterFunc timers (nodetimers.ts checks its own: f3). */
export function verifyStartCaptures(s: Sched): void {
  for (const gp of s.allgs.values()) {
    const unstarted = gp.fn !== null && !s.stopped;
    if (unstarted !== (gp.startCtx !== null))
      fatal(`verify: sc2: g${gp.goid} ${unstarted ? "has no start capture" : "holds a start capture"}`);
  }
  funcStarts?.verify(s);
}

/** Checks st1 and st2. */
export function verifyStarts(): void {
  const n = startTail - startHead;
  if (n < 0 || n > startQ.length) fatal(`verify: st1: start ring holds ${n} of ${startQ.length} slots`);
  const mask = startQ.length - 1;
  for (let i = 0; i < startQ.length; i++) {
    const live = ((i - (startHead & mask)) & mask) < n;
    const gp = startQ[i];
    if (live !== (gp !== null)) fatal(`verify: st1: start ring slot ${i} ${live ? "empty" : "stale"}`);
    if (gp !== null && gp.fn === null) fatal(`verify: st2: g${gp.goid} queued to start has already started`);
  }
}
