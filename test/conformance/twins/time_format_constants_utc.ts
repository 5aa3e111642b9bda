// Twin of test/conformance/go/time_format_constants_utc: every layout constant formats fixed times in UTC.
import { time } from "../../../src/index.ts";
import { layoutConstants } from "./gofmt.ts";
import { println } from "./harness.ts";

export function show(t: time.Time): void {
  println("time", t);
  for (const [name, layout] of layoutConstants) println(`  ${name}: ${t.format(layout)}`);
}

export async function main(): Promise<void> {
  show(time.date(2009, time.November, 10, 23, 4, 5, 123456789, time.UTC));
  show(time.date(2024, time.February, 29, 0, 0, 0, 0, time.UTC));
  show(time.date(2001, time.January, 2, 12, 0, 7, 50000000, time.UTC));
  show(time.date(1969, time.December, 31, 23, 59, 59, 999999999, time.UTC));
  show(new time.Time());
}
