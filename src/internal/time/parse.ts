// Go's Parse, ParseInLocation and ParseError (format.go, format_rfc3339.go), with Go's exact messages.
//
// Parsing walks the layout's chunks (layout.ts) over the value, collects fields and builds the time as Go
// does: an explicit zone (Z, UTC), an offset matched against the local location (a FixedZone otherwise), a
// zone name looked up in the local location, or the default location.
//
// Strings are JavaScript strings: for ASCII layouts and values (every Go layout) this is Go's byte
// semantics; an error message quoting a non-ASCII fragment may cut it at a different place than Go.
//
// Invariants (parsing keeps no state to verify; test/unit/time/format.test.ts checks them, p1 as a
// property over random times and layouts):
//   p1. parse(l, formatTime(l, t)) gives t back whenever l holds enough fields (date, clock, offset and,
//       for the precise instant, a fraction); its errors are ParseErrors whose message is Go's Error().
//   p2. Parse of RFC3339/RFC3339Nano tries Go's strict fast path first, then the general parser.

import { type DateFields, daysIn, isLeap, localSeconds, longDayNames, longMonthNames } from "./date.ts";
import { chunksOf, isDigitAt, RFC3339, RFC3339Nano } from "./layout.ts";
import { fixedZone, instantOf, type Location, lookup, lookupName, UTC } from "./zoneinfo.ts";

const hex = "0123456789abcdef";

/** Go's time.quote: double quotes, `"` and `\` escaped, bytes of non-ASCII or control characters as \xNN. */
export function quote(s: string): string {
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

/**
 * A failed parse (Go's `*time.ParseError`). Its message is Go's `Error()`: `parsing time "x" as
 * "2006-01-02": cannot parse "x" as "2006"`, or `parsing time "x": month out of range`.
 */
export class ParseError extends SyntaxError {
  /** The layout given to parse. */
  readonly layout: string;
  /** The value given to parse. */
  readonly value: string;
  /** The part of the layout that did not match ("" for a range or extra-text error). */
  readonly layoutElem: string;
  /** The rest of the value where it did not match. */
  readonly valueElem: string;
  /** Go's Message: "" or ": … out of range", ": extra text: …". */
  readonly goMessage: string;

  constructor(layout: string, value: string, layoutElem: string, valueElem: string, message: string) {
    super(
      message === ""
        ? `parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(valueElem)} as ${quote(layoutElem)}`
        : `parsing time ${quote(value)}${message}`,
    );
    this.name = "ParseError";
    this.layout = layout;
    this.value = value;
    this.layoutElem = layoutElem;
    this.valueElem = valueElem;
    this.goMessage = message;
  }
}

/** A parsed time: seconds since the Unix epoch, nanoseconds, and its location. */
export interface Parsed {
  sec: bigint;
  nsec: number;
  loc: Location;
}

const bad = Symbol("bad");

/** s[0:1] or s[0:2] (fixed: exactly 2) as a number, and the rest; bad if no digit (Go's getnum). */
function getnum(s: string, fixed: boolean): [number, string] | typeof bad {
  if (!isDigitAt(s, 0)) return bad;
  if (!isDigitAt(s, 1)) {
    if (fixed) return bad;
    return [Number(s[0]), s.slice(1)];
  }
  return [Number(s.slice(0, 2)), s.slice(2)];
}

/** Up to three digits (fixed: exactly three), Go's getnum3. */
function getnum3(s: string, fixed: boolean): [number, string] | typeof bad {
  let i = 0;
  let n = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + Number(s[i]);
  if (i === 0 || (fixed && i !== 3)) return bad;
  return [n, s.slice(i)];
}

/** Go's atoi: an optionally signed run of digits and nothing else. */
function atoi(s: string): number | typeof bad {
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  // Go's atoi reads no digits as 0 (leadingInt of ""): "", "-" and "+" are 0, as in a fraction ".-".
  if (s === "") return 0;
  if (!/^[0-9]+$/.test(s)) return bad;
  const x = Number(s);
  if (!Number.isSafeInteger(x)) return bad;
  return neg ? -x : x;
}

/**
 * Removes prefix from value, runs of spaces matching runs of spaces (Go's skip): the rest, and whether
 * the whole prefix matched (if not, the rest is where the mismatch is, as Go reports it).
 */
function skip(value: string, prefix: string): [string, boolean] {
  while (prefix !== "") {
    if (prefix[0] === " ") {
      if (value !== "" && value[0] !== " ") return [value, false];
      prefix = prefix.replace(/^ +/, "");
      value = value.replace(/^ +/, "");
      continue;
    }
    if (value === "" || value[0] !== prefix[0]) return [value, false];
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return [value, true];
}

/** Case-insensitive prefix lookup in a table of names (Go's lookup): the index and the rest. */
function lookupName3(tab: readonly string[], value: string): [number, string] | typeof bad {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i];
    if (value.length >= v.length && value.slice(0, v.length).toLowerCase() === v.toLowerCase())
      return [i, value.slice(v.length)];
  }
  return bad;
}

const shortMonthNames = longMonthNames.map((m) => m.slice(0, 3));
const shortDayNames = longDayNames.map((d) => d.slice(0, 3));

/** The nanoseconds of a fraction ".123" (the first nbytes characters of value; sep included). */
function parseNanoseconds(value: string, nbytes: number): { ns: number; range: string } | typeof bad {
  if (value[0] !== "." && value[0] !== ",") return bad;
  if (nbytes > 10) nbytes = 10;
  const ns = atoi(value.slice(1, nbytes));
  if (ns === bad) return bad;
  if (ns < 0) return { ns: 0, range: "fractional second" };
  return { ns: ns * 10 ** (10 - nbytes), range: "" };
}

/** The length of a leading signed offset "+03"/"-4" in -23..+23, or 0 (Go's parseSignedOffset). */
function parseSignedOffset(value: string): number {
  if (value[0] !== "-" && value[0] !== "+") return 0;
  const m = /^[0-9]+/.exec(value.slice(1));
  if (m === null) return 0;
  if (Number(m[0]) > 23) return 0;
  return 1 + m[0].length;
}

/** The length of a leading time-zone abbreviation, or 0 (Go's parseTimeZone). */
function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith("ChST") || value.startsWith("MeST")) return 4;
  if (value.startsWith("GMT")) {
    if (value.length === 3) return 3;
    return 3 + parseSignedOffset(value.slice(3));
  }
  if (value[0] === "+" || value[0] === "-") return parseSignedOffset(value);
  let n = 0;
  while (n < 6 && n < value.length && value[n] >= "A" && value[n] <= "Z") n++;
  switch (n) {
    case 5:
      return value[4] === "T" ? 5 : 0;
    case 4:
      return value[3] === "T" || value.startsWith("WITA") ? 4 : 0;
    case 3:
      return 3;
    default:
      return 0;
  }
}

const daysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

/** The instant of a date in loc (Go's Date; the fields are normalised as Go normalises them). */
export function dateIn(loc: Location, ...fields: DateFields): Parsed {
  const l = localSeconds(...fields);
  return { sec: instantOf(l.local, loc), nsec: l.nsec, loc };
}

/** Go's parseRFC3339 fast path: null if value is not strict RFC 3339. */
function parseRFC3339(s: string, local: Location): Parsed | null {
  let ok = true;
  const uint = (p: string, min: number, max: number): number => {
    if (!/^[0-9]+$/.test(p)) {
      ok = false;
      return min;
    }
    const x = Number(p);
    if (x < min || x > max) {
      ok = false;
      return min;
    }
    return x;
  };
  if (s.length < 19) return null;
  const year = uint(s.slice(0, 4), 0, 9999);
  const month = uint(s.slice(5, 7), 1, 12);
  const day = uint(s.slice(8, 10), 1, daysIn(month, year));
  const hour = uint(s.slice(11, 13), 0, 23);
  const min = uint(s.slice(14, 16), 0, 59);
  const sec = uint(s.slice(17, 19), 0, 59);
  if (!ok || s[4] !== "-" || s[7] !== "-" || s[10] !== "T" || s[13] !== ":" || s[16] !== ":") return null;
  s = s.slice(19);
  let nsec = 0;
  if (s.length >= 2 && s[0] === "." && isDigitAt(s, 1)) {
    let n = 2;
    while (n < s.length && isDigitAt(s, n)) n++;
    const r = parseNanoseconds(s, n);
    if (r !== bad) nsec = r.ns;
    s = s.slice(n);
  }
  const t = dateIn(UTC, year, month, day, hour, min, sec, nsec);
  if (s.length === 1 && s[0] === "Z") return t;
  if (s.length !== 6) return null;
  const hr = uint(s.slice(1, 3), 0, 23);
  const mm = uint(s.slice(4, 6), 0, 59);
  if (!ok || !((s[0] === "-" || s[0] === "+") && s[3] === ":")) return null;
  let offset = (hr * 60 + mm) * 60;
  if (s[0] === "-") offset = -offset;
  t.sec -= BigInt(offset);
  t.loc = lookup(local, Number(t.sec)).offset === offset ? local : fixedZone("", offset);
  return t;
}

/**
 * Go's Parse(layout, value) (defaultLoc UTC, local Local) and ParseInLocation (both loc).
 *
 * @throws ParseError with Go's message.
 */
export function parseTime(layout: string, value: string, defaultLoc: Location, local: Location): Parsed {
  if (layout === RFC3339 || layout === RFC3339Nano) {
    const t = parseRFC3339(value, local);
    if (t !== null) return t;
  }
  const alayout = layout;
  const avalue = value;
  let rangeErr = "";
  let amSet = false;
  let pmSet = false;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: Location | null = null;
  let zoneOffset = -1;
  let zoneName = "";
  let err = false;
  /** A getnum result: its number (value advances), or 0 with err set. */
  const num = (r: [number, string] | typeof bad): number => {
    if (r === bad) {
      err = true;
      return 0;
    }
    value = r[1];
    return r[0];
  };
  const chunks = chunksOf(layout);
  for (let k = 0; ; k++) {
    const c = chunks[k];
    const [rest, matched] = skip(value, c.prefix);
    if (!matched) throw new ParseError(alayout, avalue, c.prefix, rest, "");
    value = rest;
    if (c.std === null) {
      if (value.length !== 0)
        throw new ParseError(alayout, avalue, "", value, `: extra text: ${quote(value)}`);
      break;
    }
    const hold = value;
    err = false;
    switch (c.std) {
      case "06": {
        if (value.length < 2) {
          err = true;
          break;
        }
        const y = atoi(value.slice(0, 2));
        value = value.slice(2);
        if (y === bad) err = true;
        else year = y >= 69 ? y + 1900 : y + 2000;
        break;
      }
      case "2006": {
        if (value.length < 4 || !isDigitAt(value, 0)) {
          err = true;
          break;
        }
        const y = atoi(value.slice(0, 4));
        value = value.slice(4);
        if (y === bad) err = true;
        else year = y;
        break;
      }
      case "Jan":
      case "January":
        month = num(lookupName3(c.std === "Jan" ? shortMonthNames : longMonthNames, value)) + 1;
        break;
      case "1":
      case "01":
        month = num(getnum(value, c.std === "01"));
        if (!err && (month <= 0 || month > 12)) rangeErr = "month";
        break;
      case "Mon":
      case "Monday":
        num(lookupName3(c.std === "Mon" ? shortDayNames : longDayNames, value));
        break;
      case "2":
      case "_2":
      case "02":
        if (c.std === "_2" && value[0] === " ") value = value.slice(1);
        day = num(getnum(value, c.std === "02"));
        break;
      case "__2":
      case "002":
        for (let i = 0; i < 2; i++) if (c.std === "__2" && value[0] === " ") value = value.slice(1);
        yday = num(getnum3(value, c.std === "002"));
        break;
      case "15":
        hour = num(getnum(value, false));
        if (hour < 0 || hour >= 24) rangeErr = "hour";
        break;
      case "3":
      case "03":
        hour = num(getnum(value, c.std === "03"));
        if (hour < 0 || hour > 12) rangeErr = "hour";
        break;
      case "4":
      case "04":
        min = num(getnum(value, c.std === "04"));
        if (min < 0 || min >= 60) rangeErr = "minute";
        break;
      case "5":
      case "05": {
        sec = num(getnum(value, c.std === "05"));
        if (err) break;
        if (sec < 0 || sec >= 60) {
          rangeErr = "second";
          break;
        }
        // A fraction in the value that the layout does not have.
        if (value.length >= 2 && (value[0] === "." || value[0] === ",") && isDigitAt(value, 1)) {
          const next = chunks[k + 1].std;
          if (next === "frac0" || next === "frac9") break;
          let n = 2;
          while (n < value.length && isDigitAt(value, n)) n++;
          const r = parseNanoseconds(value, n);
          if (r === bad) err = true;
          else {
            nsec = r.ns;
            rangeErr = r.range;
          }
          value = value.slice(n);
        }
        break;
      }
      case "PM":
      case "pm": {
        if (value.length < 2) {
          err = true;
          break;
        }
        const p = value.slice(0, 2);
        value = value.slice(2);
        const [pm, am] = c.std === "PM" ? ["PM", "AM"] : ["pm", "am"];
        if (p === pm) pmSet = true;
        else if (p === am) amSet = true;
        else err = true;
        break;
      }
      case "MST": {
        if (value.startsWith("UTC")) {
          z = UTC;
          value = value.slice(3);
          break;
        }
        const n = parseTimeZone(value);
        if (n === 0) {
          err = true;
          break;
        }
        zoneName = value.slice(0, n);
        value = value.slice(n);
        break;
      }
      case "frac0": {
        const ndigit = 1 + c.digits;
        if (value.length < ndigit) {
          err = true;
          break;
        }
        const r = parseNanoseconds(value, ndigit);
        if (r === bad) err = true;
        else {
          nsec = r.ns;
          rangeErr = r.range;
        }
        value = value.slice(ndigit);
        break;
      }
      case "frac9": {
        if (value.length < 2 || !(value[0] === "." || value[0] === ",") || !isDigitAt(value, 1)) break;
        let i = 0;
        while (i + 1 < value.length && isDigitAt(value, i + 1)) i++;
        const r = parseNanoseconds(value, 1 + i);
        if (r === bad) err = true;
        else {
          nsec = r.ns;
          rangeErr = r.range;
        }
        value = value.slice(1 + i);
        break;
      }
      default: {
        // A numeric zone offset; the Z forms also accept "Z" for UTC.
        const std = c.std;
        if (std[0] === "Z" && value[0] === "Z") {
          value = value.slice(1);
          z = UTC;
          break;
        }
        let sign: string;
        let hh: string;
        let mm = "00";
        let ss = "00";
        if (std === "Z07:00" || std === "-07:00") {
          if (value.length < 6 || value[3] !== ":") {
            err = true;
            break;
          }
          [sign, hh, mm] = [value[0], value.slice(1, 3), value.slice(4, 6)];
          value = value.slice(6);
        } else if (std === "-07" || std === "Z07") {
          if (value.length < 3) {
            err = true;
            break;
          }
          [sign, hh] = [value[0], value.slice(1, 3)];
          value = value.slice(3);
        } else if (std === "Z07:00:00" || std === "-07:00:00") {
          if (value.length < 9 || value[3] !== ":" || value[6] !== ":") {
            err = true;
            break;
          }
          [sign, hh, mm, ss] = [value[0], value.slice(1, 3), value.slice(4, 6), value.slice(7, 9)];
          value = value.slice(9);
        } else if (std === "Z070000" || std === "-070000") {
          if (value.length < 7) {
            err = true;
            break;
          }
          [sign, hh, mm, ss] = [value[0], value.slice(1, 3), value.slice(3, 5), value.slice(5, 7)];
          value = value.slice(7);
        } else {
          if (value.length < 5) {
            err = true;
            break;
          }
          [sign, hh, mm] = [value[0], value.slice(1, 3), value.slice(3, 5)];
          value = value.slice(5);
        }
        // As Go: read hour, minutes, seconds in turn, stopping at the first that is not a number (the
        // rest stay 0); the range check still sees what was read, and a range error wins over that one.
        const nums = [0, 0, 0];
        const texts = [hh, mm, ss];
        for (let i = 0; i < 3; i++) {
          const r = getnum(texts[i], true);
          if (r === bad) {
            err = true;
            break;
          }
          nums[i] = r[0];
        }
        const [h, m, s] = nums;
        if (h > 24) rangeErr = "time zone offset hour";
        if (m > 60) rangeErr = "time zone offset minute";
        if (s > 60) rangeErr = "time zone offset second";
        zoneOffset = (h * 60 + m) * 60 + s;
        if (sign === "-") zoneOffset = -zoneOffset;
        else if (sign !== "+") err = true;
      }
    }
    if (rangeErr !== "") throw new ParseError(alayout, avalue, c.text, value, `: ${rangeErr} out of range`);
    if (err) throw new ParseError(alayout, avalue, c.text, hold, "");
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365)
      throw new ParseError(alayout, avalue, "", value, ": day-of-year out of range");
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (daysBefore[m] < yday) m++;
      d = yday - daysBefore[m - 1];
    }
    if (month >= 0 && month !== m)
      throw new ParseError(alayout, avalue, "", value, ": day-of-year does not match month");
    month = m;
    if (day >= 0 && day !== d)
      throw new ParseError(alayout, avalue, "", value, ": day-of-year does not match day");
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year))
    throw new ParseError(alayout, avalue, "", value, ": day out of range");

  if (z !== null) return dateIn(z, year, month, day, hour, min, sec, nsec);
  if (zoneOffset !== -1) {
    const t = dateIn(UTC, year, month, day, hour, min, sec, nsec);
    t.sec -= BigInt(zoneOffset);
    const zone = lookup(local, Number(t.sec));
    t.loc =
      zone.offset === zoneOffset && (zoneName === "" || zone.name === zoneName)
        ? local
        : fixedZone(zoneName, zoneOffset);
    return t;
  }
  if (zoneName !== "") {
    const t = dateIn(UTC, year, month, day, hour, min, sec, nsec);
    const offset = lookupName(local, zoneName, Number(t.sec));
    if (offset !== null) {
      t.sec -= BigInt(offset);
      t.loc = local;
      return t;
    }
    let off = 0;
    if (zoneName.length > 3 && zoneName.startsWith("GMT")) {
      const n = atoi(zoneName.slice(3));
      off = n === bad ? 0 : n * 3600;
    }
    t.loc = fixedZone(zoneName, off);
    return t;
  }
  return dateIn(defaultLoc, year, month, day, hour, min, sec, nsec);
}
