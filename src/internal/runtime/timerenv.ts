// The scheduler's side of timer.ts's TimerEnv (Go: acquirem().p.timers, nanotime, wakeNetPoller): which
// heap a timer joins, which clock governs it, and who is woken for it. Installed once, at load.
//
// Invariants:
//   e1. a timer added by a goroutine joins the heap of the P that goroutine runs on; one added by a timer
//       callback, the heap of the P running the callback; one added outside any goroutine, P0's heap,
//       whose timerpMask bit is then set (G4).
//   e2. a timer only ever joins heaps of one runtime — its home: the runtime of the code that created it
//       when that code belonged to one, else the runtime it was first added in (checked when VERIFY is
//       on, at every add and by Sched.verify over every heap).

import { fatal, VERIFY } from "../debug.ts";
import {
  contextRuntime,
  currentRuntime,
  defaultRuntime,
  parkingG,
  schedulingRuntime,
  storeG,
} from "./getg.ts";
import { maxWhen, type Nanos } from "./nanotime.ts";
import { _Prunning, type P } from "./p.ts";
import type { Sched } from "./proc.ts";
import { setTimerEnv, type Timer, timerId } from "./timer.ts";
import type { Timers } from "./timers.ts";
import { emit, type TraceEvent, type TraceEventKind } from "./trace.ts";

/** e2: each timer's home runtime, recorded only when VERIFY is on. */
const homes = new WeakMap<Timer, Sched>();

/** e2: the runtime t belongs to, if recorded (VERIFY only). */
export function timerHome(t: Timer): Sched | undefined {
  return homes.get(t);
}

export function installTimerEnv(): void {
  setTimerEnv({
    noteNew(t: Timer): void {
      const rt = contextRuntime();
      if (rt !== null) homes.set(t, rt);
    },
    currentTimers(t: Timer): Timers {
      // Go: acquirem().p — the P of the goroutine that holds the M, or, inside the scheduler (a timer
      // callback), the P the M holds. The runtime is the one the code belongs to (getg.ts), exactly.
      const mRT = schedulingRuntime();
      let rt: Sched;
      let pp: P | null = null;
      if (mRT !== null) {
        rt = mRT;
        pp = rt.curP;
      } else {
        const parked = parkingG(); // a sleep's timer, added as its goroutine parks: no context read
        const gp = parked !== null ? parked : storeG();
        rt = gp !== undefined && !gp.rt.stopped ? gp.rt : defaultRuntime();
        if (gp !== undefined && rt.curg === gp) pp = rt.curP;
      }
      if (pp === null || pp.status !== _Prunning) {
        // Outside any goroutine: P0's heap, and keep G4 (an idle P with timers has its timerpMask bit).
        pp = rt.allp[0];
        rt.timerpMask[pp.id] = true;
      }
      if (VERIFY) {
        const home = homes.get(t);
        if (home === undefined) homes.set(t, rt);
        else if (home !== rt)
          fatal(`e2: a timer of runtime ${home.id} is being added to a heap of runtime ${rt.id}`);
      }
      return pp.timers;
    },
    nanotime(t: Timer): Nanos {
      const ts = t.ts;
      if (ts !== null) return (ts.owner as P).rt.nanotime();
      return currentRuntime().nanotime();
    },
    wakeNetPoller(when: Nanos, ts: Timers): void {
      (ts.owner as P).rt.wakeNetPoller(when);
    },
    stopped(ts: Timers): void {
      // From outside any M (code outside goroutines, a host callback, an aborted outside wait): the M
      // starts, cleans the zombie as it checks the timers, and re-arms or cancels the host wake-up.
      const rt = (ts.owner as P).rt;
      if (!rt.mActive && !rt.stopped) rt.kick();
    },
    traceTimer(kind: TraceEventKind, t: Timer): void {
      const rt = t.ts !== null ? (t.ts.owner as P).rt : currentRuntime();
      const base = rt.monoBase;
      const w = t.when;
      const e: TraceEvent = {
        kind,
        rt: rt.id,
        ts: rt.nanotime() - base,
        t: timerId(t),
        arg: w > 0 && w < maxWhen ? w - base : w,
      };
      if (t.ts !== null) e.p = (t.ts.owner as P).id;
      emit(e);
    },
  });
}
