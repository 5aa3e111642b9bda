// The scheduler's decisions pinned where StrykerJS's mutants of proc.ts survived the rest of the suite
// (npm run mutation, MUTATION_TARGET=sched; docs/failures.md, "General mutation testing", runs N–R):
// procresize's current-P bookkeeping, findRunnable going round again after its steal ran another P's
// timers, and goroutine start, park, ready and exit. Every case runs a real runtime (or calls a Sched
// method directly) and checks what the runtime did through its public API or Sched's @internal fields.
// No test depends on wall-clock speed: time is virtual, or a host callback is awaited, never timed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { GOMAXPROCS, go, gosched, time, WaitGroup } from "../../../src/index.ts";
import { setVerify } from "../../../src/internal/debug.ts";
import { Sched } from "../../../src/internal/runtime/proc.ts";
import { Timer } from "../../../src/internal/runtime/timer.ts";
import { subscribeTrace, type TraceEvent } from "../../../src/internal/runtime/trace.ts";

/** The P the calling goroutine runs on. */
function pid(rt: Sched): number {
  return rt.curP!.id;
}

/**
 * Yields (Gosched) until the calling goroutine runs on P `id`, while `busy` other goroutines keep every P
 * running; at most `max` yields. Returns whether it got there.
 */
async function reachP(rt: Sched, id: number, max = 400): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    if (pid(rt) === id) return true;
    await gosched();
  }
  return pid(rt) === id;
}

/** Starts n goroutines that yield until stop() is called: every P stays busy meanwhile. */
function spinners(n: number): () => void {
  let stop = false;
  for (let i = 0; i < n; i++)
    go(async () => {
      while (!stop) await gosched();
    });
  return () => {
    stop = true;
  };
}

describe("procresize: the current P", () => {
  test("a destroyed P's timers go to the caller's P when it survives, which stays current", async () => {
    let checked = 0;
    for (const seed of [1, 2, 3, 4]) {
      const rt = new Sched({ clock: "fake", procs: 3, seed });
      const r = await rt.run(async () => {
        const stop = spinners(4);
        // A timer on P2 (created by a goroutine running there), then GOMAXPROCS(2) called from P1.
        if (!(await reachP(rt, 2))) return "P2 not reached";
        let fired = false;
        time.afterFunc(time.Hour, () => {
          fired = true;
        });
        if (!(await reachP(rt, 1))) return "P1 not reached";
        const heaps = rt.allp.map((p) => p.timers.len);
        assert.ok(heaps[2] >= 1);
        GOMAXPROCS(2);
        assert.equal(rt.curP, rt.allp[1], "the caller's P survives and stays current");
        assert.equal(rt.allp[1].timers.len, heaps[1] + heaps[2], "P2's timers moved to the caller's P1");
        assert.equal(rt.allp[0].timers.len, heaps[0], "P0's heap is untouched");
        stop();
        await time.sleep(2 * time.Hour);
        assert.ok(fired, "the moved timer fires");
        checked++;
        return "ok";
      });
      assert.equal(r, "ok", `seed ${seed}`);
    }
    assert.equal(checked, 4);
  });

  test("the caller's P destroyed, even the one numbered n: the M moves to P0 with its timers", async () => {
    for (const [procs, n] of [
      [3, 2],
      [3, 1],
      [2, 1],
    ]) {
      const rt = new Sched({ clock: "fake", procs, seed: procs * 10 + n });
      const r = await rt.run(async () => {
        const stop = spinners(4);
        if (!(await reachP(rt, procs - 1))) return "last P not reached";
        let fired = 0;
        time.afterFunc(time.Hour, () => {
          fired++;
        });
        const mine = rt.allp[procs - 1].timers.len;
        const p0 = rt.allp[0].timers.len;
        assert.ok(mine >= 1);
        GOMAXPROCS(n);
        assert.equal(rt.curP, rt.allp[0], "the M holds P0 now");
        assert.equal(rt.allp[0].status, 1, "P0 runs the caller");
        assert.equal(rt.allp.length, n);
        assert.ok(rt.allp[0].timers.len >= p0 + mine, "the destroyed P's timers are on P0");
        stop();
        await time.sleep(2 * time.Hour);
        assert.equal(fired, 1, "the moved timer fires once");
        return "ok";
      });
      assert.equal(r, "ok", `procs ${procs} → ${n}`);
    }
  });

  test("outside any goroutine no P is current: not after construction, not after GOMAXPROCS from host code", async () => {
    const rt = new Sched({ clock: "fake", procs: 2, seed: 1 });
    assert.equal(rt.curP, null);
    assert.equal(rt.npidle, 2, "every P starts idle");
    assert.equal(rt.mActive, false, "and no M runs");
    rt.procresize(3);
    assert.equal(rt.curP, null);
    assert.equal(rt.npidle, 3);
    // Events outside any goroutine carry no P: main's creation, made by run() from host code.
    const events: TraceEvent[] = [];
    const unsubscribe = subscribeTrace((e) => {
      if (e.rt === rt.id) events.push(e);
    });
    try {
      await rt.run(() => {});
    } finally {
      unsubscribe();
    }
    const create = events.find((e) => e.kind === "go.create");
    assert.ok(create !== undefined);
    assert.equal(create.p, undefined, "main is created outside any P");
  });

  test("GOMAXPROCS raised by a goroutine with nothing queued: the new Ps go idle at once", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    await rt.run(async () => {
      GOMAXPROCS(4);
      assert.equal(rt.npidle, 3);
      for (const i of [1, 2, 3]) assert.equal(rt.idle.idlepMask[i], true, `P${i} idle`);
      assert.equal(rt.idle.idlepMask[0], false, "the caller's P0 runs");
      assert.equal(rt.nmspinning, 0);
    });
  });

  test("GOMAXPROCS raised with goroutines queued that wake nobody: a new P is started for them", async () => {
    for (const seed of [1, 2, 3]) {
      const rt = new Sched({ clock: "fake", procs: 1, seed });
      const ran = [0, 0];
      await rt.run(async () => {
        // 20 goroutines queued on P0; none of them readies or starts another, so only procresize's own
        // wakep can start P1 for them.
        for (let i = 0; i < 20; i++)
          go(() => {
            ran[pid(rt)]++;
          });
        GOMAXPROCS(2);
        assert.equal(rt.nmspinning, 1, "P1 started spinning for the queued work");
        assert.equal(rt.npidle, 0);
        await time.sleep(time.Millisecond);
      });
      assert.equal(ran[0] + ran[1], 20);
      assert.ok(ran[1] > 0, `seed ${seed}: P1 ran ${ran[1]}`);
    }
  });

  test("procresize verifies the scheduler exactly when VERIFY is on", () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    // A spent global-queue slot that still holds a goroutine (r1): procresize does not touch it.
    const stale = rt.newproc(() => {}, [], null);
    rt.globrunq = [stale, ...rt.globrunq.slice(rt.globhead)];
    rt.globhead = 1;
    try {
      assert.throws(() => rt.procresize(2), /r1/);
      setVerify(false);
      rt.procresize(1);
    } finally {
      setVerify(true);
      rt.stop();
    }
  });
});

describe("findRunnable: a steal that ran another P's timers and found nothing looks again", () => {
  test("a P runs another P's due no-op timer in its steal, then goes on (2 Ps, several seeds)", async () => {
    let stolen = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const rt = new Sched({ clock: "fake", procs: 2, seed });
      await rt.run(async () => {
        for (let i = 0; i < 6; i++) {
          // A runtime timer whose function readies nothing, on the P this goroutine runs on; the goroutine
          // then sleeps past it. Whichever P the clock jump starts, the other P's timer is due too.
          const owner = pid(rt);
          const t = new Timer(() => {
            if (pid(rt) !== owner) stolen++;
          }, null);
          t.reset(rt.nanotime() + 1000, 0);
          const wg = new WaitGroup();
          for (let k = 0; k < 2; k++) {
            wg.add(1);
            go(async () => {
              const o = pid(rt);
              const t2 = new Timer(() => {
                if (pid(rt) !== o) stolen++;
              }, null);
              t2.reset(rt.nanotime() + 1000, 0);
              await time.sleep(2000);
              wg.done();
            });
          }
          await time.sleep(2000);
          await wg.wait();
        }
      });
    }
    assert.ok(stolen > 0, "some P ran another P's no-op timer in its steal");
  });
});
