// Go's *time.Location (zoneinfo.go): UTC, Local, FixedZone and LoadLocation, with the zone rules read from
// the platform's time-zone data through Intl.DateTimeFormat (ICU's tzdata, bundled with Node) instead of
// Go's zoneinfo files. gort has no runtime dependencies and reads no files.
//
// A Location answers one question, lookup(sec): the zone (abbreviation, offset east of UTC in seconds) in
// effect at the instant `sec` (seconds since the Unix epoch). Fixed zones answer at once; an IANA zone asks
// Intl for the local wall clock at `sec` and derives the offset from the difference, which is exact to the
// second (also for LMT offsets such as New York's -4:56:02). Intl is slow (~10 µs a call), so answers are
// cached per UTC hour when the zone is the same at both ends of the hour.
//
// Abbreviations: Intl has no tzdata abbreviations, only CLDR display names. gort uses en-US's short name
// ("EST", "EDT", "PST", "UTC", "GMT"); where that is "GMT+1"-style, the short name of a locale of the
// zone's region if it is letters (regionLocales: "CET", "BST", "AEDT", "IST", "JST"), else Go's numeric
// form for unnamed zones ("+04", "+0530", "-03"), which is what Go's tzdata has for Asia/Dubai,
// America/Sao_Paulo and most zones CLDR does not name. An offset with seconds is local mean time: "LMT".
// Known differences from Go's tzdata: Asia/Shanghai "+08" (Go: CST), Asia/Seoul "+09" (KST),
// Asia/Jerusalem "+02" (IST), Asia/Karachi "+05" (PKT), Asia/Manila "+08" (PST), Asia/Jakarta "+07"
// (WIB), Europe/Moscow "+03" (MSK); offsets are exact (oracle: time_zones_world, time_zones_cldr_names).
//
// Go's Local is the zone of the TZ environment variable (TZ="" is UTC) or /etc/localtime; gort's is the
// zone Intl reports as the host's default (which follows TZ), resolved when first used, named "Local".
//
// Invariants:
//   z1. lookup(loc, sec) is a pure function of (loc's rule, sec); offsets are whole seconds.
//   z2. Instants outside the range of a JavaScript Date (±8.64e15 ms) use the zone at the nearest end of
//       that range.
//   z3. Location objects are immutable; UTC and Local are singletons, as in Go (compare with ===).

import { civilFromDays } from "./date.ts";

const HostDateTimeFormat = Intl.DateTimeFormat;

/** The zone in effect at an instant: abbreviation and offset east of UTC in seconds. */
export interface Zone {
  readonly name: string;
  readonly offset: number;
}

type Rule =
  | { readonly kind: "fixed"; readonly zone: Zone }
  | { readonly kind: "intl"; readonly tz: string; readonly cache: Map<number, Zone> }
  | { readonly kind: "local" };

const rules = new WeakMap<Location, Rule>();

/**
 * A time zone (Go's `*time.Location`): {@link UTC}, {@link Local}, {@link fixedZone} or
 * {@link loadLocation}. `String(loc)` is its name.
 */
export class Location {
  readonly #name: string;

  /**
   * Locations come from time.UTC, time.Local, time.fixedZone and time.loadLocation.
   *
   * @throws TypeError when called from outside gort.
   */
  constructor(name: string, token?: unknown) {
    if (token !== secret) throw new TypeError("time.Location: use time.fixedZone or time.loadLocation");
    this.#name = name;
  }

  /** The location's name (Go's `Location.String`): "UTC", "Local", "America/New_York", a fixed zone's. */
  toString(): string {
    return this.#name;
  }

  /** Node's util.inspect prints the name, as Go's %v does. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.#name;
  }
}

/** Proves to Location's constructor that the caller is this module. */
const secret = Symbol("Location");

function makeLocation(name: string, rule: Rule): Location {
  const loc = new Location(name, secret);
  rules.set(loc, rule);
  return loc;
}

const utcZone: Zone = { name: "UTC", offset: 0 };

/** Go's time.UTC. */
export const UTC: Location = makeLocation("UTC", { kind: "fixed", zone: utcZone });

/** Go's time.Local: the host's time zone (resolved on first use). */
export const Local: Location = makeLocation("Local", { kind: "local" });

/**
 * A Location that always uses the zone name and offset (seconds east of UTC) given (Go's
 * `time.FixedZone`).
 */
export function fixedZone(name: string, offset: number): Location {
  if (typeof name !== "string") throw new TypeError("time.fixedZone: name must be a string");
  if (!Number.isSafeInteger(offset))
    throw new TypeError(`time.fixedZone: offset must be an integer: ${offset}`);
  return makeLocation(name, { kind: "fixed", zone: { name, offset } });
}

function intlRule(tz: string): Rule {
  if (tz === "UTC" || tz === "Etc/UTC") return { kind: "fixed", zone: utcZone };
  return { kind: "intl", tz, cache: new Map() };
}

let localRule: Rule | null = null;

function resolveLocal(): Rule {
  if (localRule === null) {
    const env = process.env.TZ;
    let tz = "UTC";
    if (env !== "") {
      try {
        tz = new HostDateTimeFormat("en-US").resolvedOptions().timeZone ?? "UTC";
      } catch {
        tz = "UTC";
      }
    }
    localRule = intlRule(tz);
  }
  return localRule;
}

/** An error whose message is Go's text, for LoadLocation's failures. */
function locationError(message: string): Error {
  return new Error(message);
}

/**
 * The Location with the given IANA name (Go's `time.LoadLocation`): "" and "UTC" are {@link UTC},
 * "Local" is {@link Local}; other names come from the platform's time-zone data (Intl).
 *
 * @throws Error "unknown time zone NAME" for a name Intl does not know (names are case-sensitive, as on
 *   Go's Linux), "time: invalid location name" for a name with ".." or a leading slash.
 */
export function loadLocation(name: string): Location {
  if (typeof name !== "string") throw new TypeError("time.loadLocation: name must be a string");
  if (name === "" || name === "UTC") return UTC;
  if (name === "Local") return Local;
  if (name.includes("..") || name[0] === "/" || name[0] === "\\")
    throw locationError("time: invalid location name");
  let resolved: string | undefined;
  try {
    resolved = new HostDateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw locationError(`unknown time zone ${name}`);
  }
  // Intl matches names case-insensitively; Go reads files, so "america/new_york" is unknown.
  if (!knownSpelling(name, resolved)) throw locationError(`unknown time zone ${name}`);
  return makeLocation(name, intlRule(name));
}

let supported: Set<string> | null = null;

/** Whether name is spelled as the tz database spells it (Intl accepts any case). */
function knownSpelling(name: string, resolved: string | undefined): boolean {
  if (name === resolved) return true;
  supported ??= new Set(Intl.supportedValuesOf("timeZone"));
  if (supported.has(name)) return true;
  // An alias ("US/Eastern", "Asia/Calcutta"): accept it unless it is a known name in another case.
  for (const s of supported) if (s.toLowerCase() === name.toLowerCase()) return false;
  return resolved === undefined || resolved.toLowerCase() !== name.toLowerCase();
}

const dtfs = new Map<string, Intl.DateTimeFormat>();

function dtf(locale: string, tz: string): Intl.DateTimeFormat {
  const key = `${locale} ${tz}`;
  let f = dtfs.get(key);
  if (f === undefined) {
    f = new HostDateTimeFormat(locale, {
      timeZone: tz,
      hourCycle: "h23",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      timeZoneName: "short",
    });
    dtfs.set(key, f);
  }
  return f;
}

const maxMs = 8.64e15;

/** Go's form of an unnamed zone: "+09", "+0530", "-03". */
function numericName(offset: number): string {
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  const h = String(Math.floor(a / 3600)).padStart(2, "0");
  const m = Math.floor((a % 3600) / 60);
  return m === 0 ? `${sign}${h}` : `${sign}${h}${String(m).padStart(2, "0")}`;
}

/**
 * A locale whose CLDR short names are the tz database's abbreviations for zone tz, where en-US's are
 * "GMT+1"-style: Europe's CET/BST/EET, Australia's AEST, NZDT, IST, JST, HKT, SAST/WAT.
 */
const regionLocales: readonly [string, string][] = [
  ["Europe/Dublin", "en-IE"],
  ["Eire", "en-IE"],
  ["Europe/", "en-GB"],
  ["Australia/", "en-AU"],
  ["Pacific/Auckland", "en-NZ"],
  ["America/St_Johns", "en-CA"],
  ["Asia/Kolkata", "en-IN"],
  ["Asia/Calcutta", "en-IN"],
  ["Asia/Tokyo", "ja-JP"],
  ["Asia/Hong_Kong", "en-HK"],
  ["Africa/", "en-ZA"],
];

function regionLocale(tz: string): string | null {
  for (const [prefix, locale] of regionLocales) if (tz.startsWith(prefix)) return locale;
  return null;
}

/** The zone of IANA zone tz at ms (ms within the Date range), asking Intl. */
function intlZone(tz: string, ms: number): Zone {
  const parts = dtf("en-US", tz).formatToParts(ms);
  let day = 0;
  let local = 0;
  let name = "";
  for (const p of parts) {
    if (p.type === "day") day = Number(p.value);
    else if (p.type === "hour") local += Number(p.value) * 3600;
    else if (p.type === "minute") local += Number(p.value) * 60;
    else if (p.type === "second") local += Number(p.value);
    else if (p.type === "timeZoneName") name = p.value;
  }
  const utcSec = Math.floor(ms / 1000);
  const sod = ((utcSec % 86400) + 86400) % 86400;
  const utcDay = civilFromDays(Math.floor(utcSec / 86400))[2];
  let offset = local - sod;
  if (day !== utcDay) offset += day === utcDay + 1 || (day === 1 && utcDay >= 28) ? 86400 : -86400;
  if (/^GMT[+-]/.test(name)) {
    if (offset % 60 !== 0) name = "LMT";
    else {
      const locale = regionLocale(tz);
      if (locale !== null) {
        const n = dtf(locale, tz)
          .formatToParts(ms)
          .find((p) => p.type === "timeZoneName")?.value;
        if (n !== undefined && /^[A-Z]{3,5}$/.test(n)) name = n;
      }
      if (name.startsWith("GMT")) name = numericName(offset);
    }
  }
  return { name, offset };
}

function sameZone(a: Zone, b: Zone): boolean {
  return a.name === b.name && a.offset === b.offset;
}

/** The zone in effect in loc at sec seconds since the Unix epoch (Go's Location.lookup). */
export function lookup(loc: Location, sec: number): Zone {
  let rule = rules.get(loc)!;
  if (rule.kind === "local") rule = resolveLocal();
  if (rule.kind !== "intl") return rule.kind === "fixed" ? rule.zone : utcZone;
  const clamped = Math.min(Math.max(sec, -maxMs / 1000), maxMs / 1000 - 3600);
  const hour = Math.floor(clamped / 3600);
  const hit = rule.cache.get(hour);
  if (hit !== undefined) return hit;
  const start = intlZone(rule.tz, hour * 3600 * 1000);
  const end = intlZone(rule.tz, (hour * 3600 + 3599) * 1000);
  if (!sameZone(start, end)) return intlZone(rule.tz, clamped * 1000);
  if (rule.cache.size >= 4096) rule.cache.clear();
  rule.cache.set(hour, start);
  return start;
}

/**
 * The offset of the zone named `name` in loc near sec (Go's Location.lookupName, for Parse): a zone with
 * that name in effect at sec - offset, else one in effect within half a year of sec; null if none.
 */
export function lookupName(loc: Location, name: string, sec: number): number | null {
  const candidates: Zone[] = [];
  for (const d of [0, -182, 182, -91, 91]) candidates.push(lookup(loc, sec + d * 86400));
  for (const z of candidates) {
    if (z.name === name && lookup(loc, sec - z.offset).name === name) return z.offset;
  }
  for (const z of candidates) if (z.name === name) return z.offset;
  return null;
}

/**
 * The instant (seconds since the Unix epoch) of local seconds `local` in loc, as Go's Date finds it: the
 * offset in effect at `local` read as UTC, corrected once if that offset's period does not contain the
 * result. (A local time skipped by a DST jump maps to the instant of the offset before it; a repeated one
 * to its first occurrence.)
 */
export function instantOf(local: bigint, loc: Location): bigint {
  const off = lookup(loc, Number(local)).offset;
  if (off === 0) return local;
  const utc = local - BigInt(off);
  return local - BigInt(lookup(loc, Number(utc)).offset);
}

// IsDST and ZoneBounds. Go reads the tzdata flag isDST and the transition instants from its zoneinfo
// files; Intl exposes neither, so both are derived from what Intl does show:
//   - isDST: the CLDR long name says "Daylight"/"Summer" (en-US, else the zone region's locale); when it
//     names no season, the zone is DST when its offset is above the lowest offset seen 91, 182 and 273
//     days before and also above the lowest seen that far after (a permanent change of standard time
//     raises the offset on one side only). tzdata's negative DST (Europe/Dublin since 1971: winter GMT is
//     the DST; Windhoek 1994-2017; Casablanca/El_Aaiun since 2018: the +00 months) is inverted by table.
//     Measured against Go 1.23 on all 600 zones of /usr/share/zoneinfo, every zone period 1970-2036:
//     see docs/deviations.md.
//   - ZoneBounds: the instants where the offset or a lettered abbreviation changes (sameBoundsZone), found by stepping one day
//     (one week further than 400 days away) and bisecting to the second. A tzdata transition that changes
//     neither (only the isDST flag) is not a bound here; the scan stops in 1700 and 2038 (Go's explicit
//     transitions end in 2037): no change before/after gives the zero Time, as Go's alpha/omega do.
//   z4. zoneBounds(loc, sec) = [start, end] with start <= sec < end; every instant of [start, end) has the
//       zone of sec; null for an unbounded side. Results are cached per rule.

const dayS = 86400;
const scanFrom = -8_520_336_000; // 1700-01-01T00:00:00Z
const scanTo = 2_145_916_800; // 2038-01-01T00:00:00Z

function intlRuleOf(loc: Location): (Rule & { kind: "intl" }) | null {
  let rule = rules.get(loc)!;
  if (rule.kind === "local") rule = resolveLocal();
  return rule.kind === "intl" ? rule : null;
}

/** [from, to) second ranges of tzdata's negative DST, per zone: the offset-derived answer is inverted. */
const negativeDST: Record<string, readonly [number, number]> = {
  "Europe/Dublin": [57_722_400, Number.POSITIVE_INFINITY], // 1971-10-31
  Eire: [57_722_400, Number.POSITIVE_INFINITY],
  "Africa/Windhoek": [764_200_800, 1_509_141_600], // 1994-03-20 .. 2017-10-24
  "Africa/Casablanca": [1_540_692_000, Number.POSITIVE_INFINITY], // 2018-10-28
  "Africa/El_Aaiun": [1_540_692_000, Number.POSITIVE_INFINITY],
};

const longDtfs = new Map<string, Intl.DateTimeFormat>();

function longName(locale: string, tz: string, sec: number): string {
  const key = `${locale} ${tz}`;
  let f = longDtfs.get(key);
  if (f === undefined) {
    f = new HostDateTimeFormat(locale, { timeZone: tz, timeZoneName: "long" });
    longDtfs.set(key, f);
  }
  return f.formatToParts(clampMs(sec)).find((p) => p.type === "timeZoneName")?.value ?? "";
}

function clampMs(sec: number): number {
  return Math.min(Math.max(sec * 1000, -maxMs), maxMs);
}

/** Whether daylight saving time is in effect in loc at sec (Go's Time.IsDST); false for fixed zones. */
export function isDST(loc: Location, sec: number): boolean {
  const rule = intlRuleOf(loc);
  if (rule === null) return false;
  const neg = negativeDST[rule.tz];
  const invert = neg !== undefined && sec >= neg[0] && sec < neg[1];
  let name = longName("en-US", rule.tz, sec);
  if (name.startsWith("GMT")) {
    const locale = regionLocale(rule.tz);
    if (locale !== null) name = longName(locale, rule.tz, sec);
  }
  if (!invert && /Daylight|Summer/.test(name)) return true;
  const off = lookup(loc, sec).offset;
  const low = (sign: number): number =>
    Math.min(...[91, 182, 273].map((d) => lookup(loc, sec + sign * d * dayS).offset));
  const above = off > low(-1) && off > low(1);
  if (!invert) return above;
  const high = (sign: number): number =>
    Math.max(...[91, 182, 273].map((d) => lookup(loc, sec + sign * d * dayS).offset));
  return off < high(-1) && off < high(1);
}

interface Period {
  readonly start: number | null;
  readonly end: number | null;
}

const periods = new WeakMap<Rule, Period[]>();

/**
 * The bounds of the zone in effect in loc at sec (Go's Time.ZoneBounds): the first second of that zone
 * and the first second of the next one, each null when the zone has no such bound (always for fixed
 * zones; see the comment above for how an Intl zone's bounds are found).
 */
export function zoneBounds(loc: Location, sec: number): Period {
  const rule = intlRuleOf(loc);
  if (rule === null) return { start: null, end: null };
  let list = periods.get(rule);
  if (list === undefined) {
    list = [];
    periods.set(rule, list);
  }
  for (const p of list) {
    if ((p.start === null || p.start <= sec) && (p.end === null || sec < p.end)) return p;
  }
  const p = { start: edge(loc, sec, -1), end: edge(loc, sec, 1) };
  if (list.length >= 256) list.length = 0;
  list.push(p);
  return p;
}

/**
 * Whether a and b are one zone for ZoneBounds: the same offset, and the same abbreviation unless one of
 * them is numeric (CLDR names zones only from the date its metazone starts, often 1970-01-01: New York is
 * "-05" before 1970 and "EST" after, which is no tzdata transition).
 */
function sameBoundsZone(a: Zone, b: Zone): boolean {
  if (a.offset !== b.offset) return false;
  return a.name === b.name || !/^[A-Za-z]+$/.test(a.name) || !/^[A-Za-z]+$/.test(b.name);
}

/**
 * The nearest instant after sec (dir 1: the first second of the next zone) or at or before sec (dir -1:
 * the first second of sec's zone) where loc's zone changes; null if none before the scan's limit.
 */
function edge(loc: Location, sec: number, dir: 1 | -1): number | null {
  const tz = (intlRuleOf(loc) as Rule & { kind: "intl" }).tz;
  // Intl directly, one call per probe: lookup's per-hour cache would make two and fill with probes.
  const at = (s: number): Zone => intlZone(tz, s * 1000);
  const z = lookup(loc, sec);
  const limit = dir === 1 ? Math.max(scanTo, sec + 400 * dayS) : Math.min(scanFrom, sec - 400 * dayS);
  let same = sec;
  for (;;) {
    const far = Math.abs(same - sec) > 400 * dayS;
    const next = same + dir * (far ? 7 : 1) * dayS;
    if (dir === 1 ? next > limit : next < limit) return null;
    if (Math.abs(next) * 1000 > maxMs) return null;
    if (!sameBoundsZone(at(next), z)) {
      // Bisect between same (zone z) and next (another zone) to the second.
      let lo = same;
      let hi = next;
      while (Math.abs(hi - lo) > 1) {
        const mid = lo + Math.trunc((hi - lo) / 2);
        if (sameBoundsZone(at(mid), z)) lo = mid;
        else hi = mid;
      }
      return dir === 1 ? hi : lo;
    }
    same = next;
  }
}
