// Public (re-exported by gort/time): Go's time.Time with the functions that make Times (Go: time.go and
// format.go). The class and the constructors its methods and documentation use (now, unix, date) are
// internal/time/time.ts, Month and Weekday internal/time/month.ts; here: since, until, unixMilli,
// unixMicro, parse and parseInLocation.
//
// Invariants: none of its own (Time's, w1–w5, are in internal/time/time.ts).

import type { Duration } from "./duration.ts";
import { GoPanic } from "./errors.ts";
import { parseTime } from "./internal/time/parse.ts";
import { checkTime, intBig, now, type Time, timeOf, unixTime } from "./internal/time/time.ts";
import { Local, Location, UTC } from "./internal/time/zoneinfo.ts";
import { describe } from "./internal/timeargs.ts";

export {
  April,
  August,
  December,
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
  October,
  Saturday,
  September,
  Sunday,
  Thursday,
  Tuesday,
  Wednesday,
  Weekday,
} from "./internal/time/month.ts";
export { date, now, Time, unix } from "./internal/time/time.ts";

/**
 * The time elapsed since t (Go's `time.Since(t)` = `now().sub(t)`).
 *
 * @example
 * const start = time.now();
 * await time.sleep(90 * time.Second);
 * console.log(time.durationString(time.since(start))); // 1m30s
 */
export function since(t: Time): Duration {
  checkTime(t, "time.since", "t");
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
  checkTime(t, "time.until", "t");
  return t.sub(now());
}

/**
 * The local Time msec milliseconds after the Unix epoch (Go's `time.UnixMilli`).
 *
 * @throws TypeError if msec is not an integer number or a bigint; RangeError if the time's seconds are outside int64.
 * @example
 * time.unixMilli(1_257_894_000_123).utc().format(time.RFC3339Nano); // "2009-11-10T23:00:00.123Z"
 */
export function unixMilli(msec: number | bigint): Time {
  return unixTime(intBig(msec, "unixMilli") * 1_000_000n, "unixMilli", msec);
}

/**
 * The local Time usec microseconds after the Unix epoch (Go's `time.UnixMicro`).
 *
 * @throws TypeError if usec is not an integer number or a bigint; RangeError if the time's seconds are outside int64.
 * @example
 * time.unixMicro(-1).utc().format(time.RFC3339Nano); // "1969-12-31T23:59:59.999999Z"
 */
export function unixMicro(usec: number | bigint): Time {
  return unixTime(intBig(usec, "unixMicro") * 1000n, "unixMicro", usec);
}

/**
 * Parses value with a Go layout (Go's `time.Parse`). Without a zone in the value the time is in UTC; an
 * offset matching the local zone gives a time in {@link Local}, another offset a fixed zone; a zone name
 * known to the local zone uses its offset, an unknown one a zero-offset zone of that name.
 *
 * @throws ParseError whose message is Go's error: `parsing time "x" as "2006-01-02": cannot parse "x" as
 *   "2006"`, `parsing time "2023-02-30": day out of range`; TypeError if an argument is not a string.
 * @example
 * const t = time.parse(time.RFC3339, "2009-11-10T23:00:00+01:00");
 * t.utc().format(time.DateTime); // "2009-11-10 22:00:00"
 * try {
 *   time.parse(time.DateOnly, "x");
 * } catch (e) {
 *   console.log((e as Error).message); // parsing time "x" as "2006-01-02": cannot parse "x" as "2006"
 * }
 */
export function parse(layout: string, value: string): Time {
  checkStrings(layout, value, "parse");
  return timeOf(parseTime(layout, value, UTC, Local));
}

/**
 * Like {@link parse}, but a time without zone information is in loc, and offsets and zone names are
 * matched against loc instead of the local zone (Go's `time.ParseInLocation`).
 *
 * @throws ParseError (Go's message), GoPanic if loc is missing, TypeError for non-string arguments.
 * @example
 * const ny = time.loadLocation("America/New_York");
 * String(time.parseInLocation(time.DateTime, "2024-03-10 03:30:00", ny)); // "2024-03-10 03:30:00 -0400 EDT"
 */
export function parseInLocation(layout: string, value: string, loc: Location): Time {
  checkStrings(layout, value, "parseInLocation");
  if (!(loc instanceof Location)) throw new GoPanic("time: missing Location in call to Date");
  return timeOf(parseTime(layout, value, loc, loc));
}

function checkStrings(layout: unknown, value: unknown, where: string): void {
  for (const v of [layout, value])
    if (typeof v !== "string") throw new TypeError(`time.${where}: not a string: ${describe(v)}`);
}
