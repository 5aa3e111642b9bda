// Port of go1.23 time arithmetic: runtime nanotime(), time.when(), the Sleep and ticker clamps.
//
// gort keeps time as plain JavaScript numbers of nanoseconds. Monotonic readings count from the moment
// this module loaded (plus one, so that a reading is never 0: Go uses when == 0 to mean "inactive").
// Integers are exact up to 2^53 ns (about 104 days of uptime); beyond that a `when` is still ordered
// correctly but rounded (to 2 ns at 200 days, 2 µs near 2^63). `maxWhen` = 2^63 plays Go's 2^63−1:
// "never", the clamp for every overflow. Every conversion and every clamp lives here.
//
// Invariants:
//   N1. when(d, now), sleepWhen(d, now) and tickerNext(...) return integers in [now, maxWhen] (given
//       now >= 1); overflow clamps to maxWhen, never wraps and never produces NaN or Infinity.
//   N2. realNanotime() never decreases and is > realClockBase.
//
// Tests can stop the real clock (freezeRealClock) and move it by hand (advanceFrozenRealClock), so that
// what the wall-clock rules do (proc.ts: a real-clock time slice ends after hostSliceNs; the fake clock's
// host pauses) is checked by counts, never by the machine's speed. Nothing outside tests calls them; a
// frozen clock costs each reading one comparison.

import { hostPerfNow } from "../host.ts";

/** Nanoseconds (an integer-valued number). */
export type Nanos = number;

/** "Never": the clamp for every overflowing `when` (Go: maxWhen = 2^63−1; here 2^63, a double). */
export const maxWhen: Nanos = 2 ** 63;

/** The largest delay a host setTimeout accepts (2^31−1 ms); longer waits are re-armed when they end. */
export const maxHostDelayMs = 2147483647;

/**
 * Where a real-clock runtime's monotonic clock starts, internally: 2^31 ns (about 2.1 s). Every reading,
 * and every `when` made from one, is then beyond V8's small integers (31 bits) from the first: the fields
 * and arrays holding them are doubles from the first store. Starting at 1, they crossed 2^31 about 2.1 s
 * into a program: each such field's representation changed then, and V8 dropped the optimized code of
 * everything that touched them — 35 deoptimizations and 300 ms of recompiling in a 6 s run of 1000
 * sleeping goroutines, measured on Node 24. Readings shown to users (Runtime.nanotime, a Time's m=, trace
 * timestamps) have it taken off again (Sched.monoBase).
 */
export const realClockBase: Nanos = 2 ** 31;

/** Nanoseconds per unit, for conversions. */
export const nsPerUs = 1e3;
export const nsPerMs = 1e6;
export const nsPerSecond = 1e9;

const origin = hostPerfNow();
/**
 * Real-clock reads so far (clock-reads.test.ts bounds them per ticker tick: a read costs 60–120 ns on the
 * machines measured, as much as a quarter of a goroutine switch).
 */
export const clockStats = { reads: 0 };
let lastReal = realClockBase + 1;
/** The reading the real clock is stopped at (tests only: freezeRealClock), or -1 while it runs. */
let frozenNs: Nanos = -1;

/**
 * The real monotonic clock in ns since gort loaded, plus realClockBase + 1 (N2: a double from the first
 * reading, for the reason realClockBase gives). Backed by performance.now(), captured at load, so a user's
 * fake timers cannot move it.
 */
export function realNanotime(): Nanos {
  clockStats.reads++;
  const t = frozenNs < 0 ? Math.floor((hostPerfNow() - origin) * nsPerMs + (realClockBase + 1)) : frozenNs;
  if (t > lastReal) lastReal = t;
  return lastReal;
}

/**
 * Tests only: stops the real clock at its current reading (on), or lets it run again (off; it stands
 * still until the host's clock passes what it was advanced to, N2). @internal
 */
export function freezeRealClock(on: boolean): void {
  frozenNs = -1;
  if (on) frozenNs = realNanotime();
}

/** Tests only: moves the stopped real clock forward by ns >= 0. @internal */
export function advanceFrozenRealClock(ns: Nanos): void {
  if (frozenNs < 0) throw new Error("advanceFrozenRealClock: the real clock is not frozen");
  if (!(ns >= 0)) throw new RangeError(`advanceFrozenRealClock: ${ns} ns`);
  frozenNs += ns;
}

/** Adds d >= 0 to now, clamping at maxWhen (N1). Non-finite or NaN d means "never". */
export function addClamp(now: Nanos, d: number): Nanos {
  const t = now + d;
  return t < maxWhen ? Math.floor(t) : maxWhen;
}

/**
 * Go's time.when(d): the absolute time d from now; d <= 0 means now (fire as soon as possible), and
 * an overflowing sum clamps to maxWhen.
 */
export function when(d: number, now: Nanos): Nanos {
  if (d <= 0) return now;
  return addClamp(now, d);
}

/** runtime.timeSleep's deadline: like when(), for d > 0 (the caller returns at once for d <= 0). */
export function sleepWhen(d: number, now: Nanos): Nanos {
  return addClamp(now, d);
}

/**
 * A ticker's next firing time after running `delay` ns late: the first `when + k·period` (k >= 1) that is
 * later than now, skipping every missed period (Go: when + period·(1 + delay/period)). Clamps to maxWhen.
 */
export function tickerNext(when: Nanos, period: Nanos, delay: Nanos): Nanos {
  const next = when + period * (1 + Math.floor(delay / period));
  return next < maxWhen ? next : maxWhen;
}

/** Milliseconds for a host setTimeout that should fire no earlier than `ns` from now (clamped). */
export function hostDelayMs(ns: Nanos): number {
  return Math.min(Math.floor(ns / nsPerMs), maxHostDelayMs);
}

/** The last wall-clock reading (ms) wallNs converted, and its value in ns: a reading repeats for a whole ms. */
let lastWallMs = Number.NaN;
let lastWallNs = 0n;
/** A host wall-clock reading (ms since the Unix epoch) in ns, as a bigint (made once per distinct ms). */
export function wallNs(ms: number): bigint {
  if (ms !== lastWallMs) {
    lastWallMs = ms;
    lastWallNs = BigInt(Math.round(ms)) * 1_000_000n;
  }
  return lastWallNs;
}
