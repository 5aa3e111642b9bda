// Twin of test/conformance/go/time_duration_round_truncate: Duration.Round and Truncate, exact in bigint.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const max = (1n << 63n) - 1n;
  const min = -max - 1n;
  const ms = 1_000_000n;
  const s = 1_000_000_000n;
  const ds = [
    0n,
    1n,
    -1n,
    5n,
    -5n,
    15n,
    -15n,
    1500n * ms,
    -1500n * ms,
    2500n * ms,
    1499999999n,
    1234567891n,
    -1234567891n,
    59n * 60n * s + 30n * s,
    90n * 60n * s,
    max,
    min,
    max - 5n,
    min + 5n,
  ];
  const mults = [0n, -1n, 1n, 2n, 10n, 3n * ms, s, 7n * s, 3600n * s, max];
  for (const d of ds) {
    const v = time.Duration.of(d);
    for (const m of mults) {
      println(
        v.string(),
        "m",
        time.durationString(m),
        "round",
        v.round(m).string(),
        "truncate",
        v.truncate(m).string(),
      );
    }
  }
}
