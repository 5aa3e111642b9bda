// sleep under the fake clock, at 1 and 4 Ps: exact durations, ordering of concurrent sleepers, d <= 0
// returns without yielding, huge durations, AbortSignal, argument errors as rejections.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chan, go } from "../../../src/index.ts";
import * as time from "../../../src/time.ts";
import { maxInt64, minInt64, PROCS, runFake, stopwatch } from "./helpers.ts";

const ms = time.Millisecond;

for (const procs of PROCS) {
  describe(`sleep (GOMAXPROCS=${procs})`, () => {
    test("sleeps exactly d of virtual time", async () => {
      await runFake(procs, async () => {
        const sw = stopwatch();
        await time.sleep(ms);
        assert.equal(sw.elapsed(), ms);
        await time.sleep(1);
        assert.equal(sw.elapsed(), ms + 1);
        await time.sleep(3n * BigInt(time.Hour));
        assert.equal(sw.elapsed(), ms + 1 + 3 * time.Hour);
      });
    });

    test("concurrent sleepers wake in deadline order, each at its deadline", async () => {
      await runFake(procs, async () => {
        const sw = stopwatch();
        const out = chan<string>(5);
        for (const d of [50, 10, 40, 20, 30]) {
          go(async () => {
            await time.sleep(d * ms);
            await out.send(`${d}@${sw.elapsed() / ms}`);
          });
        }
        const got: string[] = [];
        for (let i = 0; i < 5; i++) got.push((await out.recv())!);
        assert.deepEqual(got, ["10@10", "20@20", "30@30", "40@40", "50@50"]);
      });
    });

    test("d <= 0 returns at once without letting another goroutine run", async () => {
      await runFake(procs, async () => {
        let other = false;
        go(() => {
          other = true;
        });
        for (const d of [0, -1, -time.Hour, Number.NEGATIVE_INFINITY, minInt64, -0.5]) await time.sleep(d);
        assert.equal(other, false, "sleep(<=0) must not yield");
        await time.sleep(1);
        assert.equal(other, true);
      });
    });

    test("Infinity and MaxInt64 sleep forever (the other goroutines go on)", async () => {
      await runFake(procs, async () => {
        const woke = chan<string>(2);
        go(async () => {
          await time.sleep(Number.POSITIVE_INFINITY);
          await woke.send("inf");
        });
        go(async () => {
          await time.sleep(maxInt64);
          await woke.send("max");
        });
        const sw = stopwatch();
        await time.sleep(time.Hour);
        assert.equal(sw.elapsed(), time.Hour);
        assert.equal(woke.tryRecv(), null);
      });
    });

    test("an AbortSignal ends the sleep with its reason at the abort time", async () => {
      await runFake(procs, async () => {
        const sw = stopwatch();
        const ac = new AbortController();
        time.afterFunc(3 * ms, () => ac.abort(new Error("stop sleeping")));
        await assert.rejects(time.sleep(time.Hour, ac.signal), /stop sleeping/);
        assert.equal(sw.elapsed(), 3 * ms);
        await assert.rejects(time.sleep(ms, ac.signal), /stop sleeping/, "already aborted");
        assert.equal(sw.elapsed(), 3 * ms);
        // The aborted sleep's timer was stopped: nothing is left to jump to.
        await time.sleep(ms);
        assert.equal(sw.elapsed(), 4 * ms);
      });
    });

    test("an invalid d rejects with TypeError (never throws synchronously)", async () => {
      await runFake(procs, async () => {
        let p: Promise<void> | undefined;
        assert.doesNotThrow(() => {
          p = time.sleep(Number.NaN);
        });
        await assert.rejects(p!, { name: "TypeError", message: "time.sleep: invalid duration NaN" });
        await assert.rejects(time.sleep("1s" as unknown as number), TypeError);
      });
    });
  });
}

describe("sleep outside goroutines (default runtime, real clock)", () => {
  test("lasts at least d", async () => {
    const start = time.now();
    await time.sleep(5 * ms);
    assert.ok(time.since(start) >= 5 * ms);
  });
});
