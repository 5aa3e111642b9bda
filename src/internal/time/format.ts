// Go's Time.Format (format.go): the layout's std chunks (layout.ts) replaced by the calendar fields of
// the local time (instant + zone offset), read once and lazily.
//
// Invariants:
//   f1. formatTime(layout, ...) is Go's Time.Format(layout) for every layout (same chunks, same padding).
//       It keeps no state to verify; test/unit/time/format.test.ts and the Go-oracle goldens check it
//       against Go's own output.

import { type Fields, fieldsOf, longDayNames, longMonthNames } from "./date.ts";
import { type Chunk, chunksOf, type Std } from "./layout.ts";
import type { Zone } from "./zoneinfo.ts";

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
