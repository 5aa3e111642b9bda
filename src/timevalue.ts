// Public (re-exported by gort/time): Go's time.Time with a wall clock and a monotonic reading, and now,
// since, until, unix.
//
// Invariants:
//   w1. a Time's wall clock is ns since the Unix epoch (bigint); its monotonic reading belongs to the clock
//       of one runtime, and sub/compare use it only between Times of the same clock (as Go does).

import type { Duration } from "./duration.ts";
import { HostDate } from "./internal/host.ts";
import { currentRuntime, type Sched } from "./internal/runtime/proc.ts";
import { describe, durationBig, maxInt64, minInt64 } from "./internal/timeargs.ts";

// ===== Time =====

/** Seconds from Go's zero time (January 1, year 1, 00:00:00 UTC) to the Unix epoch. */
const unixToInternal = 62135596800n;
const nsPerSec = 1_000_000_000n;

const clockIds = new WeakMap<Sched, number>();
let nextClockId = 1;

/** A small id naming rt's monotonic clock (monotonic readings of different runtimes never compare). */
function clockId(rt: Sched): number {
  let id = clockIds.get(rt);
  if (id === undefined) {
    id = nextClockId++;
    clockIds.set(rt, id);
  }
  return id;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function clampInt64(x: bigint): bigint {
  return x > maxInt64 ? maxInt64 : x < minInt64 ? minInt64 : x;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? `-${s}` : s;
}

/** The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return [y, m, d];
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
export class Time {
  /** @internal A Time at `delay` ns before rt's current time (the value a timer channel delivers). */
  static onClock(rt: Sched, delay: number): Time {
    return new Time(rt.walltimeNs() - BigInt(delay), rt.nanotime() - delay, clockId(rt));
  }

  /** @internal Wall clock: ns since the Unix epoch. */
  readonly wall: bigint;
  /** @internal Monotonic reading in ns of clock `clock` (meaningless when clock is 0). */
  readonly mono: number;
  /** @internal Which runtime's clock `mono` reads; 0: no monotonic reading. */
  readonly clock: number;

  /**
   * The zero Time. The parameters are internal: use {@link now} or {@link unix}.
   *
   * @example
   * new time.Time().isZero(); // true
   */
  constructor(wall: bigint = -unixToInternal * nsPerSec, mono = 0, clock = 0) {
    this.wall = wall;
    this.mono = mono;
    this.clock = clock;
  }

  /**
   * Whether this is the zero Time (January 1, year 1, 00:00:00 UTC).
   *
   * @example
   * time.now().isZero(); // false
   */
  isZero(): boolean {
    return this.wall === -unixToInternal * nsPerSec;
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
    if (this.clock !== 0 && this.clock === u.clock) return this.mono - u.mono;
    return Number(clampInt64(this.wall - u.wall));
  }

  /**
   * The time t + d (d may be negative). The monotonic reading moves too, unless it would lose precision.
   *
   * @throws TypeError if d is not a valid Duration.
   * @example
   * const deadline = time.now().add(5 * time.Second);
   * time.until(deadline); // 5000000000
   * time.unix(0, 0).add(-time.Second).unix(); // -1
   */
  add(d: Duration | bigint): Time {
    const big = durationBig(d, "Time.add");
    if (this.clock === 0) return new Time(this.wall + big);
    const mono = this.mono + Number(big);
    return Number.isSafeInteger(mono)
      ? new Time(this.wall + big, mono, this.clock)
      : new Time(this.wall + big);
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
    if (this.clock !== 0 && this.clock === u.clock) {
      return this.mono < u.mono ? -1 : this.mono > u.mono ? 1 : 0;
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
    if (m <= 0n) return new Time(this.wall);
    return new Time(this.wall - this.rem(m));
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
    if (m <= 0n) return new Time(this.wall);
    const r = this.rem(m);
    return r + r < m ? new Time(this.wall - r) : new Time(this.wall + (m - r));
  }

  /** The remainder of t (ns since the zero time) modulo d > 0. */
  private rem(d: bigint): bigint {
    const abs = this.wall + unixToInternal * nsPerSec;
    const r = abs % d;
    return r < 0n ? r + d : r;
  }

  /**
   * Go's `Time.String` in UTC: "2006-01-02 15:04:05.999999999 +0000 UTC", followed by the monotonic
   * reading as " m=±<seconds>" when there is one (seconds since the runtime started, 9 decimals).
   *
   * @example
   * String(time.now()); // "2009-11-10 23:00:00 +0000 UTC m=+0.000000001" at the start of a fake-clock runtime
   */
  toString(): string {
    const sec = floorDiv(this.wall, nsPerSec);
    const nsec = Number(this.wall - sec * nsPerSec);
    const days = Number(floorDiv(sec, 86400n));
    const sod = Number(sec - BigInt(days) * 86400n);
    const [y, mo, d] = civilFromDays(days);
    const hh = Math.floor(sod / 3600);
    const mm = Math.floor((sod % 3600) / 60);
    const ss = sod % 60;
    let s = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)} ${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}`;
    if (nsec !== 0) s += `.${String(nsec).padStart(9, "0").replace(/0+$/, "")}`;
    s += " +0000 UTC";
    if (this.clock !== 0) {
      const m = Math.abs(this.mono);
      const secs = Math.floor(m / 1e9);
      s += ` m=${this.mono < 0 ? "-" : "+"}${secs}.${String(m - secs * 1e9).padStart(9, "0")}`;
    }
    return s;
  }

  /** @internal Node's util.inspect shows Go's format. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `Time(${this.toString()})`;
  }
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
  return Time.onClock(currentRuntime(), 0);
}

/**
 * The time elapsed since t (Go's `time.Since(t)` = `now().sub(t)`).
 *
 * @example
 * const start = time.now();
 * await time.sleep(90 * time.Second);
 * console.log(time.durationString(time.since(start))); // 1m30s
 */
export function since(t: Time): Duration {
  return now().sub(t);
}

/**
 * The duration until t (Go's `time.Until(t)` = `t.sub(now())`).
 *
 * @example
 * const deadline = time.now().add(time.Minute);
 * await time.sleep(15 * time.Second);
 * time.durationString(time.until(deadline)); // "45s"
 */
export function until(t: Time): Duration {
  return t.sub(now());
}

/**
 * The Time sec seconds plus nsec nanoseconds after the Unix epoch, without a monotonic reading (Go's
 * `time.Unix`). nsec may lie outside [0, 1e9).
 *
 * @throws TypeError if sec or nsec is not an integer number or a bigint.
 * @example
 * String(time.unix(1257894000, 0)); // "2009-11-10 23:00:00 +0000 UTC"
 */
export function unix(sec: number | bigint, nsec: number | bigint = 0): Time {
  for (const v of [sec, nsec]) {
    if (typeof v !== "bigint" && !Number.isSafeInteger(v))
      throw new TypeError(`time.unix: not an integer: ${describe(v)}`);
  }
  return new Time(BigInt(sec) * nsPerSec + BigInt(nsec));
}
