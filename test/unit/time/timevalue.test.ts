// Time: now/since/until on a runtime's clock, arithmetic and comparison (monotonic vs wall), conversions,
// Go's String format, round/truncate, unix(). Format and rounding expectations were checked against Go 1.23.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Runtime } from "../../../src/index.ts";
import { schedOf } from "../../../src/internal/runtime/schedof.ts";
import * as time from "../../../src/time.ts";
import { Time } from "../../../src/timevalue.ts";
import { maxInt64, runFake } from "./helpers.ts";

describe("now, since, until under the fake clock", () => {
  test("now() starts at Go's playground epoch with monotonic reading 1ns", async () => {
    await runFake(1, () => {
      const t = time.now();
      assert.equal(String(t), "2009-11-10 23:00:00 +0000 UTC m=+0.000000001");
      assert.equal(t.unixNano(), 1257894000000000000n);
      assert.equal(t.unix(), 1257894000);
      assert.equal(t.unixMilli(), 1257894000000);
      assert.equal(t.toDate().toISOString(), "2009-11-10T23:00:00.000Z");
    });
  });

  test("since/until measure exact virtual time", async () => {
    await runFake(1, async () => {
      const start = time.now();
      const deadline = start.add(250 * time.Millisecond);
      await time.sleep(100 * time.Millisecond);
      assert.equal(time.since(start), 100 * time.Millisecond);
      assert.equal(time.until(deadline), 150 * time.Millisecond);
      assert.equal(String(time.now()), "2009-11-10 23:00:00.1 +0000 UTC m=+0.100000001");
    });
  });

  test("a custom fakeEpoch moves the wall clock, not the monotonic one", async () => {
    const rt = new Runtime({ clock: "fake", fakeEpoch: 0n });
    await rt.run(() => {
      assert.equal(String(time.now()), "1970-01-01 00:00:00 +0000 UTC m=+0.000000001");
    });
  });

  test("outside goroutines now() reads the default runtime's real clock", () => {
    // Bracketed by the host's clock read just before and just after (no bound on how long that takes).
    const before = Date.now();
    const a = time.now();
    const after = Date.now();
    const ms = a.unixMilli();
    assert.ok(before <= ms && ms <= after, `${ms} not in [${before}, ${after}]`);
    assert.ok(time.since(a) >= 0);
  });
});

describe("Time arithmetic and comparison", () => {
  test("sub, add, compare, before, after, equal with monotonic readings", async () => {
    await runFake(1, async () => {
      const a = time.now();
      await time.sleep(time.Second);
      const b = time.now();
      assert.equal(b.sub(a), time.Second);
      assert.equal(a.sub(b), -time.Second);
      assert.equal(a.compare(b), -1);
      assert.equal(b.compare(a), 1);
      assert.equal(a.compare(a), 0);
      assert.ok(a.before(b) && !b.before(a) && b.after(a) && !a.after(b));
      assert.ok(a.add(time.Second).equal(b));
      assert.ok(b.add(-time.Second).equal(a));
      assert.ok(a.add(1000000000n).equal(b), "a bigint Duration is accepted");
      assert.equal(String(a.add(time.Second)), String(b));
      assert.ok(!a.equal(b));
    });
  });

  test("a time without a monotonic reading compares by wall clock", async () => {
    await runFake(1, () => {
      const a = time.now();
      const wallOnly = time.unix(a.unix(), 0); // the same instant, no monotonic reading
      assert.ok(a.equal(wallOnly));
      assert.equal(a.add(time.Second).sub(wallOnly), time.Second);
    });
  });

  test("times of different runtimes compare by wall clock", async () => {
    let a: time.Time | undefined;
    await runFake(1, async () => {
      await time.sleep(time.Hour);
      a = time.now(); // mono 1h, wall epoch+1h
    });
    await runFake(1, () => {
      const b = time.now(); // mono 1ns, wall epoch
      assert.equal(a!.sub(b), time.Hour);
      assert.ok(b.before(a!));
    });
  });

  test("add without a monotonic reading; sub of wall clocks clamps to int64", () => {
    const t = time.unix(0, 0);
    assert.equal(String(t.add(maxInt64)), "2262-04-11 23:47:16.854775807 +0000 UTC");
    const far = time.unix(1n << 40n, 0);
    assert.equal(far.sub(time.unix(-(1n << 40n), 0)), 2 ** 63);
    assert.equal(time.unix(-(1n << 40n), 0).sub(far), -(2 ** 63));
  });

  // Expectations printed by Go 1.23 (faketime, a Time from Now at m=+0.000000001; the same cases are the
  // conformance program time_add_monotonic_range).
  test("add keeps the monotonic reading past 2^53 ns, exactly, while the wall clock is within 1885..2157", async () => {
    await runFake(1, () => {
      const t = time.now();
      const day = 24 * time.Hour;
      const u = t.add(200 * day); // 1.728e16 ns > 2^53
      assert.equal(String(u), "2010-05-29 23:00:00 +0000 UTC m=+17280000.000000001");
      assert.equal(u.sub(t), 200 * day);
      Time.checkMono(u);
      const a = t.add(1n << 53n);
      const b = t.add((1n << 53n) + 1n);
      assert.equal(String(a), "2010-02-23 04:59:59.254740992 +0000 UTC m=+9007199.254740993");
      assert.equal(String(b), "2010-02-23 04:59:59.254740993 +0000 UTC m=+9007199.254740994");
      assert.deepEqual(
        [b.sub(a), a.sub(b), a.compare(b), b.compare(a), b.equal(a.add(1))],
        [1, -1, -1, 1, true],
      );
      const back = u.add(-BigInt(200 * day) + 1n);
      assert.equal(String(back), "2009-11-10 23:00:00.000000001 +0000 UTC m=+0.000000002");
      assert.equal(back.monoBig, null, "back within 2^53: a plain number again");
      assert.equal(back.sub(t), 1);
      Time.checkMono(back);
      assert.equal(String(t.add(2 ** 60)), "2046-05-24 22:58:24.606846976 +0000 UTC m=+1152921504.606846977");
      assert.equal(
        String(t.add(-(2 ** 60))),
        "1973-04-29 23:01:35.393153024 +0000 UTC m=-1152921504.606846975",
      );
    });
  });

  test("Time.checkMono (w4) rejects each broken form", () => {
    const wall = 1257894000000000000n;
    for (const [bad, msg] of [
      [new Time(wall, 0, 0, time.UTC, 5n), /monoBig without a monotonic reading/],
      [new Time(-2682288000n * 1_000_000_000n - 1n, 1, 1, time.UTC), /outside 1885\.\.2157/],
      [new Time(wall, 2 ** 60, 1, time.UTC), /inexact mono/],
      [new Time(wall, 5, 1, time.UTC, 5n), /is a safe integer/],
      [new Time(wall, 2 ** 64, 1, time.UTC, 1n << 64n), /outside int64/],
      [new Time(wall, 0, 1, time.UTC, 1n << 60n), /is not monoBig's number/],
    ] as const) {
      assert.throws(() => Time.checkMono(bad), msg);
    }
    Time.checkMono(new Time(wall, 2 ** 60, 1, time.UTC, 1n << 60n));
  });

  test("a real-clock Time keeps its wall clock lazily (w5): exact when read, checked by checkMono", async () => {
    const rt = new Runtime();
    await rt.run(async () => {
      const before = BigInt(Date.now()) * 1_000_000n;
      const t = time.now();
      const tick = await time.after(2 * time.Millisecond).recv();
      const after = BigInt(Date.now()) * 1_000_000n;
      for (const x of [t, tick]) {
        Time.checkMono(x);
        const w = x.unixNano(); // the first read makes the bigint
        assert.ok(w % 1_000_000n === 0n || x === tick, "now() reads whole ms");
        assert.ok(w >= before - 10n * 1_000_000n && w <= after, `${w} in [${before}, ${after}]`);
        Time.checkMono(x); // made: an eager Time's fields
        assert.equal(x.unixNano(), w);
        assert.deepStrictEqual(
          x,
          new Time(w, x.mono, x.monoClock, time.Local),
          "field for field an eager Time",
        );
      }
      // Comparisons and arithmetic read the same wall clock as an eager Time of that instant.
      const eager = new Time(t.unixNano(), 0, 0, time.Local);
      assert.ok(eager.equal(t));
      assert.equal(t.round(0).unixNano(), t.unixNano());
      assert.equal(tick.sub(t) >= 2 * time.Millisecond, true);
      // A timer's value is the instant it was due: `delay` ns before the clock read now.
      const delay = 123_456_789;
      const ms0 = BigInt(Date.now());
      const late = Time.onClock(schedOf(rt), delay);
      const ms1 = BigInt(Date.now());
      const w = late.unixNano();
      assert.ok(w >= ms0 * 1_000_000n - BigInt(delay) && w <= ms1 * 1_000_000n - BigInt(delay), String(w));
      Time.checkMono(late);
    });
    rt.stop();
  });

  test("a frozen real-clock Time reads as any other (its lazy wall clock is computed, not stored)", async () => {
    const rt = new Runtime();
    await rt.run(async () => {
      const t: Time = Object.freeze(time.now()) as Time;
      const u = new Time(t.unixNano(), 0, 0, time.Local);
      assert.equal(t.unixNano(), u.unixNano());
      assert.equal(String(t).split(" m=")[0], String(u));
      assert.ok(t.equal(u));
      Time.checkMono(t);
    });
    rt.stop();
  });

  test("Time.checkMono (w5) rejects a corrupt lazy wall clock", async () => {
    const rt = new Runtime();
    await rt.run(() => {
      for (const [field, value, msg] of [
        ["wMs", 1.5, /lazy wall ms/],
        ["wMs", 9e15, /lazy wall ms/],
        ["wSub", -1, /lazy wall sub/],
        ["wSub", 1e15, /lazy wall sub/],
      ] as const) {
        const t = time.now() as unknown as Record<string, number>;
        t[field] = value;
        assert.throws(() => Time.checkMono(t as unknown as Time), msg);
      }
      const t = time.now();
      void t.unixNano();
      (t as unknown as Record<string, number>).wSub = 7;
      assert.throws(() => Time.checkMono(t), /w5: a Time with wall .* keeps lazy fields/);
    });
    rt.stop();
  });

  test("add drops the monotonic reading one ns outside 1885-01-01 .. 2157-03-16 12:56:31.999999999 UTC", async () => {
    await runFake(1, () => {
      const t = time.now();
      const lo = time.date(1885, time.January, 1, 0, 0, 0, 0, time.UTC).unixNano() - t.unixNano();
      const hi = time.date(2157, time.March, 16, 12, 56, 32, 0, time.UTC).unixNano() - t.unixNano() - 1n;
      assert.equal(String(t.add(lo)), "1885-01-01 00:00:00 +0000 UTC m=-3940181999.999999999");
      assert.equal(String(t.add(lo - 1n)), "1884-12-31 23:59:59.999999999 +0000 UTC");
      assert.equal(String(t.add(hi)), "2157-03-16 12:56:31.999999999 +0000 UTC m=+4649752592.000000000");
      assert.equal(String(t.add(hi + 1n)), "2157-03-16 12:56:32 +0000 UTC");
      for (const d of [lo, lo - 1n, hi, hi + 1n]) Time.checkMono(t.add(d));
      // Stripped past 2157 and back: sub and equal use the wall clock.
      const far = t.add(150 * 365 * 24 * time.Hour).add(-150 * 365 * 24 * time.Hour);
      assert.equal(String(far), "2009-11-10 23:00:00 +0000 UTC");
      assert.equal(far.sub(t), 0);
      assert.ok(far.equal(t));
      // Go's Add(MaxInt64) leaves the range too (2302): no reading.
      assert.equal(String(t.add(maxInt64)), "2302-02-20 22:47:16.854775807 +0000 UTC");
    });
  });

  test("a fake epoch outside 1885..2157 gives Times without a monotonic reading (Go's Now)", async () => {
    const lo = -2682288000n * 1_000_000_000n; // 1885-01-01 00:00:00 UTC
    const hi = 5907646592n * 1_000_000_000n - 1n; // 2157-03-16 12:56:31.999999999 UTC
    for (const [epoch, want] of [
      [lo - 1n, "1884-12-31 23:59:59.999999999 +0000 UTC"],
      [lo, "1885-01-01 00:00:00 +0000 UTC m=+0.000000001"],
      [hi, "2157-03-16 12:56:31.999999999 +0000 UTC m=+0.000000001"],
      [hi + 1n, "2157-03-16 12:56:32 +0000 UTC"],
    ] as const) {
      const rt = new Runtime({ clock: "fake", fakeEpoch: epoch });
      await rt.run(() => {
        const t = time.now();
        Time.checkMono(t);
        assert.equal(String(t), want);
      });
    }
  });

  test("add validates its Duration", () => {
    assert.throws(() => time.unix(0).add(Number.NaN), TypeError);
  });
});

describe("Time conversions and format", () => {
  test("toString follows Go's '2006-01-02 15:04:05.999999999 -0700 MST' in UTC", () => {
    assert.equal(String(time.unix(1257894000, 0)), "2009-11-10 23:00:00 +0000 UTC");
    assert.equal(String(new time.Time()), "0001-01-01 00:00:00 +0000 UTC");
    assert.equal(String(time.unix(-1, 5)), "1969-12-31 23:59:59.000000005 +0000 UTC");
    assert.equal(String(time.unix(253402300800, 0)), "10000-01-01 00:00:00 +0000 UTC");
    assert.equal(String(time.unix(-62135596801, 0)), "0000-12-31 23:59:59 +0000 UTC");
    assert.equal(String(time.unix(0, 123456780)), "1970-01-01 00:00:00.12345678 +0000 UTC");
  });

  test("the zero Time", () => {
    const z = new time.Time();
    assert.ok(z.isZero());
    assert.ok(!time.unix(0, 0).isZero());
    assert.equal(z.unix(), -62135596800);
  });

  test("unix normalises nsec and floors negative times", () => {
    assert.equal(time.unix(1, -1).unixNano(), 999999999n);
    assert.equal(time.unix(0, 2_500_000_000).unix(), 2);
    assert.equal(time.unix(-1, 999_999_999).unixMilli(), -1);
    assert.equal(time.unix(-1, 0).unix(), -1);
    assert.equal(time.unix(1n, 5n).unixNano(), 1000000005n);
    assert.throws(() => time.unix(1.5), TypeError);
    assert.throws(() => time.unix(0, Number.NaN), TypeError);
  });

  test("toDate keeps milliseconds", () => {
    assert.equal(time.unix(0, 1_999_999).toDate().getTime(), 1);
    assert.equal(time.unix(-1, 999_999_999).toDate().getTime(), -1);
  });

  test("round and truncate work from the zero time and drop the monotonic reading (Go's results)", async () => {
    assert.equal(time.unix(0, 1_500_000).round(time.Millisecond).unixNano(), 2000000n);
    assert.equal(time.unix(0, 1_700_000).truncate(time.Millisecond).unixNano(), 1000000n);
    assert.equal(String(time.unix(0, 7).round(3)), "1970-01-01 00:00:00.000000006 +0000 UTC");
    assert.equal(String(time.unix(1, 0).round(7 * time.Second)), "1970-01-01 00:00:03 +0000 UTC");
    assert.equal(String(time.unix(1, 0).truncate(7 * time.Second)), "1969-12-31 23:59:56 +0000 UTC");
    assert.equal(String(time.unix(-5, 0).round(time.Hour)), "1970-01-01 00:00:00 +0000 UTC");
    await runFake(1, () => {
      const t = time.now();
      assert.equal(String(t.round(0)), "2009-11-10 23:00:00 +0000 UTC");
      assert.equal(String(t.truncate(-1)), "2009-11-10 23:00:00 +0000 UTC");
      assert.equal(String(t.round(time.Hour)), "2009-11-10 23:00:00 +0000 UTC");
    });
  });

  test("util.inspect prints Go's String form, as fmt.Println does", async () => {
    const { inspect } = await import("node:util");
    assert.equal(inspect(time.unix(0, 0).utc()), "1970-01-01 00:00:00 +0000 UTC");
  });
});

describe("goString, marshalText, unmarshalText (Go's GoString and text encoding)", () => {
  test("goString: months by name, UTC/Local/named locations, no monotonic reading", async () => {
    const t = time.date(2009, time.November, 10, 23, 4, 5, 6, time.UTC);
    assert.equal(t.goString(), "time.Date(2009, time.November, 10, 23, 4, 5, 6, time.UTC)");
    assert.equal(
      t.in(time.fixedZone("A\nB", 3600)).goString(),
      'time.Date(2009, time.November, 11, 0, 4, 5, 6, time.Location("A\\x0aB"))',
    );
    assert.equal(new Time().goString(), "time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)");
    await runFake(1, async () => {
      const now = time.now();
      assert.match(String(now), / m=\+/);
      assert.equal(now.goString(), "time.Date(2009, time.November, 10, 23, 0, 0, 0, time.Local)");
    });
  });

  test("marshalText writes toJSON's form with MarshalText's errors; unmarshalText reads it back", () => {
    const t = time.date(2024, time.March, 10, 3, 30, 0, 120, time.loadLocation("America/New_York"));
    const s = t.marshalText();
    assert.equal(s, "2024-03-10T03:30:00.00000012-04:00");
    assert.equal(s, t.toJSON());
    const back = time.Time.unmarshalText(s);
    assert.ok(back.equal(t));
    assert.throws(() => time.date(10000, 1, 1, 0, 0, 0, 0, time.UTC).marshalText(), {
      message: "Time.MarshalText: year outside of range [0,9999]",
    });
    assert.throws(() => time.Time.unmarshalText("2009-11-10"), time.ParseError);
    assert.throws(() => time.Time.unmarshalText(5 as unknown as string), TypeError);
  });
});
