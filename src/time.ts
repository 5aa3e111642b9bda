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
// Deviations from Go: Time has no location (always UTC) and no layout-based Format/Parse; only the
// synchronous timer-channel mode of Go 1.23 exists (no GODEBUG asynctimerchan).

import { Chan, type ReceiveChan } from "./chan.ts";
import {
  GoPanic,
  msgNonPositiveTicker,
  msgNonPositiveTickerReset,
  msgResetUninitialized,
  msgResetUninitializedTicker,
  msgStopUninitialized,
} from "./errors.ts";
import { HostDate } from "./internal/host.ts";
import { currentRuntime, type Runtime } from "./internal/runtime/proc.ts";
import { timeSleep } from "./internal/runtime/sleep.ts";
import {
  newChanTimer,
  newFuncTimer,
  resetTimer,
  stopTimer,
  type TimeChan,
} from "./internal/runtime/timechan.ts";
import type { Timer as RuntimeTimer } from "./internal/runtime/timer.ts";

// ===== Duration =====

/**
 * A span of time in nanoseconds (Go's `time.Duration`, an int64). Functions also accept a bigint.
 *
 * @example
 * const d: time.Duration = 1500 * time.Millisecond;
 * console.log(time.durationString(d)); // 1.5s
 */
export type Duration = number;

/**
 * One nanosecond.
 *
 * @example
 * time.durationString(100 * time.Nanosecond); // "100ns"
 */
export const Nanosecond: Duration = 1;
/**
 * One microsecond (1000 ns).
 *
 * @example
 * time.durationString(1.5 * time.Microsecond); // "1.5µs"
 * time.Microsecond === 1000 * time.Nanosecond; // true
 */
export const Microsecond: Duration = 1e3;
/**
 * One millisecond.
 *
 * @example
 * await time.sleep(10 * time.Millisecond);
 */
export const Millisecond: Duration = 1e6;
/**
 * One second.
 *
 * @example
 * time.durationString(2 * time.Second + 300 * time.Millisecond); // "2.3s"
 */
export const Second: Duration = 1e9;
/**
 * One minute.
 *
 * @example
 * time.durationString(2 * time.Minute + time.Millisecond); // "2m0.001s"
 */
export const Minute: Duration = 60e9;
/**
 * One hour.
 *
 * @example
 * time.durationString(time.Hour); // "1h0m0s"
 */
export const Hour: Duration = 3600e9;

const maxInt64 = (1n << 63n) - 1n;
const minInt64 = -(1n << 63n);

function describe(v: unknown): string {
  if (typeof v === "string") return `string ${JSON.stringify(v)}`;
  if (typeof v === "number") return String(v);
  if (v === null) return "null";
  return typeof v;
}

/** Validates a Duration argument (see the file comment); returns whole ns as a number. */
function durationArg(d: unknown, where: string): number {
  if (typeof d === "number") {
    if (Number.isNaN(d)) throw new TypeError(`time.${where}: invalid duration NaN`);
    return Math.trunc(d);
  }
  if (typeof d === "bigint") return Number(d > maxInt64 ? maxInt64 : d < minInt64 ? minInt64 : d);
  throw new TypeError(
    `time.${where}: duration must be a number or bigint of nanoseconds, got ${describe(d)}`,
  );
}

/** Validates a Duration argument and returns it as an int64 bigint (Infinity clamps to the int64 range). */
function durationBig(d: unknown, where: string): bigint {
  if (typeof d === "bigint") return d > maxInt64 ? maxInt64 : d < minInt64 ? minInt64 : d;
  const n = durationArg(d, where);
  if (n >= 2 ** 63) return maxInt64;
  if (n <= -(2 ** 63)) return minInt64;
  return BigInt(n);
}

/** Writes v / 10^prec's fraction (".123", trailing zeros and an all-zero fraction omitted); returns v / 10^prec. */
function fmtFrac(out: string[], v: bigint, prec: number): bigint {
  let digits = "";
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) digits = String(digit) + digits;
    v /= 10n;
  }
  if (print) out.push(`.${digits}`);
  return v;
}

/**
 * Formats a duration exactly like Go's `Duration.String`: "72h3m0.5s", "1.5s", "2m0.001s", "1h0m0s"; under
 * a second it uses ms, µs or ns ("1.5ms", "-1.5µs", "100ns"); zero is "0s". A bigint is formatted exactly
 * over Go's whole int64 range; ±Infinity formats as the int64 extremes.
 *
 * @throws TypeError if d is NaN or not a number or bigint.
 * @example
 * time.durationString(90 * time.Minute); // "1h30m0s"
 * time.durationString(-1500); // "-1.5µs"
 * time.durationString((1n << 63n) - 1n); // "2562047h47m16.854775807s"
 */
export function durationString(d: Duration | bigint): string {
  const x = durationBig(d, "durationString");
  const neg = x < 0n;
  let u = neg ? -x : x;
  const tail: string[] = [];
  let head: string;
  if (u < 1_000_000_000n) {
    // Under a second: a smaller unit, like "1.2ms".
    let prec: number;
    let unit: string;
    if (u === 0n) return "0s";
    if (u < 1000n) {
      prec = 0;
      unit = "ns";
    } else if (u < 1_000_000n) {
      prec = 3;
      unit = "µs";
    } else {
      prec = 6;
      unit = "ms";
    }
    u = fmtFrac(tail, u, prec);
    head = `${u}${tail.join("")}${unit}`;
  } else {
    u = fmtFrac(tail, u, 9);
    head = `${u % 60n}${tail.join("")}s`;
    u /= 60n;
    if (u > 0n) {
      head = `${u % 60n}m${head}`;
      u /= 60n;
      if (u > 0n) head = `${u}h${head}`;
    }
  }
  return neg ? `-${head}` : head;
}

const unitMap: ReadonlyMap<string, bigint> = new Map([
  ["ns", 1n],
  ["us", 1000n],
  ["µs", 1000n], // U+00B5 micro sign
  ["μs", 1000n], // U+03BC Greek mu
  ["ms", 1_000_000n],
  ["s", 1_000_000_000n],
  ["m", 60_000_000_000n],
  ["h", 3_600_000_000_000n],
]);

const hex = "0123456789abcdef";

/** Go's time.quote: double quotes, `"` and `\` escaped, bytes of non-ASCII or control characters as \xNN. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) {
      for (const b of new TextEncoder().encode(ch)) out += `\\x${hex[b >> 4]}${hex[b & 15]}`;
    } else {
      if (ch === '"' || ch === "\\") out += "\\";
      out += ch;
    }
  }
  return `${out}"`;
}

const two63 = 1n << 63n;

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

/**
 * Parses a duration string like Go's `time.ParseDuration`: a possibly signed sequence of decimal numbers,
 * each with an optional fraction and a unit suffix, such as "300ms", "-1.5h" or "2h45m". Valid units are
 * "ns", "us" (or "µs"), "ms", "s", "m", "h". Returns nanoseconds; values beyond 2^53 ns are rounded to the
 * nearest number (the int64 range check is exact).
 *
 * @throws SyntaxError whose message is Go's error text: `time: missing unit in duration "1.5"`,
 *   `time: unknown unit "x" in duration "1x"`, `time: invalid duration "1h-"` (syntax),
 *   `time: invalid duration "2562048h"` (beyond Go's int64 range).
 * @throws TypeError if s is not a string.
 * @example
 * time.parseDuration("1h15m30.918273645s"); // 4530918273645
 * time.parseDuration("-1.5µs"); // -1500
 */
export function parseDuration(s: string): Duration {
  if (typeof s !== "string") throw new TypeError(`time.parseDuration: not a string: ${describe(s)}`);
  const orig = s;
  const invalid = () => new SyntaxError(`time: invalid duration ${quote(orig)}`);
  let d = 0n;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") throw invalid();
  while (s !== "") {
    if (!(s[0] === "." || isDigit(s[0]))) throw invalid();
    // The integer part: [0-9]*.
    let i = 0;
    let v = 0n;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (v > two63 / 10n) throw invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > two63) throw invalid();
    }
    const pre = i > 0;
    s = s.slice(i);
    // The fraction: (\.[0-9]*)?, digits beyond int64 precision ignored.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s !== "" && s[0] === ".") {
      s = s.slice(1);
      let overflow = false;
      for (i = 0; i < s.length && isDigit(s[i]); i++) {
        if (overflow) continue;
        if (f > maxInt64 / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(i) - 48);
        if (y > two63) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = i > 0;
      s = s.slice(i);
    }
    if (!pre && !post) throw invalid(); // no digits, e.g. ".s" or "-.s"
    // The unit: everything up to the next '.' or digit.
    for (i = 0; i < s.length && !(s[i] === "." || isDigit(s[i])); i++);
    if (i === 0) throw new SyntaxError(`time: missing unit in duration ${quote(orig)}`);
    const u = s.slice(0, i);
    s = s.slice(i);
    const unit = unitMap.get(u);
    if (unit === undefined)
      throw new SyntaxError(`time: unknown unit ${quote(u)} in duration ${quote(orig)}`);
    if (v > two63 / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      // Go computes the fraction in float64: exact to the nanosecond even for fractions of hours.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > two63) throw invalid();
    }
    d += v;
    if (d > two63) throw invalid();
  }
  if (neg) return Number(-d);
  if (d > maxInt64) throw invalid();
  return Number(d);
}

// ===== Time =====

/** Seconds from Go's zero time (January 1, year 1, 00:00:00 UTC) to the Unix epoch. */
const unixToInternal = 62135596800n;
const nsPerSec = 1_000_000_000n;

const clockIds = new WeakMap<Runtime, number>();
let nextClockId = 1;

/** A small id naming rt's monotonic clock (monotonic readings of different runtimes never compare). */
function clockId(rt: Runtime): number {
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

/** A Time at `delay` ns before rt's current time (the value a timer channel delivers). */
function timeOnClock(rt: Runtime, delay: number): Time {
  return new Time(rt.walltimeNs() - BigInt(delay), rt.nanotime() - delay, clockId(rt));
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
  return timeOnClock(currentRuntime(), 0);
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
function init<T extends Timer | Ticker>(obj: T, rt: Runtime, r: RuntimeTimer, c: TimeChan | null): T {
  const w = obj as unknown as { rt: Runtime; r: RuntimeTimer; c: ReceiveChan<Time> | null };
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
  private readonly rt: Runtime | null = null;

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
 * const fired: time.Time = (await t.c.recv())!;
 * time.durationString(fired.sub(start)); // "50ms"
 */
export function newTimer(d: Duration | bigint): Timer & { readonly c: ReceiveChan<Time> } {
  const ns = durationArg(d, "newTimer");
  const rt = currentRuntime();
  const c = newChanTimer(rt, ns, 0, timeOnClock);
  return init(new Timer(), rt, c.timer!, c) as Timer & { readonly c: ReceiveChan<Time> };
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
export function after(d: Duration | bigint): ReceiveChan<Time> {
  return newTimer(d).c;
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
  private readonly rt: Runtime | null = null;

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
export function newTicker(d: Duration | bigint): Ticker & { readonly c: ReceiveChan<Time> } {
  const ns = durationArg(d, "newTicker");
  if (ns <= 0) throw new GoPanic(msgNonPositiveTicker);
  const rt = currentRuntime();
  const c = newChanTimer(rt, ns, ns, timeOnClock);
  return init(new Ticker(), rt, c.timer!, c) as Ticker & { readonly c: ReceiveChan<Time> };
}

/**
 * The channel of a new Ticker with period d, or null if d <= 0 (Go's `time.Tick`). Since Go 1.23 an
 * unreferenced ticker is garbage, so this is fine to use in loops.
 *
 * @throws TypeError for an invalid d.
 * @example
 * time.tick(0); // null
 * const c = time.tick(time.Second)!;
 * let n = 0;
 * for await (const t of c) {
 *   console.log(String(t)); // 2009-11-10 23:00:01 +0000 UTC m=+1.000000001
 *   if (++n === 1) break;
 * }
 */
export function tick(d: Duration | bigint): ReceiveChan<Time> | null {
  const ns = durationArg(d, "tick");
  if (ns <= 0) return null;
  return newTicker(ns).c;
}
