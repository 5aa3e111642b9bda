// Twin of test/conformance/go/time_duration_string_extremes: Duration.String and ParseDuration round trips.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const max = (1n << 63n) - 1n;
  const s = 1_000_000_000n;
  const ds = [
    0n,
    1n,
    -1n,
    9n,
    999n,
    1000n,
    1001n,
    1010n,
    999999n,
    1000000n,
    1000001n,
    1100000n,
    999999999n,
    s,
    s + 1n,
    -s - 1n,
    60n * s,
    60n * s + 1000000n,
    3600n * s,
    25n * 3600n * s + 1n,
    100000n * 3600n * s,
    max,
    -max - 1n,
    -max,
    1n << 53n,
  ];
  for (const d of ds) {
    const str = time.durationString(d);
    // Go compares int64s; a gort Duration is a number, exact to 2^53 ns, so the round trip compares numbers.
    println(String(d), str, "round trip", time.parseDuration(str) === Number(d), null);
  }
}
