// Public (re-exported by gort/time): Go's time.Duration — the unit constants, Duration.String and
// ParseDuration, with Go's exact output and error texts.
//
// Invariants:
//   u1. durationString(d) is Go's Duration.String(d) for every int64 d (checked against Go 1.23).
//   u2. parseDuration(durationString(d)) === d for every d exact as a number.

import { describe, durationBig, maxInt64 } from "./internal/timeargs.ts";

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
