// Go's time.Time and its methods (Go: time.go; Format, String and GoString in format.go; MarshalJSON and
// MarshalText with format_rfc3339.go), a wall clock, a monotonic reading and a Location; and the
// constructors Time's methods and documentation use, now, unix and date (time.go). The public module
// src/timevalue.ts re-exports them with the other constructors (since, until, unixMilli, unixMicro, parse,
// parseInLocation), which build on timeOf and unixTime from here: this module imports nothing public.
//
// Invariants:
//   w1. a Time's wall clock is ns since the Unix epoch (bigint); its monotonic reading belongs to the clock
//       of one runtime, and sub/compare use it only between Times of the same clock (as Go does).
//   w4. a Time has a monotonic reading only while its wall clock is within Go's range for one, 1885-01-01
//       00:00:00 UTC plus 2^33 − 1 s (2157-03-16 12:56:31.999999999 UTC), and the reading fits in an int64;
//       add keeps it exactly (Go: Add moves both readings), as a number while it is a safe integer, else
//       in monoBig (mono then only approximates it). Time.checkMono verifies a Time.
//   w2. a Time's location only changes how it reads (fields, format, String); equal, compare and sub ignore
//       it. in/utc/local, truncate, round, addDate and date strip the monotonic reading, as Go does.
//   w5. a lazy Time (from onClock on the real clock) holds its wall clock as whole ms since the Unix epoch
//       within 10^6 s of Go's range for a monotonic reading, less wSub ns (0 <= wSub < 10^15), until the
//       first read of wall makes the bigint (exactly wMs × 10^6 − wSub); from then on, as every other Time,
//       it has wMs = wSub = 0 (so it equals, field for field, a Time constructed with that wall clock); a
//       Time a user froze stays lazy and computes it at each read.
//       Time.checkMono verifies it.
//   w3. Calendar fields, Format and Parse are internal/time/{date,format,parse,zoneinfo}.ts, Go's algorithms;
//       Month and Weekday are month.ts.

import type { Duration } from "../../duration.ts";
import { GoPanic } from "../../errors.ts";
import { HostDate, hostDateNow } from "../host.ts";
import { missingAwaitCheck } from "../runtime/getg.ts";
import { currentRuntime, type Sched } from "../runtime/proc.ts";
import { describe, durationBig, maxInt64, minInt64 } from "../timeargs.ts";
import { type DateFields, fieldsOf } from "./date.ts";
import { formatTime } from "./format.ts";
import { RFC3339, RFC3339Nano } from "./layout.ts";
import { Month, type Weekday } from "./month.ts";
import { dateIn, parseTime, quote } from "./parse.ts";
import { isDST, Local, Location, lookup, UTC, zoneBounds } from "./zoneinfo.ts";

/** Seconds from Go's zero time (January 1, year 1, 00:00:00 UTC) to the Unix epoch. */
const unixToInternal = 62135596800n;
const nsPerSec = 1_000_000_000n;

/**
 * The wall clocks (ns since the Unix epoch) a Time with a monotonic reading may have: Go keeps that reading
 * beside 33 bits of seconds since 1885-01-01 00:00:00 UTC (Unix -2682288000), so from there to
 * 2157-03-16 12:56:31.999999999 UTC (checked against Go 1.23: Add one ns beyond either end drops m=).
 */
const monoSecMin = -2682288000;
const monoSecEnd = monoSecMin + 2 ** 33;
const monoWallMin = BigInt(monoSecMin) * nsPerSec;
const monoWallMax = BigInt(monoSecEnd) * nsPerSec - 1n;
/** Go's zero Time's wall clock: January 1, year 1, 00:00:00 UTC. */
const zeroWall = -unixToInternal * nsPerSec;
/**
 * Wall clocks in ms that onClock may keep lazily (w5): 10^6 s inside Go's range for a monotonic reading, less
 * at most lazySubMax ns, so the exact wall clock is inside the range without being computed.
 */
const lazyMsMin = monoSecMin * 1000 + 1e9;
const lazyMsMax = monoSecEnd * 1000 - 1e9;
const lazySubMax = 1e15;

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

const maxSafeBig = BigInt(Number.MAX_SAFE_INTEGER);

function clampInt64(x: bigint): bigint {
  return x > maxInt64 ? maxInt64 : x < minInt64 ? minInt64 : x;
}

/**
 * An instant with nanosecond precision (Go's `time.Time`): a wall clock reading and, for times from
 * {@link now} and timer channels, a monotonic clock reading. Comparisons and {@link Time.sub} use the
 * monotonic readings when both times have one from the same runtime, and the wall clock otherwise (as Go
 * does). `new Time()` is Go's zero Time, January 1, year 1, 00:00:00 UTC. Times are immutable.
 *
 * @example
 * const start = time.now();
 * await time.sleep(10 * time.Millisecond);
 * console.log(time.durationString(time.now().sub(start))); // 10ms
 */
/** A TypeError naming the call (who) and argument unless t is a Time (of this copy of gort or another: duck-typed). */
export function checkTime(t: unknown, who: string, name: string): void {
  if (typeof t !== "object" || t === null || typeof (t as Time).sub !== "function")
    throw new TypeError(`${who}: ${name} must be a time.Time, got ${describe(t)}`);
}

export class Time {
  /**
   * @internal A Time at `delay` ns before rt's time at monotonic reading `now` (default: read now). A timer
   * channel's value passes the reading its timer fired at: one clock read less per tick (Go's sendTime
   * reads Now() again; the two differ by the nanoseconds between them).
   */
  static onClock(rt: Sched, delay: number, now: number = rt.nanotime()): Time {
    if (!rt.fake) {
      // The real clock: Date.now()'s whole ms, far inside Go's range for a monotonic reading. The bigint
      // wall clock is made only if something reads it (wall): a ticker's or a timer's value usually goes
      // unread, and BigInt(number) and bigint arithmetic are calls into the engine's runtime (~150–250 ns
      // a Time on Node 24, as much as the rest of a tick).
      const ms = hostDateNow();
      if (ms > lazyMsMin && ms < lazyMsMax && delay >= 0 && delay < lazySubMax)
        return Time.lazy(ms, delay, now - delay - rt.monoBase, rt.id);
    }
    let wall = rt.walltimeNs();
    if (delay !== 0) wall -= BigInt(delay);
    // A clock outside Go's range for a monotonic reading (a fake epoch before 1885 or after 2157) gives
    // Times without one, as Go's Now does.
    if (wall < monoWallMin || wall > monoWallMax) return new Time(wall, 0, 0, Local);
    return new Time(wall, now - delay - rt.monoBase, rt.id, Local);
  }

  /** A Time whose wall clock is ms × 10^6 − sub ns, made into a bigint on first read (w5). */
  private static lazy(ms: number, sub: number, mono: number, clock: number): Time {
    const t = new Time(zeroWall, mono, clock, Local);
    t.w = null;
    t.wMs = ms;
    t.wSub = sub;
    return t;
  }

  /**
   * @internal Checks w4 on t: a monotonic reading only within Go's wall range and int64, monoBig set
   * exactly when the reading is not a safe integer, and mono then its nearest number; and w5. Throws on a
   * violation.
   */
  static checkMono(t: Time): void {
    if (t.w === null) {
      if (!Number.isSafeInteger(t.wMs) || !(t.wMs > lazyMsMin && t.wMs < lazyMsMax))
        throw new Error(`checkMono: w5: lazy wall ms ${t.wMs} outside its range`);
      if (!Number.isSafeInteger(t.wSub) || !(t.wSub >= 0 && t.wSub < lazySubMax))
        throw new Error(`checkMono: w5: lazy wall sub ${t.wSub} outside [0, 1e15)`);
    } else if (t.wMs !== 0 || t.wSub !== 0) {
      throw new Error(`checkMono: w5: a Time with wall ${t.w} keeps lazy fields ${t.wMs} ms, ${t.wSub} ns`);
    }
    if (t.monoClock === 0) {
      if (t.monoBig !== null) throw new Error("checkMono: w4: monoBig without a monotonic reading");
      return;
    }
    if (t.wall < monoWallMin || t.wall > monoWallMax)
      throw new Error(`checkMono: w4: monotonic reading with wall ${t.wall} outside 1885..2157`);
    if (t.monoBig === null) {
      if (!Number.isSafeInteger(t.mono))
        throw new Error(`checkMono: w4: inexact mono ${t.mono} without monoBig`);
    } else {
      if (t.monoBig >= -maxSafeBig && t.monoBig <= maxSafeBig)
        throw new Error(`checkMono: w4: monoBig ${t.monoBig} is a safe integer`);
      if (t.monoBig > maxInt64 || t.monoBig < minInt64)
        throw new Error(`checkMono: w4: monoBig ${t.monoBig} outside int64`);
      if (t.mono !== Number(t.monoBig))
        throw new Error(`checkMono: w4: mono ${t.mono} is not monoBig's number`);
    }
  }

  /** The wall clock (ns since the Unix epoch), or null until a lazy Time's is first read (w5). */
  private w: bigint | null;
  /** A lazy Time's wall clock: whole ms since the Unix epoch, less wSub ns (w5). */
  private wMs = 0;
  private wSub = 0;

  /** @internal Wall clock: ns since the Unix epoch. */
  get wall(): bigint {
    const w = this.w;
    if (w !== null) return w;
    const wall = BigInt(this.wMs) * 1_000_000n - BigInt(this.wSub);
    if (Object.isFrozen(this)) return wall; // a user froze it: it stays lazy, and reads compute again
    // Made, it is an eager Time's (w5): equal field for field to one constructed with this wall clock.
    this.w = wall;
    this.wMs = 0;
    this.wSub = 0;
    return wall;
  }
  /** @internal Monotonic reading in ns of clock `clock` (meaningless when clock is 0). */
  readonly mono: number;
  /** @internal The id of the runtime whose clock `mono` reads (Sched.id); 0: no monotonic reading. */
  readonly monoClock: number;
  /**
   * @internal The exact monotonic reading when it is not a safe integer (beyond ±2^53 ns, about 104 days
   * from the runtime's start), else null (w4).
   */
  readonly monoBig: bigint | null;
  /** @internal The location the time reads in (Go's nil loc is UTC). */
  readonly loc: Location;

  /**
   * The zero Time. The parameters are internal: use {@link now}, {@link date} or {@link unix}.
   *
   * @example
   * new time.Time().isZero(); // true
   */
  constructor(
    wall: bigint = zeroWall,
    mono = 0,
    clock = 0,
    loc: Location = UTC,
    monoBig: bigint | null = null,
  ) {
    this.w = wall;
    this.mono = mono;
    this.monoClock = clock;
    this.loc = loc;
    this.monoBig = monoBig;
  }

  /** The exact monotonic reading (meaningless when monoClock is 0). */
  private monoExact(): bigint {
    return this.monoBig ?? BigInt(this.mono);
  }

  /**
   * Whether this is the zero Time (January 1, year 1, 00:00:00 UTC).
   *
   * @example
   * time.now().isZero(); // false
   */
  isZero(): boolean {
    return this.wall === zeroWall;
  }

  /**
   * The duration t − u, clamped to Go's int64 range. Uses the monotonic readings if both have one.
   *
   * @example
   * const start = time.now();
   * await time.sleep(1500 * time.Millisecond);
   * time.now().sub(start); // 1500000000
   */
  sub(u: Time): Duration {
    checkTime(u, "time.Time.sub", "u");
    if (this.monoClock !== 0 && this.monoClock === u.monoClock) {
      if (this.monoBig === null && u.monoBig === null) return this.mono - u.mono;
      return Number(clampInt64(this.monoExact() - u.monoExact()));
    }
    return Number(clampInt64(this.wall - u.wall));
  }

  /**
   * The time t + d (d may be negative). The monotonic reading moves too (exactly, as Go's int64), unless
   * the wall clock leaves Go's range for one (years 1885 to 2157) or the reading would overflow an int64.
   *
   * @throws TypeError if d is not a valid Duration.
   * @example
   * const deadline = time.now().add(5 * time.Second);
   * time.until(deadline); // 5000000000
   * time.unix(0, 0).add(-time.Second).unix(); // -1
   */
  add(d: Duration | bigint): Time {
    const big = durationBig(d, "Time.add");
    const wall = this.wall + big;
    if (this.monoClock === 0 || wall < monoWallMin || wall > monoWallMax)
      return new Time(wall, 0, 0, this.loc);
    if (this.monoBig === null) {
      // The fast path: both readings exact numbers and so is their sum.
      const dn = Number(big);
      const mono = this.mono + dn;
      if (Number.isSafeInteger(dn) && Number.isSafeInteger(mono))
        return new Time(wall, mono, this.monoClock, this.loc);
    }
    const mono = this.monoExact() + big;
    if (mono > maxInt64 || mono < minInt64) return new Time(wall, 0, 0, this.loc);
    const safe = mono >= -maxSafeBig && mono <= maxSafeBig;
    return new Time(wall, Number(mono), this.monoClock, this.loc, safe ? null : mono);
  }

  /**
   * -1, 0 or +1 as t is before, equal to or after u.
   *
   * @example
   * const t1 = time.unix(100, 0);
   * const t2 = time.unix(200, 0);
   * t1.compare(t2); // -1
   * [t2, t1].sort((a, b) => a.compare(b))[0] === t1; // true
   */
  compare(u: Time): -1 | 0 | 1 {
    checkTime(u, "time.Time.compare", "u");
    if (this.monoClock !== 0 && this.monoClock === u.monoClock) {
      if (this.monoBig === null && u.monoBig === null)
        return this.mono < u.mono ? -1 : this.mono > u.mono ? 1 : 0;
      const a = this.monoExact();
      const b = u.monoExact();
      return a < b ? -1 : a > b ? 1 : 0;
    }
    return this.wall < u.wall ? -1 : this.wall > u.wall ? 1 : 0;
  }

  /**
   * Whether t is before u.
   *
   * @example
   * const deadline = time.now().add(time.Second);
   * time.now().before(deadline); // true
   */
  before(u: Time): boolean {
    checkTime(u, "time.Time.before", "u");
    return this.compare(u) < 0;
  }

  /**
   * Whether t is after u.
   *
   * @example
   * const start = time.now();
   * await time.sleep(time.Millisecond);
   * time.now().after(start); // true
   */
  after(u: Time): boolean {
    checkTime(u, "time.Time.after", "u");
    return this.compare(u) > 0;
  }

  /**
   * Whether t and u are the same instant (Go's `Equal`; not object identity).
   *
   * @example
   * const t = time.unix(1, 0);
   * t.equal(time.unix(0, 1_000_000_000)); // true: the same instant
   * t === time.unix(1, 0); // false: a different object
   */
  equal(u: Time): boolean {
    checkTime(u, "time.Time.equal", "u");
    return this.compare(u) === 0;
  }

  /**
   * Nanoseconds since the Unix epoch, exact (Go's `UnixNano`, as a bigint).
   *
   * @example
   * time.unix(1, 5).unixNano(); // 1000000005n
   */
  unixNano(): bigint {
    return this.wall;
  }

  /**
   * Milliseconds since the Unix epoch, rounded down (Go's `UnixMilli`).
   *
   * @example
   * time.unix(1, 2_500_000).unixMilli(); // 1002
   */
  unixMilli(): number {
    return Number(floorDiv(this.wall, 1_000_000n));
  }

  /**
   * Seconds since the Unix epoch, rounded down (Go's `Unix`).
   *
   * @example
   * time.unix(1257894000, 0).unix(); // 1257894000
   */
  unix(): number {
    return Number(floorDiv(this.wall, nsPerSec));
  }

  /**
   * The wall clock as a JavaScript Date (millisecond precision).
   *
   * @example
   * time.now().toDate().toISOString(); // "2009-11-10T23:00:00.000Z" at the start of a fake-clock runtime
   */
  toDate(): InstanceType<typeof HostDate> {
    return new HostDate(this.unixMilli());
  }

  /**
   * The result of rounding t down to a multiple of d since the zero time (Go's `Truncate`); the monotonic
   * reading is dropped. d <= 0 returns t without its monotonic reading.
   *
   * @example
   * time.unix(0, 1_700_000).truncate(time.Millisecond).unixNano(); // 1000000n
   */
  truncate(d: Duration | bigint): Time {
    const m = durationBig(d, "Time.truncate");
    if (m <= 0n) return new Time(this.wall, 0, 0, this.loc);
    return new Time(this.wall - this.rem(m), 0, 0, this.loc);
  }

  /**
   * The result of rounding t to the nearest multiple of d since the zero time, halfway values up (Go's
   * `Round`); the monotonic reading is dropped. d <= 0 returns t without its monotonic reading.
   *
   * @example
   * time.unix(0, 1_500_000).round(time.Millisecond).unixNano(); // 2000000n
   */
  round(d: Duration | bigint): Time {
    const m = durationBig(d, "Time.round");
    if (m <= 0n) return new Time(this.wall, 0, 0, this.loc);
    const r = this.rem(m);
    return new Time(r + r < m ? this.wall - r : this.wall + (m - r), 0, 0, this.loc);
  }

  /** The remainder of t (ns since the zero time) modulo d > 0. */
  private rem(d: bigint): bigint {
    const abs = this.wall + unixToInternal * nsPerSec;
    const r = abs % d;
    return r < 0n ? r + d : r;
  }

  /** Seconds since the Unix epoch (floor) and the nanoseconds within that second. */
  private split(): [bigint, number] {
    const sec = floorDiv(this.wall, nsPerSec);
    return [sec, Number(this.wall - sec * nsPerSec)];
  }

  /** The zone in effect at t in its location. */
  private zoneNow(): { name: string; offset: number } {
    return lookup(this.loc, Number(floorDiv(this.wall, nsPerSec)));
  }

  /** The calendar fields of t in its location. */
  private fields(): ReturnType<typeof fieldsOf> {
    const [sec] = this.split();
    return fieldsOf(sec + BigInt(this.zoneNow().offset));
  }

  /**
   * The time's location (Go's `Location`): {@link UTC} for the zero Time and times from {@link date} in
   * UTC, {@link Local} for {@link now} and {@link unix}.
   *
   * @example
   * String(time.unix(0, 0).utc().location()); // "UTC"
   * String(time.now().location()); // "Local"
   */
  location(): Location {
    return this.loc;
  }

  /**
   * The zone in effect at t: its abbreviation and its offset in seconds east of UTC (Go's `Zone`).
   *
   * @example
   * const ny = time.loadLocation("America/New_York");
   * time.date(2024, time.July, 4, 12, 0, 0, 0, ny).zone(); // ["EDT", -14400]
   */
  zone(): [name: string, offset: number] {
    const z = this.zoneNow();
    return [z.name, z.offset];
  }

  /**
   * Whether daylight saving time is in effect at t in its location (Go's `IsDST`); false in UTC and in
   * fixed zones. Derived from the platform's zone data (see docs/deviations.md).
   *
   * @example
   * const ny = time.loadLocation("America/New_York");
   * time.date(2024, time.July, 4, 12, 0, 0, 0, ny).isDST(); // true
   */
  isDST(): boolean {
    return isDST(this.loc, Number(floorDiv(this.wall, nsPerSec)));
  }

  /**
   * The bounds of the zone in effect at t (Go's `ZoneBounds`): the first instant of that zone and the
   * first instant of the next one, both in t's location. A side without a bound (always in UTC and fixed
   * zones) is the zero Time.
   *
   * @example
   * const ny = time.loadLocation("America/New_York");
   * const [start, end] = time.date(2024, time.July, 4, 12, 0, 0, 0, ny).zoneBounds();
   * String(start); // "2024-03-10 03:00:00 -0400 EDT"
   * String(end); // "2024-11-03 01:00:00 -0500 EST"
   */
  zoneBounds(): [start: Time, end: Time] {
    const b = zoneBounds(this.loc, Number(floorDiv(this.wall, nsPerSec)));
    const at = (sec: number | null): Time =>
      sec === null ? new Time() : new Time(BigInt(sec) * nsPerSec, 0, 0, this.loc);
    return [at(b.start), at(b.end)];
  }

  /**
   * The same instant in location loc, without the monotonic reading (Go's `In`).
   *
   * @throws GoPanic "time: missing Location in call to Time.In" if loc is null or undefined.
   * @example
   * const t = time.date(2009, time.November, 10, 23, 0, 0, 0, time.UTC);
   * t.in(time.fixedZone("UTC+1", 3600)).format(time.Kitchen); // "12:00AM"
   */
  in(loc: Location): Time {
    if (!(loc instanceof Location)) throw new GoPanic("time: missing Location in call to Time.In");
    return new Time(this.wall, 0, 0, loc);
  }

  /**
   * t in UTC, without the monotonic reading (Go's `UTC`).
   *
   * @example
   * String(time.unix(0, 0).utc()); // "1970-01-01 00:00:00 +0000 UTC"
   */
  utc(): Time {
    return new Time(this.wall, 0, 0, UTC);
  }

  /**
   * t in the host's time zone, without the monotonic reading (Go's `Local`).
   *
   * @example
   * time.unix(0, 0).utc().local().location() === time.Local; // true
   */
  local(): Time {
    return new Time(this.wall, 0, 0, Local);
  }

  /**
   * The year (Go's `Year`).
   *
   * @example
   * time.date(2024, time.February, 29, 0, 0, 0, 0, time.UTC).year(); // 2024
   */
  year(): number {
    return this.fields().year;
  }

  /**
   * The month, 1 (time.January) to 12 (Go's `Month`); time.Month.string gives its name.
   *
   * @example
   * const t = time.date(2024, time.February, 29, 0, 0, 0, 0, time.UTC);
   * t.month() === time.February; // true
   * time.Month.string(t.month()); // "February"
   */
  month(): Month {
    return this.fields().month;
  }

  /**
   * The day of the month, 1 to 31 (Go's `Day`).
   *
   * @example
   * time.date(2024, time.February, 29, 0, 0, 0, 0, time.UTC).day(); // 29
   */
  day(): number {
    return this.fields().day;
  }

  /**
   * The day of the week, 0 (time.Sunday) to 6 (Go's `Weekday`); time.Weekday.string gives its name.
   *
   * @example
   * time.Weekday.string(time.date(2009, time.November, 10, 0, 0, 0, 0, time.UTC).weekday()); // "Tuesday"
   */
  weekday(): Weekday {
    return this.fields().weekday;
  }

  /**
   * The day of the year, 1 to 365 (366 in leap years) (Go's `YearDay`).
   *
   * @example
   * time.date(2024, time.December, 31, 0, 0, 0, 0, time.UTC).yearDay(); // 366
   */
  yearDay(): number {
    return this.fields().yday;
  }

  /**
   * The hour, 0 to 23 (Go's `Hour`).
   *
   * @example
   * time.date(2009, time.November, 10, 23, 4, 5, 6, time.UTC).hour(); // 23
   */
  hour(): number {
    return this.fields().hour;
  }

  /**
   * The minute, 0 to 59 (Go's `Minute`).
   *
   * @example
   * time.date(2009, time.November, 10, 23, 4, 5, 6, time.UTC).minute(); // 4
   */
  minute(): number {
    return this.fields().min;
  }

  /**
   * The second, 0 to 59 (Go's `Second`).
   *
   * @example
   * time.date(2009, time.November, 10, 23, 4, 5, 6, time.UTC).second(); // 5
   */
  second(): number {
    return this.fields().sec;
  }

  /**
   * The nanosecond within the second, 0 to 999999999 (Go's `Nanosecond`).
   *
   * @example
   * time.date(2009, time.November, 10, 23, 4, 5, 6, time.UTC).nanosecond(); // 6
   */
  nanosecond(): number {
    return this.split()[1];
  }

  /**
   * Year, month and day (Go's `Date`).
   *
   * @example
   * time.unix(0, 0).utc().date(); // [1970, 1, 1]
   */
  date(): [year: number, month: Month, day: number] {
    const f = this.fields();
    return [f.year, f.month, f.day];
  }

  /**
   * Hour, minute and second (Go's `Clock`).
   *
   * @example
   * time.date(2009, time.November, 10, 23, 4, 5, 0, time.UTC).clock(); // [23, 4, 5]
   */
  clock(): [hour: number, min: number, sec: number] {
    const f = this.fields();
    return [f.hour, f.min, f.sec];
  }

  /**
   * The ISO 8601 year and week number, 1 to 53 (Go's `ISOWeek`).
   *
   * @example
   * time.date(2021, time.January, 1, 0, 0, 0, 0, time.UTC).isoWeek(); // [2020, 53]
   */
  isoWeek(): [year: number, week: number] {
    const [sec] = this.split();
    const local = sec + BigInt(this.zoneNow().offset);
    const f = fieldsOf(local);
    // The Thursday of t's week (weeks start on Monday) decides the year.
    const shift = 3 - ((f.weekday + 6) % 7);
    const th = fieldsOf(local + BigInt(shift) * 86400n);
    return [th.year, Math.floor((th.yday - 1) / 7) + 1];
  }

  /**
   * t plus the given numbers of years, months and days, normalised as {@link date} normalises (Go's
   * `AddDate`): October 31 plus one month is December 1. The monotonic reading is dropped.
   *
   * @throws TypeError if an argument is not an integer.
   * @example
   * const jan31 = time.date(2023, time.January, 31, 0, 0, 0, 0, time.UTC);
   * jan31.addDate(0, 1, 0).format(time.DateOnly); // "2023-03-03"
   */
  addDate(years: number, months: number, days: number): Time {
    for (const v of [years, months, days]) checkInt(v, "Time.addDate");
    const f = this.fields();
    return date(
      f.year + years,
      f.month + months,
      f.day + days,
      f.hour,
      f.min,
      f.sec,
      this.split()[1],
      this.loc,
    );
  }

  /**
   * t formatted with a Go layout, a form of the reference time "Mon Jan 2 15:04:05 MST 2006" (Go's
   * `Format`); see the constants {@link RFC3339}, {@link Kitchen}, {@link DateTime}…
   *
   * @example
   * const t = time.date(2009, time.November, 10, 23, 4, 5, 123456789, time.UTC);
   * t.format(time.RFC3339Nano); // "2009-11-10T23:04:05.123456789Z"
   * t.format("Monday, Jan _2 2006 at 3:04pm (MST)"); // "Tuesday, Nov 10 2009 at 11:04pm (UTC)"
   */
  format(layout: string): string {
    if (typeof layout !== "string")
      throw new TypeError(`Time.format: layout is not a string: ${describe(layout)}`);
    const [sec, nsec] = this.split();
    const z = this.zoneNow();
    return formatTime(layout, sec + BigInt(z.offset), nsec, z);
  }

  /**
   * Microseconds since the Unix epoch, rounded down (Go's `UnixMicro`).
   *
   * @example
   * time.unix(1, 2_500).unixMicro(); // 1000002
   */
  unixMicro(): number {
    return Number(floorDiv(this.wall, 1000n));
  }

  /**
   * Go's JSON form of a Time (`MarshalJSON`): RFC 3339 with nanoseconds, so `JSON.stringify({ t })` writes
   * `{"t":"2009-11-10T23:00:00Z"}`.
   *
   * @throws Error "Time.MarshalJSON: year outside of range [0,9999]" (or the zone hour outside [0,23]),
   *   Go's error.
   * @example
   * JSON.stringify({ t: time.unix(1257894000, 5).utc() }); // "{\"t\":\"2009-11-10T23:00:00.000000005Z\"}"
   */
  toJSON(): string {
    return strictRFC3339(this, "Time.MarshalJSON");
  }

  /**
   * Go's text form of a Time (`MarshalText`): RFC 3339 with nanoseconds, as {@link Time.toJSON};
   * {@link Time.unmarshalText} reads it back.
   *
   * @throws Error "Time.MarshalText: year outside of range [0,9999]" (or "timezone hour outside of range
   *   [0,23]"), Go's error.
   * @example
   * time.date(2009, time.November, 10, 23, 4, 5, 6, time.UTC).marshalText(); // "2009-11-10T23:04:05.000000006Z"
   */
  marshalText(): string {
    return strictRFC3339(this, "Time.MarshalText");
  }

  /**
   * The Time that text in RFC 3339 gives (Go's `UnmarshalText`, which Go 1.23 parses as
   * `Parse(RFC3339, text)`: a fraction after `,` or a one-digit hour is accepted too).
   *
   * @throws ParseError with Go's message; TypeError if text is not a string.
   * @example
   * time.Time.unmarshalText("2009-11-10T23:00:00+01:00").utc().goString(); // "time.Date(2009, time.November, 10, 22, 0, 0, 0, time.UTC)"
   */
  static unmarshalText(text: string): Time {
    if (typeof text !== "string") throw new TypeError(`Time.unmarshalText: not a string: ${describe(text)}`);
    return timeOf(parseTime(RFC3339, text, UTC, Local));
  }

  /**
   * Go's `GoString` (`%#v`): the Go expression that makes t, `time.Date(2009, time.November, 10, 23, 0, 0,
   * 0, time.UTC)`, with `time.Local`, or `time.Location("America/New_York")` for any other location. The
   * monotonic reading is not shown.
   *
   * @example
   * const ny = time.loadLocation("America/New_York");
   * time.date(2024, time.March, 10, 3, 30, 0, 5, ny).goString(); // "time.Date(2024, time.March, 10, 3, 30, 0, 5, time.Location(\"America/New_York\"))"
   */
  goString(): string {
    const loc = this.loc;
    const where =
      loc === UTC ? "time.UTC" : loc === Local ? "time.Local" : `time.Location(${quote(String(loc))})`;
    const f = this.fields();
    return `time.Date(${f.year}, time.${Month.string(f.month)}, ${f.day}, ${f.hour}, ${f.min}, ${f.sec}, ${this.nanosecond()}, ${where})`;
  }

  /**
   * Go's `Time.String`: "2006-01-02 15:04:05.999999999 -0700 MST" in t's location, followed by the
   * monotonic reading as " m=±<seconds>" when there is one (seconds since the runtime started, 9 decimals).
   *
   * @example
   * String(time.now()); // "2009-11-10 23:00:00 +0000 UTC m=+0.000000001" at the start of a fake-clock runtime
   */
  toString(): string {
    let s = this.format("2006-01-02 15:04:05.999999999 -0700 MST");
    if (this.monoBig !== null) {
      const m = this.monoBig < 0n ? -this.monoBig : this.monoBig;
      s += ` m=${this.monoBig < 0n ? "-" : "+"}${m / nsPerSec}.${String(m % nsPerSec).padStart(9, "0")}`;
    } else if (this.monoClock !== 0) {
      const m = Math.abs(this.mono);
      const secs = Math.floor(m / 1e9);
      s += ` m=${this.mono < 0 ? "-" : "+"}${secs}.${String(m - secs * 1e9).padStart(9, "0")}`;
    }
    return s;
  }

  /** @internal Node's util.inspect (console.log) prints Go's String form, as fmt.Println does. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** Go's appendStrictRFC3339: RFC 3339 with nanoseconds, or `who: …` Go's error for what it cannot write. */
function strictRFC3339(t: Time, who: string): string {
  const s = t.format(RFC3339Nano);
  if (s[4] !== "-") throw new Error(`${who}: year outside of range [0,9999]`);
  if (!s.endsWith("Z")) {
    const c = s[s.length - 6];
    if ((c >= "0" && c <= "9") || Number(s.slice(-5, -3)) >= 24)
      throw new Error(`${who}: timezone hour outside of range [0,23]`);
  }
  return s;
}

/**
 * The Time of year-month-day hour:min:sec + nsec in loc (Go's `time.Date`). Values outside their usual
 * ranges are normalised (October 32 is November 1; month 13 is January of the next year). In a zone's
 * DST gap or overlap it picks the time Go picks (the offset before the transition, then corrected once).
 *
 * @throws GoPanic "time: missing Location in call to Date" if loc is missing; TypeError if a field is not
 *   an integer.
 * @example
 * const t = time.date(2009, time.November, 10, 23, 0, 0, 0, time.UTC);
 * String(t); // "2009-11-10 23:00:00 +0000 UTC"
 * time.date(2023, 10, 32, 0, 0, 0, 0, time.UTC).format(time.DateOnly); // "2023-11-01"
 */
export function date(
  year: number,
  month: Month,
  day: number,
  hour: number,
  min: number,
  sec: number,
  nsec: number,
  loc: Location,
): Time {
  if (!(loc instanceof Location)) throw new GoPanic("time: missing Location in call to Date");
  const fields: DateFields = [year, month, day, hour, min, sec, nsec];
  for (const v of fields) checkInt(v, "date");
  return timeOf(dateIn(loc, ...fields));
}

/** The Time of a parsed or computed date (parse.ts: Parsed), without a monotonic reading. */
export function timeOf(p: { sec: bigint; nsec: number; loc: Location }): Time {
  return new Time(p.sec * nsPerSec + BigInt(p.nsec), 0, 0, p.loc);
}

/** A TypeError naming time.<where> unless v is a safe integer number. */
function checkInt(v: unknown, where: string): void {
  if (typeof v !== "number" || !Number.isSafeInteger(v))
    throw new TypeError(`time.${where}: not an integer: ${describe(v)}`);
}

/**
 * The current time of the calling goroutine's runtime (the default runtime outside goroutines), with a
 * monotonic reading. Under a fake-clock runtime it is virtual: it starts at 2009-11-10 23:00:00 UTC and
 * moves only when every goroutine is blocked.
 *
 * @example
 * // a fake-clock runtime starts at Go's playground epoch
 * time.now().unix(); // 1257894000
 */
export function now(): Time {
  missingAwaitCheck();
  return Time.onClock(currentRuntime(), 0);
}

/**
 * The Time sec seconds plus nsec nanoseconds after the Unix epoch, without a monotonic reading (Go's
 * `time.Unix`). nsec may lie outside [0, 1e9).
 *
 * @throws TypeError if sec or nsec is not an integer number or a bigint; RangeError if the time's seconds are outside int64.
 * @example
 * String(time.unix(1257894000, 0)); // "2009-11-10 23:00:00 +0000 UTC"
 */
export function unix(sec: number | bigint, nsec: number | bigint = 0): Time {
  for (const v of [sec, nsec]) {
    if (typeof v !== "bigint" && !Number.isSafeInteger(v))
      throw new TypeError(`time.unix: not an integer: ${describe(v)}`);
  }
  return unixTime(BigInt(sec) * nsPerSec + BigInt(nsec), "unix", sec);
}

/** v as a bigint, if it is one or a safe integer number (else checkInt's TypeError). */
export function intBig(v: number | bigint, where: string): bigint {
  if (typeof v !== "bigint") checkInt(v, where);
  return BigInt(v);
}

/**
 * A Time ns nanoseconds after the Unix epoch, whose seconds must fit Go's int64 (Go's Unix functions take
 * int64s): beyond, a RangeError, not a Time with impossible fields (hour 31, day 385 of a year).
 */
export function unixTime(ns: bigint, where: string, arg: bigint | number): Time {
  const sec = ns >= 0n ? ns / nsPerSec : -((-ns + nsPerSec - 1n) / nsPerSec);
  if (sec < -(2n ** 63n) || sec >= 2n ** 63n)
    throw new RangeError(`time.${where}: out of int64 range: ${arg}`);
  return new Time(ns, 0, 0, Local);
}
