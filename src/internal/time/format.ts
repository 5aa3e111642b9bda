// Go's layout-based formatting and parsing (format.go, format_rfc3339.go): the reference time
// "Mon Jan 2 15:04:05 MST 2006" written the way a time should look, its std chunks, the layout constants,
// Format, Parse, ParseInLocation and ParseError with Go's exact messages.
//
// A layout is split into literal text and std chunks by nextStdChunk, with Go's rules for ambiguous text
// ("Jan" is a month unless a lower-case letter follows; "_2006" is "_" then the year; ".000" and ",999" are
// fractional seconds only when no digit follows). Formatting reads the calendar fields of the local time
// (instant + zone offset) once, lazily. Parsing walks the same chunks over the value, collects fields and
// builds the time as Go does: an explicit zone (Z, UTC), an offset matched against the local location
// (a FixedZone otherwise), a zone name looked up in the local location, or the default location.
//
// Strings are JavaScript strings: for ASCII layouts and values (every Go layout) this is Go's byte
// semantics; an error message quoting a non-ASCII fragment may cut it at a different place than Go.
//
// Invariants:
//   f1. formatTime(layout, ...) is Go's Time.Format(layout) for every layout (same chunks, same padding).
//   f2. parse(l, formatTime(l, t)) gives t back whenever l holds enough fields (date, clock, offset and,
//       for the precise instant, a fraction); its errors are ParseErrors whose message is Go's Error().
//   f3. Parse of RFC3339/RFC3339Nano tries Go's strict fast path first, then the general parser.

import {
  type DateFields,
  daysIn,
  type Fields,
  fieldsOf,
  isLeap,
  localSeconds,
  longDayNames,
  longMonthNames,
} from "./date.ts";
import { fixedZone, instantOf, type Location, lookup, lookupName, UTC, type Zone } from "./zoneinfo.ts";

// ===== Layout constants =====

export const Layout = "01/02 03:04:05PM '06 -0700";
export const ANSIC = "Mon Jan _2 15:04:05 2006";
export const UnixDate = "Mon Jan _2 15:04:05 MST 2006";
export const RubyDate = "Mon Jan 02 15:04:05 -0700 2006";
export const RFC822 = "02 Jan 06 15:04 MST";
export const RFC822Z = "02 Jan 06 15:04 -0700";
export const RFC850 = "Monday, 02-Jan-06 15:04:05 MST";
export const RFC1123 = "Mon, 02 Jan 2006 15:04:05 MST";
export const RFC1123Z = "Mon, 02 Jan 2006 15:04:05 -0700";
export const RFC3339 = "2006-01-02T15:04:05Z07:00";
export const RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00";
export const Kitchen = "3:04PM";
export const Stamp = "Jan _2 15:04:05";
export const StampMilli = "Jan _2 15:04:05.000";
export const StampMicro = "Jan _2 15:04:05.000000";
export const StampNano = "Jan _2 15:04:05.000000000";
export const DateTime = "2006-01-02 15:04:05";
export const DateOnly = "2006-01-02";
export const TimeOnly = "15:04:05";

// ===== Std chunks =====

type Std =
  | "Jan"
  | "January"
  | "1"
  | "01"
  | "Mon"
  | "Monday"
  | "2"
  | "_2"
  | "02"
  | "__2"
  | "002"
  | "15"
  | "3"
  | "03"
  | "4"
  | "04"
  | "5"
  | "05"
  | "06"
  | "2006"
  | "PM"
  | "pm"
  | "MST"
  | "Z0700"
  | "Z070000"
  | "Z07"
  | "Z07:00"
  | "Z07:00:00"
  | "-0700"
  | "-070000"
  | "-07"
  | "-07:00"
  | "-07:00:00"
  | "frac0"
  | "frac9";

interface Chunk {
  prefix: string;
  /** null: no more chunks (prefix is the rest of the layout). */
  std: Std | null;
  /** The layout text of the chunk, e.g. "2006" or ".000". */
  text: string;
  suffix: string;
  /** Fraction chunks: the number of digits and the separator ('.' or ','). */
  digits: number;
  sep: string;
}

const zeroX: Std[] = ["01", "02", "03", "04", "05", "06"];
const tzStds: Std[] = [
  "-070000",
  "-07:00:00",
  "-0700",
  "-07:00",
  "-07",
  "Z070000",
  "Z07:00:00",
  "Z0700",
  "Z07:00",
  "Z07",
];

function isDigitAt(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function startsWithLower(s: string): boolean {
  if (s.length === 0) return false;
  const c = s.charCodeAt(0);
  return c >= 97 && c <= 122;
}

/** The characters a std chunk can start with. */
const chunkStarts = "JM012_345Pp-Z.,";

/** Parsed layouts: a layout's chunks, the last one with std null (the layout's trailing text). */
const layoutCache = new Map<string, readonly Chunk[]>();

/** The chunks of layout, in order, ending with a chunk whose std is null (cached for 256 layouts). */
function chunksOf(layout: string): readonly Chunk[] {
  let chunks = layoutCache.get(layout);
  if (chunks !== undefined) return chunks;
  const list: Chunk[] = [];
  for (let rest = layout; ; ) {
    const c = nextStdChunk(rest);
    list.push(c);
    if (c.std === null) break;
    rest = c.suffix;
  }
  chunks = list;
  if (layoutCache.size >= 256) layoutCache.clear();
  layoutCache.set(layout, chunks);
  return chunks;
}

/** The first std chunk of layout: the literal text before it, the chunk, and the rest (Go's nextStdChunk). */
function nextStdChunk(layout: string): Chunk {
  const at = (i: number, std: Std, len: number, pre = i): Chunk => ({
    prefix: layout.slice(0, pre),
    std,
    text: layout.slice(pre, i + len),
    suffix: layout.slice(i + len),
    digits: 0,
    sep: ".",
  });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    if (!chunkStarts.includes(c)) continue;
    const rest = layout.slice(i);
    switch (c) {
      case "J":
        if (rest.startsWith("Jan")) {
          if (rest.startsWith("January")) return at(i, "January", 7);
          if (!startsWithLower(rest.slice(3))) return at(i, "Jan", 3);
        }
        break;
      case "M":
        if (rest.startsWith("Mon")) {
          if (rest.startsWith("Monday")) return at(i, "Monday", 6);
          if (!startsWithLower(rest.slice(3))) return at(i, "Mon", 3);
        }
        if (rest.startsWith("MST")) return at(i, "MST", 3);
        break;
      case "0":
        if (rest.length >= 2 && rest[1] >= "1" && rest[1] <= "6") return at(i, zeroX[Number(rest[1]) - 1], 2);
        if (rest.startsWith("002")) return at(i, "002", 3);
        break;
      case "1":
        if (rest.startsWith("15")) return at(i, "15", 2);
        return at(i, "1", 1);
      case "2":
        if (rest.startsWith("2006")) return at(i, "2006", 4);
        return at(i, "2", 1);
      case "_":
        if (rest.startsWith("_2")) {
          // "_2006" is a literal "_" followed by the year.
          if (rest.startsWith("_2006")) return at(i + 1, "2006", 4, i + 1);
          return at(i, "_2", 2);
        }
        if (rest.startsWith("__2")) return at(i, "__2", 3);
        break;
      case "3":
        return at(i, "3", 1);
      case "4":
        return at(i, "4", 1);
      case "5":
        return at(i, "5", 1);
      case "P":
        if (rest.startsWith("PM")) return at(i, "PM", 2);
        break;
      case "p":
        if (rest.startsWith("pm")) return at(i, "pm", 2);
        break;
      case "-":
      case "Z":
        for (const tz of tzStds) if (tz[0] === c && rest.startsWith(tz)) return at(i, tz, tz.length);
        break;
      case ".":
      case ",":
        if (rest.length >= 2 && (rest[1] === "0" || rest[1] === "9")) {
          const ch = rest[1];
          let j = 1;
          while (j < rest.length && rest[j] === ch) j++;
          // Only a run of digits that ends here is a fraction.
          if (!isDigitAt(rest, j)) {
            const chunk = at(i, ch === "0" ? "frac0" : "frac9", j);
            chunk.digits = j - 1;
            chunk.sep = c;
            return chunk;
          }
        }
        break;
    }
  }
  return { prefix: layout, std: null, text: "", suffix: "", digits: 0, sep: "." };
}

// ===== Formatting =====

/** x in decimal, zero-padded to width (after a '-' sign), as Go's appendInt. */
function int(x: number, width: number): string {
  const s = String(Math.abs(x)).padStart(width, "0");
  return x < 0 ? `-${s}` : s;
}

function hour12(hour: number): number {
  const h = hour % 12;
  return h === 0 ? 12 : h;
}

/** The fraction chunk of nsec: sep and `digits` digits; frac9 trims trailing zeros (and an empty fraction). */
function fraction(nsec: number, c: Chunk): string {
  const trim = c.std === "frac9";
  if (trim && (c.digits === 0 || nsec === 0)) return "";
  let digits = String(nsec).padStart(9, "0");
  if (c.digits < 9) digits = digits.slice(0, c.digits);
  if (trim) digits = digits.replace(/0+$/, "");
  return digits === "" ? "" : `${c.sep}${digits}`;
}

function zoneOffset(std: Std, offset: number): string {
  if (offset === 0 && std[0] === "Z") return "Z";
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let s = "+";
  if (zone < 0) {
    s = "-";
    zone = -zone;
    abs = -abs;
  }
  s += int(Math.floor(zone / 60), 2);
  const colon = std.includes(":");
  if (colon) s += ":";
  if (std !== "-07" && std !== "Z07") s += int(zone % 60, 2);
  if (std === "-070000" || std === "Z070000" || std === "-07:00:00" || std === "Z07:00:00") {
    if (colon) s += ":";
    s += int(abs % 60, 2);
  }
  return s;
}

/**
 * Go's Time.Format: the layout with each std chunk replaced by the field of the local time `local`
 * (seconds since 1970-01-01 local), nanoseconds nsec, in zone.
 */
export function formatTime(layout: string, local: bigint, nsec: number, zone: Zone): string {
  let f: Fields | null = null;
  let out = "";
  for (const c of chunksOf(layout)) {
    out += c.prefix;
    if (c.std === null) break;
    f ??= fieldsOf(local);
    switch (c.std) {
      case "06":
        out += int(Math.abs(f.year) % 100, 2);
        break;
      case "2006":
        out += int(f.year, 4);
        break;
      case "Jan":
        out += longMonthNames[f.month - 1].slice(0, 3);
        break;
      case "January":
        out += longMonthNames[f.month - 1];
        break;
      case "1":
        out += f.month;
        break;
      case "01":
        out += int(f.month, 2);
        break;
      case "Mon":
        out += longDayNames[f.weekday].slice(0, 3);
        break;
      case "Monday":
        out += longDayNames[f.weekday];
        break;
      case "2":
        out += f.day;
        break;
      case "_2":
        out += f.day < 10 ? ` ${f.day}` : f.day;
        break;
      case "02":
        out += int(f.day, 2);
        break;
      case "__2":
        out += String(f.yday).padStart(3, " ");
        break;
      case "002":
        out += int(f.yday, 3);
        break;
      case "15":
        out += int(f.hour, 2);
        break;
      case "3":
        out += hour12(f.hour);
        break;
      case "03":
        out += int(hour12(f.hour), 2);
        break;
      case "4":
        out += f.min;
        break;
      case "04":
        out += int(f.min, 2);
        break;
      case "5":
        out += f.sec;
        break;
      case "05":
        out += int(f.sec, 2);
        break;
      case "PM":
        out += f.hour >= 12 ? "PM" : "AM";
        break;
      case "pm":
        out += f.hour >= 12 ? "pm" : "am";
        break;
      case "MST":
        if (zone.name !== "") out += zone.name;
        else out += zoneOffset("-0700", zone.offset);
        break;
      case "frac0":
      case "frac9":
        out += fraction(nsec, c);
        break;
      default:
        out += zoneOffset(c.std, zone.offset);
    }
  }
  return out;
}

// ===== Parsing =====

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
  if (s === "" || !/^[0-9]+$/.test(s)) return bad;
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
        const parts = [hh, mm, ss].map((p) => getnum(p, true));
        if (parts.some((p) => p === bad)) {
          err = true;
          break;
        }
        const [h, m, s] = parts.map((p) => (p as [number, string])[0]);
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

export type { Zone };
