// Twin of test/conformance/go/time_add_monotonic_range: Time.add keeps the monotonic reading while the wall
// clock stays within 1885..2157, exactly beyond 2^53 ns. Durations past 2^53 ns are passed as bigints (a
// number would round them: docs/deviations.md, "Numbers instead of int64").
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const t = time.now();
  println("now", t);
  const day = 24 * time.Hour;
  const year = 365 * day;
  for (const d of [
    104 * day,
    105 * day,
    200 * day,
    100 * year,
    -100 * year,
    -124 * year,
    -125 * year,
    147 * year,
    148 * year,
  ]) {
    const u = t.add(d);
    println(time.durationString(d), u, u.sub(t) === d);
  }
  const a = t.add(1n << 53n);
  const b = t.add((1n << 53n) + 1n);
  println("2^53 ns", a);
  println(
    "2^53+1 ns",
    b,
    time.durationString(b.sub(a)),
    time.durationString(a.sub(b)),
    a.compare(b),
    b.compare(a),
    a.before(b),
    b.equal(a.add(1)),
  );
  const lo = time.date(1885, time.January, 1, 0, 0, 0, 0, time.UTC);
  const hi = lo.add(((1n << 33n) - 1n) * BigInt(time.Second));
  for (const x of [lo, lo.add(-1), hi, hi.add(999999999), hi.add(1e9)]) {
    println("bound", t.add(x.unixNano() - t.unixNano()));
  }
  const back = t.add(200 * day).add(-BigInt(200 * day) + 1n); // 200 days is past 2^53 ns: exact as a bigint
  println("there and back", back, time.durationString(back.sub(t)));
  const far = t.add(150 * year).add(-150 * year);
  println("past 2157 and back", far, time.durationString(far.sub(t)), far.equal(t));
}
