// newTimer / after / Timer.stop / Timer.reset under the fake clock, at 1 and 4 Ps: exact virtual firing
// times, the scheduled-time value, Go 1.23's synchronous channel (len/cap 0, no stale values), the
// Stop/Reset result table of docs/design/timers.md §7.4, clamping, argument validation, the zero Timer,
// laziness.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chan, GoFatalError, GoPanic, go, isGoPanic, recv, select, trySelect } from "../../../src/index.ts";
import type { Sched as Runtime } from "../../../src/internal/runtime/proc.ts";
import { timerZombie } from "../../../src/internal/runtime/timer.ts";
import * as time from "../../../src/time.ts";
import { maxInt64, minInt64, PROCS, runFake, stopwatch } from "./helpers.ts";

const ms = time.Millisecond;

/** How many live (non-zombie) heap entries, over all Ps, belong to the runtime timer behind t. */
function liveEntries(rt: Runtime, t: time.Timer | time.Ticker): number {
  const r = (t as unknown as { r: unknown }).r;
  let n = 0;
  for (const pp of rt.allp) {
    for (const e of pp.timers.heapT) if (e === r && (e.state & timerZombie) === 0) n++;
  }
  return n;
}

for (const procs of PROCS) {
  describe(`newTimer (GOMAXPROCS=${procs})`, () => {
    test("fires at exactly d of virtual time and delivers the scheduled time", async () => {
      await runFake(procs, async () => {
        const sw = stopwatch();
        const start = time.now();
        const t = time.newTimer(10 * ms);
        const v = (await t.c.recv())!;
        assert.equal(sw.elapsed(), 10 * ms);
        assert.equal(v.sub(start), 10 * ms);
        assert.ok(v instanceof time.Time);
      });
    });

    test("an expired, unread timer is received at once with its scheduled time (lazy firing)", async () => {
      await runFake(procs, async () => {
        const start = time.now();
        const t = time.newTimer(10 * ms);
        await time.sleep(50 * ms);
        const sw = stopwatch();
        const v = (await t.c.recv())!;
        assert.equal(sw.elapsed(), 0, "no wait");
        assert.equal(v.sub(start), 10 * ms, "value is the scheduled time, not the receive time");
        const t2 = time.newTimer(5 * ms);
        await time.sleep(10 * ms);
        const r = await t2.c.recvOk();
        assert.equal(r.ok, true);
        assert.equal(r.value!.sub(start), 55 * ms);
        assert.equal(time.since(start), 60 * ms);
      });
    });

    test("tryRecv, trySelect and select see an expired timer; tryRecv sees nothing before", async () => {
      await runFake(procs, async () => {
        const start = time.now();
        const a = time.newTimer(5 * ms);
        assert.equal(a.c.tryRecv(), null);
        await time.sleep(5 * ms);
        const r = a.c.tryRecv()!;
        assert.equal(r.ok, true);
        assert.equal(r.value!.sub(start), 5 * ms);
        assert.equal(a.c.tryRecv(), null, "one value per firing");

        const b = time.newTimer(ms);
        assert.equal(trySelect([recv(b.c)] as const), null);
        await time.sleep(2 * ms);
        const s = trySelect([recv(b.c)] as const)!;
        assert.equal(s.index, 0);
        assert.equal(s.value!.sub(start), 6 * ms);

        const c = time.newTimer(ms);
        const never = chan<number>();
        await time.sleep(3 * ms);
        const sw = stopwatch();
        const sel = await select([recv(never), recv(c.c)] as const);
        assert.equal(sel.index, 1);
        assert.equal(sw.elapsed(), 0);
        assert.equal(sel.value!.sub(start), 8 * ms);
      });
    });

    test("len and cap are 0 always, even with a value ready (Go 1.23)", async () => {
      await runFake(procs, async () => {
        const t = time.newTimer(ms);
        assert.equal(t.c.len, 0);
        assert.equal(t.c.cap, 0);
        await time.sleep(5 * ms);
        assert.equal(t.c.len, 0);
        assert.equal(t.c.cap, 0);
        assert.notEqual(t.c.tryRecv(), null);
      });
    });

    test("after(d) is newTimer(d).c", async () => {
      await runFake(procs, async () => {
        const start = time.now();
        const v = (await time.after(7 * ms).recv())!;
        assert.equal(v.sub(start), 7 * ms);
        assert.equal(time.since(start), 7 * ms);
      });
    });

    test("select between two timers picks the earlier; the later is then garbage", async () => {
      await runFake(procs, async (rt) => {
        const sw = stopwatch();
        const late = time.newTimer(time.Second);
        const r = await select([recv(time.after(20 * ms)), recv(late.c)] as const);
        assert.equal(r.index, 0);
        assert.equal(sw.elapsed(), 20 * ms);
        assert.equal(liveEntries(rt, late), 0, "no live heap entry once nobody waits on it");
      });
    });
  });

  describe(`Timer.stop / Timer.reset results, docs/design/timers.md §7.4 (GOMAXPROCS=${procs})`, () => {
    test("stop: pending → true, then false; nothing is ever delivered", async () => {
      await runFake(procs, async () => {
        const t = time.newTimer(10 * ms);
        assert.equal(t.stop(), true);
        assert.equal(t.stop(), false);
        await time.sleep(20 * ms);
        assert.equal(t.c.tryRecv(), null);
      });
    });

    test("stop after an unread fire → true, and the value is gone (no draining needed)", async () => {
      await runFake(procs, async () => {
        const t = time.newTimer(ms);
        await time.sleep(20 * ms);
        assert.equal(t.stop(), true);
        assert.equal(t.c.tryRecv(), null);
        assert.equal(t.stop(), false);
      });
    });

    test("stop and reset after the value was received → false", async () => {
      await runFake(procs, async () => {
        const t = time.newTimer(ms);
        await t.c.recv();
        assert.equal(t.stop(), false);
        assert.equal(t.reset(time.Hour), false);
        assert.equal(t.stop(), true, "the reset armed it again");
      });
    });

    test("reset of a pending timer → true; it fires once, at the new time", async () => {
      await runFake(procs, async () => {
        const start = time.now();
        const t = time.newTimer(10 * ms);
        await time.sleep(5 * ms);
        assert.equal(t.reset(20 * ms), true);
        const v = (await t.c.recv())!;
        assert.equal(v.sub(start), 25 * ms);
        assert.equal(time.since(start), 25 * ms);
        await time.sleep(50 * ms);
        assert.equal(t.c.tryRecv(), null);
      });
    });

    test("reset after an unread fire → true, and no stale value: what arrives is the new firing", async () => {
      await runFake(procs, async () => {
        const start = time.now();
        const t = time.newTimer(ms);
        await time.sleep(20 * ms);
        assert.equal(t.reset(time.Hour), true);
        assert.equal(t.c.tryRecv(), null, "the old value was discarded");
        assert.equal(t.reset(5 * ms), true);
        const v = (await t.c.recv())!;
        assert.equal(v.sub(start), 25 * ms);
      });
    });

    test("reset after stop → false, then fires", async () => {
      await runFake(procs, async () => {
        const start = time.now();
        const t = time.newTimer(time.Hour);
        assert.equal(t.stop(), true);
        assert.equal(t.reset(ms), false);
        const v = (await t.c.recv())!;
        assert.equal(v.sub(start), ms);
      });
    });

    test("reset(0) and reset(negative) fire at once", async () => {
      await runFake(procs, async () => {
        const start = time.now();
        const t = time.newTimer(time.Hour);
        assert.equal(t.reset(0), true);
        assert.equal((await t.c.recv())!.sub(start), 0);
        assert.equal(t.reset(-5 * time.Second), false);
        assert.equal((await t.c.recv())!.sub(start), 0);
        assert.equal(time.since(start), 0);
      });
    });

    test("a goroutine blocked on the channel: stop → true and it stays blocked; reset moves its wake-up", async () => {
      await runFake(procs, async (rt) => {
        const start = time.now();
        const t = time.newTimer(time.Hour);
        const got = chan<number>(1);
        go(async () => {
          const v = (await t.c.recv())!;
          await got.send(v.sub(start));
        });
        await time.sleep(ms);
        assert.equal(liveEntries(rt, t), 1, "a blocked receiver puts the timer in a heap");
        assert.equal(t.reset(10 * ms), true);
        assert.equal(await got.recv(), 11 * ms);
        assert.equal(time.since(start), 11 * ms);
      });
    });
  });

  describe(`durations: clamping, bigint, validation (GOMAXPROCS=${procs})`, () => {
    test("d <= 0, −Infinity and MinInt64 fire at once; Infinity and MaxInt64 never", async () => {
      await runFake(procs, async () => {
        const sw = stopwatch();
        for (const d of [0, -1, -5 * time.Second, Number.NEGATIVE_INFINITY, minInt64, -0.5]) {
          await time.after(d).recv();
        }
        assert.equal(sw.elapsed(), 0);
        for (const d of [Number.POSITIVE_INFINITY, maxInt64, 1n << 80n, 2 ** 63, 1e300]) {
          const t = time.newTimer(d);
          const r = await select([recv(t.c), recv(time.after(25 * ms))] as const);
          assert.equal(r.index, 1, `${String(d)} must not fire`);
          assert.equal(t.stop(), true, "still pending");
        }
        assert.equal(sw.elapsed(), 5 * 25 * ms);
      });
    });

    test("bigint durations are accepted; fractions truncate toward zero", async () => {
      await runFake(procs, async () => {
        const sw = stopwatch();
        await time.after(3_000_000n).recv();
        assert.equal(sw.elapsed(), 3 * ms);
        await time.after(1.9).recv();
        assert.equal(sw.elapsed(), 3 * ms + 1);
        const t = time.newTimer(time.Hour);
        t.reset(2n);
        await t.c.recv();
        assert.equal(sw.elapsed(), 3 * ms + 3);
      });
    });

    test("NaN and non-numbers throw TypeError", async () => {
      await runFake(procs, () => {
        for (const bad of [Number.NaN, "1s", undefined, null, {}]) {
          const d = bad as unknown as number;
          assert.throws(() => time.newTimer(d), TypeError);
          assert.throws(() => time.after(d), TypeError);
          assert.throws(() => time.newTimer(time.Hour).reset(d), TypeError);
        }
        assert.throws(() => time.newTimer(Number.NaN), { message: "time.newTimer: invalid duration NaN" });
      });
    });
  });

  describe(`the zero Timer (GOMAXPROCS=${procs})`, () => {
    test("stop and reset panic with Go's messages; c is null", async () => {
      await runFake(procs, () => {
        for (const z of [new time.Timer(), Object.create(time.Timer.prototype) as time.Timer]) {
          assert.throws(
            () => z.stop(),
            (e: unknown) => isGoPanic(e, "time: Stop called on uninitialized Timer"),
          );
          assert.throws(
            () => z.reset(ms),
            (e: unknown) => isGoPanic(e, "time: Reset called on uninitialized Timer"),
          );
          assert.throws(() => z.stop(), GoPanic);
        }
        assert.equal(new time.Timer().c, null);
      });
    });
  });

  describe(`laziness and the runtime (GOMAXPROCS=${procs})`, () => {
    test("a channel timer is in no heap unless a goroutine is blocked on it", async () => {
      await runFake(procs, async (rt) => {
        const t = time.newTimer(time.Hour);
        const k = time.newTicker(time.Hour);
        assert.equal(liveEntries(rt, t) + liveEntries(rt, k), 0);
        const done = chan<void>();
        go(async () => {
          await select([recv(t.c), recv(k.c), recv(done)] as const);
        });
        await time.sleep(ms);
        assert.equal(liveEntries(rt, t), 1);
        assert.equal(liveEntries(rt, k), 1);
        await done.send();
        await time.sleep(ms);
        assert.equal(liveEntries(rt, t) + liveEntries(rt, k), 0, "zombies once the waiter left");
        assert.equal(t.stop(), true);
      });
    });

    test("a receive aborted by a signal unblocks the timer", async () => {
      await runFake(procs, async (rt) => {
        const t = time.newTimer(time.Hour);
        const ac = new AbortController();
        time.afterFunc(5 * ms, () => ac.abort(new Error("cancelled")));
        const sw = stopwatch();
        await assert.rejects(t.c.recv(ac.signal), /cancelled/);
        assert.equal(sw.elapsed(), 5 * ms);
        assert.equal(liveEntries(rt, t), 0);
        assert.equal(t.stop(), true);
      });
    });

    test("several goroutines blocked on one timer: one value per firing", async () => {
      await runFake(procs, async () => {
        const t = time.newTimer(10 * ms);
        const got = chan<number>(3);
        const start = time.now();
        for (let i = 0; i < 3; i++) {
          go(async () => {
            const v = (await t.c.recv())!;
            await got.send(time.since(start) * 1000 + v.sub(start) / ms);
          });
        }
        // First firing at 10ms wakes one receiver; each reset fires again for the next one.
        assert.equal(await got.recv(), 10 * ms * 1000 + 10);
        assert.equal(t.reset(5 * ms), false);
        assert.equal(await got.recv(), 15 * ms * 1000 + 15);
        assert.equal(t.reset(5 * ms), false);
        assert.equal(await got.recv(), 20 * ms * 1000 + 20);
      });
    });

    test("blocking forever on a stopped timer is a deadlock", async () => {
      await assert.rejects(
        runFake(procs, async () => {
          const t = time.newTimer(time.Hour);
          t.stop();
          await t.c.recv();
        }),
        (e: unknown) => e instanceof GoFatalError && /all goroutines are asleep - deadlock!/.test(e.message),
      );
    });

    test("blocking on a pending timer is not a deadlock: the clock jumps to it", async () => {
      await runFake(procs, async () => {
        const sw = stopwatch();
        await time.newTimer(100 * time.Hour).c.recv();
        assert.equal(sw.elapsed(), 100 * time.Hour);
      });
    });
  });
}

describe("outside goroutines (default runtime, real clock)", () => {
  test("after, newTimer, stop and reset work and read the real clock", async () => {
    const start = time.now();
    const v = (await time.after(2 * ms).recv())!;
    assert.ok(v.sub(start) >= 2 * ms, `value ${v.sub(start)}`);
    assert.ok(time.since(start) >= 2 * ms);
    const t = time.newTimer(time.Hour);
    assert.equal(t.stop(), true);
    assert.equal(t.reset(ms), false);
    await t.c.recv();
    assert.ok(time.since(start) >= 3 * ms);
  });
});
