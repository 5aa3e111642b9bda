// Twin of test/conformance/go/time_format_constants_newyork: every layout constant in America/New_York
// across the 2024 DST changes.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";
import { show } from "./time_format_constants_utc.ts";

export async function main(): Promise<void> {
  const ny = time.loadLocation("America/New_York");
  println("location", ny);
  const spring = time.date(2024, time.March, 10, 6, 59, 59, 0, time.UTC);
  show(spring.in(ny));
  show(spring.add(time.Second).in(ny));
  const fall = time.date(2024, time.November, 3, 5, 30, 0, 0, time.UTC);
  show(fall.in(ny));
  show(fall.add(time.Hour).in(ny));
  show(time.date(2009, time.November, 10, 23, 0, 0, 0, time.UTC).in(ny));
}
