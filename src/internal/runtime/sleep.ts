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
import { currentRuntime, type GoFunc, getg } from "./proc.ts";
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

/** Go: time.goFunc. An AfterFunc timer's callback: run f in a new goroutine. */
export function goFunc(f: GoFunc): void {
  currentRuntime().newproc(f, [], null, true, goFuncSite);
}
