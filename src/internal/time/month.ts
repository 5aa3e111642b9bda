// Go's time.Month and time.Weekday (Go: time.go): numbers, with their String methods as objects of the
// same name, and the constants January…December, Sunday…Saturday. Public through timevalue.ts.
//
// Invariants: none (constants and pure functions; the conformance twin time_weekday_yearday checks the
// names against Go).

import { longDayNames, longMonthNames } from "./date.ts";

/** An out-of-range Month or Weekday as Go prints it: as an unsigned 64-bit integer. */
function uint(n: number): string {
  return Number.isSafeInteger(n) ? String(BigInt.asUintN(64, BigInt(n))) : String(n);
}

/** A month of the year, 1 (January) to 12 (Go's `time.Month`). */
export type Month = number;
/** A day of the week, 0 (Sunday) to 6 (Go's `time.Weekday`). */
export type Weekday = number;

/**
 * Go's Month methods for a month number.
 *
 * @example
 * time.Month.string(time.March); // "March"
 * time.Month.string(13); // "%!Month(13)"
 */
export const Month = {
  /** The English name of m (Go's `Month.String`); "%!Month(m)" out of range. */
  string(m: Month): string {
    return Number.isInteger(m) && m >= 1 && m <= 12 ? longMonthNames[m - 1] : `%!Month(${uint(m)})`;
  },
} as const;

/**
 * Go's Weekday methods for a day number.
 *
 * @example
 * time.Weekday.string(time.Sunday); // "Sunday"
 * time.Weekday.string(7); // "%!Weekday(7)"
 */
export const Weekday = {
  /** The English name of d (Go's `Weekday.String`); "%!Weekday(d)" out of range. */
  string(d: Weekday): string {
    return Number.isInteger(d) && d >= 0 && d <= 6 ? longDayNames[d] : `%!Weekday(${uint(d)})`;
  },
} as const;

export const January: Month = 1;
export const February: Month = 2;
export const March: Month = 3;
export const April: Month = 4;
export const May: Month = 5;
export const June: Month = 6;
export const July: Month = 7;
export const August: Month = 8;
export const September: Month = 9;
export const October: Month = 10;
export const November: Month = 11;
export const December: Month = 12;

export const Sunday: Weekday = 0;
export const Monday: Weekday = 1;
export const Tuesday: Weekday = 2;
export const Wednesday: Weekday = 3;
export const Thursday: Weekday = 4;
export const Friday: Weekday = 5;
export const Saturday: Weekday = 6;
