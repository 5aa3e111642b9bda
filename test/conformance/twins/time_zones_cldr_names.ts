// Twin of test/conformance/go/time_zones_cldr_names: zones whose tzdata letters CLDR lacks (deviation file).
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const t = time.date(2024, time.January, 15, 12, 0, 0, 0, time.UTC);
  const names = [
    "Asia/Shanghai",
    "Asia/Seoul",
    "Asia/Jerusalem",
    "Asia/Karachi",
    "Asia/Manila",
    "Asia/Singapore",
    "Asia/Jakarta",
    "Europe/Istanbul",
    "Europe/Moscow",
  ];
  for (const name of names) {
    let loc: time.Location;
    try {
      loc = time.loadLocation(name);
    } catch (e) {
      println(name, e);
      continue;
    }
    println(name, t.in(loc).format("2006-01-02 15:04:05 -0700 MST"));
  }
}
