// newTicker / tick / Ticker.stop / Ticker.reset under the fake clock, at 1 and 4 Ps: exact tick times,
// dropped ticks for slow readers (the same trace as Go's golden test/conformance/go/ticker_slow_reader),
// reset and stop discarding an unread tick, the panics, the zero Ticker.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chan, context, GoPanic, go, isGoPanic, recv, select } from "../../../src/index.ts";
import * as time from "../../../src/time.ts";
import { maxInt64, PROCS, runFake, stopwatch } from "./helpers.ts";

const ms = time.Millisecond;

for (const procs of PROCS) {
  describe(`newTicker (GOMAXPROCS=${procs})`, () => {
    test("a 10ms ticker ticks at exactly 10, 20, 30ms of virtual time", async () => {
      await runFake(procs, async () => {
        const start = time.now();
        const k = time.newTicker(10 * ms);
        const got: [number, number][] = [];
        for (let i = 0; i < 3; i++) {
          const v = (await k.c.recv())!;
          got.push([v.sub(start) / ms, time.since(start) / ms]);
        }
        k.stop();
        assert.deepEqual(got, [
          [10, 10],
          [20, 20],
          [30, 30],
        ]);
      });
    });

    test("a slow reader gets the first missed tick, then ticks on the original phase (Go's golden trace)", async () => {
      // test/conformance/go/golden/ticker_slow_reader.txt, recorded from Go 1.23 under faketime.
      await runFake(procs, async () => {
        const start = time.now();
        const k = time.newTicker(10 * ms);
        const lines: string[] = [];
        const read = async (label: string) => {
          const v = (await k.c.recv())!;
          lines.push(
            `${label} value ${time.durationString(v.sub(start))} at ${time.durationString(time.since(start))}`,
          );
        };
        await time.sleep(35 * ms);
        for (let i = 0; i < 3; i++) await read(`read ${i}`);
        await time.sleep(25 * ms);
        await read("after another 25ms sleep:");
        await read("next");
        k.stop();
        assert.deepEqual(lines, [
          "read 0 value 10ms at 35ms",
          "read 1 value 40ms at 40ms",
          "read 2 value 50ms at 50ms",
          "after another 25ms sleep: value 60ms at 75ms",
          "next value 80ms at 80ms",
        ]);
      });
    });

    test("len and cap are 0", async () => {
      await runFake(procs, async () => {
        const k = time.newTicker(ms);
        await time.sleep(5 * ms);
        assert.equal(k.c.len, 0);
        assert.equal(k.c.cap, 0);
        k.stop();
      });
    });

    test("stop: no more ticks, and an unread tick is discarded", async () => {
      await runFake(procs, async () => {
        const k = time.newTicker(ms);
        await time.sleep(5 * ms);
        k.stop();
        assert.equal(k.c.tryRecv(), null);
        await time.sleep(5 * ms);
        assert.equal(k.c.tryRecv(), null);
        k.stop(); // idempotent
      });
    });

    test("reset(d): next tick d from now, new period, unread tick discarded", async () => {
      await runFake(procs, async () => {
        const start = time.now();
        const k = time.newTicker(10 * ms);
        await time.sleep(15 * ms); // the 10ms tick is unread
        k.reset(20 * ms);
        assert.equal(k.c.tryRecv(), null, "the unread tick was discarded");
        const a = (await k.c.recv())!;
        const b = (await k.c.recv())!;
        assert.deepEqual([a.sub(start) / ms, b.sub(start) / ms], [35, 55]);
        k.stop();
      });
    });

    test("reset after stop restarts it", async () => {
      await runFake(procs, async () => {
        const start = time.now();
        const k = time.newTicker(10 * ms);
        k.stop();
        await time.sleep(30 * ms);
        k.reset(5 * ms);
        assert.equal((await k.c.recv())!.sub(start), 35 * ms);
        assert.equal((await k.c.recv())!.sub(start), 40 * ms);
        k.stop();
      });
    });

    test("a ticker in a select with a busy channel keeps its phase", async () => {
      await runFake(procs, async () => {
        const start = time.now();
        const k = time.newTicker(10 * ms);
        const work = chan<number>();
        go(async () => {
          for (let i = 0; i < 5; i++) {
            await time.sleep(3 * ms);
            await work.send(i);
          }
        });
        const ticks: number[] = [];
        let jobs = 0;
        while (ticks.length < 3) {
          const r = await select([recv(k.c), recv(work)] as const);
          if (r.index === 0) ticks.push(r.value!.sub(start) / ms);
          else jobs++;
        }
        k.stop();
        assert.deepEqual(ticks, [10, 20, 30]);
        assert.equal(jobs, 5);
      });
    });

    test("several receivers share one ticker; each tick goes to one of them", async () => {
      await runFake(procs, async () => {
        const start = time.now();
        const k = time.newTicker(ms);
        const out = chan<number>(30);
        const done = chan<void>(3);
        for (let g = 0; g < 3; g++) {
          go(async () => {
            for (let i = 0; i < 10; i++) await out.send((await k.c.recv())!.sub(start) / ms);
            await done.send();
          });
        }
        for (let g = 0; g < 3; g++) await done.recv();
        k.stop();
        const vals: number[] = [];
        for (let r = out.tryRecv(); r !== null; r = out.tryRecv()) vals.push(r.value!);
        assert.deepEqual(
          vals.sort((a, b) => a - b),
          Array.from({ length: 30 }, (_, i) => i + 1),
        );
        assert.equal(time.since(start), 30 * ms);
      });
    });

    test("a huge period never ticks; bigint periods are accepted", async () => {
      await runFake(procs, async () => {
        for (const d of [Number.POSITIVE_INFINITY, maxInt64]) {
          const k = time.newTicker(d);
          const r = await select([recv(k.c), recv(time.after(ms))] as const);
          assert.equal(r.index, 1);
          k.stop();
        }
        const sw = stopwatch();
        const k = time.newTicker(2_000_000n);
        await k.c.recv();
        await k.c.recv();
        assert.equal(sw.elapsed(), 4 * ms, "ticks at +2ms and +4ms");
        k.stop();
      });
    });
  });

  describe(`ticker misuse (GOMAXPROCS=${procs})`, () => {
    test("newTicker(d <= 0) panics: non-positive interval for NewTicker", async () => {
      await runFake(procs, () => {
        for (const d of [0, -1, -time.Hour, Number.NEGATIVE_INFINITY, 0.5, -1n]) {
          assert.throws(
            () => time.newTicker(d),
            (e: unknown) => isGoPanic(e, "non-positive interval for NewTicker"),
          );
        }
        assert.throws(() => time.newTicker(Number.NaN), TypeError);
      });
    });

    test("Ticker.reset(d <= 0) panics: non-positive interval for Ticker.Reset", async () => {
      await runFake(procs, () => {
        const k = time.newTicker(time.Second);
        for (const d of [0, -1, -0.9]) {
          assert.throws(
            () => k.reset(d),
            (e: unknown) => isGoPanic(e, "non-positive interval for Ticker.Reset"),
          );
        }
        assert.throws(() => k.reset("1s" as unknown as number), TypeError);
        k.stop();
      });
    });

    test("zero Ticker: stop is a no-op (Go issue 21874), reset panics", async () => {
      await runFake(procs, () => {
        for (const z of [new time.Ticker(), Object.create(time.Ticker.prototype) as time.Ticker]) {
          z.stop();
          assert.throws(
            () => z.reset(time.Second),
            (e: unknown) => isGoPanic(e, "time: Reset called on uninitialized Ticker"),
          );
          assert.throws(
            () => z.reset(0),
            (e: unknown) => isGoPanic(e, "non-positive interval for Ticker.Reset"),
          );
          assert.throws(() => z.reset(-1), GoPanic);
        }
        assert.equal(new time.Ticker().c, null);
      });
    });
  });

  describe(`tick (GOMAXPROCS=${procs})`, () => {
    test("tick(d <= 0) is Go's nil channel: never ready, len/cap 0, a receive blocks until aborted", async () => {
      await runFake(procs, async () => {
        for (const d of [0, -1, -1n, Number.NEGATIVE_INFINITY]) {
          const c = time.tick(d);
          assert.equal(c.tryRecv(), null);
          assert.equal(c.len, 0);
          assert.equal(c.cap, 0);
          assert.equal(String(c), "nil chan");
        }
        const start = time.now();
        const [ctx, cancel] = context.withTimeout(context.background(), 5 * ms);
        await assert.rejects(time.tick(0).recv(ctx.signal), (e) => e === context.DeadlineExceeded);
        cancel();
        assert.equal(time.since(start), 5 * ms);
        const r = await select([recv(time.tick(0)), recv(time.after(ms))] as const);
        assert.equal(r.index, 1);
        assert.throws(() => time.tick(Number.NaN), TypeError);
      });
    });

    test("tick(d) ticks every d", async () => {
      await runFake(procs, async () => {
        const start = time.now();
        const c = time.tick(4 * ms);
        const vals: number[] = [];
        for await (const t of c) {
          vals.push(t.sub(start) / ms);
          if (vals.length === 3) break;
        }
        assert.deepEqual(vals, [4, 8, 12]);
      });
    });
  });
}
