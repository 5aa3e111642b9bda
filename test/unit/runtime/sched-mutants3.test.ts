// The scheduler's decisions pinned where StrykerJS's mutants of proc.ts survived the rest of the suite
// (npm run mutation, MUTATION_TARGET=sched; docs/failures.md, "General mutation testing", runs N–R):
// procresize's current-P bookkeeping, findRunnable going round again after its steal ran another P's
// timers, and goroutine start, park, ready and exit. Every case runs a real runtime (or calls a Sched
// method directly) and checks what the runtime did through its public API or Sched's @internal fields.
// No test depends on wall-clock speed: time is virtual, or a host callback is awaited, never timed.
import assert from "node:assert/strict";
import diagnostics_channel from "node:diagnostics_channel";
import { describe, test } from "node:test";
import {
  chan,
  GOMAXPROCS,
  GoFatalError,
  go,
  goexit,
  gosched,
  io,
  Mutex,
  time,
  WaitGroup,
} from "../../../src/index.ts";
import { lockState, RuntimeInvariantError, setVerify } from "../../../src/internal/debug.ts";
import { getg } from "../../../src/internal/runtime/getg.ts";
import { fakeBurstLimit, Sched } from "../../../src/internal/runtime/proc.ts";
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
      while (!stop) {
        go(() => {}); // wakes an idle P whenever none is spinning (newproc's wakep): every P gets to run
        await gosched();
      }
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
      // Main starts with the stand-in for Go's finalizer goroutine in runnext (proc.ts goRuntimeStart):
      // yield once so that it has run and nothing is queued.
      await gosched();
      assert.equal(rt.allp[0].runqempty(), true);
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

  test("wakep starts one spinning P for new work, not another while one spins", async () => {
    const rt = new Sched({ clock: "fake", procs: 4, seed: 1 });
    await rt.run(async () => {
      const wg = new WaitGroup();
      for (let i = 0; i < 3; i++) {
        wg.add(1);
        go(() => wg.done());
        assert.equal(rt.nmspinning, 1, `after go #${i + 1}`);
        assert.equal(rt.npidle, 2);
      }
      await wg.wait();
    });
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

describe("execute: the M's time slice under the fake clock", () => {
  /** The slice's length (proc.ts fakeBurstLimit) and a ping-pong long enough for two and a bit of them. */
  const L = fakeBurstLimit;
  const values = 2 * L + 952;

  /**
   * A ping-pong of `values` values on one P, the receiver sleeping once after 400 (pause): rt.stats.switches
   * each time the host loop turns while it runs, and at the end.
   */
  async function hostTurns(pause: boolean, procs = 1): Promise<[number[], number]> {
    const rt = new Sched({ clock: "fake", procs, seed: 1 });
    const seen: number[] = [];
    let done = false;
    const turn = () => {
      if (done) return;
      seen.push(rt.stats.switches);
      setImmediate(turn);
    };
    setImmediate(turn);
    await rt.run(async () => {
      const c = chan<number>();
      go(async () => {
        for (let i = 0; i < values; i++) await c.send(i);
      });
      for (let i = 0; i < values; i++) {
        if (pause && i === 400) await time.sleep(time.Millisecond);
        await c.recv();
      }
    });
    done = true;
    return [seen, rt.stats.switches];
  }

  /**
   * The host turns that end a slice by count (the goroutine goes to the global queue), given where each
   * slice starts: every other turn must be a pause for real time (execute), which comes only before a
   * slice's 32nd, 64th, … resumption, when that many minus one have run.
   */
  function countTurns(
    [seen, total]: [number[], number],
    starts: number[],
    idle: number[] = [],
  ): [number[], number] {
    const byCount: number[] = [];
    for (const v of seen) {
      // While the M is idle (idle: the resumption counts where it stopped) the host loop may turn: its
      // checkdead waits for the microtask queue to drain, every 256th time through a macrotask (host.ts
      // afterDrain). Whether that one falls here depends on every drain wait earlier in the process.
      if (idle.includes(v)) continue;
      if (starts.includes(v) && v !== 0) byCount.push(v);
      else {
        const start = Math.max(...starts.filter((x) => x <= v));
        assert.equal((v - start + 1) % 32, 0, `a host turn after ${v} resumptions is neither kind`);
      }
    }
    return [byCount, total];
  }

  test("after 65,536 resumptions in a row the host loop turns, every 65,536, at 1 or 2 Ps", async () => {
    const starts = [0, L, 2 * L];
    assert.deepEqual(countTurns(await hostTurns(false), starts), [[L, 2 * L], values + 1]);
    assert.deepEqual(countTurns(await hostTurns(false, 2), starts), [[L, 2 * L], values + 1]);
  });

  test("the count starts again when the M goes idle (a sleep with nothing else to run)", async () => {
    // 402 resumptions before the sleep parks the last runnable goroutine; the slice restarts after it.
    const starts = [0, 402, 402 + L, 402 + 2 * L];
    assert.deepEqual(countTurns(await hostTurns(true), starts, [402]), [[402 + L, 402 + 2 * L], values + 3]);
  });
});

describe("goroutine start", () => {
  test("150 goroutine starts queued at once (one per runtime): the start ring grows and keeps their order", async () => {
    const order: number[] = [];
    const rts: Sched[] = [];
    for (let i = 0; i < 150; i++) {
      const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
      rts.push(rt);
      // Each runtime's M starts in its own microtask and queues its goroutine's start job behind all of
      // them: 150 jobs queued before the first runs (the ring starts with 64 slots).
      rt.newproc(
        () => {
          order.push(i);
          rt.verify();
        },
        [],
        null,
      );
    }
    await hostTurns(2);
    assert.deepEqual(
      order,
      Array.from({ length: 150 }, (_, i) => i),
    );
    for (const rt of rts) rt.stop();
  });

  test("a goroutine whose start is queued when the runtime stops never runs", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    let ran = 0;
    rt.newproc(
      () => {
        ran++;
      },
      [],
      null,
    );
    // The M's first run (a microtask queued by newproc's wakeup) queues the start job after this one.
    queueMicrotask(() => rt.stop());
    await new Promise((r) => setImmediate(r));
    assert.equal(ran, 0);
    // The same without the stop: it runs.
    const rt2 = new Sched({ clock: "fake", procs: 1, seed: 1 });
    rt2.newproc(
      () => {
        ran++;
      },
      [],
      null,
    );
    await new Promise((r) => setImmediate(r));
    assert.equal(ran, 1);
    rt2.stop();
  });
});

/** Resolves after n turns of the host loop (setImmediate), without reading any clock. */
async function hostTurns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

describe("goroutine creation and exit", () => {
  test("whatever a goroutine returns that is not a thenable is its result, null included", async () => {
    // biome-ignore lint/suspicious/noThenProperty: a non-function `then` does not make a thenable
    for (const v of [null, undefined, 0, "s", { a: 1 }, { then: 5 }]) {
      const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
      const r = await rt.run(async () => {
        const done = chan<void>(3);
        go(() => {
          void done.send();
          return v;
        });
        await done.recv();
        return (() => v)();
      });
      assert.deepEqual(r, v);
    }
    // A plain (not async) main returning one of them, too.
    // biome-ignore lint/suspicious/noThenProperty: a function with a non-function `then` is no thenable
    const fnWithThen = Object.assign(() => {}, { then: 1 });
    for (const v of [null, { a: 1 }, fnWithThen]) {
      const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
      assert.equal(await rt.run(() => v), v);
    }
  });

  test("a stopped runtime refuses new goroutines", () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    rt.stop();
    assert.throws(() => rt.newproc(() => {}, [], null), /runtime used after it stopped/);
  });

  test("stats.goroutines counts every goroutine created, main included", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    await rt.run(async () => {
      const wg = new WaitGroup();
      for (let i = 0; i < 5; i++) {
        wg.add(1);
        go(() => wg.done());
      }
      await wg.wait();
    });
    assert.equal(rt.stats.goroutines, 6);
  });

  test("go() hands off through runnext (the newest runs first); newprocFIFO queues in order", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const order = await rt.run(async () => {
      const out: string[] = [];
      const wg = new WaitGroup();
      for (const name of ["a", "b", "c"]) {
        wg.add(1);
        go(() => {
          out.push(name);
          wg.done();
        });
      }
      for (const name of ["x", "y", "z"]) {
        wg.add(1);
        rt.newprocFIFO(() => {
          out.push(name);
          wg.done();
        }, []);
      }
      await wg.wait();
      return out.join("");
    });
    // runnext holds c (a and b displaced to the tail in order); x, y, z follow at the tail.
    assert.equal(order, "cabxyz");
  });

  test("a goroutine's creation site is recorded (it appears in the deadlock dump)", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const err = await rt
      .run(async () => {
        go(() => chan<void>().recv());
        await chan<void>().recv();
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.ok(err instanceof GoFatalError);
    assert.match(err.report, /created by .*sched-mutants3\.test\.ts/);
  });

  test("newproc records where it was called unless the caller names a site, or sites are off", () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    assert.match(rt.newproc(() => {}, [], null).spawnLocation(), /sched-mutants3\.test\.ts/);
    assert.match(rt.newproc(() => {}, [], null, true, null).spawnLocation(), /sched-mutants3\.test\.ts/);
    rt.stop();
    const off = new Sched({ clock: "fake", procs: 1, seed: 1, spawnSites: false });
    assert.equal(off.newproc(() => {}, [], null).spawnLocation(), "");
    off.stop();
  });

  test("go.create and go.end trace events: with the creator's goid, only while a subscriber listens", async () => {
    const run = async () => {
      const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
      await rt.run(async () => {
        const done = chan<void>();
        go(() => done.send());
        await done.recv();
      });
      return rt.id;
    };
    const events: TraceEvent[] = [];
    const unsubscribe = subscribeTrace((e) => events.push(e));
    let id: number;
    try {
      id = await run();
    } finally {
      unsubscribe();
    }
    const mine = events.filter((e) => e.rt === id && (e.kind === "go.create" || e.kind === "go.end"));
    assert.deepEqual(
      mine.map((e) => [e.kind, e.g, e.arg]),
      [
        ["go.create", 1, 0],
        ["go.create", 2, 1],
        ["go.end", 2, undefined],
        ["go.end", 1, undefined],
      ],
    );
    // A direct subscriber of the channel, without subscribeTrace: the runtime does not publish at all.
    const direct: unknown[] = [];
    const h = (m: unknown) => direct.push(m);
    diagnostics_channel.subscribe("gort:trace", h);
    try {
      await run();
    } finally {
      diagnostics_channel.unsubscribe("gort:trace", h);
    }
    assert.deepEqual(direct, []);
  });

  test("a goroutine that returns after awaiting a foreign promise leaves the syscall count", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    await rt.run(async () => {
      const wg = new WaitGroup();
      wg.add(1);
      go(async () => {
        await new Promise((r) => setImmediate(r)); // foreign: the goroutine enters a syscall
        wg.done();
      });
      wg.add(1);
      go(async () => {
        await new Promise((r) => setImmediate(r));
        // returns still in the syscall (no gort call after the await)
      });
      wg.done();
      await wg.wait();
      await hostTurns(3);
      await time.sleep(time.Millisecond);
      assert.equal(rt.nsyscall, 0);
      assert.equal(rt.syscallGs.size, 0);
    });
  });

  test("a goroutine that exits with its sleep not awaited panics: a missing await", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    await assert.rejects(
      rt.run(async () => {
        go(() => {
          void time.sleep(time.Millisecond);
        });
        await time.sleep(2 * time.Millisecond);
      }),
      { message: /^panic: goroutine 2 returned while its sleep was not awaited — missing await\?/ },
    );
  });

  test("Goexit in a goroutine ends it quietly; in main, the program runs on until the others are done", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const log: string[] = [];
    const err = await rt
      .run(async () => {
        go(() => {
          log.push("g1");
          goexit();
        });
        go(async () => {
          await time.sleep(time.Millisecond);
          log.push("g2");
        });
        await gosched();
        goexit();
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.deepEqual(log, ["g1", "g2"]);
    assert.ok(err instanceof GoFatalError);
    assert.equal(err.message, "no goroutines (main called runtime.Goexit) - deadlock!");
    assert.equal(err.name, "DeadlockError");
    assert.equal(err.report, "fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
  });

  test("waitForGoroutines: run settles once every goroutine is done; without it, when main returns", async () => {
    for (const wait of [true, false]) {
      const rt = new Sched({ clock: "fake", procs: 1, seed: 1, waitForGoroutines: wait });
      let late = false;
      const r = await rt.run(async () => {
        go(async () => {
          await time.sleep(time.Millisecond);
          late = true;
        });
        return "main";
      });
      assert.equal(r, "main");
      assert.equal(late, wait, `waitForGoroutines ${wait}`);
      assert.equal(rt.mainDone, wait);
    }
  });

  test("a goroutine's last exit after a foreign await, with main blocked: the idle runtime reports the deadlock", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const err = await rt
      .run(async () => {
        go(async () => {
          await new Promise((r) => setImmediate(r));
        });
        await chan<void>().recv();
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.ok(err instanceof GoFatalError);
    assert.equal(err.name, "DeadlockError");
  });
});

describe("panics and fatal errors", () => {
  /** Runs main in a fresh runtime; returns the GoFatalError it failed with. */
  async function failure(main: (rt: Sched) => Promise<unknown>): Promise<{ rt: Sched; err: GoFatalError }> {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const err = await rt
      .run(() => main(rt))
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.ok(err instanceof GoFatalError, String(err));
    return { rt, err };
  }

  test("a panic in a goroutine that awaited a foreign promise: the report, and the syscall count restored", async () => {
    const { rt, err } = await failure(async () => {
      go(async () => {
        await new Promise((r) => setImmediate(r));
        throw new Error("boom");
      });
      await chan<void>().recv();
    });
    assert.equal(err.name, "GoPanicError");
    assert.match(err.report, /^panic: boom\n\ngoroutine 2 \[running\]:\n/);
    assert.equal(rt.nsyscall, 0);
    assert.equal(rt.syscallGs.size, 0);
    // And one that did not: nothing to restore.
    const b = await failure(async () => {
      go(() => {
        throw new Error("boom");
      });
      await chan<void>().recv();
    });
    assert.equal(b.rt.nsyscall, 0);
  });

  test("the first failure stands: a later panic in another goroutine is not reported", async () => {
    const { rt, err } = await failure(async () => {
      // The foreign promise settles only after main has thrown, whatever the host does meanwhile (a
      // loaded machine can end a time slice inside gosched, and the host turn it takes would run an
      // immediate armed by the goroutine before main throws).
      let release!: () => void;
      const foreign = new Promise<void>((r) => {
        release = r;
      });
      go(async () => {
        await foreign;
        throw new Error("second");
      });
      await gosched(); // the goroutine starts and awaits its foreign promise
      setImmediate(release);
      throw new Error("first");
    });
    assert.match(err.report, /^panic: first/);
    await hostTurns(5);
    assert.equal(rt.failure, err);
  });

  test("after a panic stopped the runtime, the last goroutine's exit reports nothing more (main called Goexit)", async () => {
    const { rt, err } = await failure(async () => {
      go(async () => {
        await new Promise((r) => setImmediate(r)); // still in its syscall when the panic stops the runtime
      });
      go(async () => {
        await gosched();
        throw new Error("boom");
      });
      goexit();
    });
    assert.match(err.report, /^panic: boom/);
    await hostTurns(5);
    assert.equal(rt.failure, err);
  });

  test("a panic whose message is already a fatal error line is reported as it is", async () => {
    const { err } = await failure(async () => {
      new Mutex().unlock();
    });
    assert.match(err.report, /^fatal error: sync: unlock of unlocked mutex\n\ngoroutine 1 \[running\]:/);
  });

  test("a RuntimeInvariantError thrown in a goroutine is Go's throw: fatal error and the goroutine dump", async () => {
    const { err } = await failure(async () => {
      go(() => chan<void>().recv());
      await gosched();
      throw new RuntimeInvariantError("bad state");
    });
    assert.equal(err.name, "GoFatalError");
    assert.match(err.report, /^fatal error: bad state\n\ngoroutine /);
    assert.match(err.report, /\[chan receive\]/);
  });

  test("throwFatal: an Error is a panic on the M; nothing once the runtime stopped", async () => {
    const { err } = await failure(async (rt) => {
      setImmediate(() => rt.throwFatal(new Error("host boom")));
      await hostTurns(3); // a foreign await: main is in a syscall meanwhile, no deadlock
      await chan<void>().recv();
    });
    assert.equal(err.name, "GoPanicError");
    assert.match(err.report, /^panic: host boom/);
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    rt.stop();
    rt.throwFatal(new Error("late"));
    assert.equal(rt.failure, null);
  });
});

describe("parking and readying", () => {
  test("gopark refuses a goroutine that is not running, and any park while a lock is held", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const gp = rt.newproc(() => {}, [], null); // runnable, not running
    assert.throws(() => rt.gopark(gp, "test", null), /gopark: goroutine \d+ is runnable, not running/);
    await rt.run(async () => {
      const me = getg()!;
      lockState.locks++;
      try {
        assert.throws(
          () => rt.gopark(me, "test", null),
          /^RuntimeInvariantError: gopark: holding locks$|gopark: holding locks/,
        );
      } finally {
        lockState.locks--;
      }
    });
  });

  test("go.block is traced for goroutines, never for code outside any goroutine", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const events: TraceEvent[] = [];
    const unsubscribe = subscribeTrace((e) => {
      if (e.kind === "go.block") events.push(e);
    });
    const c = chan<number>();
    try {
      const main = rt.run(async () => {
        await time.sleep(time.Millisecond);
        await c.send(1);
      });
      assert.equal(await c.recv(), 1); // host code blocks on c (an external stand-in) until main sends
      await main;
    } finally {
      unsubscribe();
    }
    assert.deepEqual(
      events.map((e) => [e.rt === rt.id, e.g, e.arg]),
      [[true, 1, "sleep"]],
    );
  });

  test("code outside any goroutine parks as an external stand-in and is resumed directly", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const ext = rt.externalG();
    const parked = rt.gopark(ext, "test", null);
    assert.ok(rt.externalWaiters.has(ext));
    assert.equal(rt.mActive, false, "no M started for it");
    rt.goready(ext, 5);
    assert.equal(rt.externalWaiters.size, 0);
    assert.equal(await parked, 5);
    assert.equal(rt.globrunq.length - rt.globhead, 0, "never queued");
    rt.stop();
  });

  test("Gosched outside any goroutine waits one turn of the host loop, queued behind what is already there", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const log: string[] = [];
    setImmediate(() => log.push("before"));
    const p = rt.gosched(rt.externalG()).then(() => log.push("gosched"));
    setImmediate(() => log.push("after"));
    await p;
    await hostTurns(1);
    assert.deepEqual(log, ["before", "gosched", "after"]);
    assert.equal(rt.globrunq.length - rt.globhead, 0, "the stand-in is never queued");
    assert.equal(rt.mActive, false);
    rt.stop();
  });

  test("io(): a rejected promise rejects in the goroutine, which goes on; the io count returns to 0", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const r = await rt.run(async () => {
      let caught: unknown = null;
      try {
        await io(Promise.reject(new Error("io failed")));
      } catch (e) {
        caught = e;
      }
      const ok = await io(Promise.resolve(7));
      return [String(caught), ok, rt.nio];
    });
    assert.deepEqual(r, ["Error: io failed", 7, 0]);
  });

  test("synctest.wait parks as synctest.Wait until everything else blocks, then returns", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const r = await rt.run(async () => {
      const me = getg()!;
      let reason = "";
      go(() => {
        reason = me.waitReason;
      });
      await rt.synctestWait(me);
      return [reason, rt.waiter];
    });
    assert.deepEqual(r, ["synctest.Wait", null]);
  });

  test("synctest.wait: one waiter at a time", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    await rt.run(async () => {
      const other = rt.newproc(() => {}, [], null);
      rt.waiter = other;
      await assert.rejects(rt.synctestWait(getg()!), /wait already in progress/);
      rt.waiter = null;
    });
  });
});

describe("scheduler trace events and checks", () => {
  /** 2 Ps: goroutines that sleep, ready each other and await a foreign promise; the event kinds seen. */
  async function scenario(): Promise<number> {
    const rt = new Sched({ clock: "fake", procs: 2, seed: 3 });
    await rt.run(async () => {
      const c = chan<number>();
      const wg = new WaitGroup();
      wg.add(2);
      go(async () => {
        await time.sleep(time.Millisecond);
        await c.send(1);
        wg.done();
      });
      go(async () => {
        await c.recv();
        // A syscall, over two host turns: the drain check that finds it is a nextTick, or (every 256th
        // arm, host.ts) a setImmediate queued behind this one's first: a single immediate could settle first.
        await new Promise((r) => setImmediate(() => setImmediate(r)));
        await time.sleep(time.Millisecond); // leaves it (exitsyscall)
        wg.done();
      });
      await wg.wait();
    });
    return rt.id;
  }

  test("go.unblock, go.syscall, go.start, proc.run and proc.idle are sent while a subscriber listens, never otherwise", async () => {
    const events: TraceEvent[] = [];
    const unsubscribe = subscribeTrace((e) => events.push(e));
    let id: number;
    try {
      id = await scenario();
    } finally {
      unsubscribe();
    }
    const kinds = new Set(events.filter((e) => e.rt === id).map((e) => e.kind));
    for (const k of ["go.unblock", "go.syscall", "go.start", "proc.run", "proc.idle"] as const)
      assert.ok(kinds.has(k), `${k} seen`);
    const mine = events.filter((e) => e.rt === id);
    assert.ok(
      mine.some((e) => e.kind === "go.start" && e.g === 1),
      "execute's go.start for main",
    );
    // Goroutine 3 leaves its syscall with the M free: exitsyscall's go.start comes before its next block.
    const g3 = mine.filter((e) => e.g === 3 && ["go.syscall", "go.start", "go.block"].includes(e.kind));
    const k = g3.findIndex((e) => e.kind === "go.syscall");
    assert.ok(k >= 0);
    assert.equal(g3[k + 1]?.kind, "go.start", "go.start right after leaving the syscall");
    const unblock = events.find((e) => e.rt === id && e.kind === "go.unblock")!;
    assert.equal(typeof unblock.arg, "number", "go.unblock names the waker's goid (0 outside goroutines)");
    const direct: unknown[] = [];
    const h = (m: unknown) => direct.push(m);
    diagnostics_channel.subscribe("gort:trace", h);
    try {
      await scenario();
    } finally {
      diagnostics_channel.unsubscribe("gort:trace", h);
    }
    assert.deepEqual(direct, []);
  });

  test("real clock, 2 Ps: the Ps take turns in order and a ping-pong completes", async () => {
    const rt = new Sched({ clock: "real", procs: 2, seed: 1 });
    const r = await rt.run(async () => {
      const c = chan<number>();
      const wg = new WaitGroup();
      wg.add(1);
      go(async () => {
        for (let i = 0; i < 50; i++) await c.send(i);
        wg.done();
      });
      let sum = 0;
      for (let i = 0; i < 50; i++) sum += (await c.recv()) ?? 0;
      await wg.wait();
      // Idle with timers pending: the M sleeps in the host loop (netpoll's host timer) until one is due.
      // (Which sleeper wakes first is not asserted: on the real clock that depends on the machine.)
      const order: number[] = [];
      wg.add(1);
      go(async () => {
        await time.sleep(time.Millisecond);
        order.push(1);
        wg.done();
      });
      await time.sleep(3 * time.Millisecond);
      order.push(3);
      await wg.wait();
      return [sum, order.sort().join(""), rt.pollUntil];
    });
    assert.deepEqual(r, [1225, "13", 0]);
  });

  test("schedule verifies the scheduler exactly when VERIFY is on", async () => {
    for (const on of [true, false]) {
      const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
      setVerify(on);
      try {
        const r = await rt
          .run(async () => {
            // A spent global-queue slot that still holds a goroutine (r1): nothing but verify looks at it.
            const stale = rt.newproc(() => {}, [], null);
            await gosched(); // stale runs and exits
            rt.globrunq = [stale, ...rt.globrunq.slice(rt.globhead)];
            rt.globhead = 1;
            await gosched(); // the M schedules
            rt.globrunq = rt.globrunq.slice(rt.globhead);
            rt.globhead = 0;
            return "ran";
          })
          .catch((e: unknown) => (e instanceof GoFatalError ? e.message : String(e)));
        if (on) assert.match(String(r), /r1/);
        else assert.equal(r, "ran");
      } finally {
        setVerify(true);
      }
    }
  });
});
