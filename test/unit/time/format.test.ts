// Go layouts, Parse, Locations and Duration's methods (src/internal/time/*, timevalue.ts, duration.ts):
// focused cases, and seeded property tests (fast-check) that format∘parse gives back the time for random
// times, zones and layouts. The Go oracle programs test/conformance/go/time_* check the same against Go.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { inspect } from "node:util";
import fc from "fast-check";
import { time } from "../../../src/index.ts";
import { verifyChunks } from "../../../src/internal/time/layout.ts";

const seed = process.env.GORT_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.GORT_SEED);

describe("format", () => {
  const t = time.date(2009, time.November, 10, 23, 4, 5, 123456789, time.UTC);
  test("layout constants", () => {
    assert.equal(t.format(time.RFC3339), "2009-11-10T23:04:05Z");
    assert.equal(t.format(time.RFC1123Z), "Tue, 10 Nov 2009 23:04:05 +0000");
    assert.equal(t.format(time.Kitchen), "11:04PM");
    assert.equal(t.format(time.StampMicro), "Nov 10 23:04:05.123456");
    assert.equal(
      t.in(time.fixedZone("", -7 * 3600)).format(time.RFC3339Nano),
      "2009-11-10T16:04:05.123456789-07:00",
    );
  });
  test("text that only looks like a chunk stays literal", () => {
    // "Jan"/"Mon" before a lower-case letter are text; "_2006" is "_" and the year; ".0x" is one digit.
    assert.equal(t.format("Janx Month _2006 .0x"), "Janx Month _2009 .1x");
  });
  test("String, inspect and JSON print Go's forms", () => {
    assert.equal(String(t), "2009-11-10 23:04:05.123456789 +0000 UTC");
    assert.equal(inspect(t), "2009-11-10 23:04:05.123456789 +0000 UTC");
    assert.equal(JSON.stringify({ t }), '{"t":"2009-11-10T23:04:05.123456789Z"}');
    assert.throws(
      () => JSON.stringify(time.date(10000, 1, 1, 0, 0, 0, 0, time.UTC)),
      /^Error: Time\.MarshalJSON: year outside of range \[0,9999\]$/,
    );
  });
});

describe("parse", () => {
  test("errors carry Go's text and fields", () => {
    try {
      time.parse(time.DateOnly, "x");
      assert.fail("no error");
    } catch (e) {
      assert.ok(e instanceof time.ParseError);
      assert.equal(e.message, 'parsing time "x" as "2006-01-02": cannot parse "x" as "2006"');
      assert.equal(e.layoutElem, "2006");
      assert.equal(e.valueElem, "x");
    }
    assert.throws(() => time.parse(time.DateOnly, "2023-02-29"), {
      message: 'parsing time "2023-02-29": day out of range',
    });
    assert.throws(() => time.parse(time.DateOnly, "2023-02-28x"), {
      message: 'parsing time "2023-02-28x": extra text: "x"',
    });
  });
  test("offsets give fixed zones; the local offset gives Local", () => {
    const t = time.parse(time.RFC3339, "2024-07-15T12:00:00+02:00");
    assert.deepEqual(t.zone(), ["", 7200]);
    assert.equal(t.utc().format(time.DateTime), "2024-07-15 10:00:00");
  });
  test("Go's answers where a numeric zone or a fraction is partly not digits (Go 1.23.5's output)", () => {
    const cases: [string, string, string][] = [
      // The hour is read and range-checked before the minutes fail: the range error wins.
      ["-0700", "1923-06-04", 'parsing time "1923-06-04": time zone offset hour out of range'],
      ["Z0700", "x9912", 'parsing time "x9912": time zone offset hour out of range'],
      ["-07", "x99", 'parsing time "x99": time zone offset hour out of range'],
      // A fraction that is only a sign is 0 (Go's atoi reads no digits as 0).
      ["2 .0", "1 .-", "0000-01-01 00:00:00 +0000 UTC"],
      ["2 .0", "1 .-1", 'parsing time "1 .-1": extra text: "1"'],
      ["05.00", "01.-1", 'parsing time "01.-1": fractional second out of range'],
      ["05.000", "01.+12", "0000-01-01 00:00:01.012 +0000 UTC"],
      ["06", "-5", "1995-01-01 00:00:00 +0000 UTC"],
    ];
    for (const [layout, value, want] of cases) {
      let got: string;
      try {
        got = String(time.parse(layout, value));
      } catch (e) {
        got = (e as Error).message;
      }
      assert.equal(got, want, `${layout} | ${value}`);
    }
  });
  test("bad arguments throw TypeError", () => {
    assert.throws(() => time.parse(1 as unknown as string, "x"), TypeError);
    assert.throws(() => time.date(2024, 1.5, 1, 0, 0, 0, 0, time.UTC), TypeError);
  });
});

describe("Location", () => {
  test("loadLocation: names, errors, DST", () => {
    assert.equal(time.loadLocation(""), time.UTC);
    assert.equal(time.loadLocation("Local"), time.Local);
    assert.throws(() => time.loadLocation("Foo/Bar"), { message: "unknown time zone Foo/Bar" });
    assert.throws(() => time.loadLocation("america/new_york"), {
      message: "unknown time zone america/new_york",
    });
    assert.throws(() => time.loadLocation("../x"), { message: "time: invalid location name" });
    const ny = time.loadLocation("America/New_York");
    assert.equal(String(ny), "America/New_York");
    assert.deepEqual(time.date(2024, 1, 15, 12, 0, 0, 0, ny).zone(), ["EST", -18000]);
    assert.deepEqual(time.date(2024, 7, 15, 12, 0, 0, 0, ny).zone(), ["EDT", -14400]);
    assert.equal(String(time.date(1800, 1, 1, 0, 0, 0, 0, ny)), "1800-01-01 00:00:00 -0456 LMT");
  });
  test("in() without a Location panics with Go's message", () => {
    assert.throws(() => time.unix(0).in(null as unknown as time.Location), {
      message: "time: missing Location in call to Time.In",
    });
  });
});

describe("Duration methods", () => {
  test("functions on time.Duration and the printable box", () => {
    assert.equal(time.Duration.seconds(1500 * time.Millisecond), 1.5);
    assert.equal(time.Duration.round(-1500 * time.Millisecond, time.Second), -2 * time.Second);
    assert.equal(time.Duration.truncate(1999, 1000), 1000);
    assert.equal(time.Duration(1.9), 1);
    const max = (1n << 63n) - 1n;
    assert.equal(time.Duration.of(max).round(time.Hour).bigint(), max);
    assert.equal(
      time.Duration.of(-max - 1n)
        .abs()
        .bigint(),
      max,
    );
    const v = time.Duration.of(1500 * time.Millisecond);
    assert.equal(inspect(v), "1.5s");
    assert.equal(`${v}`, "1.5s");
    assert.equal(+v, 1.5e9);
    assert.equal(JSON.stringify({ v }), '{"v":1500000000}');
  });
});

describe("properties (fast-check)", () => {
  const layouts = [
    time.RFC3339Nano,
    "Mon, 02 Jan 2006 15:04:05.999999999 -0700",
    "Mon Jan 02 15:04:05.000000000 -0700 2006",
    "2006-01-02T15:04:05.000000000Z07:00:00",
    "Monday 2 January 2006 3:04:05.999999999 pm -07:00",
    "002 2006 15:04:05,000000000 -0700",
  ];
  // Instants of years 1..9998, so that the local year stays within Parse's 0..9999 in any zone; offsets in
  // whole minutes within ±23:59 (what RFC 3339 can carry).
  const instant = fc.bigInt(-62135596800n * 1_000_000_000n, 253370764800n * 1_000_000_000n);
  const offset = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }).map((m) => m * 60);

  test(`parse(l, t.format(l)) is t, the same instant and offset (seed ${seed})`, () => {
    console.log(`format∘parse property: seed ${seed} (GORT_SEED=${seed} to replay)`);
    fc.assert(
      fc.property(instant, offset, fc.constantFrom(...layouts), (ns, off, layout) => {
        const t = time.unix(0, ns).in(time.fixedZone("", off));
        const s = t.format(layout);
        const p = time.parse(layout, s);
        assert.ok(p.equal(t), `${layout}: ${s} -> ${p}`);
        assert.equal(p.zone()[1], off);
        assert.equal(p.format(layout), s);
      }),
      { seed, numRuns: 300 },
    );
  });

  /**
   * A random layout that holds a whole instant: year, month and day (or day of the year), a 24- or 12-hour
   * clock, minutes, seconds with a 9-digit fraction, a numeric zone; optionally a weekday. Components come
   * in random order with random separators that are never part of a chunk.
   */
  const layoutArb = fc
    .record({
      date: fc.oneof(
        fc.tuple(fc.constantFrom("01", "1", "Jan", "January"), fc.constantFrom("02", "2", "_2")),
        fc.tuple(fc.constantFrom("002", "__2")),
      ),
      clock: fc.oneof(
        fc.tuple(fc.constant("15")),
        fc.tuple(fc.constantFrom("03", "3"), fc.constantFrom("PM", "pm")),
      ),
      minute: fc.constantFrom("04", "4"),
      second: fc.tuple(
        fc.constantFrom("05", "5"),
        fc.constantFrom(".000000000", ".999999999", ",000000000", ",999999999"),
      ),
      zone: fc.constantFrom(
        "-07:00",
        "-0700",
        "Z07:00",
        "Z0700",
        "-07:00:00",
        "Z070000",
        "-070000",
        "Z07:00:00",
      ),
      weekday: fc.constantFrom([], ["Mon"], ["Monday"]),
      order: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
      seps: fc.array(fc.constantFrom(" ", "/", "T", "|", "@", " at "), { minLength: 12, maxLength: 12 }),
    })
    .map((r) => {
      const parts = ["2006", ...r.date, ...r.clock, r.minute, r.second.join(""), r.zone, ...r.weekday];
      const keyed = parts.map((p, i) => ({ p, k: r.order[i] }));
      keyed.sort((a, b) => a.k - b.k);
      return keyed.map((x, i) => (i === 0 ? x.p : r.seps[i] + x.p)).join("");
    });

  test(`parse(l, t.format(l)) is t for random layouts (seed ${seed})`, () => {
    fc.assert(
      fc.property(instant, offset, layoutArb, (ns, off, layout) => {
        const t = time.unix(0, ns).in(time.fixedZone("", off));
        const s = t.format(layout);
        const p = time.parse(layout, s);
        assert.ok(p.equal(t), `${layout}: ${s} -> ${p}`);
        assert.equal(p.format(layout), s);
      }),
      { seed, numRuns: 500 },
    );
  });

  test(`a layout's chunks spell it (l1–l3) for random layout text (seed ${seed})`, () => {
    // Text made of the characters chunks start with, so ambiguous runs ("Janx", "_20067", ".0001") are common.
    const text = fc.string({
      unit: fc.constantFrom(..."JanuryModay0123456_PpmMSTZ-:.,x 9"),
      maxLength: 40,
    });
    for (const layout of [time.RFC3339Nano, time.RFC1123Z, time.StampNano, time.Kitchen, "", "no chunks"])
      verifyChunks(layout);
    fc.assert(
      fc.property(text, (layout) => verifyChunks(layout)),
      { seed, numRuns: 2000 },
    );
    // 300 more distinct layouts than the cache keeps: l3 still holds.
    for (let i = 0; i < 300; i++) verifyChunks(`2006-01-02 #${i}`);
  });

  test(`date(t's fields) is t and addDate(0,0,0) is t in a DST zone (seed ${seed})`, () => {
    const ny = time.loadLocation("America/New_York");
    fc.assert(
      fc.property(fc.bigInt(0n, 4102444800n * 1_000_000_000n), (ns) => {
        const t = time.unix(0, ns).in(ny);
        const [y, m, d] = t.date();
        const [h, mi, s] = t.clock();
        const u = time.date(y, m, d, h, mi, s, t.nanosecond(), ny);
        // In the repeated fall-back hour Go's Date picks the first occurrence, so u may be an hour early.
        const diff = t.sub(u);
        assert.ok(diff === 0 || diff === time.Hour, `${t} -> ${u}`);
        assert.equal(t.addDate(0, 0, 0).sub(u), 0);
      }),
      { seed, numRuns: 200 },
    );
  });
});
