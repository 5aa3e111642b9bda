// Twin of test/conformance/go/time_duration_methods: Duration's conversion methods.
import { time } from "../../../src/index.ts";
import { goFloat } from "./gofmt.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const D = time.Duration;
  const ds = [
    0,
    1,
    -1,
    999,
    1500,
    -1500,
    1999999,
    1500 * time.Millisecond,
    -1500 * time.Millisecond,
    90 * time.Second,
    90 * time.Minute,
    36 * time.Hour,
    1234567890123,
    -9876543210987,
    2 ** 53,
  ];
  for (const d of ds) {
    println(D.string(d), "ns", D.nanoseconds(d), "us", D.microseconds(d), "ms", D.milliseconds(d));
    println(
      "  s",
      goFloat(D.seconds(d)),
      "m",
      goFloat(D.minutes(d)),
      "h",
      goFloat(D.hours(d)),
      "abs",
      D.string(D.abs(d)),
    );
  }
  const max = (1n << 63n) - 1n;
  for (const b of [max, -max - 1n, -max, (1n << 53n) + 1n]) {
    const v = D.of(b);
    println(
      v.string(),
      "s",
      goFloat(v.seconds()),
      "m",
      goFloat(v.minutes()),
      "h",
      goFloat(v.hours()),
      "abs",
      v.abs().string(),
    );
  }
}
