// Twin of test/conformance/go/time_gostring_text: Time.goString (Go's GoString), marshalText and
// Time.unmarshalText with Go's errors.
import { time } from "../../../src/index.ts";
import { goQuote } from "./gofmt.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const ny = time.loadLocation("America/New_York");
  const times = [
    time.date(2009, time.November, 10, 23, 0, 0, 0, time.UTC),
    time.date(2009, time.November, 10, 23, 4, 5, 123456789, time.UTC),
    time.date(2024, time.March, 10, 3, 30, 0, 0, ny),
    time.date(2009, time.November, 10, 23, 0, 0, 0, time.Local),
    time.date(2009, time.November, 10, 23, 0, 0, 0, time.fixedZone("", 5 * 3600 + 30 * 60)),
    time.date(2009, time.November, 10, 23, 0, 0, 0, time.fixedZone('X "q"\\é', -3600)),
    time.date(2009, time.November, 10, 23, 0, 0, 0, time.fixedZone("UTC", 0)),
    time.date(-1, time.January, 1, 0, 0, 0, 0, time.UTC),
    time.date(12345, time.December, 31, 23, 59, 59, 1, time.UTC),
    time.date(2009, time.November, 10, 23, 0, 0, 0, time.fixedZone("Y", 25 * 3600)),
    time.date(2009, time.November, 10, 23, 0, 0, 0, time.fixedZone("Z", -(4 * 3600 + 56 * 60 + 2))),
    new time.Time(),
  ];
  for (const t of times) {
    println(t.goString());
    println(t.goString()); // Go: %#v
    try {
      println(`MarshalText ${goQuote(t.marshalText())} <nil>`);
    } catch (e) {
      println(`MarshalText "" ${(e as Error).message}`);
    }
  }
  println(time.now().goString());
  println(
    time
      .now()
      .add(90 * time.Minute)
      .goString(),
  );
  for (const s of [
    "2009-11-10T23:00:00Z",
    "2009-11-10T23:00:00.123456789Z",
    "2009-11-10T23:00:00.1234567891Z",
    "2009-11-10T23:00:00+05:30",
    "2009-11-10T23:00:00-00:00",
    "2009-11-10T23:00:00+00:00",
    "2009-11-10T23:00:00z",
    "2009-11-10t23:00:00Z",
    "2009-11-10 23:00:00Z",
    "2009-11-10T23:00:00,5Z",
    "2009-11-10T23:00:00.Z",
    "2009-11-10T3:00:00Z",
    "2009-11-10T23:00:00+5:30",
    "2009-11-10T23:00:00+24:00",
    "2009-11-10T23:00:00+23:60",
    "2009-11-10T24:00:00Z",
    "2009-02-29T00:00:00Z",
    "2009-11-10T23:00:00",
    "2009-11-10",
    "10000-01-01T00:00:00Z",
    "-001-01-01T00:00:00Z",
    "2009-11-10T23:00:00Zjunk",
    "",
  ]) {
    let t = new time.Time();
    try {
      t = time.Time.unmarshalText(s);
    } catch (e) {
      println(`UnmarshalText ${goQuote(s)} error ${(e as Error).message} zero=${t.isZero()}`);
      continue;
    }
    println(`UnmarshalText ${goQuote(s)} ${t} ${t.goString()}`);
  }
}
