// Calendar arithmetic of Go's time package (the part of time.go that turns instants into dates and back):
// proleptic Gregorian dates, Go's Date normalisation, weekdays and days of the year.
//
// Instants are (sec, nsec): sec is a bigint of seconds since the Unix epoch, nsec in [0, 1e9). A local
// instant is sec + the zone's offset. Day counts fit in a number for every year a bigint second count can
// reach in practice (|year| < 2^44).
//
// Invariants:
//   d1. civilFromDays(daysFromCivil(y, m, d)) = [y, m, d] for every valid date.
//   d2. normDate(...) reproduces Go's Date normalisation: month overflows into the year, nsec into sec,
//       sec into min, min into hour, hour into day, in that order (Go's norm, also for negative values).

/** Seconds per day. */
export const secondsPerDay = 86400;

/** Whether year is a leap year of the proleptic Gregorian calendar. */
export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const daysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

/** Days in month (1-12) of year. */
export function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return daysBefore[month] - daysBefore[month - 1];
}

/** Days from 1970-01-01 to year-month-day (month 1-12, day 1-31; H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The proleptic Gregorian date [year, month 1-12, day 1-31] of a day count from 1970-01-01. */
export function civilFromDays(days: number): [number, number, number] {
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
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** The fields of a local instant, as Go's Time methods return them. */
export interface Fields {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  /** 1-366 */
  yday: number;
  /** 0 (Sunday) - 6 */
  weekday: number;
  hour: number;
  min: number;
  sec: number;
}

function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** The calendar fields of local seconds `local` (seconds since 1970-01-01 00:00:00 local time). */
export function fieldsOf(local: bigint): Fields {
  const n = Number(local);
  let days: number;
  let sod: number;
  if (Number.isSafeInteger(n)) {
    days = Math.floor(n / 86400);
    sod = n - days * 86400;
  } else {
    days = Number(floorDivBig(local, 86400n));
    sod = Number(local - BigInt(days) * 86400n);
  }
  const [year, month, day] = civilFromDays(days);
  const yday = days - daysFromCivil(year, 1, 1) + 1;
  // 1970-01-01 was a Thursday (4).
  const weekday = (((days + 4) % 7) + 7) % 7;
  return {
    year,
    month,
    day,
    yday,
    weekday,
    hour: Math.floor(sod / 3600),
    min: Math.floor((sod % 3600) / 60),
    sec: sod % 60,
  };
}

/** Go's norm: hi, lo with lo moved into [0, base) and the overflow carried into hi. */
function norm(hi: number, lo: number, base: number): [number, number] {
  if (lo < 0) {
    const n = Math.floor((-lo - 1) / base) + 1;
    hi -= n;
    lo += n * base;
  }
  if (lo >= base) {
    const n = Math.floor(lo / base);
    hi += n;
    lo -= n * base;
  }
  return [hi, lo];
}

/** Go's Date arguments without the location: year, month, day, hour, min, sec, nsec. */
export type DateFields = [
  year: number,
  month: number,
  day: number,
  hour: number,
  min: number,
  sec: number,
  nsec: number,
];

/**
 * Go's Date arithmetic without the zone: the local seconds (since 1970-01-01 00:00:00 local) and the
 * nanoseconds of year-month-day hour:min:sec.nsec, every field normalised as Go normalises it.
 */
export function localSeconds(...fields: DateFields): { local: bigint; nsec: number } {
  let [year, month, day, hour, min, sec, nsec] = fields;
  let m = month - 1;
  [year, m] = norm(year, m, 12);
  [sec, nsec] = norm(sec, nsec, 1e9);
  [min, sec] = norm(min, sec, 60);
  [hour, min] = norm(hour, min, 60);
  [day, hour] = norm(day, hour, 24);
  const days = daysFromCivil(year, m + 1, 1) + day - 1;
  return { local: BigInt(days) * 86400n + BigInt(hour * 3600 + min * 60 + sec), nsec };
}

/** English names of the months, January first. */
export const longMonthNames: readonly string[] = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** English names of the days of the week, Sunday first. */
export const longDayNames: readonly string[] = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];
