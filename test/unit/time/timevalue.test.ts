// Time: now/since/until on a runtime's clock, arithmetic and comparison (monotonic vs wall), conversions,
// Go's String format, round/truncate, unix(). Format and rounding expectations were checked against Go 1.23.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Runtime } from "../../../src/index.ts";
import * as time from "../../../src/time.ts";
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
    const a = time.now();
    const ms = a.unixMilli();
    assert.ok(Math.abs(ms - Date.now()) < 1000, `${ms} vs ${Date.now()}`);
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

  test("add beyond the monotonic range drops the monotonic reading; sub clamps to int64", () => {
    const t = time.unix(0, 0);
    assert.equal(String(t.add(maxInt64)), "2262-04-11 23:47:16.854775807 +0000 UTC");
    const far = time.unix(1n << 40n, 0);
    assert.equal(far.sub(time.unix(-(1n << 40n), 0)), 2 ** 63);
    assert.equal(time.unix(-(1n << 40n), 0).sub(far), -(2 ** 63));
    const n = time.now();
    assert.ok(String(n.add(2 ** 60)).indexOf("m=") < 0);
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
