// performance.now, performance.timeOrigin and process.hrtime in a bubble (docs/design/bubbles.md §3): on
// the bubble's clock inside, starting from the host's reading at the bubble's start; real outside, even
// while a bubble is alive.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { io, time } from "../../../src/index.ts";
import { hostHrtime, hostPerfNow } from "../../../src/internal/host.ts";
import * as synctest from "../../../src/synctest.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("performance.now in a bubble", () => {
  test("starts at the host's reading at the bubble's start, truncated to a whole number > 0, then follows virtual time", async () => {
    const before = Math.trunc(hostPerfNow());
    const got = await synctest.run(async () => {
      const start = performance.now();
      await sleep(1500);
      const later = performance.now();
      await time.sleep(250 * time.Microsecond);
      return { start, later, frac: performance.now() - start };
    });
    const after = hostPerfNow();
    assert.ok(Number.isInteger(got.start) && got.start >= 1, `starts at ${got.start}`);
    assert.ok(got.start >= before && got.start <= after, `${before} <= ${got.start} <= ${after}`);
    assert.equal(got.later - got.start, 1500);
    assert.equal(got.frac, 1500.25);
  });

  test("a TTL cache that takes a 0 timestamp for 'unset' expires its entries (it never did when the bubble's performance.now started at 0)", async () => {
    class TtlCache {
      private readonly starts = new Map<string, number>();
      constructor(private readonly ttl: number) {}
      set(k: string) {
        this.starts.set(k, performance.now());
      }
      isStale(k: string) {
        const start = this.starts.get(k);
        return !!start && performance.now() - start > this.ttl; // as lru-cache does: !start means "no TTL"
      }
    }
    const stale = await synctest.run(async () => {
      const c = new TtlCache(1000);
      c.set("a");
      const fresh = c.isStale("a");
      await sleep(1001);
      return [fresh, c.isStale("a")];
    });
    assert.deepEqual(stale, [false, true]);
  });

  test("performance.timeOrigin + performance.now() is Date.now() inside; timeOrigin is the host's outside", async () => {
    const outside = performance.timeOrigin;
    const got = await synctest.run(async () => {
      const a = performance.timeOrigin + performance.now() - Date.now();
      await sleep(12_345);
      return [a, performance.timeOrigin + performance.now() - Date.now()];
    });
    assert.deepEqual(got, [0, 0]);
    assert.equal(performance.timeOrigin, outside);
  });
});

describe("process.hrtime in a bubble", () => {
  test("hrtime.bigint() advances exactly with virtual time", async () => {
    const got = await synctest.run(async () => {
      const t0 = process.hrtime.bigint();
      await sleep(1500);
      const d1 = process.hrtime.bigint() - t0;
      await time.sleep(time.Nanosecond * 7);
      return [d1, process.hrtime.bigint() - t0];
    });
    assert.deepEqual(got, [1_500_000_000n, 1_500_000_007n]);
  });

  test("process.hrtime kept from before the bubble: its .bigint() reads the bubble's clock (Effect's Clock)", async () => {
    const kept = process.hrtime; // as a library keeps it at load, calling kept.bigint() later
    const outside = kept.bigint();
    const got = await synctest.run(async () => {
      const t0 = kept.bigint();
      await sleep(600);
      return [kept.bigint() - t0, process.hrtime.bigint() - t0];
    });
    assert.deepEqual(got, [600_000_000n, 600_000_000n]);
    // and the host's again after the bubble
    assert.equal(process.hrtime, kept);
    assert.ok(kept.bigint() >= outside);
  });

  test("hrtime() and hrtime(prev): [seconds, nanoseconds], the diff form borrowing as Node's does", async () => {
    const got = await synctest.run(async () => {
      const a = process.hrtime();
      const b = process.hrtime.bigint();
      const same = BigInt(a[0]) * 1_000_000_000n + BigInt(a[1]) === b;
      await sleep(1500);
      const d1 = process.hrtime(a);
      const p = process.hrtime();
      await sleep(900);
      const d2 = process.hrtime(p);
      await sleep(200);
      const d3 = process.hrtime(p);
      // a prev whose ns part is larger than now's: the diff borrows a second
      const q = process.hrtime();
      const d4 = process.hrtime([q[0] - 1, 999_999_999]);
      const total = 1e9 + q[1] - 999_999_999;
      const want4 = [Math.floor(total / 1e9), total % 1e9];
      return { same, d1, d2, d3, d4, want4 };
    });
    assert.equal(got.same, true);
    assert.deepEqual(got.d1, [1, 500_000_000]);
    assert.deepEqual(got.d2, [0, 900_000_000]);
    assert.deepEqual(got.d3, [1, 100_000_000]);
    assert.deepEqual(got.d4, got.want4);
  });

  test("hrtime with a bad argument throws Node's own error", async () => {
    await synctest.run(() => {
      assert.throws(() => process.hrtime([1] as unknown as [number, number]), { code: "ERR_OUT_OF_RANGE" });
      assert.throws(() => process.hrtime("x" as unknown as [number, number]), {
        code: "ERR_INVALID_ARG_TYPE",
      });
    });
  });

  test("outside code keeps the real clocks while a bubble is alive", async () => {
    let release!: () => void;
    const outsideDone = new Promise<void>((r) => (release = r));
    let insideHr = 0n;
    let insidePerf = 0;
    const bubble = synctest.run(async () => {
      await time.sleep(time.Hour);
      insideHr = process.hrtime.bigint();
      insidePerf = performance.now();
      await io(outsideDone); // the bubble stays alive until the outside checks are done
    });
    while (insideHr === 0n) await new Promise((r) => setImmediate(r));
    // The bubble is an hour ahead; code outside it reads the host's clocks.
    const h0 = hostHrtime();
    const hr = process.hrtime.bigint();
    const hr2 = process.hrtime();
    const h1 = hostHrtime();
    const p0 = hostPerfNow();
    const perf = performance.now();
    const p1 = hostPerfNow();
    release();
    await bubble;
    assert.ok(h0 <= hr && hr <= h1, "hrtime.bigint is the host's outside");
    const hr2n = BigInt(hr2[0]) * 1_000_000_000n + BigInt(hr2[1]);
    assert.ok(h0 <= hr2n && hr2n <= h1, "hrtime() is the host's outside");
    assert.ok(p0 <= perf && perf <= p1, "performance.now is the host's outside");
    assert.ok(insideHr - h0 > 3_000_000_000_000n, "inside, an hour of virtual time had passed");
    assert.ok(insidePerf - p0 > 3_000_000, "inside, an hour of virtual time had passed");
  });
});

/** ICU's spaces (a narrow no-break space before AM in newer versions) as plain ones. */
const plain = (s: string) => s.replace(/\s/g, " ");

describe("the other readers of the current time in a bubble", () => {
  test("performance.mark and measure without explicit times, and process.uptime, follow the bubble's clock", async () => {
    const got = await synctest.run(async () => {
      const p0 = performance.now();
      const u0 = process.uptime();
      const a = performance.mark("gort-a");
      await sleep(3_600_000);
      const out = {
        markAt: a.startTime - p0,
        sinceMark: performance.measure("gort-since-a", "gort-a").duration,
        fromStart: performance.measure("gort-start-to-now").duration - performance.now(),
        withStart: performance.measure("gort-opts", { start: "gort-a" }).duration,
        explicit: performance.mark("gort-b", { startTime: 5 }).startTime,
        uptime: Math.round(process.uptime() - u0),
      };
      performance.clearMarks();
      performance.clearMeasures();
      return out;
    });
    assert.deepEqual(got, {
      markAt: 0,
      sinceMark: 3_600_000,
      fromStart: 0,
      withStart: 3_600_000,
      explicit: 5,
      uptime: 3600,
    });
  });

  test("Intl.DateTimeFormat's format() and formatToParts() without a date format the bubble's now", async () => {
    const fmt = new Intl.DateTimeFormat("en-US", {
      timeZone: "UTC",
      dateStyle: "short",
      timeStyle: "medium",
    });
    const got = await synctest.run(async () => {
      await sleep(90 * 60_000);
      const parts = fmt
        .formatToParts()
        .map((p) => p.value)
        .join("");
      return {
        format: plain(fmt.format()),
        parts: plain(parts),
        same: Object.is(Reflect.get(fmt, "format"), fmt.format), // the same function at each read, as on the host
        explicit: plain(fmt.format(0)),
      };
    });
    // The bubble's epoch is 2000-01-01T00:00:00Z.
    assert.deepEqual(got, {
      format: "1/1/00, 1:30:00 AM",
      parts: "1/1/00, 1:30:00 AM",
      same: true,
      explicit: "1/1/70, 12:00:00 AM",
    });
    assert.notEqual(plain(fmt.format()), "1/1/00, 1:30:00 AM", "outside, the host's now");
  });

  test("Temporal.Now reads the bubble's clock (Node 26+; skipped where there is no Temporal)", async (t) => {
    type Now = {
      instant(): { epochMilliseconds: number };
      plainTimeISO(tz?: string): { toString(): string };
    };
    const temporal = (globalThis as { Temporal?: { Now: Now } }).Temporal;
    if (temporal === undefined) {
      t.diagnostic("no Temporal in this Node");
      return;
    }
    const got = await synctest.run(async () => {
      await sleep(2 * 3_600_000 + 5);
      return [temporal.Now.instant().epochMilliseconds, temporal.Now.plainTimeISO("UTC").toString()];
    });
    assert.deepEqual(got, [946_684_800_000 + 7_200_005, "02:00:00.005"]);
  });
});

describe("Date's identity in a bubble", () => {
  test("new Date().constructor and Date.prototype.constructor are Date, inside and after", async () => {
    const host = Date;
    const inside = await synctest.run(() => [
      new Date().constructor === Date,
      Date.prototype.constructor === Date,
      new Date() instanceof Date,
      new host() instanceof Date,
      Object.keys(Date.prototype).includes("constructor"), // stays non-enumerable
    ]);
    assert.deepEqual(inside, [true, true, true, true, false]);
    assert.equal(Date, host);
    assert.equal(Date.prototype.constructor, host);
  });
});
