// Twin of test/conformance/go/time_isdst_zone_bounds: IsDST and ZoneBounds of zones around the world, at
// 2024's exact changes, and in UTC, Local, FixedZone and the zero Time.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

function show(label: string, t: time.Time): void {
  const [start, end] = t.zoneBounds();
  const [name, offset] = t.zone();
  println(`${label}: ${t} ${name} ${offset} dst=${t.isDST()}`);
  println(`  start ${start.format(time.RFC3339)} (zero ${start.isZero()})`);
  println(`  end   ${end.format(time.RFC3339)} (zero ${end.isZero()})`);
  if (start.location() !== t.location() || end.location() !== t.location()) {
    println("  bounds in another location");
  }
}

export async function main(): Promise<void> {
  const zones = [
    "America/New_York",
    "America/Los_Angeles",
    "Europe/Paris",
    "Europe/London",
    "Australia/Sydney",
    "America/Mexico_City",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "America/Phoenix",
    "Europe/Dublin",
    "Pacific/Auckland",
    "America/Santiago",
    "Africa/Casablanca",
  ];
  const instants = [
    time.date(2024, time.January, 15, 12, 0, 0, 0, time.UTC),
    time.date(2024, time.July, 15, 12, 0, 0, 0, time.UTC),
    time.date(2012, time.June, 1, 0, 0, 0, 0, time.UTC),
    time.date(1985, time.December, 1, 0, 0, 0, 0, time.UTC),
  ];
  for (const name of zones) {
    let loc: time.Location;
    try {
      loc = time.loadLocation(name);
    } catch (e) {
      println(name, e);
      continue;
    }
    println(name);
    for (const t of instants) show(" ", t.in(loc));
  }
  const ny = time.loadLocation("America/New_York");
  const spring = time.date(2024, time.March, 10, 7, 0, 0, 0, time.UTC);
  show("spring-1s", spring.add(-time.Second).in(ny));
  show("spring", spring.in(ny));
  const fall = time.date(2024, time.November, 3, 6, 0, 0, 0, time.UTC);
  show("fall-1s", fall.add(-time.Second).in(ny));
  show("fall", fall.in(ny));
  show("date in gap", time.date(2024, time.March, 10, 2, 30, 0, 0, ny));
  show("date in overlap", time.date(2024, time.November, 3, 1, 30, 0, 0, ny));
  show("lmt", time.date(1850, time.January, 1, 0, 0, 0, 0, ny));
  const paris = time.loadLocation("Europe/Paris");
  show("paris spring", time.date(2024, time.March, 31, 1, 0, 0, 0, time.UTC).in(paris));
  show("paris fall-1s", time.date(2024, time.October, 27, 0, 59, 59, 0, time.UTC).in(paris));
  show("utc", time.date(2024, time.July, 15, 12, 0, 0, 0, time.UTC));
  show("local", time.date(2024, time.July, 15, 12, 0, 0, 0, time.Local));
  show("fixed", time.date(2024, time.July, 15, 12, 0, 0, 0, time.fixedZone("CEST", 2 * 3600)));
  show("fixed unnamed", time.date(2024, time.July, 15, 12, 0, 0, 0, time.fixedZone("", -3 * 3600 - 1800)));
  show("zero", new time.Time());
  show("unix", time.unix(1720000000, 0));
}
