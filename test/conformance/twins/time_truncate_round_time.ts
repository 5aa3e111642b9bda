// Twin of test/conformance/go/time_truncate_round_time: Time.Truncate and Time.Round.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const ts = [
    time.date(2009, time.November, 10, 23, 4, 5, 500000000, time.UTC),
    time.date(2009, time.November, 10, 23, 4, 5, 499999999, time.UTC),
    time.date(1969, time.December, 31, 23, 59, 59, 500000000, time.UTC),
    time.date(2009, time.November, 10, 23, 30, 0, 0, time.fixedZone("", 5 * 3600 + 30 * 60)),
    time.date(2024, time.February, 29, 11, 59, 59, 0, time.fixedZone("EST", -5 * 3600)),
  ];
  const ds = [
    0,
    -1,
    time.Nanosecond,
    3,
    time.Second,
    7 * time.Second,
    time.Minute,
    time.Hour,
    24 * time.Hour,
    7 * 24 * time.Hour,
  ];
  for (const t of ts) {
    println("time", t);
    for (const d of ds) println("  ", time.durationString(d), "truncate", t.truncate(d), "round", t.round(d));
  }
  const now = time.now();
  println(
    "now",
    now,
    "round(0)",
    now.round(0),
    "truncate(-1)",
    now.truncate(-1),
    "truncate(1h)",
    now.truncate(time.Hour),
  );
}
