// Twin of test/conformance/go/time_weekday_yearday: Weekday, YearDay, ISOWeek, Date, Clock; Month and
// Weekday names.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const days = [
    time.date(1, time.January, 1, 0, 0, 0, 0, time.UTC),
    time.date(0, time.December, 31, 0, 0, 0, 0, time.UTC),
    time.date(1900, time.March, 1, 0, 0, 0, 0, time.UTC),
    time.date(1970, time.January, 1, 0, 0, 0, 0, time.UTC),
    time.date(2000, time.February, 29, 0, 0, 0, 0, time.UTC),
    time.date(2009, time.November, 10, 23, 0, 0, 0, time.UTC),
    time.date(2020, time.December, 31, 0, 0, 0, 0, time.UTC),
    time.date(2021, time.January, 1, 0, 0, 0, 0, time.UTC),
    time.date(2021, time.January, 4, 0, 0, 0, 0, time.UTC),
    time.date(2024, time.December, 30, 0, 0, 0, 0, time.UTC),
    time.date(2026, time.December, 31, 18, 0, 0, 0, time.fixedZone("", 7 * 3600)),
    time.date(2400, time.December, 31, 0, 0, 0, 0, time.UTC),
    time.date(-400, time.March, 1, 0, 0, 0, 0, time.UTC),
  ];
  for (const t of days) {
    const [y, m, d] = t.date();
    const [h, mi, s] = t.clock();
    const [iy, iw] = t.isoWeek();
    println(
      t.format("2006-01-02"),
      time.Weekday.string(t.weekday()),
      "yday",
      t.yearDay(),
      "iso",
      iy,
      iw,
      "date",
      y,
      time.Month.string(m),
      d,
      "clock",
      h,
      mi,
      s,
    );
    println(
      "  fields",
      t.year(),
      t.month(),
      t.day(),
      t.weekday(),
      t.hour(),
      t.minute(),
      t.second(),
      t.nanosecond(),
    );
  }
  for (let m = 0; m <= 13; m++) println("month", m, time.Month.string(m));
  for (let d = -1; d <= 7; d++) println("weekday", d, time.Weekday.string(d));
}
