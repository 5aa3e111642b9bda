// The running goroutine (Go: getg and the M's g0), tracked ambiently on one JavaScript thread.
//
// Resuming goroutine gp queues a microtask that sets curG = gp immediately before settling the promise gp
// awaits, so the two jobs are adjacent in the microtask queue and gp's continuation starts with
// curG === gp (see proc.ts for why not AsyncLocalStorage). A goroutine still current when the host next
// runs one of gort's macrotasks never parked: it awaits a foreign promise and enters _Gsyscall.
//
// Invariants:
//   a1. curG is null or a goroutine whose status is _Grunning.
//   a2. every queued enter job pairs with exactly one settled park (or a first start), in order.
//   a3. mRT is non-null exactly while some runtime's scheduler runs synchronously.

import { hostEnqueueMicrotask, hostSetImmediate } from "../host.ts";
import type { G } from "./g.ts";
import { Runtime } from "./proc.ts";
import type { Timer } from "./timer.ts";
import { captureSite } from "./traceback.ts";

/** The goroutine running right now, or null outside any goroutine. */
export let curG: G | null = null;

/** Sets the running goroutine (the scheduler's side of the ambient tracking). */
export function setCurG(gp: G | null): void {
  curG = gp;
}

/** Clears the running goroutine if it is gp. */
export function clearCurG(gp: G): void {
  if (curG === gp) curG = null;
}

/** Goroutines whose resumption is queued, in the order their continuations run (a growable ring). */
let enterQ: (G | null)[] = new Array(64).fill(null);
let enterHead = 0;
let enterTail = 0;

/** Queues gp's resumption: the adjacent job that makes gp current right before its continuation. */
export function queueEnter(gp: G): void {
  enterPush(gp);
  hostEnqueueMicrotask(enterNext);
  armDrainCheck();
}

function enterPush(gp: G): void {
  if (enterTail - enterHead === enterQ.length) {
    const bigger: (G | null)[] = new Array(enterQ.length * 2).fill(null);
    for (let i = enterHead; i < enterTail; i++) bigger[i - enterHead] = enterQ[i & (enterQ.length - 1)];
    enterTail -= enterHead;
    enterHead = 0;
    enterQ = bigger;
  }
  enterQ[enterTail++ & (enterQ.length - 1)] = gp;
}

function enterNext(): void {
  const i = enterHead++ & (enterQ.length - 1);
  const gp = enterQ[i]!;
  enterQ[i] = null;
  const prev = curG;
  if (prev !== null && prev !== gp && prev.rt !== gp.rt) {
    // Another runtime's goroutine is still current: it awaited something foreign in this same microtask
    // drain (its runtime resumed nobody since). It is in a syscall now, or its runtime would wait forever.
    (prev.rt as Runtime).entersyscall(prev);
  }
  curG = gp;
  if (gp.fn !== null) (gp.rt as Runtime).startG(gp);
}

let drainArmed = false;

/** Arms a macrotask that finds a goroutine which never parked: it is awaiting a foreign promise. */
function armDrainCheck(): void {
  if (drainArmed) return;
  drainArmed = true;
  hostSetImmediate(drainCheck);
}

function drainCheck(): void {
  drainArmed = false;
  macrotaskEntry();
}

/**
 * Every host macrotask of gort's starts here: the microtask queue has drained, so a goroutine that is
 * still current never parked and is waiting for something gort does not own.
 */
export function macrotaskEntry(): void {
  const gp = curG;
  if (gp !== null) (gp.rt as Runtime).entersyscall(gp);
}

/**
 * The goroutine making the current call, or null outside any goroutine. A goroutine returning from a
 * syscall is recognised when it is the only one in a syscall.
 */
export function getg(): G | null {
  const gp = curG;
  if (gp !== null) return gp;
  if (mRT === null && syscallGs.size === 1) {
    const only = syscallGs.values().next().value as G;
    (only.rt as Runtime).exitsyscall(only);
    return only;
  }
  return null;
}

/** Goroutines in _Gsyscall, all runtimes. */
export const syscallGs = new Set<G>();

/** The runtime whose scheduler is executing right now (synchronously), or null: Go's "on an M's g0". */
let mRT: Runtime | null = null;

/** The scheduler of rt starts running synchronously; returns the previous one for leaveSched. */
export function enterSched(rt: Runtime): Runtime | null {
  const prev = mRT;
  mRT = rt;
  return prev;
}

export function leaveSched(prev: Runtime | null): void {
  mRT = prev;
}

/** The runtime whose scheduler runs right now, or null. */
export function schedulingRuntime(): Runtime | null {
  return mRT;
}

/** The runtime timer callbacks and new goroutines belong to right now. */
export function schedRuntime(): Runtime {
  if (mRT !== null) return mRT;
  const gp = getg();
  return gp !== null ? (gp.rt as Runtime) : defaultRuntime();
}

// ===== The runtime =====

let defaultRT: Runtime | null = null;

/** The process-wide runtime that code outside any goroutine uses; started lazily. */
export function defaultRuntime(): Runtime {
  if (defaultRT === null || defaultRT.stopped) defaultRT = new Runtime({});
  return defaultRT;
}

/**
 * How many consecutive operations that did not block a goroutine may make before it yields (Go preempts a
 * goroutine after 10 ms; gort can only switch at its own call points, so it counts them instead).
 */
const preemptOps = 1024;

/**
 * Cooperative preemption at a non-blocking operation: returns null (carry on), or a promise that settles
 * with `result` after the running goroutine yielded to the others and to due timers (Go: Gosched).
 */
export function maybePreempt<T>(result: T): Promise<T> | null {
  const gp = curG;
  if (gp === null || ++gp.fastOps < preemptOps) return null;
  gp.fastOps = 0;
  return (gp.rt as Runtime).gosched(gp).then(() => result);
}

/** Records where a timer was created and tracks it while it lives, in runtimes that ask for it. */
export function noteTimer(rt: Runtime, t: Timer): void {
  if (rt.liveTimers === null) return;
  rt.liveTimers.add(t);
  rt.timerSites?.set(t, captureSite());
}

/** The runtime of the running goroutine, or the default runtime. */
export function currentRuntime(): Runtime {
  const gp = getg();
  return gp !== null ? (gp.rt as Runtime) : defaultRuntime();
}
