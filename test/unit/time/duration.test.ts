// Duration: constants, durationString (Go's Duration.String), parseDuration (Go's ParseDuration) and the
// Duration argument policy shared by every gort/time function. Expected strings were checked against Go
// 1.23's output (a throwaway program printing time.Duration(d).String() and time.ParseDuration(s)).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as time from "../../../src/time.ts";
import { maxInt64, minInt64 } from "./helpers.ts";

describe("Duration constants", () => {
  test("are Go's values in nanoseconds", () => {
    assert.equal(time.Nanosecond, 1);
    assert.equal(time.Microsecond, 1_000);
    assert.equal(time.Millisecond, 1_000_000);
    assert.equal(time.Second, 1_000_000_000);
    assert.equal(time.Minute, 60 * time.Second);
    assert.equal(time.Hour, 60 * time.Minute);
  });
});

describe("durationString", () => {
  // [nanoseconds, Go's Duration.String()]; every row was produced by Go 1.23.
  const table: [bigint, string][] = [
    [0n, "0s"],
    [1n, "1ns"],
    [100n, "100ns"],
    [-1n, "-1ns"],
    [1000n, "1µs"],
    [1010n, "1.01µs"],
    [1100n, "1.1µs"],
    [1500n, "1.5µs"],
    [-1500n, "-1.5µs"],
    [12345n, "12.345µs"],
    [1000000n, "1ms"],
    [1000001n, "1.000001ms"],
    [2200000n, "2.2ms"],
    [999999999n, "999.999999ms"],
    [1000000000n, "1s"],
    [1000000001n, "1.000000001s"],
    [3300000000n, "3.3s"],
    [-9876543210n, "-9.87654321s"],
    [59999999999n, "59.999999999s"],
    [60000000000n, "1m0s"],
    [120001000000n, "2m0.001s"],
    [245000000001n, "4m5.000000001s"],
    [3599999999999n, "59m59.999999999s"],
    [3600000000000n, "1h0m0s"],
    [5400000000000n, "1h30m0s"],
    [18000000000000n, "5h0m0s"],
    [86400000000000n, "24h0m0s"],
    [259380500000000n, "72h3m0.5s"],
    [1234567890123456789n, "342935h31m30.123456789s"],
    [maxInt64, "2562047h47m16.854775807s"],
    [minInt64, "-2562047h47m16.854775808s"],
  ];
  for (const [d, want] of table) {
    test(`${d} → ${want}`, () => {
      assert.equal(time.durationString(d), want);
      if (Number.isSafeInteger(Number(d))) assert.equal(time.durationString(Number(d)), want);
    });
  }

  test("numbers: fractions truncate toward zero; ±Infinity and out-of-range clamp to int64", () => {
    assert.equal(time.durationString(1.5 * time.Second), "1.5s");
    assert.equal(time.durationString(1.9), "1ns");
    assert.equal(time.durationString(-1.9), "-1ns");
    assert.equal(time.durationString(0.5), "0s");
    assert.equal(time.durationString(-0), "0s");
    assert.equal(time.durationString(Number.POSITIVE_INFINITY), "2562047h47m16.854775807s");
    assert.equal(time.durationString(Number.NEGATIVE_INFINITY), "-2562047h47m16.854775808s");
    assert.equal(time.durationString(1e300), "2562047h47m16.854775807s");
    assert.equal(time.durationString(1n << 70n), "2562047h47m16.854775807s");
    assert.equal(time.durationString(-(1n << 70n)), "-2562047h47m16.854775808s");
  });

  test("rejects NaN and non-numbers with TypeError", () => {
    assert.throws(() => time.durationString(Number.NaN), { name: "TypeError", message: /NaN/ });
    assert.throws(() => time.durationString("1s" as unknown as number), {
      name: "TypeError",
      message: /durationString: duration must be a number or bigint of nanoseconds, got string "1s"/,
    });
    assert.throws(() => time.durationString(undefined as unknown as number), TypeError);
    assert.throws(() => time.durationString(null as unknown as number), /got null/);
  });
});

describe("parseDuration", () => {
  // [input, Go's result in ns]; every row was produced by Go 1.23.
  const ok: [string, bigint][] = [
    ["0", 0n],
    ["-0", 0n],
    ["+0", 0n],
    ["5s", 5000000000n],
    ["30s", 30000000000n],
    ["1478s", 1478000000000n],
    ["-5s", -5000000000n],
    ["+5s", 5000000000n],
    ["5.0s", 5000000000n],
    ["5.6s", 5600000000n],
    ["5.s", 5000000000n],
    [".5s", 500000000n],
    ["1.0s", 1000000000n],
    ["1.00s", 1000000000n],
    ["1.004s", 1004000000n],
    ["1.0040s", 1004000000n],
    ["100.00100s", 100001000000n],
    ["10ns", 10n],
    ["11us", 11000n],
    ["12µs", 12000n],
    ["12μs", 12000n],
    ["13ms", 13000000n],
    ["14s", 14000000000n],
    ["15m", 900000000000n],
    ["16h", 57600000000000n],
    ["3h30m", 12600000000000n],
    ["10.5s4m", 250500000000n],
    ["-2m3.4s", -123400000000n],
    ["1h2m3s4ms5us6ns", 3723004005006n],
    ["39h9m14.425s", 140954425000000n],
    ["52763797000ns", 52763797000n],
    ["0.3333333333333333333h", 1200000000000n],
    ["0.100000000000000000000h", 360000000000n],
    ["0.830103483285477580700h", 2988372539827n],
    ["-9223372036854775808ns", minInt64],
    ["-9223372036854775.808us", minInt64],
  ];
  for (const [s, want] of ok) {
    test(`${JSON.stringify(s)} → ${want}`, () => {
      assert.equal(time.parseDuration(s), Number(want));
    });
  }

  test("values beyond 2^53 ns are the nearest number; the int64 bound is exact", () => {
    assert.equal(time.parseDuration("9007199254740993ns"), 2 ** 53);
    assert.equal(time.parseDuration("9223372036854775807ns"), 2 ** 63);
    assert.equal(time.parseDuration("9223372036854.775807ms"), 2 ** 63);
    assert.throws(() => time.parseDuration("9223372036854775808ns"), SyntaxError);
  });

  // [input, Go's error text]; every row was produced by Go 1.23.
  const bad: [string, string][] = [
    ["", 'time: invalid duration ""'],
    ["3", 'time: missing unit in duration "3"'],
    ["1.5", 'time: missing unit in duration "1.5"'],
    ["-", 'time: invalid duration "-"'],
    ["s", 'time: invalid duration "s"'],
    [".", 'time: invalid duration "."'],
    ["-.", 'time: invalid duration "-."'],
    [".s", 'time: invalid duration ".s"'],
    ["+.s", 'time: invalid duration "+.s"'],
    ["1d", 'time: unknown unit "d" in duration "1d"'],
    ["1x", 'time: unknown unit "x" in duration "1x"'],
    ["1µx", 'time: unknown unit "\\xc2\\xb5x" in duration "1\\xc2\\xb5x"'],
    ["1 s", 'time: unknown unit " s" in duration "1 s"'],
    ["1s ", 'time: unknown unit "s " in duration "1s "'],
    ['"1"s', 'time: invalid duration "\\"1\\"s"'],
    ["a\\b", 'time: invalid duration "a\\\\b"'],
    ["9223372036854775808ns", 'time: invalid duration "9223372036854775808ns"'],
    ["9223372036854775.808us", 'time: invalid duration "9223372036854775.808us"'],
    ["-9223372036854775809ns", 'time: invalid duration "-9223372036854775809ns"'],
    ["99999999999999999999h", 'time: invalid duration "99999999999999999999h"'],
    ["2562048h", 'time: invalid duration "2562048h"'],
  ];
  for (const [s, msg] of bad) {
    test(`${JSON.stringify(s)} throws ${msg}`, () => {
      assert.throws(
        () => time.parseDuration(s),
        (e: unknown) => {
          assert.ok(e instanceof SyntaxError);
          assert.equal(e.message, msg);
          return true;
        },
      );
    });
  }

  test("a control character is quoted as \\xNN", () => {
    assert.throws(() => time.parseDuration("1\ns"), {
      message: 'time: unknown unit "\\x0as" in duration "1\\x0as"',
    });
  });

  test("rejects a non-string with TypeError", () => {
    assert.throws(() => time.parseDuration(5 as unknown as string), TypeError);
  });

  test("round-trips durationString for exactly representable durations", () => {
    for (const [d] of [[0n], [1n], [1500n], [-9876543210n], [259380500000000n], [-(2n ** 53n)]]) {
      assert.equal(time.parseDuration(time.durationString(d)), Number(d));
    }
  });
});
