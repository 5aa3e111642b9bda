// Port of go1.23 runtime timeSleep, goroutineReady and time.goFunc: the goroutine side of timers.
//
// sleep parks the goroutine first and arms its (reused) timer only once it is waiting, on the P it was
// running on, so goroutineReady can never run before the goroutine has parked (docs/design/timers.md §8).
// AfterFunc callbacks each start a new goroutine (goFunc), so the timer machinery never waits for them.
//
// Invariants:
//   z1. A sleeping goroutine's timer is armed iff the goroutine is waiting with reason "sleep".
//   z2. sleep(d <= 0) returns at once without parking.

import { type G, goFuncSite, waitReasonSleep } from "./g.ts";
import { sleepWhen } from "./nanotime.ts";
import { captureStart, currentRuntime, type GoFunc, getg, type StartFn } from "./proc.ts";
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
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (!(ns > 0)) return resolved;
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
 * An AfterFunc timer's argument: f, and the async context of the afterFunc call — its goroutine starts
 * there, as a Node timer callback runs in the context of its setTimeout; a reset after it fired captures
 * the reset's context (as Node's refresh of a fired timeout does).
 *
 * The context is captureStart's: on Node 24+, in the usual case (the caller's context holds nothing but its
 * goroutine) the shared empty context, so a pending timer keeps no AsyncResource of its own alive. (It
 * used to be the AsyncResource itself, one object per timer less than holding a separate capture; with a
 * million pending timers the survivors' size is what young-generation collections pay for.)
 */
export class FuncTimerArg {
  readonly f: GoFunc;
  start: StartFn;
  fired = false;
  constructor(f: GoFunc) {
    this.f = f;
    this.start = captureStart();
  }
  /** A reset: once fired, the next goroutine starts in the context of this call. */
  rearm(): void {
    if (!this.fired) return;
    this.fired = false;
    this.start = captureStart();
  }
}

/** Go: time.goFunc. An AfterFunc timer's callback: run f in a new goroutine. */
export function goFunc(arg: FuncTimerArg): void {
  arg.fired = true;
  currentRuntime().newproc(arg.f, [], null, true, goFuncSite, arg.start);
}
