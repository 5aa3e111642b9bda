// The scheduler's invariant checkers (proc.ts s3–s5, g1, g2, e2; findrunnable.ts r1; newproc.ts st1, st2; goexit.ts x1–x3; park.ts pk1, pk3, pk4; pidle.ts s1; iotrack.ts i2) each fail on the corruption
// they name: a checker that cannot fail proves nothing.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { time } from "../../../src/index.ts";
import { _Gdead, _Grunnable, _Grunning, _Gwaiting, G } from "../../../src/internal/runtime/g.ts";
import { IoWatch } from "../../../src/internal/runtime/iotrack.ts";
import {
  captureStart,
  dropStart,
  queueStart,
  startRingSlots,
  verifyStarts,
} from "../../../src/internal/runtime/newproc.ts";
import { Sched } from "../../../src/internal/runtime/proc.ts";
import { Timer } from "../../../src/internal/runtime/timer.ts";

/** Gives gp what gopark gives a parked goroutine: its park promise and resolving functions (pk1). */
function parkLike(gp: G): void {
  gp.resume = () => {};
  gp.fail = () => {};
  gp.parked = new Promise(() => {});
}

function idleRuntime(procs = 2): Sched {
  const rt = new Sched({ clock: "fake", procs, spawnSites: false });
  rt.verify();
  return rt;
}

describe("Sched.verify fails on each corruption it names", () => {
  test("s3: a runnable goroutine in two run queues", () => {
    const rt = idleRuntime();
    const gp = new G(rt, 99, null, 0);
    gp.status = _Grunnable;
    rt.allgs.add(gp);
    (rt as unknown as { globrunq: G[] }).globrunq.push(gp, gp);
    assert.throws(() => rt.verify(), /s3: g99 is in two run queues/);
  });

  test("s3: the finalizer goroutine's stand-in lost from the run queues, queued early, or not runnable", () => {
    const rt = idleRuntime();
    const finq = new G(rt, 0, null, 0, true);
    finq.status = _Grunnable;
    rt.finq = finq;
    rt.finqStart = true;
    rt.verify(); // before main first runs it is in no queue
    const globrunq = (rt as unknown as { globrunq: G[] }).globrunq;
    globrunq.push(finq);
    assert.throws(() => rt.verify(), /s3: the finalizer goroutine is queued before main ran/);
    rt.finqStart = false;
    rt.verify(); // after, it is in one
    globrunq.pop();
    assert.throws(() => rt.verify(), /s3: the finalizer goroutine is in no run queue/);
    finq.status = _Gwaiting;
    assert.throws(() => rt.verify(), /s3: the finalizer goroutine is waiting/);
  });

  test("r1: a spent global queue slot still holding a goroutine, or a head past the end", () => {
    const rt = idleRuntime();
    const gp = new G(rt, 96, null, 0);
    rt.globrunq.push(gp);
    rt.globhead = 1;
    assert.throws(() => rt.verify(), /r1: spent global queue slot 0 still holds g96/);
    rt.globrunq = [];
    rt.globhead = 2;
    assert.throws(() => rt.verify(), /r1: globhead 2 outside the global queue's 0 slots/);
  });

  test("st1: a stale goroutine in an unused start-ring slot, a queued one's slot emptied; st2: a started goroutine queued to start", async () => {
    verifyStarts();
    const rt = idleRuntime();
    const slots = startRingSlots();
    const gp = new G(rt, 95, null, 0);
    gp.fn = () => {};
    const free = slots.indexOf(null);
    slots[free] = gp;
    assert.throws(() => verifyStarts(), /st1: start ring slot \d+ stale/);
    slots[free] = null;
    const started = new G(rt, 94, null, 0);
    started.status = _Gdead; // its start job, once it runs, does nothing
    queueStart(started);
    assert.throws(() => verifyStarts(), /st2: g94 queued to start has already started/);
    await Promise.resolve(); // the job runs and empties the slot
    await Promise.resolve();
    verifyStarts();
    // A queued goroutine whose slot was emptied before its job ran.
    const queued = new G(rt, 92, null, 0);
    queued.status = _Gdead;
    queued.fn = () => {};
    queueStart(queued);
    const at = startRingSlots().indexOf(queued);
    startRingSlots()[at] = null;
    assert.throws(() => verifyStarts(), new RegExp(`st1: start ring slot ${at} empty`));
    startRingSlots()[at] = queued;
    await Promise.resolve();
    await Promise.resolve();
    verifyStarts();
  });

  test("x1: a dead goroutine in allgs; x2: main's end recorded twice or while main lives; x3: main ended, nothing left, still running", () => {
    const rt = idleRuntime();
    const gp = new G(rt, 93, null, 0);
    gp.status = _Gdead;
    rt.allgs.add(gp);
    assert.throws(() => rt.verify(), /x1: dead g93 is still in allgs/);
    rt.allgs.delete(gp);
    const main = new G(rt, 1, null, 0);
    main.status = _Gwaiting;
    main.waitReason = "chan receive";
    parkLike(main);
    rt.mainG = main;
    rt.allgs.add(main);
    rt.verify();
    rt.mainDone = true;
    assert.throws(() => rt.verify(), /x2: main's end recorded while main is not dead/);
    rt.allgs.delete(main);
    main.status = _Gdead;
    rt.mainGoexited = true;
    assert.throws(() => rt.verify(), /x2: main both returned and called Goexit/);
    rt.mainGoexited = false;
    assert.throws(() => rt.verify(), /x3: main has ended and no goroutine is left/);
    const other = new G(rt, 2, null, 0);
    other.status = _Gwaiting;
    other.waitReason = "chan receive";
    parkLike(other);
    rt.allgs.add(other);
    rt.verify();
  });

  test("s3: a runnable goroutine in no run queue", () => {
    const rt = idleRuntime();
    const gp = new G(rt, 98, null, 0);
    gp.status = _Grunnable;
    rt.allgs.add(gp);
    assert.throws(() => rt.verify(), /s3: runnable g98 is in no run queue/);
  });

  test("g1: a waiting goroutine with no resumer", () => {
    const rt = idleRuntime();
    const gp = new G(rt, 97, null, 0);
    gp.status = _Gwaiting;
    gp.waitReason = "chan receive";
    rt.allgs.add(gp);
    assert.throws(() => rt.verify(), /g1: waiting g97 has no resumer/);
  });

  test("pk1: a waiting goroutine with no park promise, a started runnable one without it, a running one with it", () => {
    const rt = idleRuntime();
    const gp = new G(rt, 91, null, 0);
    gp.status = _Gwaiting;
    gp.waitReason = "chan receive";
    gp.resume = () => {};
    rt.allgs.add(gp);
    assert.throws(() => rt.verify(), /pk1: waiting g91 has no park promise to settle/);
    parkLike(gp);
    rt.verify();
    gp.status = _Grunnable;
    rt.globrunq.push(gp);
    rt.verify();
    gp.parked = null;
    assert.throws(() => rt.verify(), /pk1: runnable g91 has started but has no park promise to settle/);
    gp.fn = () => {}; // not started yet: a new goroutine has no park promise (and a start capture: sc2)
    gp.startCtx = captureStart();
    rt.verify();
    rt.globrunq.pop();
    gp.fn = null;
    dropStart(gp.startCtx);
    gp.startCtx = null;
    gp.status = _Grunning;
    parkLike(gp);
    assert.throws(() => rt.verify(), /pk1: running g91 still holds a park promise/);
  });

  test("pk3: the M's goroutine with no drain check armed; pk4: an abort listener outliving its park", async () => {
    const rt = idleRuntime();
    const gp = new G(rt, 90, null, 0);
    gp.status = _Grunning;
    rt.allgs.add(gp);
    rt.curg = gp;
    assert.throws(() => rt.verify(), /pk3: g90 is the M's goroutine and no drain check is armed/);
    rt.drain.arm();
    rt.verify();
    gp.abortCleanup = () => {};
    assert.throws(() => rt.verify(), /pk4: running g90 still has an abort listener/);
    gp.abortCleanup = null;
    rt.curg = null;
    rt.allgs.delete(gp);
    await new Promise((r) => setImmediate(r)); // the armed check runs and finds no goroutine
    rt.verify();
  });

  test("s5: the fake clock moving backwards", () => {
    const rt = idleRuntime();
    rt.fakeNow = 1000;
    rt.verify();
    rt.fakeNow = 999;
    assert.throws(() => rt.verify(), /s5/);
  });

  test("s1: a P idle by status but not on the idle list", () => {
    const rt = idleRuntime();
    const pp = rt.pidleget()!;
    assert.throws(() => rt.verify(), /idle status|limiter|idlepMask/);
    rt.pidleput(pp);
    rt.verify();
  });

  test("e2: a timer of one runtime in another runtime's heap", async () => {
    const a = idleRuntime(1);
    const b = idleRuntime(1);
    let t: Timer | null = null;
    await a.run(async () => {
      t = new Timer(() => {}, null);
      t.reset(a.nanotime() + time.Hour, 0);
    });
    // a's heap moved into b's P (what procresize does between two Ps of one runtime): b's verify names it.
    b.allp[0].timers.take(a.allp[0].timers);
    b.timerpMask[0] = true;
    assert.ok(t !== null);
    assert.throws(() => b.verify(), /e2: P0 of runtime \d+ holds a timer of runtime \d+/);
  });

  test("e2: adding a timer of one runtime from code of another fails at the add", async () => {
    const a = idleRuntime(1);
    let t: Timer | null = null;
    await a.run(async () => {
      t = new Timer(() => {}, null);
    });
    const b = new Sched({ clock: "fake" });
    await assert.rejects(
      b.run(async () => {
        t!.reset(b.nanotime() + time.Second, 0);
      }),
      /e2: a timer of runtime \d+ is being added to a heap of runtime \d+/,
    );
  });

  test("i2: a bubble's count of requests in flight that disagrees with its operations", () => {
    const rt = idleRuntime(1);
    const io = new IoWatch(rt);
    rt.io = io;
    try {
      rt.verify();
      io.reqs++;
      assert.throws(() => rt.verify(), /iotrack: i2 reqs 1, counted 0/);
    } finally {
      io.close();
    }
  });
});
