// synctest bubbles: the fake clock, its epoch, when it moves, and which code sees it.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os, { hostname as namedHostname } from "node:os";
import { describe, test } from "node:test";
import * as timers from "node:timers";
import {
  setInterval as every,
  setImmediate as immediateP,
  scheduler,
  setTimeout as sleepP,
} from "node:timers/promises";
import { promisify } from "node:util";
import { chan, go, io, time } from "../../../src/index.ts";
import { hostHrtime, hostSetTimeout } from "../../../src/internal/host.ts";
import { getg } from "../../../src/internal/runtime/getg.ts";
import * as synctest from "../../../src/synctest.ts";

/** Go's synctest epoch, 2000-01-01T00:00:00Z, in ms. */
const epochMs = 946684800000;
/** Virtual ms since the bubble started. */
const vnow = () => Date.now() - epochMs;
// hostSetTimeout (gort's captured host setTimeout) stands for real I/O: a promise no bubble owns.

describe("the bubble's clock", () => {
  test("starts at Go's synctest epoch, 2000-01-01T00:00:00Z, on every clock", async () => {
    const got = await synctest.run(() => ({
      dateNow: Date.now(),
      iso: new Date().toISOString(),
      str: typeof Date(),
      perf: Number.isInteger(performance.now()) && performance.now() >= 1, // §3: the host's, truncated
      gort: time.now().unixMilli(),
      epochConst: synctest.epochUnixNano,
    }));
    assert.deepEqual(got, {
      dateNow: epochMs,
      iso: "2000-01-01T00:00:00.000Z",
      str: "string",
      perf: true,
      gort: epochMs,
      epochConst: 946684800000000000n,
    });
  });

  test("setTimeout, setInterval, time.sleep and timers fire at exact virtual times", async () => {
    const log = await synctest.run(async () => {
      const out: string[] = [];
      const at = (what: string) => out.push(`${what}@${vnow()}`);
      setTimeout(() => at("timeout 1500"), 1500);
      let n = 0;
      const iv = setInterval(() => {
        at("interval");
        if (++n === 3) clearInterval(iv);
      }, 400);
      const done = chan<void>();
      go(async () => {
        await time.sleep(1250 * time.Millisecond);
        at("goroutine slept 1.25s");
        await done.send();
      });
      time.afterFunc(999 * time.Millisecond, () => at("afterFunc 999"));
      await done.recv();
      await new Promise((r) => setTimeout(r, 1000));
      at("end");
      return out;
    });
    assert.deepEqual(log, [
      "interval@400",
      "interval@800",
      "afterFunc 999@999",
      "interval@1200",
      "goroutine slept 1.25s@1250",
      "timeout 1500@1500",
      "end@2250",
    ]);
  });

  test("a day passes in no real time", async () => {
    // Counted, not timed: the day and the hour pass as two clock jumps of the bubble's scheduler, one per
    // timer (a real wait would be no jump at all). The host timer is a hang guard only: a bubble that
    // waited for real time would take 25 hours.
    let guard: ReturnType<typeof hostSetTimeout> | undefined;
    const hung = new Promise<never>((_, reject) => {
      guard = hostSetTimeout(() => reject(new Error("the bubble waited in real time")), 60_000);
    });
    const [virtual, jumps] = await Promise.race([
      hung,
      synctest.run(async () => {
        const stats = getg()!.rt.stats;
        const j0 = stats.jumps;
        await time.sleep(24 * time.Hour);
        await new Promise((r) => setTimeout(r, 3_600_000));
        return [vnow(), stats.jumps - j0];
      }),
    ]).finally(() => clearTimeout(guard));
    assert.equal(virtual, 25 * 3_600_000);
    assert.equal(jumps, 2, `${jumps} clock jumps`);
  });

  test("every scoped fake reads the bubble's clock: Date, performance.now, AbortSignal.timeout, timers/promises, node:timers, util.promisify", async () => {
    const log = await synctest.run(async () => {
      const out: string[] = [];
      const perf0 = performance.now();
      const at = (what: string) => out.push(`${what}@${vnow()}/${performance.now() - perf0}`);
      await sleepP(10);
      at("timers/promises setTimeout");
      assert.equal(await sleepP(5, "value"), "value");
      at("setTimeout value");
      await immediateP();
      at("timers/promises setImmediate");
      await scheduler.wait(20);
      at("scheduler.wait");
      await promisify(setTimeout)(30);
      at("util.promisify(setTimeout)");
      await new Promise((r) => timers.setTimeout(r, 40));
      at("node:timers setTimeout");
      const cjs = createRequire(import.meta.url)("node:timers") as typeof timers;
      await new Promise((r) => cjs.setTimeout(r, 50));
      at("require('timers').setTimeout");
      const signal = AbortSignal.timeout(100);
      const reason = await new Promise<unknown>((r) =>
        signal.addEventListener("abort", () => r(signal.reason)),
      );
      assert.equal((reason as DOMException).name, "TimeoutError");
      at("AbortSignal.timeout");
      let i = 0;
      for await (const v of every(25, "tick")) {
        assert.equal(v, "tick");
        at(`setInterval iterator ${++i}`);
        if (i === 2) break;
      }
      assert.equal(new Date(2020, 0, 1).getFullYear(), 2020, "Date with arguments is a plain Date");
      assert.ok(new Date() instanceof Date);
      return out;
    });
    assert.deepEqual(log, [
      "timers/promises setTimeout@10/10",
      "setTimeout value@15/15",
      "timers/promises setImmediate@15/15",
      "scheduler.wait@35/35",
      "util.promisify(setTimeout)@65/65",
      "node:timers setTimeout@105/105",
      "require('timers').setTimeout@155/155",
      "AbortSignal.timeout@255/255",
      "setInterval iterator 1@280/280",
      "setInterval iterator 2@305/305",
    ]);
  });

  test("the fake Date has the real one's own statics (UTC, parse, now), so code listing or copying them finds them", async () => {
    const real = Object.getOwnPropertyNames(Date).sort();
    const inBubble = await synctest.run(() => ({
      names: Object.getOwnPropertyNames(Date).sort(),
      utc: Date.UTC(2020, 0, 2),
      parsed: Date.parse("2020-01-02T00:00:00Z"),
    }));
    assert.deepEqual(inBubble.names, real);
    assert.equal(inBubble.utc, 1577923200000);
    assert.equal(inBubble.parsed, 1577923200000);
  });

  test("timers/promises calls abort like Node's (AbortError, cause = the signal's reason)", async () => {
    await synctest.run(async () => {
      const ac = new AbortController();
      const p = sleepP(1000, undefined, { signal: ac.signal });
      setTimeout(() => ac.abort("stop"), 10);
      await assert.rejects(p, (e: Error & { code?: string; cause?: unknown }) => {
        assert.equal(e.name, "AbortError");
        assert.equal(e.code, "ABORT_ERR");
        assert.equal(e.cause, "stop");
        return true;
      });
      assert.equal(vnow(), 10);
    });
  });

  test("time moves only when every goroutine is blocked and microtasks drained, never by wall clock", async () => {
    const log = await synctest.run(async () => {
      const out: string[] = [];
      go(async () => {
        await time.sleep(time.Millisecond);
        out.push(`sleeper woke @${vnow()}`);
      });
      // A long chain of microtasks and a burst of real CPU time: the 1 ms timer must not fire meanwhile.
      for (let i = 0; i < 20_000; i++) await null;
      const spinUntil = performance.now(); // the bubble's clock: it does not move while we spin
      const hr0 = process.hrtime.bigint(); // the bubble's too
      const real = Date.now;
      const wallStart = hostHrtime();
      while (hostHrtime() - wallStart < 30_000_000n) {} // 30 ms of real time
      out.push(
        `busy done @${vnow()} perf ${performance.now() - spinUntil} hr ${process.hrtime.bigint() - hr0} (${typeof real})`,
      );
      await time.sleep(2 * time.Millisecond);
      out.push(`main woke @${vnow()}`);
      return out;
    });
    assert.deepEqual(log, ["busy done @0 perf 0 hr 0 (function)", "sleeper woke @1", "main woke @2"]);
  });

  test("a goroutine awaiting a foreign promise (real I/O) holds time still; io() does too", async () => {
    const file = new URL(import.meta.url);
    const log = await synctest.run(async () => {
      const out: string[] = [];
      const done = chan<void>(2);
      go(async () => {
        await time.sleep(time.Millisecond);
        out.push(`sleeper @${vnow()}`);
        await done.send();
      });
      go(async () => {
        const text = await readFile(file, "utf8"); // a plain await of real I/O
        out.push(`plain read ${text.length > 0} @${vnow()}`);
        const real = await io(new Promise<string>((r) => hostSetTimeout(() => r("ok"), 5)));
        out.push(`io ${real} @${vnow()}`);
        await done.send();
      });
      await done.recv();
      await done.recv();
      return out;
    });
    // Time stood at 0 until the reader finished its I/O; only then did the 1 ms sleeper wake.
    assert.deepEqual(log, ["plain read true @0", "io ok @0", "sleeper @1"]);
  });

  test("code outside the bubble keeps real time while the bubble advances days", async () => {
    const epochYear = 2000;
    const t0 = performance.now();
    const d0 = Date.now();
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(new Date().getFullYear()), 2);
    const outside = new Promise<[number, number]>((r) =>
      setTimeout(() => r([performance.now() - t0, Date.now() - d0]), 20),
    );
    const virtualDays = await synctest.run(async () => {
      for (let h = 0; h < 72; h++) {
        await time.sleep(time.Hour);
        // Real I/O in the middle keeps the bubble alive for a while in real time.
        if (h === 36) await io(new Promise((r) => hostSetTimeout(r, 30)));
      }
      return vnow() / 86_400_000;
    });
    const [realElapsed, dateElapsed] = await outside;
    clearInterval(sampler);
    assert.equal(virtualDays, 3);
    assert.ok(realElapsed >= 19, `outside setTimeout(20) fired after ${realElapsed} ms`);
    // The upper bound only tells the real clock from the bubble's (days ahead); a loaded machine can run
    // the outside setTimeout(20) seconds late.
    assert.ok(dateElapsed >= 19 && dateElapsed < 3_600_000, `outside Date moved ${dateElapsed} ms`);
    assert.ok(samples.length > 0, "the outside interval ran while the bubble was alive");
    assert.ok(
      samples.every((y) => y > epochYear + 20),
      `outside saw the real year: ${samples.join(",")}`,
    );
    assert.ok(Date.now() > d0, "Date is real again after the bubble");
    assert.equal(typeof setTimeout(() => {}, 0).unref, "function");
  });

  test("goroutines of a bubble and their channels work with procs > 1, on the same clock", async () => {
    const got = await synctest.run(
      async () => {
        const c = chan<number>();
        for (let i = 1; i <= 4; i++)
          go(async () => {
            await time.sleep(i * 100 * time.Millisecond);
            await c.send(vnow());
          });
        const out: number[] = [];
        for (let i = 0; i < 4; i++) out.push((await c.recv())!);
        return out;
      },
      { procs: 4 },
    );
    assert.deepEqual(got, [100, 200, 300, 400]);
  });

  test("after the bubble, the globals are the host's again (the timer functions: the load-time wrappers)", async () => {
    const before = {
      setTimeout,
      Date,
      now: performance.now,
      timeout: AbortSignal.timeout,
      nextTick: process.nextTick,
      hrtime: process.hrtime,
      hrtimeBigint: process.hrtime.bigint,
      timeOrigin: Object.getOwnPropertyDescriptor(performance, "timeOrigin"),
    };
    const req = createRequire(import.meta.url);
    await synctest.run(() => {
      assert.notEqual(globalThis.Date, before.Date);
      // The timer functions are the wrappers gort/synctest put in place at import, inside and out.
      assert.equal(globalThis.setTimeout, before.setTimeout);
      // one wrapper for the global and node:timers' function, as on the host they are one function
      for (const n of ["setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval"] as const)
        assert.equal(globalThis[n], (req("node:timers") as typeof timers)[n], n);
    });
    assert.equal(globalThis.setTimeout, before.setTimeout);
    assert.equal(globalThis.Date, before.Date);
    assert.equal(performance.now, before.now);
    assert.equal(AbortSignal.timeout, before.timeout);
    assert.equal(process.nextTick, before.nextTick);
    assert.equal(process.hrtime, before.hrtime);
    assert.equal(process.hrtime.bigint, before.hrtimeBigint);
    assert.deepEqual(Object.getOwnPropertyDescriptor(performance, "timeOrigin"), before.timeOrigin);
  });

  test("a bubble leaves other builtins' ES named imports alone: a CommonJS export replaced without syncing stays out of them", async () => {
    // as msw patches http.get: Node's ES named imports see it only after syncBuiltinESMExports()
    const real = os.hostname;
    const fake = () => "patched";
    os.hostname = fake;
    try {
      await synctest.run(() => {
        assert.equal(namedHostname, real);
      });
      assert.equal(namedHostname, real);
    } finally {
      os.hostname = real;
    }
  });

  test("fakeGlobals: false leaves setTimeout real inside (gort's own time stays virtual)", async () => {
    const t0 = performance.now();
    const v = await synctest.run(
      async () => {
        await new Promise((r) => setTimeout(r, 15));
        await time.sleep(time.Hour);
        return (time.now().unixMilli() - epochMs) / 3_600_000;
      },
      { fakeGlobals: false },
    );
    assert.ok(performance.now() - t0 >= 14);
    assert.equal(v, 1);
  });
});

describe("the host loop keeps turning while virtual time runs", () => {
  // Clock jumps wait for the microtask queue through process.nextTick, which never lets the event loop
  // turn; one jump in 256 goes through a real macrotask instead (host.ts hostAfterDrain). Without that, a
  // long virtual timeline would starve real timers, I/O and every other macrotask until it ended.
  test("a real setImmediate queued when 20,000 clock jumps start runs long before they end", async () => {
    let jumps = 0;
    let seenAt = -1;
    const outside = new Promise<void>((resolve) =>
      setImmediate(() => {
        seenAt = jumps;
        resolve();
      }),
    );
    await synctest.run(async () => {
      for (let i = 0; i < 20_000; i++) {
        await time.sleep(time.Millisecond);
        jumps++;
      }
    });
    await outside;
    assert.ok(seenAt >= 0 && seenAt <= 600, `the outside immediate ran after ${seenAt} of 20000 jumps`);
  });
});
