// A goroutine's creation and first run (Go: newproc in proc.go, and gogo into the new g, in spirit):
// newproc makes the goroutine and queues it; execute → resumeNow queues its start job here; the job enters
// the captured context (its creator's: an AsyncResource), then the goroutine's own (gStore.run, getg.ts),
// then startG → runG calls its function, whose return, throw or settled promise ends it in goexit.ts.
// Free functions over the scheduler's state, as findrunnable.ts and checkdead.ts; Sched keeps thin
// methods (newproc, newprocFIFO, startG, runG) for its callers.
//
// Invariants (verifyStarts, run by schedcheck.ts verifySched):
//   st1. the ring holds exactly the goroutines whose start job is queued and has not run, in queueing
//        order (each queueStart queues one job, and jobs run in the order they were queued); every
//        other slot is empty.
//   st2. a goroutine in the ring has not started (its function is still set).
// Who ends a goroutine, and x1–x3 on allgs and main's end: goexit.ts.

import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import { fatal } from "../debug.ts";
import { hostEnqueueMicrotask } from "../host.ts";
import { runqput } from "./findrunnable.ts";
import { _Gdead, _Grunnable, G, type Site } from "./g.ts";
import { gStore, runSync } from "./getg.ts";
import { goexit, gopanic } from "./goexit.ts";
import type { GoFunc, Sched } from "./proc.ts";
import { tracing } from "./trace.ts";
import { captureSite } from "./traceback.ts";

/** An async context captured for a goroutine's start (its creator's). */
export type StartFn = AsyncResource;

/** Capturing a context for a start: nothing to destroy later (no destroy hook, no finalizer). @internal */
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
  if (emptyCtx === null || !onlyGoroutine(r)) return r;
  startStats.shared++;
  return emptyCtx;
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
  else {
    // captureStart already gave the usual context as emptyCtx: a capture's frame never changes after.
    if (ctx === emptyCtx) startStats.fromEmpty++;
    ctx.runInAsyncScope(enterG);
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
  if (gp.status === _Gdead || s.stopped) return;
  runSync(gp, runGOf);
}

function runGOf(gp: G): void {
  runG(gp.rt, gp);
}

/** Calls gp's function; its return, throw, or settled promise ends gp (goexit.ts). @internal */
export function runG(s: Sched, gp: G): void {
  const fn = gp.fn!;
  const args = gp.args!;
  gp.fn = null;
  gp.args = null;
  let r: unknown;
  try {
    r = fn(...args);
  } catch (e) {
    gopanic(s, gp, e);
    return;
  }
  if (r !== null && typeof r === "object" && typeof (r as PromiseLike<unknown>).then === "function") {
    (r as PromiseLike<unknown>).then(
      (v) => goexit(s, gp, v, false),
      (e) => gopanic(s, gp, e),
    );
  } else {
    goexit(s, gp, r, false);
  }
}

/** The ring's slots, for verify's tests (corrupting a slot must fail st1). @internal */
export function startRingSlots(): (G | null)[] {
  return startQ;
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
