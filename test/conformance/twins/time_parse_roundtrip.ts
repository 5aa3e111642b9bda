// Twin of test/conformance/go/time_parse_roundtrip: Format then Parse with the same layout.
import { time } from "../../../src/index.ts";
import { goQuote, layoutConstants } from "./gofmt.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const layouts = [
    ...layoutConstants.map(([, l]) => l),
    "2006-01-02T15:04:05.000000000Z07:00:00",
    "Monday 2 January 2006 3:04:05.999 pm -07",
    "002 2006 15:04:05,000000 MST",
    "06/1/2 15h04m05s Z0700",
  ];
  const times = [
    time.date(2009, time.November, 10, 23, 4, 5, 123456789, time.UTC),
    time.date(2024, time.February, 29, 0, 0, 0, 500000000, time.fixedZone("", 9 * 3600)),
    time.date(1970, time.January, 1, 12, 0, 0, 0, time.fixedZone("", -8 * 3600 - 30 * 60)),
    time.date(2023, time.December, 31, 6, 7, 8, 9000, time.fixedZone("PST", -8 * 3600)),
  ];
  for (const t of times) {
    println("time", t);
    for (const l of layouts) {
      const s = t.format(l);
      let p: time.Time;
      try {
        p = time.parse(l, s);
      } catch (e) {
        println(`  ${goQuote(s)} error: ${(e as Error).message}`);
        continue;
      }
      println(`  ${goQuote(s)} -> ${p} equal=${p.equal(t)}`);
    }
  }
}
