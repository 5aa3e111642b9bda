// Twin of test/conformance/go/time_json_unix: JSON of Times (Time.toJSON) and its errors; UnixMilli and
// UnixMicro constructors and methods.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const times = [
    time.date(2009, time.November, 10, 23, 0, 0, 0, time.UTC),
    time.date(2009, time.November, 10, 23, 0, 0, 5, time.UTC),
    time.date(2009, time.November, 10, 23, 0, 0, 120000000, time.fixedZone("", 5 * 3600 + 30 * 60)),
    time.date(2009, time.November, 10, 23, 0, 0, 0, time.fixedZone("X", -(4 * 3600 + 56 * 60 + 2))),
    time.date(0, time.January, 1, 0, 0, 0, 0, time.UTC),
    time.date(9999, time.December, 31, 23, 59, 59, 999999999, time.UTC),
    time.date(10000, time.January, 1, 0, 0, 0, 0, time.UTC),
    time.date(-1, time.January, 1, 0, 0, 0, 0, time.UTC),
    new time.Time(),
  ];
  for (const t of times) {
    try {
      println(JSON.stringify({ T: t }), null);
    } catch (e) {
      println("", `json: error calling MarshalJSON for type time.Time: ${(e as Error).message}`);
    }
  }
  for (const ms of [0, 1, -1, 1257894000123, -1257894000123, 999]) {
    const t = time.unixMilli(ms).utc();
    println("UnixMilli", ms, t, t.unixMilli(), t.unixMicro(), t.unix(), t.unixNano());
  }
  for (const us of [0n, 1n, -1n, 1257894000123456n, -1257894000123456n]) {
    const t = time.unixMicro(us).utc();
    println("UnixMicro", us, t, t.unixMilli(), t.unixMicro(), t.unix(), t.unixNano());
  }
}
