// A new goroutine's start (Go: newproc's gogo into the new g, in spirit): the async context it starts in,
// and the start job that runs it. proc.ts's newproc makes the goroutine; execute → resumeNow queues its
// start here; the job enters the captured context (its creator's: an AsyncResource), then the goroutine's
// own (gStore.run, getg.ts), then Sched.startG runs its function.
//
// Invariants (verifyStarts, run by schedcheck.ts verifySched):
//   st1. the ring holds exactly the goroutines whose start job is queued and has not run, in queueing
//        order (each queueStart queues one job, and jobs run in the order they were queued); every
//        other slot is empty.
//   st2. a goroutine in the ring has not started (its function is still set).

import { AsyncResource } from "node:async_hooks";
import { fatal } from "../debug.ts";
import { hostEnqueueMicrotask } from "../host.ts";
import type { G } from "./g.ts";
import { gStore } from "./getg.ts";

/** An async context captured for a goroutine's start (its creator's). */
export type StartFn = AsyncResource;

/** Capturing a context for a start: nothing to destroy later (no destroy hook, no finalizer). */
const captureOpts = { requireManualDestroy: true } as const;

/**
 * The async context current now, captured for a goroutine that starts later: one made now (newproc), or
 * one a timer will make (a bubble's host-style callback, an afterFunc's goroutine: Node runs a timer's
 * callback in the context of its setTimeout). @internal
 */
export function captureStart(): StartFn {
  return new AsyncResource("gort.start", captureOpts);
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
  else ctx.runInAsyncScope(enterG);
}

/** The goroutine startNext is starting (passed without an argument array: ALS.run spreads its arguments). */
let starting: G | null = null;

function enterG(): void {
  gStore.run(starting!, runStarting);
}

function runStarting(): void {
  const gp = starting!;
  starting = null;
  gp.rt.startG(gp);
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
