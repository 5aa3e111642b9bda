// The scheduler's side of timer.ts's TimerEnv (Go: acquirem().p.timers, nanotime, wakeNetPoller): which
// heap a timer joins, which clock governs it, and who is woken for it. Installed once, at load.
//
// Invariants:
//   e1. a timer added by a goroutine joins the heap of the P that goroutine runs on; one added by a timer
//       callback, the heap of the P running the callback; one added outside any goroutine, P0's heap,
//       whose timerpMask bit is then set (G4).

import { defaultRuntime, getg, schedRuntime, schedulingRuntime } from "./getg.ts";
import type { Nanos } from "./nanotime.ts";
import { _Prunning, type P } from "./p.ts";
import { currentRuntime, type Runtime } from "./proc.ts";
import { setTimerEnv, type Timer, timerId } from "./timer.ts";
import type { Timers } from "./timers.ts";
import { emit, type TraceEvent, type TraceEventKind } from "./trace.ts";

export function installTimerEnv(): void {
  setTimerEnv({
    currentTimers(_t: Timer): Timers {
      // Go: acquirem().p — the P of the running goroutine, or, inside the scheduler (a timer callback),
      // the P the M holds.
      const gp = getg();
      const mRT = schedulingRuntime();
      const rt = gp !== null ? (gp.rt as Runtime) : (mRT ?? defaultRuntime());
      let pp = (gp !== null && !gp.external) || mRT === rt ? rt.curP : null;
      if (pp === null || pp.status !== _Prunning) {
        // Outside any goroutine: P0's heap, and keep G4 (an idle P with timers has its timerpMask bit).
        pp = rt.allp[0];
        rt.timerpMask[pp.id] = true;
      }
      return pp.timers;
    },
    nanotime(t: Timer): Nanos {
      const ts = t.ts;
      if (ts !== null) return ((ts.owner as P).rt as Runtime).nanotime();
      return currentRuntime().nanotime();
    },
    wakeNetPoller(when: Nanos, ts: Timers): void {
      ((ts.owner as P).rt as Runtime).wakeNetPoller(when);
    },
    traceTimer(kind: TraceEventKind, t: Timer): void {
      const rt = t.ts !== null ? ((t.ts.owner as P).rt as Runtime) : schedRuntime();
      const e: TraceEvent = { kind, rt: rt.id, ts: rt.nanotime(), t: timerId(t), arg: t.when };
      if (t.ts !== null) e.p = (t.ts.owner as P).id;
      emit(e);
    },
  });
}
