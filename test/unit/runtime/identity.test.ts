// Exact goroutine identity (getg.ts): the repros that the ambient guess of the first scheduler got wrong,
// each at procs 1 and 4 and with two bubbles running at once. Every test here runs with VERIFY on
// (test/setup.ts), so invariant e2 — a timer only ever joins its own runtime's heaps — is checked at every
// timer add and after every scheduling step.
import assert from "node:assert/strict";
import { readFile, stat } from "node:fs/promises";
import { describe, test } from "node:test";
import { chan, go, io, Runtime, time } from "../../../src/index.ts";
import { hostDateNow, hostPerfNow, hostSetTimeout } from "../../../src/internal/host.ts";
import { getg, parkingG, whileParking } from "../../../src/internal/runtime/getg.ts";
import { schedOf } from "../../../src/internal/runtime/schedof.ts";
import { WaitGroup } from "../../../src/sync.ts";
import * as synctest from "../../../src/synctest.ts";

const bubbleEpochMs = 946684800000; // 2000-01-01T00:00:00Z
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The first repro: two goroutines, each awaiting two host-style sleeps. Returns virtual ms elapsed. */
function twoSleepers(procs: number): Promise<number> {
  return synctest.run(
    async () => {
      const start = Date.now();
      const wg = new WaitGroup();
      for (let i = 0; i < 2; i++) {
        wg.add(1);
        go(async () => {
          await sleep(10);
          await sleep(10);
          wg.done();
        });
      }
      await wg.wait();
      return Date.now() - start;
    },
    { procs },
  );
}

for (const procs of [1, 4]) {
  describe(`exact identity, procs ${procs}`, () => {
    test("goroutines awaiting host-style sleeps finish at the virtual time Node gives", async () => {
      assert.equal(await twoSleepers(procs), 20);
    });

    test("two bubbles at once, each with goroutines awaiting host-style sleeps", async () => {
      assert.deepEqual(await Promise.all([twoSleepers(procs), twoSleepers(procs)]), [20, 20]);
    });

    test("a setTimeout(60 s) of bubble A runs on A's clock while bubble B advances its own", async () => {
      const [a, b] = await Promise.all([
        synctest.run(
          async () => {
            await sleep(60_000);
            return Date.now() - bubbleEpochMs;
          },
          { procs },
        ),
        synctest.run(
          async () => {
            for (let i = 0; i < 5; i++) await sleep(1000);
            await time.sleep(time.Hour);
            return Date.now() - bubbleEpochMs;
          },
          { procs },
        ),
      ]);
      assert.deepEqual([a, b], [60_000, 5000 + 3_600_000]);
    });

    test("code outside the bubble keeps the real clock and real timers while the bubble awaits", async () => {
      const dates: number[] = [];
      const perfs: number[] = [];
      let outsideFired = -1;
      const bubble = synctest.run(
        async () => {
          for (let i = 0; i < 20; i++) await sleep(1000);
          return Date.now() - bubbleEpochMs;
        },
        { procs },
      );
      // Outside code, started while the bubble runs: a real timer, real fs callbacks, and clock reads.
      const t0 = hostPerfNow();
      const outside = new Promise<void>((resolve) => {
        setTimeout(() => {
          outsideFired = hostPerfNow() - t0;
          dates.push(Date.now());
          perfs.push(performance.now());
          resolve();
        }, 30);
      });
      for (let i = 0; i < 5; i++) {
        await stat(process.execPath);
        dates.push(Date.now());
        perfs.push(performance.now());
        assert.equal(getg(), null);
      }
      assert.equal(await bubble, 20_000);
      await outside;
      // setTimeout never fires early; absorbed into the bubble, it fired after a few µs of real time.
      assert.ok(outsideFired >= 29, `outside setTimeout(30) fired after ${outsideFired} ms`);
      for (const d of dates) assert.ok(Math.abs(d - hostDateNow()) < 60_000, `outside Date.now() read ${d}`);
      for (const p of perfs)
        assert.ok(Math.abs(p - hostPerfNow()) < 60_000, `outside performance.now() read ${p}`);
    });

    test("goroutines of a fake-clock Runtime that awaited an outside promise sleep on its clock", async () => {
      const rt = new Runtime({ clock: "fake", procs });
      const elapsed = await rt.run(async () => {
        const start = time.now();
        const done = chan<void>();
        for (let i = 0; i < 2; i++) {
          go(async () => {
            await stat(process.execPath); // a promise gort does not own
            await time.sleep(time.Hour);
            await done.send();
          });
        }
        await done.recv();
        await done.recv();
        return time.since(start);
      });
      assert.equal(elapsed, time.Hour);
    });

    test("in a bubble, a file read followed by a setTimeout finishes at the virtual time", async () => {
      const r = await synctest.run(
        async () => {
          const start = Date.now();
          const text = await readFile(new URL(import.meta.url), "utf8");
          await sleep(1000);
          await readFile(new URL(import.meta.url), "utf8");
          await new Promise((r) => setTimeout(r, 500));
          return [text.length > 0, Date.now() - start];
        },
        { procs },
      );
      assert.deepEqual(r, [true, 1500]);
    });

    test("a callback a goroutine registered and did not await belongs to its runtime, outside the goroutine", async () => {
      const rt = new Runtime({ procs });
      const r = await rt.run(async () => {
        const ch = chan<string>(1);
        // A host timer created by the goroutine: its callback runs in the goroutine's async context while
        // the goroutine awaits something else, so it is outside any goroutine — but in rt.
        hostSetTimeout(() => {
          const outsideG = getg() === null;
          go(async () => {
            await time.sleep(time.Millisecond);
            await ch.send(`${outsideG} ${getg()?.rt === schedOf(rt)}`);
          });
        }, 1);
        await io(new Promise((r) => hostSetTimeout(r, 20)));
        return await ch.recv();
      });
      assert.equal(r, "true true");
    });
  });
}

describe("exact identity: what getg sees", () => {
  test("outside every goroutine getg is null, inside it is the goroutine, after any await", async () => {
    assert.equal(getg(), null);
    const rt = new Runtime({ clock: "fake" });
    await rt.run(async () => {
      const me = getg();
      assert.notEqual(me, null);
      await stat(process.execPath);
      assert.equal(getg(), me);
      await new Promise((r) => hostSetTimeout(r, 1));
      assert.equal(getg(), me);
      await time.sleep(time.Second);
      assert.equal(getg(), me);
    });
    assert.equal(getg(), null);
  });
});

describe("exact identity: a sleep's timer joins its heap without reading the async context", () => {
  test("while a goroutine parks, parkingG is it; outside whileParking it is null; a6 fails for another goroutine's context", async () => {
    assert.equal(parkingG(), null);
    const rt = new Runtime({ clock: "fake", procs: 4 });
    await rt.run(async () => {
      const me = getg()!;
      let seen: unknown = "not run";
      whileParking(me, () => {
        seen = parkingG();
      });
      assert.equal(seen, me);
      assert.equal(parkingG(), null);
      // From another goroutine's code, parking this one is a corruption a6 names.
      const other = chan<unknown>(1);
      go(() => {
        try {
          whileParking(me, () => {});
          other.trySend("no error");
        } catch (e) {
          other.trySend(e);
        }
      });
      assert.match(String(await other.recv()), /a6: g\d+ parks from the async context of \d+/);
      // Sleeps from goroutines on several Ps: each timer joins the heap of its goroutine's P (e1/e2, checked
      // at every add with VERIFY on).
      const done = chan<void>(8);
      for (let i = 0; i < 8; i++)
        go(async () => {
          for (let k = 0; k < 5; k++) await time.sleep((1 + ((i + k) % 3)) * time.Millisecond);
          done.trySend(undefined);
        });
      for (let i = 0; i < 8; i++) await done.recv();
    });
  });
});
