// Twin of test/conformance/go/time_location_basics: UTC, Local, fixedZone, loadLocation and its errors,
// zone(), in(), equal across zones.
import { time } from "../../../src/index.ts";
import { goQuote } from "./gofmt.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  println(time.UTC, time.Local);
  const names = [
    "",
    "UTC",
    "Local",
    "America/New_York",
    "Europe/Paris",
    "Asia/Kolkata",
    "Foo/Bar",
    "../etc/passwd",
    "/etc/localtime",
    "america/new_york",
    "Europe/Paris ",
  ];
  for (const name of names) {
    let loc: time.Location;
    try {
      loc = time.loadLocation(name);
    } catch (e) {
      println(`${goQuote(name)} error: ${(e as Error).message}`);
      continue;
    }
    println(`${goQuote(name)} -> ${loc}`);
    for (const t of [
      time.date(2024, time.January, 15, 12, 0, 0, 0, time.UTC),
      time.date(2024, time.July, 15, 12, 0, 0, 0, time.UTC),
    ]) {
      const [zn, off] = t.in(loc).zone();
      println("  ", t.in(loc), zn, off, t.in(loc).equal(t), t.in(loc).location());
    }
  }
  for (const z of [
    time.fixedZone("", 3600),
    time.fixedZone("ABC", -5400),
    time.fixedZone("", 0),
    time.fixedZone("", 37),
  ]) {
    const t = time.date(2009, time.November, 10, 23, 0, 0, 0, z);
    const [zn, off] = t.zone();
    println(`fixed ${goQuote(String(z))} ${t} ${goQuote(zn)} ${off} ${t.utc()}`);
  }
  const a = time.date(2009, time.November, 10, 23, 0, 0, 0, time.UTC);
  const b = a.in(time.fixedZone("", -7 * 3600));
  // Go's a == b compares the location pointers too.
  const same = a.equal(b) && a.location() === b.location();
  println(a.equal(b), same, a.compare(b), time.durationString(a.sub(b)), b.hour(), b.day());
}
