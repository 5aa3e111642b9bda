// Public: package time (Go 1.23's time/sleep.go, time/tick.go, and the parts of time.go and format.go a
// timer user needs). Thin wrappers: validate, convert units, delegate to internal/runtime/timechan.ts.
//
// Durations are numbers of nanoseconds (Go's int64 Duration). Every function taking a Duration also accepts
// a bigint and validates its argument the same way:
//   - a number is truncated toward zero to whole nanoseconds (Go converts with int64(f));
//   - a bigint is clamped to Go's int64 range, then converted to a number;
//   - ±Infinity is accepted and behaves like Go's overflow: Infinity is "never", −Infinity "now";
//   - NaN, a string or anything else throws TypeError (a promise-returning function rejects instead).
// Numbers are exact to 2^53 ns (about 104 days); longer timers clamp to "never" like Go's MaxInt64 ones.
//
// Times carry a wall clock (ns since the Unix epoch, a bigint) and a monotonic reading (ns on the clock of
// the runtime that took it). Timers, tickers, sleep and now() use the runtime of the calling goroutine, or
// the process-wide default runtime outside goroutines; under a fake-clock runtime both readings are
// virtual and start at Go's playground epoch, 2009-11-10 23:00:00 UTC. A timer or ticker belongs to the
// runtime that created it: use it from that runtime's goroutines only (Go has one runtime per process).
//
// Calendar, Format/Parse and Locations are Go's (timevalue.ts, internal/time/): zones come from the
// platform's tz data through Intl (internal/time/zoneinfo.ts). Deviations from Go: zone abbreviations are
// CLDR's where tzdata has none in English; only the synchronous timer-channel mode of Go 1.23 exists (no
// GODEBUG asynctimerchan).

import { Chan, type ReceiveChan, type TimerChan } from "./chan.ts";
import type { Duration } from "./duration.ts";
import {
  GoPanic,
  msgNonPositiveTicker,
  msgNonPositiveTickerReset,
  msgResetUninitialized,
  msgResetUninitializedTicker,
  msgStopUninitialized,
} from "./errors.ts";
import { currentRuntime, type Sched } from "./internal/runtime/proc.ts";
import { timeSleep } from "./internal/runtime/sleep.ts";
import {
  newChanTimer,
  newFuncTimer,
  resetTimer,
  stopTimer,
  type TimeChan,
} from "./internal/runtime/timechan.ts";
import type { Timer as RuntimeTimer } from "./internal/runtime/timer.ts";
import { describe, durationArg } from "./internal/timeargs.ts";
import { Time } from "./timevalue.ts";

export {
  Duration,
  DurationValue,
  durationString,
  Hour,
  Microsecond,
  Millisecond,
  Minute,
  Nanosecond,
  parseDuration,
  Second,
} from "./duration.ts";
export {
  ANSIC,
  DateOnly,
  DateTime,
  Kitchen,
  Layout,
  RFC822,
  RFC822Z,
  RFC850,
  RFC1123,
  RFC1123Z,
  RFC3339,
  RFC3339Nano,
  RubyDate,
  Stamp,
  StampMicro,
  StampMilli,
  StampNano,
  TimeOnly,
  UnixDate,
} from "./internal/time/layout.ts";
export { ParseError } from "./internal/time/parse.ts";
export { fixedZone, Local, Location, loadLocation, UTC } from "./internal/time/zoneinfo.ts";
export {
  April,
  August,
  December,
  date,
  February,
  Friday,
  January,
  July,
  June,
  March,
  May,
  Monday,
  Month,
  November,
  now,
  October,
  parse,
  parseInLocation,
  Saturday,
  September,
  Sunday,
  since,
  Thursday,
  Time,
  Tuesday,
  unix,
  unixMicro,
  unixMilli,
  until,
  Wednesday,
  Weekday,
} from "./timevalue.ts";

// ===== Sleep, Timer, Ticker =====

/**
 * Pauses the calling goroutine for at least d (Go's `time.Sleep`). d <= 0 returns at once without
 * yielding; Infinity sleeps forever. Outside goroutines it sleeps on the default runtime's clock.
 *
 * Cancellation: if `signal` aborts, the promise rejects with `signal.reason` and the sleep's timer stops.
 * Throws: never synchronously; an invalid d rejects with TypeError.
 *
 * @example
 * const start = time.now();
 * await time.sleep(100 * time.Millisecond);
 * time.since(start) >= 100 * time.Millisecond; // true
 * await time.sleep(-1); // d <= 0 returns at once
 */
export function sleep(d: Duration | bigint, signal?: AbortSignal): Promise<void> {
  let ns: number;
  try {
    ns = durationArg(d, "sleep");
  } catch (e) {
    return Promise.reject(e);
  }
  return timeSleep(ns, signal) as Promise<unknown> as Promise<void>;
}

/** Creates a Timer or Ticker around its parts (the classes' constructors make Go's zero values). */
function init<T extends Timer | Ticker>(obj: T, rt: Sched, r: RuntimeTimer, c: TimeChan | null): T {
  const w = obj as unknown as { rt: Sched; r: RuntimeTimer; c: ReceiveChan<Time> | null };
  w.rt = rt;
  w.r = r;
  w.c = c === null ? null : new Chan<Time>(c);
  return obj;
}

/**
 * A single event (Go's `*time.Timer`). For a timer from {@link newTimer} the current time is delivered on
 * `c` when it fires; a timer from {@link afterFunc} runs a function instead and has `c === null`.
 *
 * Go 1.23 semantics: `c` is unbuffered-looking (len and cap 0); a receive from an expired timer gets the
 * scheduled firing time at once; after stop() or reset() returns, no value of the old setting can be
 * received, so there is never anything to drain. A timer nobody references is garbage even if it was
 * never stopped.
 *
 * `new Timer()` is Go's zero Timer: stop() and reset() on it throw GoPanic.
 *
 * @example
 * const done = chan<void>();
 * go(async () => {
 *   await time.sleep(100 * time.Millisecond);
 *   done.close();
 * });
 * const t = time.newTimer(time.Second);
 * const r = await select([recv(t.c), recv(done)] as const);
 * if (r.index === 1) t.stop(); // true: it stopped the timer before it fired
 */
export class Timer {
  /** The channel the time is delivered on; null for afterFunc timers (and the zero Timer). */
  readonly c: ReceiveChan<Time> | null = null;
  /** @internal */
  private readonly r: RuntimeTimer | null = null;
  /** @internal */
  private readonly rt: Sched | null = null;

  /**
   * Stops the timer. Returns true if the call stopped it — it was pending, or had expired without its value
   * being received — and false if it had already fired (value received, or afterFunc's function started) or
   * been stopped. For afterFunc it does not wait for a started function.
   *
   * @throws GoPanic "time: Stop called on uninitialized Timer" on a zero Timer.
   * @example
   * const t = time.newTimer(time.Hour);
   * t.stop(); // true
   * t.stop(); // false
   */
  stop(): boolean {
    const r = this.r;
    if (r == null) throw new GoPanic(msgStopUninitialized);
    return stopTimer(r, this.rt);
  }

  /**
   * Makes the timer fire after d (d <= 0: at once) and returns what stop() would have: true if it was
   * pending or had an unreceived value (discarded), false if it had fired or been stopped. An afterFunc
   * timer that already ran runs its function again.
   *
   * @throws GoPanic "time: Reset called on uninitialized Timer" on a zero Timer; TypeError for an invalid d.
   * @example
   * const t = time.newTimer(time.Second);
   * t.reset(2 * time.Second); // true: it was pending
   */
  reset(d: Duration | bigint): boolean {
    const ns = durationArg(d, "Timer.reset");
    const r = this.r;
    if (r == null) throw new GoPanic(msgResetUninitialized);
    return resetTimer(this.rt!, r, ns, 0);
  }
}

/**
 * A Timer that delivers the current time on its channel after at least d (Go's `time.NewTimer`).
 * d <= 0 fires at once; Infinity never.
 *
 * @throws TypeError for an invalid d.
 * @example
 * const start = time.now();
 * const t = time.newTimer(50 * time.Millisecond);
 * const fired: time.Time = await t.c.recv(); // a timer channel is never closed: no `!`
 * time.durationString(fired.sub(start)); // "50ms"
 */
export function newTimer(d: Duration | bigint): { readonly c: TimerChan<Time> } & Timer {
  const ns = durationArg(d, "newTimer");
  const rt = currentRuntime();
  const c = newChanTimer(rt, ns, 0, Time.onClock);
  return init(new Timer(), rt, c.timer!, c) as { readonly c: TimerChan<Time> } & Timer;
}

/**
 * Waits for d, then delivers the time on the returned channel (Go's `time.After(d)`, `newTimer(d).c`).
 * The timer is garbage once the channel is no longer referenced.
 *
 * @throws TypeError for an invalid d.
 * @example
 * const results = chan<string>();
 * const r = await select([recv(results), recv(time.after(time.Second))] as const);
 * if (r.index === 1) console.log("timed out"); // timed out
 */
export function after(d: Duration | bigint): TimerChan<Time> {
  // newTimer(d).c without the Timer nobody could reach.
  const ns = durationArg(d, "after");
  return new Chan<Time>(newChanTimer(currentRuntime(), ns, 0, Time.onClock)) as TimerChan<Time>;
}

/**
 * Calls f in its own goroutine after d (Go's `time.AfterFunc`). The returned Timer has `c === null`; its
 * stop() cancels the call if f has not started.
 *
 * @throws TypeError for an invalid d or a non-function f.
 * @example
 * time.afterFunc(10 * time.Millisecond, () => console.log("fired")); // prints "fired" at +10ms
 * const t = time.afterFunc(time.Second, () => console.log("never printed"));
 * t.stop(); // true: f will not run
 * await time.sleep(time.Second);
 */
export function afterFunc(d: Duration | bigint, f: () => unknown): Timer & { readonly c: null } {
  const ns = durationArg(d, "afterFunc");
  if (typeof f !== "function") throw new TypeError(`time.afterFunc: f is not a function: ${describe(f)}`);
  const rt = currentRuntime();
  return init(new Timer(), rt, newFuncTimer(rt, ns, f), null) as Timer & { readonly c: null };
}

/**
 * Delivers "ticks" of a clock at intervals (Go's `*time.Ticker`). A slow reader gets the first missed tick
 * (its scheduled time) and later ticks stay on the original phase; ticks in between are dropped.
 *
 * `new Ticker()` is Go's zero Ticker: stop() on it does nothing (Go issue 21874) and reset() throws.
 *
 * @example
 * const tk = time.newTicker(10 * time.Millisecond);
 * console.log(String(await tk.c.recv())); // 2009-11-10 23:00:00.01 +0000 UTC m=+0.010000001
 * console.log(String(await tk.c.recv())); // 2009-11-10 23:00:00.02 +0000 UTC m=+0.020000001
 * tk.stop();
 */
export class Ticker {
  /** The channel the ticks are delivered on (null only for the zero Ticker). */
  readonly c: ReceiveChan<Time> | null = null;
  /** @internal */
  private readonly r: RuntimeTimer | null = null;
  /** @internal */
  private readonly rt: Sched | null = null;

  /**
   * Turns the ticker off: no more ticks, and an unreceived tick is discarded. Does not close `c`. On a zero
   * Ticker it does nothing (Go issue 21874).
   *
   * @example
   * const tk = time.newTicker(time.Second);
   * tk.stop();
   */
  stop(): void {
    const r = this.r;
    if (r == null) return;
    stopTimer(r, this.rt);
  }

  /**
   * Stops the ticker and restarts it with period d: the next tick comes d from now; an unreceived tick is
   * discarded.
   *
   * @throws GoPanic "non-positive interval for Ticker.Reset" if d <= 0, then "time: Reset called on
   *   uninitialized Ticker" on a zero Ticker; TypeError for an invalid d.
   * @example
   * const tk = time.newTicker(time.Second);
   * tk.reset(2 * time.Second);
   * const start = time.now();
   * await tk.c.recv();
   * time.durationString(time.since(start)); // "2s"
   * tk.stop();
   */
  reset(d: Duration | bigint): void {
    const ns = durationArg(d, "Ticker.reset");
    if (ns <= 0) throw new GoPanic(msgNonPositiveTickerReset);
    const r = this.r;
    if (r == null) throw new GoPanic(msgResetUninitializedTicker);
    resetTimer(this.rt!, r, ns, ns);
  }
}

/**
 * A Ticker that delivers the time on its channel every d (Go's `time.NewTicker`); the first tick comes
 * after d.
 *
 * @throws GoPanic "non-positive interval for NewTicker" if d <= 0; TypeError for an invalid d.
 * @example
 * const start = time.now();
 * const tk = time.newTicker(10 * time.Millisecond);
 * await tk.c.recv();
 * await tk.c.recv();
 * time.durationString(time.since(start)); // "20ms"
 * tk.stop();
 */
export function newTicker(d: Duration | bigint): { readonly c: TimerChan<Time> } & Ticker {
  const ns = durationArg(d, "newTicker");
  if (ns <= 0) throw new GoPanic(msgNonPositiveTicker);
  const rt = currentRuntime();
  const c = newChanTimer(rt, ns, ns, Time.onClock);
  return init(new Ticker(), rt, c.timer!, c) as { readonly c: TimerChan<Time> } & Ticker;
}

/**
 * Go's nil channel, as time.tick(d <= 0) returns it: never ready (a receive blocks forever, as
 * `[chan receive (nil chan)]`; select never picks it), len and cap 0.
 */
const nilTimeChan = new Chan<Time>(null as unknown as TimeChan) as TimerChan<Time>;

/**
 * The channel of a new Ticker with period d (Go's `time.Tick`). Since Go 1.23 an unreferenced ticker is
 * garbage, so this is fine to use in loops.
 *
 * Typing: Go returns nil for d <= 0. Here that is a nil channel, not null, so the result is never null
 * and `for await (const t of time.tick(d))` type-checks as Go's `for t := range time.Tick(d)` compiles;
 * for d <= 0 it behaves as Go's does: a receive or a `for await` blocks forever, select never picks it.
 *
 * @throws TypeError for an invalid d.
 * @example
 * time.tick(0).tryRecv(); // null: a nil channel is never ready
 * let n = 0;
 * for await (const t of time.tick(time.Second)) {
 *   console.log(String(t)); // 2009-11-10 23:00:01 +0000 UTC m=+1.000000001
 *   if (++n === 1) break;
 * }
 */
export function tick(d: Duration | bigint): TimerChan<Time> {
  const ns = durationArg(d, "tick");
  if (ns <= 0) return nilTimeChan;
  return newTicker(ns).c;
}
