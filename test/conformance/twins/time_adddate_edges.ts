// Twin of test/conformance/go/time_adddate_edges: AddDate and Date normalisation.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const base = [
    time.date(2023, time.January, 31, 10, 0, 0, 0, time.UTC),
    time.date(2024, time.January, 31, 10, 0, 0, 0, time.UTC),
    time.date(2024, time.February, 29, 23, 59, 59, 999999999, time.UTC),
    time.date(2023, time.October, 31, 0, 0, 0, 0, time.UTC),
    time.date(2000, time.March, 31, 12, 0, 0, 0, time.UTC),
  ];
  const adds = [
    [0, 1, 0],
    [0, -1, 0],
    [1, 0, 0],
    [-1, 0, 0],
    [0, 0, 1],
    [0, 0, -1],
    [0, 13, 0],
    [0, -13, 0],
    [4, 0, 0],
    [0, 1, -1],
    [0, 0, 366],
    [-2000, 0, 0],
  ];
  for (const t of base) {
    println("base", t);
    for (const a of adds) println("  add", a, "->", t.addDate(a[0], a[1], a[2]));
  }
  println(time.date(2023, 0, 1, 0, 0, 0, 0, time.UTC));
  println(time.date(2023, 13, 1, 0, 0, 0, 0, time.UTC));
  println(time.date(2023, 3, 0, 0, 0, 0, 0, time.UTC));
  println(time.date(2023, 12, 32, 0, 0, 0, 0, time.UTC));
  println(time.date(2023, 1, 1, 24, 0, 0, 0, time.UTC));
  println(time.date(2023, 1, 1, -1, 0, 0, 0, time.UTC));
  println(time.date(2023, 1, 1, 0, -61, -61, -1, time.UTC));
  println(time.date(2023, 1, 1, 0, 0, 0, 3_000_000_000_123, time.UTC));
  println(time.date(2023, -25, -400, 0, 0, 0, 0, time.UTC));
  const ny = time.loadLocation("America/New_York");
  let t = time.date(2024, time.March, 9, 2, 30, 0, 0, ny);
  println("ny", t, "+1 day", t.addDate(0, 0, 1), "+24h", t.add(24 * time.Hour));
  t = time.date(2024, time.November, 2, 1, 30, 0, 0, ny);
  println("ny", t, "+1 day", t.addDate(0, 0, 1), "+24h", t.add(24 * time.Hour));
  println("ny day 0", time.date(2024, time.April, 0, 12, 0, 0, 0, ny));
}
