// Twin of test/conformance/go/time_zone_bounds_walk: following ZoneBounds from period to period, forwards
// through each end and backwards through each start minus one second.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

const layout = "2006-01-02 15:04:05 -0700";

function walk(name: string, from: time.Time, n: number): void {
  let loc: time.Location;
  try {
    loc = time.loadLocation(name);
  } catch (e) {
    println(name, e);
    return;
  }
  println(name);
  let t = from.in(loc);
  for (let i = 0; i < n; i++) {
    const [start, end] = t.zoneBounds();
    println(
      `  ${t.format(layout)} dst=${t.isDST()} [${start.format(time.RFC3339)}, ${end.format(time.RFC3339)}) ${time.durationString(end.sub(start))}`,
    );
    if (end.isZero()) break;
    t = end;
  }
  t = from.in(loc);
  for (let i = 0; i < n; i++) {
    const [start] = t.zoneBounds();
    if (start.isZero()) {
      println("  back: zero start");
      break;
    }
    t = start.add(-time.Second);
    println(`  back ${t.format(layout)} dst=${t.isDST()}`);
  }
}

export async function main(): Promise<void> {
  walk("America/New_York", time.date(2023, time.June, 1, 0, 0, 0, 0, time.UTC), 5);
  walk("Europe/Berlin", time.date(2023, time.June, 1, 0, 0, 0, 0, time.UTC), 5);
  walk("Australia/Melbourne", time.date(2023, time.June, 1, 0, 0, 0, 0, time.UTC), 5);
  walk("America/Mexico_City", time.date(2021, time.June, 1, 0, 0, 0, 0, time.UTC), 6);
  walk("Pacific/Apia", time.date(2011, time.June, 1, 0, 0, 0, 0, time.UTC), 4);
  walk("Asia/Tokyo", time.date(2024, time.June, 1, 0, 0, 0, 0, time.UTC), 3);
}
