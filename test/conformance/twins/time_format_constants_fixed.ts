// Twin of test/conformance/go/time_format_constants_fixed: every layout constant in fixed zones.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";
import { show } from "./time_format_constants_utc.ts";

export async function main(): Promise<void> {
  const zones = [
    time.fixedZone("", 5 * 3600 + 30 * 60),
    time.fixedZone("", -7 * 3600),
    time.fixedZone("", 0),
    time.fixedZone("XST", -7 * 3600),
    time.fixedZone("ABC", 3 * 3600 + 25 * 60),
    time.fixedZone("Z0", 0),
    time.fixedZone("", -(4 * 3600 + 56 * 60 + 2)),
  ];
  for (const z of zones) {
    println("zone", z);
    show(time.date(2009, time.November, 10, 23, 4, 5, 123456789, z));
  }
  show(time.date(2024, time.February, 29, 0, 30, 0, 0, time.UTC).in(time.fixedZone("", -3600)));
}
