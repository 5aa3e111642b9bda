// Public (re-exported by gort/time): Go's time.Duration — the unit constants, Duration.String and
// ParseDuration, with Go's exact output and error texts, and Duration's methods.
//
// Design: a Duration stays a plain number of nanoseconds (Go's int64), because every timer function takes
// one and returns one, and users do arithmetic on it (`2 * time.Second`, `d >= time.Millisecond`); a class
// would break that arithmetic in TypeScript (an object is not a number operand). Measured when this was
// chosen: 43 Duration parameters and results in src/*.ts, and 273 `n * time.Unit` expressions in src,
// test, examples and docs, all of which a class would turn into type errors. The functions cost about
// 0.1 µs of CPU a call (seconds(), like of(d).seconds()), against ~0.9 µs for durationString.
// Go's methods are therefore functions on the value `time.Duration`, which shares the type's name:
// `time.Duration.seconds(d)`, `time.Duration.round(d, m)`, `time.Duration.string(d)`; calling it,
// `time.Duration(x)`, is Go's conversion (truncation to whole ns, clamped to int64). A number cannot print
// itself as "1.5s", so `time.Duration.of(d)` boxes a duration in a DurationValue, an immutable object with
// the same methods as methods, whose toString, util.inspect (console.log) and template literals print Go's
// text and whose valueOf is the number (`+v`, comparisons); its toJSON is the number, as Go's
// encoding/json writes a Duration.
//
// Invariants:
//   u1. durationString(d) is Go's Duration.String(d) for every int64 d (checked against Go 1.23).
//   u2. parseDuration(durationString(d)) === d for every d exact as a number.
//   u3. the method functions compute in bigint over Go's int64 range (exact), and return numbers (exact up
//       to 2^53 ns, like every Duration); seconds/minutes/hours are Go's float64 results.

import { quote } from "./internal/time/parse.ts";
import { describe, durationBig, maxInt64, minInt64 } from "./internal/timeargs.ts";

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

// ===== Duration's methods =====

/** d as an int64 bigint; d's fractional part truncated (Go's conversion to Duration). */
function big(d: Duration | bigint, where: string): bigint {
  return durationBig(d, `Duration.${where}`);
}

/** Go's float64(whole) + float64(frac)/unit, the way Seconds, Minutes and Hours avoid precision loss. */
function float(d: bigint, unit: bigint): number {
  return Number(d / unit) + Number(d % unit) / Number(unit);
}

/** Go's lessThanHalf: x + x < y as unsigned 64-bit numbers (x, y >= 0). */
function lessThanHalf(x: bigint, y: bigint): boolean {
  return (x + x) % (1n << 64n) < y;
}

function roundBig(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  if (d < 0n) {
    r = -r;
    if (lessThanHalf(r, m)) return d + r;
    const d1 = d - m + r;
    return d1 < d && d1 >= minInt64 ? d1 : minInt64;
  }
  if (lessThanHalf(r, m)) return d - r;
  const d1 = d + m - r;
  return d1 > d && d1 <= maxInt64 ? d1 : maxInt64;
}

function truncateBig(d: bigint, m: bigint): bigint {
  return m <= 0n ? d : d - (d % m);
}

function absBig(d: bigint): bigint {
  return d >= 0n ? d : d === minInt64 ? maxInt64 : -d;
}

/** Go's Duration methods, as functions of a Duration (number of ns, or a bigint). */
const methods = {
  /**
   * d as an integer nanosecond count (Go's `Nanoseconds`).
   *
   * @example
   * time.Duration.nanoseconds(1.5 * time.Microsecond); // 1500
   */
  nanoseconds(d: Duration | bigint): number {
    return Number(big(d, "nanoseconds"));
  },
  /**
   * d as an integer microsecond count, truncated toward zero (Go's `Microseconds`).
   *
   * @example
   * time.Duration.microseconds(-1999); // -1
   */
  microseconds(d: Duration | bigint): number {
    return Number(big(d, "microseconds") / 1000n);
  },
  /**
   * d as an integer millisecond count, truncated toward zero (Go's `Milliseconds`).
   *
   * @example
   * time.Duration.milliseconds(1500 * time.Microsecond); // 1
   */
  milliseconds(d: Duration | bigint): number {
    return Number(big(d, "milliseconds") / 1_000_000n);
  },
  /**
   * d as a floating-point number of seconds (Go's `Seconds`).
   *
   * @example
   * time.Duration.seconds(1500 * time.Millisecond); // 1.5
   */
  seconds(d: Duration | bigint): number {
    return float(big(d, "seconds"), 1_000_000_000n);
  },
  /**
   * d as a floating-point number of minutes (Go's `Minutes`).
   *
   * @example
   * time.Duration.minutes(90 * time.Second); // 1.5
   */
  minutes(d: Duration | bigint): number {
    return float(big(d, "minutes"), 60_000_000_000n);
  },
  /**
   * d as a floating-point number of hours (Go's `Hours`).
   *
   * @example
   * time.Duration.hours(90 * time.Minute); // 1.5
   */
  hours(d: Duration | bigint): number {
    return float(big(d, "hours"), 3_600_000_000_000n);
  },
  /**
   * d rounded to the nearest multiple of m, halfway values away from zero (Go's `Round`); d itself if
   * m <= 0; the largest or smallest Duration on overflow.
   *
   * @example
   * time.durationString(time.Duration.round(1500 * time.Millisecond, time.Second)); // "2s"
   * time.durationString(time.Duration.round(-1500 * time.Millisecond, time.Second)); // "-2s"
   */
  round(d: Duration | bigint, m: Duration | bigint): Duration {
    return Number(roundBig(big(d, "round"), big(m, "round")));
  },
  /**
   * d rounded toward zero to a multiple of m (Go's `Truncate`); d itself if m <= 0.
   *
   * @example
   * time.durationString(time.Duration.truncate(1999 * time.Millisecond, time.Second)); // "1s"
   */
  truncate(d: Duration | bigint, m: Duration | bigint): Duration {
    return Number(truncateBig(big(d, "truncate"), big(m, "truncate")));
  },
  /**
   * The absolute value of d; the smallest Duration gives the largest (Go's `Abs`).
   *
   * @example
   * time.Duration.abs(-time.Second); // 1000000000
   */
  abs(d: Duration | bigint): Duration {
    return Number(absBig(big(d, "abs")));
  },
  /**
   * Go's `Duration.String` (the same as {@link durationString}).
   *
   * @example
   * time.Duration.string(1500 * time.Millisecond); // "1.5s"
   */
  string(d: Duration | bigint): string {
    return durationString(d);
  },
  /**
   * d in a {@link DurationValue}: an object with Go's methods that prints as Go does.
   *
   * @example
   * console.log(time.Duration.of(1500 * time.Millisecond)); // 1.5s
   * console.log(`${time.Duration.of(90 * time.Minute)}`); // 1h30m0s
   */
  of(d: Duration | bigint): DurationValue {
    return new DurationValue(big(d, "of"));
  },
};

/**
 * A Duration in a box (from `time.Duration.of(d)`), for printing and method calls: `String(v)`,
 * template literals and `console.log(v)` give Go's text ("1.5s"); `+v` and comparisons use the number of
 * nanoseconds; `JSON.stringify` writes the number, as Go's encoding/json does.
 *
 * @example
 * const v = time.Duration.of(2 * time.Hour + 30 * time.Minute);
 * v.hours(); // 2.5
 * String(v.round(time.Hour)); // "3h0m0s"
 * +v === 2.5 * time.Hour; // true
 */
export class DurationValue {
  readonly #ns: bigint;

  /** @internal Use time.Duration.of(d). */
  constructor(ns: bigint) {
    this.#ns = ns;
  }

  /**
   * The number of nanoseconds (a Duration).
   *
   * @example
   * time.Duration.of(time.Second).valueOf(); // 1000000000
   */
  valueOf(): Duration {
    return Number(this.#ns);
  }

  /**
   * Nanoseconds, exactly, as a bigint.
   *
   * @example
   * time.Duration.of(9007199254740993n).bigint(); // 9007199254740993n
   */
  bigint(): bigint {
    return this.#ns;
  }

  /**
   * Go's `Nanoseconds`.
   *
   * @example
   * time.Duration.of(time.Microsecond).nanoseconds(); // 1000
   */
  nanoseconds(): number {
    return Number(this.#ns);
  }

  /**
   * Go's `Microseconds`.
   *
   * @example
   * time.Duration.of(time.Millisecond).microseconds(); // 1000
   */
  microseconds(): number {
    return Number(this.#ns / 1000n);
  }

  /**
   * Go's `Milliseconds`.
   *
   * @example
   * time.Duration.of(time.Second).milliseconds(); // 1000
   */
  milliseconds(): number {
    return Number(this.#ns / 1_000_000n);
  }

  /**
   * Go's `Seconds`.
   *
   * @example
   * time.Duration.of(time.Millisecond).seconds(); // 0.001
   */
  seconds(): number {
    return float(this.#ns, 1_000_000_000n);
  }

  /**
   * Go's `Minutes`.
   *
   * @example
   * time.Duration.of(time.Hour).minutes(); // 60
   */
  minutes(): number {
    return float(this.#ns, 60_000_000_000n);
  }

  /**
   * Go's `Hours`.
   *
   * @example
   * time.Duration.of(time.Minute).hours() * 60; // 1
   */
  hours(): number {
    return float(this.#ns, 3_600_000_000_000n);
  }

  /**
   * Go's `Round`.
   *
   * @example
   * String(time.Duration.of(1234567 * time.Microsecond).round(time.Millisecond)); // "1.235s"
   */
  round(m: Duration | bigint): DurationValue {
    return new DurationValue(roundBig(this.#ns, big(m, "round")));
  }

  /**
   * Go's `Truncate`.
   *
   * @example
   * String(time.Duration.of(1234567 * time.Microsecond).truncate(time.Millisecond)); // "1.234s"
   */
  truncate(m: Duration | bigint): DurationValue {
    return new DurationValue(truncateBig(this.#ns, big(m, "truncate")));
  }

  /**
   * Go's `Abs`.
   *
   * @example
   * String(time.Duration.of(-time.Minute).abs()); // "1m0s"
   */
  abs(): DurationValue {
    return new DurationValue(absBig(this.#ns));
  }

  /**
   * Go's `String`.
   *
   * @example
   * time.Duration.of(100 * time.Nanosecond).string(); // "100ns"
   */
  string(): string {
    return durationString(this.#ns);
  }

  /**
   * Go's `String`, for String(v) and template literals.
   *
   * @example
   * `${time.Duration.of(time.Hour)}`; // "1h0m0s"
   */
  toString(): string {
    return durationString(this.#ns);
  }

  /**
   * The number of nanoseconds, as Go's encoding/json writes a Duration.
   *
   * @example
   * JSON.stringify({ d: time.Duration.of(time.Second) }); // "{\"d\":1000000000}"
   */
  toJSON(): number {
    return Number(this.#ns);
  }

  /** @internal console.log and util.inspect print Go's text, as fmt.Println does. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return durationString(this.#ns);
  }
}

/**
 * Go's conversion `time.Duration(x)`: x truncated toward zero to whole nanoseconds, clamped to Go's int64
 * range (a bigint exactly); the value also carries Duration's methods as functions
 * (`time.Duration.seconds(d)`, …, `time.Duration.of(d)` for a printable box).
 *
 * @throws TypeError if x is not a number or bigint, or is NaN.
 * @example
 * time.Duration(1.9); // 1
 * time.Duration.seconds(time.Duration(2.5e9)); // 2.5
 */
export const Duration: ((x: number | bigint) => Duration) & typeof methods = Object.assign(
  (x: number | bigint): Duration => Number(durationBig(x, "Duration")),
  methods,
);
