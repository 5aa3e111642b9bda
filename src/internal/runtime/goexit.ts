// How a goroutine ends. Go spreads this over proc.go (goexit1/goexit0: the goroutine's function returned,
// or runtime.Goexit unwound it; main's return ends the program) and panic.go (Goexit, gopanic, throw);
// gort keeps them together, named after goexit, because every way out shares one piece of bookkeeping —
// the goroutine leaves its syscall, becomes _Gdead and leaves allgs — and because a panic, a Goexit and a
// return differ only in what the runtime does next: schedule the next goroutine, end the program
// (main returned), or fail it (a panic, a throw, a goroutine left running after a park it did not await,
// main's Goexit with nothing left to run). newproc.ts's runG calls goexit and gopanic; Sched keeps thin
// methods (throwFatal, missingAwait) for its other callers.
//
// Invariants (verifyGoexit, run by schedcheck.ts verifySched):
//   x1. no goroutine in allgs is _Gdead: goexit and gopanic take out the goroutine they end.
//   x2. main's end is recorded at most once, and only once main has ended: mainDone (main returned in a
//       runtime that waits for its goroutines) and mainGoexited (main called Goexit) exclude each other,
//       and either one means main is _Gdead.
//   x3. a running runtime whose main has ended has goroutines left: the last one's goexit ends the
//       program (mainDone) or reports Go's "no goroutines" deadlock (mainGoexited).

import { GoPanic } from "../../errors.ts";
import { fatal, RuntimeInvariantError } from "../debug.ts";
import { GoFatalError } from "./fatalerror.ts";
import { _Gdead, _Grunnable, _Gsyscall, _Gwaiting, calledFunction, type G } from "./g.ts";
import type { Sched } from "./proc.ts";
import { tracing } from "./trace.ts";
import { panicFatal, panicLine, panicString, runningBlock } from "./traceback.ts";

/**
 * Thrown by goexit() to unwind a goroutine (Go: runtime.Goexit). `finally` blocks run on the way, as Go's
 * deferred calls do; the runtime ends the goroutine without a panic. Do not swallow it in a catch-all.
 */
export class GoexitSignal {
  readonly name = "Goexit";
  toString(): string {
    return "runtime.Goexit";
  }
}

/** Go: goexit0. gp's function returned `result` (or, byGoexit, it called Goexit): gp is dead. */
export function goexit(s: Sched, gp: G, result: unknown, byGoexit: boolean): void {
  if (gp.status === _Gsyscall) s.exitsyscallStatus(gp);
  if ((gp.status === _Gwaiting || gp.status === _Grunnable) && !s.stopped) {
    // Its function ended while it was parked, or readied from a park it never resumed from: a blocking
    // call it did not await (one the calls in between did not catch: getg.ts missingAwaitCheck).
    missingAwait(s, gp, true);
    return;
  }
  gp.status = _Gdead;
  s.allgs.delete(gp);
  if (tracing) s.trace("go.end", gp.goid);
  if (gp.timer !== null) gp.timer.stop();
  if (s.stopped) return;
  if (gp === s.mainG) {
    s.mainResult = result;
    if (byGoexit) {
      // Go: main called runtime.Goexit; the program goes on until the other goroutines are done.
      s.mainGoexited = true;
    } else if (!s.waitForGoroutines) {
      s.exit();
      return;
    } else {
      s.mainDone = true;
    }
  }
  if (s.allgs.size === 0) {
    if (s.mainDone) {
      s.exit();
      return;
    }
    if (s.mainGoexited) {
      const msg = "no goroutines (main called runtime.Goexit) - deadlock!";
      s.fail(new GoFatalError("deadlock", msg, `fatal error: ${msg}\n`));
      return;
    }
  }
  s.release(gp);
}

/** Go: gopanic, unrecovered. gp threw e: print Go's report and stop the runtime (a Goexit ends gp only). */
export function gopanic(s: Sched, gp: G, e: unknown): void {
  if (e instanceof GoexitSignal) {
    goexit(s, gp, undefined, true);
    return;
  }
  if (gp.status === _Gsyscall) s.exitsyscallStatus(gp);
  if (s.curg === gp) s.curg = null;
  if (s.stopped) return;
  if (e instanceof RuntimeInvariantError) {
    throwFatal(s, e);
    return;
  }
  const msg = panicString(e);
  const fatalError = msg.startsWith("fatal error: ");
  const head = fatalError ? msg : panicLine(msg);
  let report = `${head}\n\n${runningBlock(gp.goid, e)}`;
  gp.status = _Gdead;
  s.allgs.delete(gp);
  // A fatal error (sync's unlock of an unlocked mutex) is a throw in Go: its report lists every goroutine.
  if (fatalError && s.allgs.size > 0) report += `\n\n${s.dump()}`;
  s.fail(new GoFatalError("panic", head, report, e));
}

/** Go's throw: the runtime found itself corrupt. It stops with "fatal error:" and a goroutine dump. */
export function throwFatal(s: Sched, e: unknown): void {
  if (s.stopped) return;
  if (!(e instanceof RuntimeInvariantError)) {
    // A callback run by the scheduler itself (a runtime-internal timer) threw: Go's panic on the M.
    s.fail(panicFatal(e));
    return;
  }
  const report = `fatal error: ${e.message}\n\n${s.dump()}`;
  s.fail(new GoFatalError("fatal", e.message, report, e));
}

/**
 * gp went on running after parking, without awaiting the park (getg.ts): it panics, naming the gort
 * function it called and the blocking call it did not await.
 */
export function missingAwait(s: Sched, gp: G, returned = false): void {
  if (s.stopped) return;
  const e = new Error("missing await");
  const called = calledFunction(e);
  const what =
    gp.status === _Gwaiting
      ? gp.waitReason
      : gp.status === _Grunnable && returned
        ? "blocking call"
        : "yield";
  const did = returned ? "returned" : `called ${called === "" ? "gort" : called}`;
  const msg = `goroutine ${gp.goid} ${did} while its ${what} was not awaited — missing await?`;
  const head = panicLine(msg);
  s.fail(new GoFatalError("panic", head, `${head}\n\n${runningBlock(gp.goid, e)}`, new GoPanic(msg)));
}

/** Checks x1–x3; fatal on the first that fails. */
export function verifyGoexit(s: Sched): void {
  for (const gp of s.allgs.values()) {
    if (gp.status === _Gdead) fatal(`verify: x1: dead g${gp.goid} is still in allgs`);
  }
  if (!s.mainDone && !s.mainGoexited) return;
  if (s.mainDone && s.mainGoexited) fatal("verify: x2: main both returned and called Goexit");
  const main = s.mainG;
  if (main === null || main.status !== _Gdead)
    fatal("verify: x2: main's end recorded while main is not dead");
  if (!s.stopped && s.allgs.size === 0)
    fatal("verify: x3: main has ended and no goroutine is left, yet the runtime runs");
}
