// Twin of test/conformance/go/time_parse_duration_edges: time.ParseDuration's results and errors on edge
// inputs. Values are printed from the bigint the twin recomputes exactly (a Duration is a float64 number,
// so int64 extremes print through durationString of a bigint).
import { time } from "../../../src/index.ts";
import { goQuote } from "./gofmt.ts";
import { println } from "./harness.ts";

/** Go's %q of these inputs: goQuote's JSON escapes, but a control byte as Go writes it (\x00, not \u0000). */
function q(s: string): string {
  return goQuote(s).replace(/\\u00([01][0-9a-f])/g, "\\x$1");
}

export async function main(): Promise<void> {
  for (const s of [
    "0",
    "+0",
    "-0",
    "0s",
    "1",
    "",
    "+",
    "-",
    ".",
    ".s",
    "1.s",
    ".5s",
    "-.5h",
    "1.5h",
    "1h1m1s1ms1us1ns",
    "1µs",
    "1μs",
    "1us",
    "3h0m0.5s",
    "1.0000000000000000000001s",
    "0.000000001s",
    "0.0000000009s",
    "00001s",
    "1e3s",
    "1x",
    "1µ",
    "1 s",
    "1s ",
    " 1s",
    "1S",
    "1hh",
    "1h-1m",
    "--1s",
    "+-1s",
    "9223372036854775807ns",
    "9223372036854775808ns",
    "-9223372036854775808ns",
    "-9223372036854775809ns",
    "2562047h47m16.854775807s",
    "2562047h47m16.854775808s",
    "2562048h",
    "-2562047h47m16.854775808s",
    "0.1h",
    "0.333333333333h",
    "1.00000000000000000000000000001h",
    "18446744073709551616ns",
    "9223372036.854775807s",
    "1ms1ms",
    "1.5m30s",
    "1h\x00",
    '1"s',
    "1é",
  ]) {
    let d: number;
    try {
      d = time.parseDuration(s);
    } catch (e) {
      println(`${q(s)}: error ${(e as Error).message}`);
      continue;
    }
    // A number beyond 2^53 is not exact: the int64 extremes are the only such results here.
    const big = Math.abs(d) >= 2 ** 63 ? (d > 0 ? (1n << 63n) - 1n : -(1n << 63n)) : BigInt(d);
    println(`${q(s)}: ${time.durationString(big)} (${big} ns)`);
  }
}
