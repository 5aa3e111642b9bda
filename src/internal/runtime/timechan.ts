// Port of go1.23 src/time/sleep.go and src/time/tick.go, the half that talks to the runtime: time.when,
// newTimer for channel timers (NewTimer, NewTicker, After, Tick), AfterFunc timers, sendTime and
// Stop/Reset (docs/design/timers.md §2, §6.7, §7). The public wrappers are in src/time.ts.
//
// A channel timer owns a one-slot channel whose `timer` field points back at it (Go: syncTimer(c) in the
// default GODEBUG asynctimerchan=0 mode). The engine (timer.ts, chan.ts) does the rest of Go 1.23's
// contract: the timer is lazy (it gets a heap entry only when a goroutine blocks on the channel, so an
// unreferenced timer is garbage; docs/design/timers.md §7.1 has the exact rule), a receive fires an
// overdue timer on the spot, len and cap read 0, and Stop/Reset bump the timer's `seq` and drain the slot,
// so no value of an old configuration is ever received after they return.
//
//     time.Timer ──r──▶ Timer{f: sendTime, arg: c, isChan}
//         └──c──▶ Chan ──hchan──▶ TimeChan{dataqsiz: 1, timer} ◀──arg──┘
//
// sendTime delivers the *scheduled* firing time: the clock now minus the delay the timer fired late by
// (Go: Now().Add(-delta)). Under the fake clock that is exactly `when`.
//
// Only the synchronous mode is implemented (Go's asynctimerchan=0); there is no GODEBUG switch.
//
// A timer belongs to the runtime that created it: its times are read from that runtime's clock. Using it
// from goroutines of another runtime is not supported (Go has a single runtime per process).
//
// Invariants:
//   tc1. A TimeChan's timer is a channel timer (isChan) whose arg is that TimeChan; the channel is never
//        closed and never sent to except by sendTime.
//   tc2. Every `when` passed to the engine is an integer in [nanotime(), maxWhen] (time.when's clamp);
//        every period is an integer in [1, maxWhen] for tickers, 0 otherwise.

import { GoPanic, msgResetOutsideBubble, msgStopOutsideBubble } from "../../errors.ts";
import { Hchan, timerSend } from "./chan.ts";
import { contextBubble } from "./getg.ts";
import { maxWhen, type Nanos, when as whenAt } from "./nanotime.ts";
import { type GoFunc, noteTimer, type Sched } from "./proc.ts";
import { FuncTimer, goFunc } from "./sleep.ts";
import { FullTimer, type Timer } from "./timer.ts";

/**
 * Builds the value a timer channel delivers: the runtime's time at monotonic reading `now` (the one the
 * timer fired at), moved back by `delay` ns.
 */
export type TimeValue = (rt: Sched, delay: Nanos, now: Nanos) => unknown;

/** The one-slot channel behind a time.Timer's or time.Ticker's `c` (tc1). */
export class TimeChan extends Hchan {
  /** The runtime whose clock the delivered values read. */
  readonly rt: Sched;
  /** Makes the delivered value (package time's Time). */
  readonly mk: TimeValue;

  constructor(rt: Sched, mk: TimeValue) {
    // A timer's channel belongs to its runtime's bubble, if it is one (Go: made by the bubble's code).
    super(1, undefined, rt.nodeTimers !== null ? rt : null);
    this.rt = rt;
    this.mk = mk;
  }

  override timerStoppedError(): Error | null {
    return this.rt.stopped ? stoppedError() : null;
  }
}

/**
 * Go: time.sendTime. The channel timer's callback: a non-blocking send of the scheduled firing time; if a
 * value is already waiting in the slot (a ticker nobody reads), the tick is dropped.
 */
function sendTime(c: TimeChan, _seq: number, delay: Nanos, now: Nanos): void {
  timerSend(c, c.mk(c.rt, delay, now));
}

/**
 * Go: time.when. The absolute time d ns from now on rt's clock: d <= 0 means now (fire at the next check
 * or receive); an overflowing sum (or d = Infinity) clamps to maxWhen, "never" (tc2).
 */
export function when(rt: Sched, d: number): Nanos {
  return whenAt(d, rt.nanotime());
}

/** A ticker period: whole nanoseconds, clamped to maxWhen (tc2). The caller has checked d > 0. */
function period(d: number): Nanos {
  return d < maxWhen ? Math.floor(d) : maxWhen;
}

/**
 * Go: newTimer(when(d), period, sendTime, c, syncTimer(c)) as NewTimer (period 0) and NewTicker
 * (period d > 0) call it. Returns the timer's channel; the timer is `c.timer`. The new timer is lazy: it
 * joins a heap only once a goroutine blocks receiving from c.
 */
export function newChanTimer(rt: Sched, d: number, tickerPeriod: number, mk: TimeValue): TimeChan {
  const c = new TimeChan(rt, mk);
  const t = new FullTimer(sendTime, c, true);
  c.timer = t;
  t.modify(when(rt, d), tickerPeriod > 0 ? period(tickerPeriod) : 0, sendTime, c, 0);
  if (rt.liveTimers !== null) noteTimer(rt, t);
  return c;
}

/**
 * Go: AfterFunc's newTimer(when(d), 0, goFunc, f, nil). Not a channel timer: it joins the heap of the
 * caller's P at once, and when due starts f in a new goroutine.
 */
export function newFuncTimer(rt: Sched, d: number, f: GoFunc): Timer {
  const t = new FuncTimer(f);
  if (rt.stopped) t.drop(); // it will never fire (newproc.ts sc2)
  t.modify(when(rt, d), 0, goFunc, t, 0);
  if (rt.liveTimers !== null) noteTimer(rt, t, f);
  return t;
}

/**
 * Go: resetTimer(t, when(d), period). For a Timer (period 0) and an AfterFunc timer; a Ticker passes its
 * new period d > 0. Returns whether the call stopped a pending firing or discarded an undelivered value.
 */
export function resetTimer(rt: Sched, t: Timer, d: number, tickerPeriod: number): boolean {
  if (rt.nodeTimers !== null && contextBubble() === null) throw new GoPanic(msgResetOutsideBubble);
  if (rt.stopped) throw stoppedError();
  if (t instanceof FuncTimer) t.rearm();
  return t.reset(when(rt, d), tickerPeriod > 0 ? period(tickerPeriod) : 0);
}

/** Go: stopTimer. Returns whether the call stopped a pending firing or discarded an undelivered value. */
export function stopTimer(t: Timer, rt?: Sched | null): boolean {
  // Go: a bubble's timer stopped or reset by code outside every bubble panics.
  if (rt != null && rt.nodeTimers !== null && contextBubble() === null)
    throw new GoPanic(msgStopOutsideBubble);
  if (rt?.stopped) throw stoppedError();
  const pending = t.stop();
  // An afterFunc timer's capture: no firing will use it now (a reset captures anew; newproc.ts sc1).
  if (t instanceof FuncTimer) t.drop();
  return pending;
}

function stoppedError(): Error {
  return new Error("gort: runtime used after it stopped (its timers belong to a program that has ended)");
}
