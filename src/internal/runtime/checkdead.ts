// Port of go1.23 runtime's checkdead, and faketime's jump: what an idle runtime does once every goroutine
// is blocked and the microtask queue has drained (proc.ts arms it). Under the fake clock it moves time to
// the next timer; with no timer that can wake anyone, it reports Go's deadlock; past a runaway bound, a
// runaway. Kept apart from proc.ts: it reads the scheduler's state and decides, proc.ts runs the result.
//
// Invariants:
//   d1. checkdead acts only when no M runs and no goroutine is current (otherwise it returns at once).
//   d2. time never moves while the runtime waits on something outside gort (holdsTime): in a bubble,
//       host I/O it started (iotrack.ts), io(), or a goroutine parked on a channel made outside the bubble
//       (Go: not durably blocked); elsewhere, also any goroutine in a syscall.
//   d3. the fake clock only moves forward (s5), and only to the earliest timer of any P.
//   d4. a real-clock runtime reports a deadlock only while the host holds no work that started after its
//       run() began (hostWork): a host timer, a server, a request in flight may still wake a goroutine, as
//       Go's pending timers and its network poller do; meanwhile a recheck is armed (a refed 100 ms host
//       interval, so the host loop cannot empty before it looks again), and the report comes once that
//       work is gone. A recheck is armed only by a real-clock runtime that is running its run()
//       (verifyCheckdead).

import { fatal } from "../debug.ts";
import { hostActiveResources, hostClearInterval, hostSetInterval, hostSetTimeout } from "../host.ts";
import { GoFatalError } from "./fatalerror.ts";
import { maxWhen, type Nanos } from "./nanotime.ts";
import type { Sched } from "./proc.ts";
import type { Timer } from "./timer.ts";
import { tracing } from "./trace.ts";
import { fmtNs, siteOf } from "./traceback.ts";

/**
 * Go: checkdead. Every goroutine is blocked. Under the fake clock, jump to the next timer and run it
 * (Sched.runTimersAfterJump). Otherwise, if no timer can wake anyone, the program is deadlocked (only when
 * it has a main goroutine, as Go's programs do).
 */
export function checkdead(s: Sched): void {
  if (s.mActive || s.stopped || s.curg !== null) return;
  if (s.fake && s.timeSleepUntil(false) <= s.fakeNow) {
    // A timer is due at the current instant (a setImmediate, say): it runs whatever holds the clock.
    s.runTimersAfterJump();
    return;
  }
  if (holdsTime(s)) {
    if (heldByForeignAwait(s)) watchStall(s);
    return;
  }
  const w = s.waiter;
  if (w !== null) {
    // Everything else is durably blocked: wake synctest.wait() at the current instant.
    s.waiter = null;
    s.goready(w, undefined);
    return;
  }
  if (s.fake) {
    const when = s.timeSleepUntil(false);
    if (when < maxWhen) {
      if (when - 1 > s.maxVirtualTime || s.stats.jumps >= s.maxClockAdvances) {
        runaway(s, when);
        return;
      }
      if (when > s.fakeNow) s.fakeNow = when;
      s.stats.jumps++;
      if (tracing) s.trace("clock.jump", 0, when);
      s.runTimersAfterJump();
      return;
    }
  } else if (s.allp.some((pp) => pp.timers.len > 0)) {
    return;
  }
  // A bubble's goroutine awaiting a promise no I/O of the bubble will settle, with no timer left: outside
  // code may still settle it (Go: blocked on a channel from outside the bubble, not durably blocked). The
  // stall watchdog reports it if nothing happens.
  if (s.nsyscall > 0) return;
  if (s.mainG === null) return;
  if (s.allgs.size === 0) return;
  if (!s.fake && hostWork(s) !== "") {
    recheckLater(s);
    return;
  }
  const msg = !s.waitForGoroutines
    ? "all goroutines are asleep - deadlock!"
    : s.mainDone
      ? "deadlock: main bubble goroutine has exited but blocked goroutines remain"
      : "deadlock: all goroutines in bubble are blocked";
  const head = msg.startsWith("deadlock:") ? msg : `fatal error: ${msg}`;
  s.fail(new GoFatalError("deadlock", msg, `${head}\n\n${s.dump()}`));
}

/**
 * Whether the runtime waits on something outside gort: io(); in a bubble, host I/O it started and that is
 * still in flight (a goroutine awaiting a promise that only the bubble can settle is durably blocked), and
 * goroutines parked on channels made outside it; elsewhere, any goroutine in a syscall (a foreign await).
 */
export function holdsTime(s: Sched): boolean {
  if (s.nio > 0 || s.nforeign > 0) return true;
  if (s.io !== null) return s.io.holds();
  return s.nsyscall > 0;
}

/**
 * A fake-clock runtime (not a bubble, whose watchdog sees its I/O) whose clock is held only by goroutines
 * awaiting promises gort does not own, while a timer waits for the clock to move. Such a promise may be
 * real I/O, or may wait for one of those timers: then nothing will ever happen.
 */
function heldByForeignAwait(s: Sched): boolean {
  return (
    s.fake &&
    s.io === null &&
    s.nio === 0 &&
    s.nsyscall > 0 &&
    s.stallTimeout > 0 &&
    s.mainG !== null &&
    !s.stopped &&
    s.timeSleepUntil(false) < maxWhen
  );
}

/** What changes when a runtime makes progress (a goroutine ran, the clock moved, one started or ended). */
function progress(s: Sched): string {
  const st = s.stats;
  return `${s.fakeNow}|${st.switches}|${st.goroutines}|${s.allgs.size}|${s.nsyscall}`;
}

/**
 * Watches a clock held by foreign awaits (heldByForeignAwait): if nothing has moved after stallTimeout
 * real ms, the runtime fails with a report instead of hanging. The host timer is refed, so a process with
 * nothing else alive reports rather than exiting in silence.
 */
function watchStall(s: Sched): void {
  if (s.stallWatch !== null) return;
  const seen = progress(s);
  s.stallWatch = hostSetTimeout(() => {
    s.stallWatch = null;
    if (!heldByForeignAwait(s) || s.mActive) return;
    if (progress(s) !== seen) watchStall(s);
    else stalled(s);
  }, s.stallTimeout);
}

function stalled(s: Sched): void {
  const next = s.timeSleepUntil(false);
  const msg = `fake clock held at ${fmtNs(s.fakeNow - 1)} for ${s.stallTimeout}ms of real time by goroutines awaiting promises gort does not own, while a timer waits (next at ${fmtNs(next - 1)})`;
  const report = [
    `fatal error: ${msg}`,
    "",
    "Under the fake clock an await of a foreign promise holds time still, since it may be waiting for real",
    "I/O. If the promise waits for this runtime's own timers or goroutines, await them through gort (a",
    "channel, time.sleep), or run the code in synctest.run, which tells real I/O from waiting; if it is",
    "I/O that takes longer, wrap the await in io() or raise stallTimeout.",
    "",
    s.dump(),
  ].join("\n");
  s.fail(new GoFatalError("fatal", msg, report));
}

/** A runaway bound was hit: fail, naming the periodic timers and what every goroutine waits on. */
function runaway(s: Sched, next: Nanos): void {
  const what =
    s.stats.jumps >= s.maxClockAdvances
      ? `more than ${s.maxClockAdvances} clock advances`
      : `virtual time would pass ${fmtNs(s.maxVirtualTime)} (next timer at ${fmtNs(next - 1)})`;
  const lines = [`runaway: ${what}`, ""];
  const tickers = armedTimers(s).filter((t) => t.period > 0);
  if (tickers.length > 0) {
    lines.push("periodic timers still running:");
    for (const t of tickers) {
      const site = s.timerSites?.get(t);
      lines.push(
        `\tticker every ${fmtNs(t.period)}, next at ${fmtNs(t.when - 1)}${site ? ` created at ${siteOf(site)}` : ""}`,
      );
    }
    lines.push("");
  }
  lines.push(s.dump());
  s.fail(new GoFatalError("fatal", `runaway: ${what}`, lines.join("\n")));
}

/** Every timer of the runtime that is armed: heaped live entries, plus tracked lazy channel timers. */
export function armedTimers(s: Sched): Timer[] {
  const out = new Set<Timer>();
  for (const pp of s.allp) {
    const ts = pp.timers;
    for (let i = 0; i < ts.heapT.length; i++) {
      const t = ts.heapT[i];
      if (t.when > 0 && (t.state & 4) === 0) out.add(t);
    }
  }
  if (s.liveTimers !== null) for (const t of s.liveTimers) if (t.when > 0) out.add(t);
  return [...out];
}

/**
 * Kinds of host resources that never wake a goroutine here: the process's own stdio (listed while piped or
 * on a terminal) and a handle's pending close.
 */
const notWork = new Set(["PipeWrap", "TTYWrap", "CloseReq"]);

/** Counts of the host's active resources by kind, without notWork's. */
export function hostResources(): Map<string, number> {
  const m = new Map<string, number>();
  for (const kind of hostActiveResources()) if (!notWork.has(kind)) m.set(kind, (m.get(kind) ?? 0) + 1);
  return m;
}

/**
 * The first kind of host resource of which more are active now than when the runtime's run() began (a
 * timer the program set, a server it listens with, a request in flight), or "" if none: what was there
 * before (a test runner's timeout, its IPC) is the host's own business, not the program's.
 */
export function hostWork(s: Sched): string {
  const base = s.hostBaseline;
  if (base === null) return "";
  for (const [kind, n] of hostResources()) if (n > (base.get(kind) ?? 0)) return kind;
  return "";
}

/**
 * d4: every goroutine is blocked but host work may wake one: look again in 100 ms, until the runtime runs
 * again or reports. The interval is refed: were it not, the host loop could empty (the work ended without
 * waking anyone) and the process exit before the report. It is cleared before each look, so hostWork never
 * counts it.
 */
function recheckLater(s: Sched): void {
  if (s.deadlockRecheck !== null) return;
  const recheck = (): void => {
    clearRecheck(s);
    if (!s.stopped && !s.mActive && s.curg === null) checkdead(s);
  };
  s.deadlockRecheck = hostSetInterval(recheck, 100);
}

/** Checks d4's recheck: armed only by a real-clock runtime running its run(). */
export function verifyCheckdead(s: Sched): void {
  if (s.deadlockRecheck === null) return;
  if (s.fake) fatal("verify: d4: a fake-clock runtime armed a host-work recheck");
  if (s.stopped) fatal("verify: d4: a stopped runtime still has a host-work recheck armed");
  if (s.hostBaseline === null || s.mainG === null) fatal("verify: d4: a recheck armed before run() began");
}

/** Drops an armed recheck (it ran, or the runtime stopped). */
export function clearRecheck(s: Sched): void {
  const timer = s.deadlockRecheck;
  if (timer === null) return;
  s.deadlockRecheck = null;
  hostClearInterval(timer);
}
