// Port of go1.23 runtime timeSleep, goroutineReady and time.goFunc: the goroutine side of timers.
//
// sleep parks the goroutine first and arms its (reused) timer only once it is waiting, on the P it was
// running on, so goroutineReady can never run before the goroutine has parked (docs/design/timers.md §8).
// AfterFunc callbacks each start a new goroutine (goFunc), so the timer machinery never waits for them.
//
// Invariants:
//   z1. A sleeping goroutine's timer is armed iff the goroutine is waiting with reason "sleep".
//   z2. sleep(d <= 0) returns at once without parking (unless preempted: getg.ts maybePreempt).

import { signalGate } from "../args.ts";
import { fatal } from "../debug.ts";
import { type G, goFuncSite, waitReasonSleep } from "./g.ts";
import { sleepWhen } from "./nanotime.ts";
import { dropStart, registerFuncStarts } from "./newproc.ts";
import {
  captureStart,
  currentRuntime,
  type GoFunc,
  getg,
  maybePreempt,
  type Sched,
  type StartFn,
} from "./proc.ts";
import { Timer } from "./timer.ts";

const resolved = Promise.resolve();

/** Go: goroutineReady, the sleep timer's callback. */
function goroutineReady(gp: G): void {
  gp.rt.goready(gp, undefined);
}

/** Go: resetForSleep, run once the goroutine is parked. */
function resetForSleep(gp: G): void {
  gp.timer!.reset(gp.sleepWhen, 0);
}

/** Go: timeSleep. Parks the caller for ns nanoseconds (ns <= 0: returns at once, z2). */
export function timeSleep(ns: number, signal?: AbortSignal): Promise<unknown> {
  const gate = signalGate(signal, "time.sleep");
  if (gate !== null) return gate;
  // A sleep that returns at once is a non-blocking operation like any other: counted for preemption, so
  // `for (;;) await time.sleep(0)` yields to the other goroutines and to the host as a busy channel loop does.
  if (!(ns > 0)) return maybePreempt(undefined) ?? resolved;
  const g0 = getg();
  const rt = g0 !== null ? g0.rt : currentRuntime();
  const gp = g0 ?? rt.externalG();
  if (gp.timer === null) gp.timer = new Timer(goroutineReady, gp);
  gp.sleepWhen = sleepWhen(ns, rt.nanotime());
  const p = rt.gopark(gp, waitReasonSleep, null, resetForSleep);
  if (signal !== undefined) {
    const timer = gp.timer;
    rt.abortable(gp, signal, () => timer.stop());
  }
  return p;
}

/**
 * An AfterFunc timer (Go: a timer whose f is goFunc and whose arg is the function): the timer is its own
 * argument, and holds f and the async context of the afterFunc call — its goroutine starts there, as a Node
 * timer callback runs in the context of its setTimeout; a reset after it fired or was stopped captures the
 * reset's context (as Node's refresh of a fired timeout does). One object per pending afterFunc: a separate
 * argument object cost 40 B more per pending timer.
 *
 * The context is captureStart's: on Node 24+, in the usual case (the caller's context holds nothing but its
 * goroutine) the shared empty context, so a pending timer keeps no AsyncResource of its own alive. (It
 * used to be the AsyncResource itself; with a million pending timers the survivors' size is what
 * young-generation collections pay for.)
 *
 * The capture is held while the timer is armed (sc2, newproc.ts): the firing hands it to the goroutine
 * (which destroys it once started), a stop destroys it (stopTimer), and so does its runtime's stop.
 */
export class FuncTimer extends Timer {
  readonly fn: GoFunc;
  start: StartFn | null;
  constructor(fn: GoFunc) {
    super(goFunc, null);
    this.arg = this;
    this.fn = fn;
    this.start = captureStart();
  }
  /** A reset: once fired or stopped, the next goroutine starts in the context of this call. */
  rearm(): void {
    if (this.start === null) this.start = captureStart();
  }
  /** Stopped: the capture can no longer be used (sc1). */
  drop(): void {
    const s = this.start;
    this.start = null;
    dropStart(s);
  }
}

/** Go: time.goFunc. An AfterFunc timer's callback: run f in a new goroutine, handing it the capture. */
export function goFunc(t: FuncTimer): void {
  const start = t.start;
  t.start = null;
  currentRuntime().newproc(t.fn, [], null, true, goFuncSite, start);
}

/** s stopped: its afterFunc timers (in its Ps' heaps) will not fire, their captures go (sc1). */
export function abandonFuncStarts(s: Sched): void {
  for (const pp of s.allp) {
    const heap = pp.timers.heapT;
    for (let i = 0; i < heap.length; i++) {
      const t = heap[i];
      if (t instanceof FuncTimer) t.drop();
    }
  }
}

/**
 * sc2 for afterFunc timers in s's heaps: each armed one holds a capture while s runs, none holds one once
 * s stopped. (A fired one gave its capture to its goroutine, goFunc; a stopped one dropped it, stopTimer.)
 */
export function verifyFuncStarts(s: Sched): void {
  for (const pp of s.allp) {
    const heap = pp.timers.heapT;
    for (let i = 0; i < heap.length; i++) {
      const t = heap[i];
      if (!(t instanceof FuncTimer)) continue;
      if (t.arg !== t) fatal("verify: sc2: an afterFunc timer's argument is not itself");
      if (s.stopped ? t.start !== null : t.when > 0 && t.start === null)
        fatal(
          `verify: sc2: an afterFunc timer ${s.stopped ? "of a stopped runtime holds a" : "armed holds no"} start capture`,
        );
    }
  }
}

registerFuncStarts({ abandon: abandonFuncStarts, verify: verifyFuncStarts });
