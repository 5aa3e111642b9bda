// The scheduler's decisions, pinned where the mutants StrykerJS found surviving in checkdead.ts and proc.ts
// showed nothing looked (npm run mutation, MUTATION_TARGET=sched; docs/failures.md, "General mutation
// testing"): checkdead's every branch and report, driven on a stand-in scheduler whose state each case sets
// by hand; and, through real runtimes, stealing between Ps, an idle P's random draws, the timersRun
// counter, the global run queue's memory, and a goroutine woken from outside any goroutine. No test depends
// on wall-clock speed: time is virtual, or a host callback is awaited, never timed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  chan,
  GOMAXPROCS,
  GoFatalError,
  go,
  gosched,
  Runtime,
  recv,
  select,
  time,
  WaitGroup,
} from "../../../src/index.ts";
import { lockState } from "../../../src/internal/debug.ts";
import { hostSetImmediate } from "../../../src/internal/host.ts";
import { armedTimers, checkdead, holdsTime } from "../../../src/internal/runtime/checkdead.ts";
import { maxWhen, type Nanos, nsPerMs } from "../../../src/internal/runtime/nanotime.ts";
import { Sched } from "../../../src/internal/runtime/proc.ts";
import { FullTimer, Timer } from "../../../src/internal/runtime/timer.ts";
import type { Timers } from "../../../src/internal/runtime/timers.ts";
import { subscribeTrace } from "../../../src/internal/runtime/trace.ts";
import { fmtNs, siteOf } from "../../../src/internal/runtime/traceback.ts";
import { EngineHarness, FakeTimerChan } from "../../helpers/engine.ts";

// ----- checkdead on a stand-in scheduler -----

/** What checkdead did: run timers after a jump (at which fake time), ready the waiter, or fail. */
interface Stand {
  mActive: boolean;
  stopped: boolean;
  curg: object | null;
  fake: boolean;
  fakeNow: Nanos;
  waiter: object | null;
  maxVirtualTime: number;
  maxClockAdvances: number;
  stats: { jumps: number };
  allp: { timers: Timers | { len: number; heapT: Timer[] } }[];
  nsyscall: number;
  nio: number;
  io: { holds(): boolean } | null;
  mainG: object | null;
  allgs: { size: number };
  waitForGoroutines: boolean;
  mainDone: boolean;
  liveTimers: Set<Timer> | null;
  timerSites: WeakMap<object, unknown> | null;
  hostBaseline: Map<string, number> | null;
  deadlockRecheck: unknown;
  /** What timeSleepUntil returns. */
  next: Nanos;
  /** What happened, in order. */
  log: string[];
  failed: GoFatalError | null;
  timeSleepUntil(maskOnly: boolean): Nanos;
  runTimersAfterJump(): void;
  goready(gp: object, param: unknown): void;
  trace(...args: unknown[]): void;
  fail(e: GoFatalError): void;
  dump(): string;
}

/** A scheduler with every goroutine blocked, a main goroutine, no timer and nothing outside: a deadlock. */
function stand(over: Partial<Stand> = {}): Stand {
  const s: Stand = {
    mActive: false,
    stopped: false,
    curg: null,
    fake: true,
    fakeNow: 100,
    waiter: null,
    maxVirtualTime: Number.POSITIVE_INFINITY,
    maxClockAdvances: Number.POSITIVE_INFINITY,
    stats: { jumps: 0 },
    allp: [],
    nsyscall: 0,
    nio: 0,
    io: null,
    mainG: {},
    allgs: { size: 1 },
    waitForGoroutines: false,
    mainDone: false,
    liveTimers: null,
    timerSites: null,
    hostBaseline: null, // no run() began: host work (checkdead.ts d4) is not looked at
    deadlockRecheck: null,
    next: maxWhen,
    log: [],
    failed: null,
    timeSleepUntil(maskOnly) {
      this.log.push(`timeSleepUntil(${maskOnly})`);
      return this.next;
    },
    runTimersAfterJump() {
      this.log.push(`run timers at ${this.fakeNow}`);
    },
    goready(gp, param) {
      this.log.push(`goready ${gp === this.waiter ? "waiter (not cleared)" : "gp"} ${String(param)}`);
    },
    trace(...args: unknown[]) {
      this.log.push(`trace ${args.join(" ")}`);
    },
    fail(e) {
      this.log.push(`fail ${e.message}`);
      this.failed = e;
    },
    dump() {
      return "goroutine 1 [chan receive]:";
    },
    ...over,
  };
  return s;
}

function run(s: Stand): string[] {
  checkdead(s as unknown as Sched);
  return s.log.filter((l) => !l.startsWith("timeSleepUntil"));
}

describe("checkdead: what an idle runtime does once every goroutine is blocked", () => {
  test("a deadlock: Go's message, the fatal-error head and the dump, as a DeadlockError", () => {
    const s = stand();
    assert.deepEqual(run(s), ["fail all goroutines are asleep - deadlock!"]);
    const e = s.failed!;
    assert.ok(e instanceof GoFatalError);
    assert.equal(e.name, "DeadlockError");
    assert.equal(
      e.report,
      "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:",
    );
  });

  test("a bubble's two deadlock messages (main returned, or not), without the fatal-error head", () => {
    let s = stand({ waitForGoroutines: true });
    assert.deepEqual(run(s), ["fail deadlock: all goroutines in bubble are blocked"]);
    assert.equal(
      s.failed!.report,
      "deadlock: all goroutines in bubble are blocked\n\ngoroutine 1 [chan receive]:",
    );
    s = stand({ waitForGoroutines: true, mainDone: true });
    assert.deepEqual(run(s), [
      "fail deadlock: main bubble goroutine has exited but blocked goroutines remain",
    ]);
    assert.ok(s.failed!.report.startsWith("deadlock: main bubble goroutine has exited"));
  });

  test("d1: nothing happens while an M runs, after the runtime stopped, or with a current goroutine", () => {
    for (const over of [{ mActive: true }, { stopped: true }, { curg: {} }]) {
      const s = stand({ ...over, next: 50 });
      assert.deepEqual(run(s), [], JSON.stringify(over));
      assert.deepEqual(s.log, [], "not even the clock is read");
    }
  });

  test("fake clock: a timer due at the current instant runs without a jump, even while time is held", () => {
    for (const next of [100, 99]) {
      const s = stand({ next, nio: 1, waiter: {} });
      assert.deepEqual(run(s), ["run timers at 100"]);
      assert.equal(s.stats.jumps, 0);
      assert.ok(s.log.includes("timeSleepUntil(false)"), "every P's timers, not only timerpMask's");
    }
  });

  test("fake clock: otherwise it jumps to the next timer, counts the jump and runs the timers there", () => {
    const s = stand({ next: 101 });
    assert.deepEqual(run(s), ["run timers at 101"]);
    assert.equal(s.fakeNow, 101);
    assert.equal(s.stats.jumps, 1);
    // Both reads cover every P's heap (not only timerpMask's), and nothing is traced while tracing is off.
    assert.deepEqual(s.log, ["timeSleepUntil(false)", "timeSleepUntil(false)", "run timers at 101"]);
  });

  test("fake clock: a jump is traced as clock.jump while a trace subscriber listens", () => {
    const unsubscribe = subscribeTrace(() => {});
    try {
      const s = stand({ next: 101 });
      assert.deepEqual(run(s), ["trace clock.jump 0 101", "run timers at 101"]);
    } finally {
      unsubscribe();
    }
  });

  test("real clock: a timer at the current instant is the host timer's business; pending timers are no deadlock", () => {
    const heap = { len: 1, heapT: [] };
    let s = stand({
      fake: false,
      next: 1,
      fakeNow: 100,
      allp: [{ timers: { len: 0, heapT: [] } }, { timers: heap }],
    });
    assert.deepEqual(run(s), []);
    assert.equal(s.fakeNow, 100);
    s = stand({ fake: false, next: 1, allp: [{ timers: { len: 0, heapT: [] } }] });
    assert.deepEqual(run(s), ["fail all goroutines are asleep - deadlock!"]);
  });

  test("time held by something outside gort: no jump and no deadlock (d2)", () => {
    for (const over of [{ nio: 1 }, { nsyscall: 1 }, { io: { holds: () => true } }]) {
      const s = stand({ ...over, next: 500 });
      assert.deepEqual(run(s), [], JSON.stringify(over));
      assert.equal(s.fakeNow, 100);
    }
    // In a bubble, only its own I/O holds time; a goroutine in a syscall is no deadlock either.
    let s = stand({ io: { holds: () => false }, nsyscall: 1, next: 500 });
    assert.deepEqual(run(s), ["run timers at 500"]);
    s = stand({ io: { holds: () => false }, nsyscall: 1 });
    assert.deepEqual(run(s), []);
  });

  test("synctest.wait's waiter is woken at the current instant instead of a jump, once", () => {
    const waiter = {};
    const s = stand({ waiter, next: 500 });
    const log: string[] = [];
    s.goready = (gp, param) => {
      log.push(`goready ${gp === waiter} ${String(param)} waiter=${String(s.waiter)}`);
    };
    assert.deepEqual(run(s), []);
    assert.deepEqual(log, ["goready true undefined waiter=null"]);
    assert.equal(s.fakeNow, 100);
    assert.equal(s.stats.jumps, 0);
  });

  test("no deadlock without a main goroutine, or with no goroutine left", () => {
    assert.deepEqual(run(stand({ mainG: null })), []);
    assert.deepEqual(run(stand({ allgs: { size: 0 } })), []);
    assert.deepEqual(run(stand({ allgs: { size: 1 } })), ["fail all goroutines are asleep - deadlock!"]);
  });

  test("runaway bounds: virtual time may reach maxVirtualTime exactly, not pass it", () => {
    // Runtime clocks start at 1: a timer at virtual time t has when = t + 1.
    let s = stand({ next: 1001, maxVirtualTime: 1000 });
    assert.deepEqual(run(s), ["run timers at 1001"]);
    // The next timer at virtual time 12.000499 ms (when − 1): printed 12.000ms, not rounded up.
    s = stand({ next: 12_000_500, maxVirtualTime: 10 * nsPerMs });
    assert.deepEqual(run(s), ["fail runaway: virtual time would pass 10.000ms (next timer at 12.000ms)"]);
    assert.equal(s.failed!.name, "GoFatalError");
    assert.equal(s.fakeNow, 100, "no jump");
    assert.equal(s.stats.jumps, 0);
  });

  test("runaway bounds: at most maxClockAdvances jumps", () => {
    let s = stand({ next: 200, maxClockAdvances: 3, stats: { jumps: 2 } });
    assert.deepEqual(run(s), ["run timers at 200"]);
    assert.equal(s.stats.jumps, 3);
    s = stand({ next: 200, maxClockAdvances: 3, stats: { jumps: 3 } });
    assert.deepEqual(run(s), ["fail runaway: more than 3 clock advances"]);
    assert.equal(s.stats.jumps, 3);
  });

  test("a runaway report names the periodic timers still running, with their creation site if known", () => {
    const h = new EngineHarness();
    try {
      const ticker = new FullTimer(() => {}, null);
      ticker.reset(5_000_500, 2 * nsPerMs); // next at virtual 5.000499 ms: printed 5.000ms
      const site = new Error("site");
      const ticker2 = new FullTimer(() => {}, null);
      ticker2.reset(7 * nsPerMs + 1, 3 * nsPerMs);
      new Timer(() => {}, null).reset(9 * nsPerMs + 1, 0); // one-shot: not listed
      const s = stand({
        next: 5 * nsPerMs + 1,
        maxClockAdvances: 0,
        allp: [{ timers: h.heaps[0] }],
        timerSites: new WeakMap([[ticker2, site]]),
      });
      run(s);
      const lines = s.failed!.report.split("\n");
      assert.deepEqual(lines, [
        "runaway: more than 0 clock advances",
        "",
        "periodic timers still running:",
        "\tticker every 2.000ms, next at 5.000ms",
        `\tticker every ${fmtNs(3 * nsPerMs)}, next at ${fmtNs(7 * nsPerMs)} created at ${siteOf(site)}`,
        "",
        "goroutine 1 [chan receive]:",
      ]);
      // No creation sites recorded (outside bubbles): the same lines without them.
      const s1 = stand({ next: 5 * nsPerMs + 1, maxClockAdvances: 0, allp: [{ timers: h.heaps[0] }] });
      run(s1);
      assert.deepEqual(s1.failed!.report.split("\n").slice(2, 5), [
        "periodic timers still running:",
        "\tticker every 2.000ms, next at 5.000ms",
        `\tticker every ${fmtNs(3 * nsPerMs)}, next at ${fmtNs(7 * nsPerMs)}`,
      ]);
      // Without tickers, the report is the head line and the dump.
      h.heaps[0].heapT.length = 0;
      h.heaps[0].heapW.length = 0;
      const s2 = stand({ next: 5 * nsPerMs + 1, maxClockAdvances: 0, allp: [{ timers: h.heaps[0] }] });
      run(s2);
      assert.equal(s2.failed!.report, "runaway: more than 0 clock advances\n\ngoroutine 1 [chan receive]:");
    } finally {
      lockState.locks = 0;
      h.dispose();
    }
  });

  test("armedTimers: live heap entries of every P and tracked lazy channel timers, each once; never a stopped one", () => {
    const h = new EngineHarness(2);
    try {
      const a = new Timer(() => {}, null);
      a.reset(10, 0);
      const stopped = new Timer(() => {}, null);
      stopped.reset(20, 0);
      stopped.stop(); // a zombie entry
      h.cur = 1;
      const b = new Timer(() => {}, null);
      b.reset(30, 0);
      const lazy = new FullTimer(() => {}, new FakeTimerChan(), true);
      lazy.reset(40, 0); // a channel timer nobody waits on: no heap entry
      const idle = new FullTimer(() => {}, new FakeTimerChan(), true); // never started: when 0
      const left = new FullTimer(() => {}, new FakeTimerChan(), true);
      left.reset(50, 0);
      left.blockTimerChan(); // a waiter: an entry in P1's heap
      left.unblockTimerChan(); // it left: the entry is a zombie that keeps when
      assert.ok(left.when > 0 && h.heaps[1].heapT.includes(left));
      const s = stand({
        allp: [{ timers: h.heaps[0] }, { timers: h.heaps[1] }],
        liveTimers: new Set([lazy, idle, a]),
      });
      assert.deepEqual(armedTimers(s as unknown as Sched), [a, b, lazy]);
      assert.deepEqual(armedTimers(stand({ allp: [{ timers: h.heaps[1] }] }) as unknown as Sched), [b]);
    } finally {
      lockState.locks = 0;
      h.dispose();
    }
  });

  test("holdsTime: io() always; a bubble only by its own I/O; elsewhere any syscall", () => {
    const hold = (over: Partial<Stand>) => holdsTime(stand(over) as unknown as Sched);
    assert.equal(hold({}), false);
    assert.equal(hold({ nio: 1 }), true);
    assert.equal(hold({ nio: 1, io: { holds: () => false } }), true);
    assert.equal(hold({ nsyscall: 1 }), true);
    assert.equal(hold({ nsyscall: 1, io: { holds: () => false } }), false);
    assert.equal(hold({ io: { holds: () => true } }), true);
  });
});

// ----- the scheduler, through real runtimes -----

describe("scheduler decisions (proc.ts)", () => {
  test("with 2 Ps an idle P steals from a busy P's run queue (no timer anywhere)", async () => {
    for (const seed of [1, 2, 3]) {
      const rt = new Sched({ clock: "fake", procs: 2, seed });
      const ran = [0, 0];
      await rt.run(async () => {
        const wg = new WaitGroup();
        // All 20 start on P0's queue (the spawning goroutine's); P1 was woken spinning and finds work only
        // by stealing. No goroutine sleeps, so no P has a timer: stealing must not depend on one.
        for (let i = 0; i < 20; i++) {
          wg.add(1);
          go(() => {
            ran[rt.curP!.id]++;
            wg.done();
          });
        }
        await wg.wait();
      });
      assert.ok(rt.stats.steals > 0, `seed ${seed}: steals ${rt.stats.steals}`);
      assert.ok(ran[1] > 0, `seed ${seed}: goroutines run by P1: ${ran[1]}`);
      assert.equal(ran[0] + ran[1], 20);
    }
  });

  test("GOMAXPROCS raised with goroutines queued: the new P is started and takes some of them", async () => {
    for (const seed of [1, 2, 3]) {
      const rt = new Sched({ clock: "fake", procs: 1, seed });
      const ran = [0, 0];
      await rt.run(async () => {
        const wg = new WaitGroup();
        for (let i = 0; i < 20; i++) {
          wg.add(1);
          go(() => {
            ran[rt.curP!.id]++;
            wg.done();
          });
        }
        GOMAXPROCS(2); // the 20 wait in P0's local queue; no goroutine starts or wakes another after this
        rt.verify();
        await wg.wait();
      });
      assert.ok(ran[1] > 0, `seed ${seed}: goroutines run by the new P1: ${ran[1]}`);
      assert.equal(ran[0] + ran[1], 20);
    }
  });

  test("GOMAXPROCS changed by the running goroutine with nothing queued leaves its own P running", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    await rt.run(async () => {
      GOMAXPROCS(2);
      rt.verify();
      assert.equal(rt.curP, rt.allp[0]);
      assert.equal(rt.allp[0].status, 1, "P0 runs the caller");
      assert.equal(rt.idle.idlepMask[0], false);
      GOMAXPROCS(1);
      rt.verify();
      assert.equal(rt.curP, rt.allp[0]);
      await time.sleep(time.Millisecond);
    });
  });

  test("an idle single P draws nothing from the random source: seeded select choices do not depend on idling", async () => {
    /** 40 selects between two ready channels, the goroutine going idle (sleep) or not (gosched) between. */
    const choices = (idle: boolean) =>
      new Runtime({ clock: "fake", procs: 1, seed: 7 }).run(async () => {
        const a = chan<number>(1);
        const b = chan<number>(1);
        const out: number[] = [];
        for (let i = 0; i < 40; i++) {
          await a.send(0);
          await b.send(1);
          const r = await select([recv(a), recv(b)]);
          out.push(r.index);
          await (r.index === 0 ? b : a).recv();
          if (idle) await time.sleep(time.Millisecond);
          else await gosched();
        }
        return out.join("");
      });
    const busy = await choices(false);
    assert.match(busy, /0/);
    assert.match(busy, /1/);
    assert.equal(await choices(true), busy);
  });

  test("stats.timersRun counts the timer checks that ran at least one timer", async () => {
    let rt = new Runtime({ clock: "fake", procs: 1, seed: 1 });
    await rt.run(async () => {
      for (let i = 0; i < 5; i++) await time.sleep(time.Millisecond);
    });
    assert.equal(rt.stats.timersRun, 5);
    assert.equal(rt.stats.jumps, 5);
    // Twenty sleepers due at one instant: one check runs them all.
    rt = new Runtime({ clock: "fake", procs: 1, seed: 1 });
    await rt.run(async () => {
      const wg = new WaitGroup();
      for (let i = 0; i < 20; i++) {
        wg.add(1);
        go(async () => {
          await time.sleep(time.Millisecond);
          wg.done();
        });
      }
      await wg.wait();
    });
    assert.equal(rt.stats.timersRun, 1);
    // No timer ever due: no count, however often the Ps look.
    rt = new Runtime({ clock: "fake", procs: 2, seed: 1 });
    await rt.run(async () => {
      const t = time.newTimer(time.Hour);
      for (let i = 0; i < 50; i++) await gosched();
      t.stop();
    });
    assert.equal(rt.stats.timersRun, 0);
    // With 2 Ps a P also runs the other P's due timers (stealWork's last pass): those checks count too.
    // 20 sleeps end at 13 distinct instants: at least one counted check per instant, at most one per timer.
    for (const seed of [1, 2, 3]) {
      const rt2 = new Runtime({ clock: "fake", procs: 2, seed });
      await rt2.run(async () => {
        const wg = new WaitGroup();
        for (let i = 0; i < 4; i++) {
          wg.add(1);
          go(async () => {
            for (let k = 0; k < 5; k++) await time.sleep((i + 1) * time.Millisecond);
            wg.done();
          });
        }
        await wg.wait();
      });
      assert.equal(rt2.stats.jumps, 13, `seed ${seed}`);
      assert.ok(
        rt2.stats.timersRun >= 13 && rt2.stats.timersRun <= 20,
        `seed ${seed}: ${rt2.stats.timersRun}`,
      );
    }
  });

  test("a P's own timer check force-cleans its heap once zombies pass a quarter of it", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const r = await rt.run(async () => {
      const ts = [];
      for (let i = 0; i < 40; i++) ts.push(time.afterFunc(time.Hour + i, () => {}));
      const keep = time.afterFunc(2 * time.Hour, () => {}); // live, at the heap's tail
      for (const t of ts) t.stop(); // 40 zombies of 41 entries; no insert follows to clean the head
      const heap = rt.allp[0].timers;
      const before = [heap.len, heap.zombies];
      await gosched(); // the scheduler checks this P's timers as its own (local)
      const after = [heap.len, heap.zombies];
      keep.stop();
      return { before, after };
    });
    assert.deepEqual(r, { before: [41, 40], after: [1, 0] });
  });

  test("the global run queue: 3,000 goroutines overflowing the local queue all run; its array stays bounded", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const n = 3000;
    let ran = 0;
    let pushed = 0;
    const arrays = new Set<unknown>();
    let worst = "";
    await rt.run(async () => {
      const wg = new WaitGroup();
      for (let i = 0; i < n; i++) {
        wg.add(1);
        go(() => {
          ran++;
          arrays.add(rt.globrunq);
          // Compaction: never more than 1,024 dead slots at the head, unless they are at most half the array.
          if (rt.globhead > 1024 && rt.globhead * 2 > rt.globrunq.length && worst === "")
            worst = `globhead ${rt.globhead} of ${rt.globrunq.length}`;
          wg.done();
        });
      }
      pushed = rt.globrunq.length - rt.globhead; // overflowed from the 256-slot local queue
      await wg.wait();
    });
    assert.equal(ran, n);
    assert.ok(pushed > 2048, `only ${pushed} went through the global queue`);
    assert.equal(worst, "", `dead slots kept: ${worst}`);
    // Amortised: the array is copied at most once per 1,024 goroutines taken from it.
    assert.ok(arrays.size <= 1 + Math.ceil(pushed / 1024), `${arrays.size} arrays for ${pushed} goroutines`);
  });

  test("a P takes the whole global queue at once (up to 128) under one P: Go 1.23's order", async () => {
    // Go 1.23.5 (go build -tags faketime, GOMAXPROCS=1) prints [g4 g1 g2 g3 g4' c2 g1' g2' g3' c1] for:
    //
    //   for i := 1; i <= 4; i++ {
    //       wg.Add(1)
    //       go func() {
    //           defer wg.Done()
    //           order = append(order, fmt.Sprintf("g%d", i))
    //           runtime.Gosched()
    //           order = append(order, fmt.Sprintf("g%d'", i))
    //           if i == 4 {
    //               for c := 1; c <= 2; c++ {
    //                   wg.Add(1)
    //                   go func() { defer wg.Done(); order = append(order, fmt.Sprintf("c%d", c)) }()
    //               }
    //           }
    //       }()
    //   }
    //   wg.Wait()
    //
    // Each Gosched puts its goroutine on the global queue: [g4 g1 g2 g3]. The P takes g4 and moves g1–g3 to
    // its local queue in one batch; g4 starts c1 then c2 (c2 takes runnext, c1 goes to the local tail,
    // behind g1–g3). Had the batch been smaller, c1 would run before the goroutines left in the global queue.
    const rt = new Runtime({ clock: "fake", procs: 1, seed: 1 });
    const order = await rt.run(async () => {
      const wg = new WaitGroup();
      const order: string[] = [];
      for (let i = 1; i <= 4; i++) {
        wg.add(1);
        go(async () => {
          try {
            order.push(`g${i}`);
            await gosched();
            order.push(`g${i}'`);
            if (i === 4) {
              for (let c = 1; c <= 2; c++) {
                wg.add(1);
                go(() => {
                  order.push(`c${c}`);
                  wg.done();
                });
              }
            }
          } finally {
            wg.done();
          }
        });
      }
      await wg.wait();
      return order;
    });
    assert.equal(order.join(" "), "g4 g1 g2 g3 g4' c2 g1' g2' g3' c1");
  });

  test("the batch taken from the global queue goes to the local queue's tail in order (Go 1.23)", async () => {
    // The same Go program without the two children prints [g4 g1 g2 g3 g4' g1' g2' g3']: g1–g3, moved
    // from the global queue in one batch, run in their queue order (none of them took runnext).
    const rt = new Runtime({ clock: "fake", procs: 1, seed: 1 });
    const order = await rt.run(async () => {
      const wg = new WaitGroup();
      const order: string[] = [];
      for (let i = 1; i <= 4; i++) {
        wg.add(1);
        go(async () => {
          order.push(`g${i}`);
          await gosched();
          order.push(`g${i}'`);
          wg.done();
        });
      }
      await wg.wait();
      return order;
    });
    assert.equal(order.join(" "), "g4 g1 g2 g3 g4' g1' g2' g3'");
  });

  test("a goroutine parked on a channel is woken by a host callback outside any goroutine (real clock)", async () => {
    const rt = new Runtime({ clock: "real", procs: 1, seed: 1 });
    const c = chan<string>(1);
    const got = await rt.run(async () => {
      hostSetImmediate(() => {
        // Outside any goroutine, with the runtime's M stopped: the receiver goes to the global queue.
        void c.send("from the host");
      });
      const r = await select([recv(c), recv(time.after(time.Hour))]);
      return r.index === 0 ? r.value : "timeout";
    });
    assert.equal(got, "from the host");
  });
});
