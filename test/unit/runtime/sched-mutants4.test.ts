// The scheduler's decisions pinned where StrykerJS's mutants of proc.ts (goready … runTimersAfterJump)
// and goexit.ts survived the rest of the suite (npm run mutation, MUTATION_TARGET=sched; docs/failures.md,
// "General mutation testing", fourth pass, runs S–U): readying a goroutine, a goroutine that comes back
// from a foreign await while the M runs another one, the drain check, the M's idle and wake-up paths, and
// the missing-await report. Every case runs a real runtime (or calls a Sched method directly) and checks
// what the runtime did through its public API or Sched's @internal fields. No test depends on wall-clock
// speed: time is virtual, or a host callback is awaited, never timed.
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { describe, test } from "node:test";
import { chan, GOMAXPROCS, GoFatalError, go, goexit, gosched, time, WaitGroup } from "../../../src/index.ts";
import { lockState, setVerify } from "../../../src/internal/debug.ts";
import { _Grunnable, _Gsyscall, _Gwaiting, type G } from "../../../src/internal/runtime/g.ts";
import { getg } from "../../../src/internal/runtime/getg.ts";
import { _Pidle, _Prunning } from "../../../src/internal/runtime/p.ts";
import { Sched } from "../../../src/internal/runtime/proc.ts";
import { Timer } from "../../../src/internal/runtime/timer.ts";
import { subscribeTrace, type TraceEvent } from "../../../src/internal/runtime/trace.ts";

/** n turns of the host loop. */
async function hostTurns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

/** run()'s failure, or "no failure" if it settled without one within `turns` host turns. */
async function failureOf(
  rt: Sched,
  main: () => Promise<unknown>,
  turns = 50,
): Promise<GoFatalError | string> {
  const settled = rt.run(main).then(
    () => "returned",
    (e: unknown) => e,
  );
  const bound = (async () => {
    await hostTurns(turns);
    return "no failure";
  })();
  const r = await Promise.race([settled, bound]);
  return r instanceof GoFatalError ? r : String(r);
}

describe("goready", () => {
  test("refuses a goroutine that is not waiting", () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const gp = rt.newproc(() => {}, [], null); // runnable
    assert.throws(() => rt.goready(gp, 1), /goready: bad g status runnable/);
    rt.stop();
  });

  test("the readied goroutine forgets its wait: reason and object cleared, its abort listener removed", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const ac = new AbortController();
    const r = await rt.run(async () => {
      const c = chan<number>();
      let w: G | null = null;
      go(async () => {
        w = getg();
        await c.recv(ac.signal);
      });
      await gosched(); // w parks in recv, listening to the signal
      assert.equal(w!.status, _Gwaiting);
      assert.equal(getEventListeners(ac.signal, "abort").length, 1);
      await c.send(1); // readies w; it has not run yet
      assert.equal(w!.status, _Grunnable);
      return [w!.waitReason, w!.waitOn, getEventListeners(ac.signal, "abort").length];
    });
    assert.deepEqual(r, ["", null, 0]);
  });

  test("a sleep that ends normally leaves no listener on its signal", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const ac = new AbortController();
    await rt.run(async () => {
      await time.sleep(time.Second, ac.signal);
    });
    assert.equal(getEventListeners(ac.signal, "abort").length, 0);
  });

  test("on a stopped runtime the goroutine stays waiting and is queued nowhere", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    let w: G | null = null;
    await rt.run(async () => {
      go(async () => {
        w = getg();
        await chan<void>().recv();
      });
      await gosched(); // w parks
    }); // main returns: the runtime stops
    assert.equal(rt.stopped, true);
    rt.goready(w!, 1);
    assert.equal(w!.status, _Gwaiting);
    assert.equal(rt.globrunq.length - rt.globhead, 0);
    assert.equal(rt.allp[0].runnext, null);
    assert.equal(rt.allp[0].runqhead, rt.allp[0].runqtail);
  });
});

describe("abortable: an abort listener that outlived its park", () => {
  // A listener whose park already ended is removed by goready; one can outlive its park only when the
  // goroutine was readied before abortable registered it (see docs/failures.md: a timer run inside the
  // park's own schedule). These cases call abortable directly to pin what such a listener does.
  test("on a goroutine that is not waiting, an abort does nothing", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const r = await rt.run(async () => {
      const me = getg()!;
      const ac = new AbortController();
      let cancelled = 0;
      rt.abortable(me, ac.signal, () => {
        cancelled++;
      });
      ac.abort(new Error("abort"));
      me.abortCleanup = null;
      await gosched(); // still a working goroutine
      return [cancelled, getEventListeners(ac.signal, "abort").length];
    });
    assert.deepEqual(r, [0, 0]);
  });

  test("replaced by a later registration on the same park, an abort does nothing and the listener goes", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const r = await rt.run(async () => {
      const c = chan<number>();
      let w: G | null = null;
      let got: unknown = null;
      const done = chan<void>();
      go(async () => {
        w = getg();
        got = await c.recv();
        await done.send();
      });
      await gosched(); // w waits in recv
      const first = new AbortController();
      const second = new AbortController();
      let cancelled = 0;
      rt.abortable(w!, first.signal, () => {
        cancelled++;
      });
      rt.abortable(w!, second.signal, () => {});
      first.abort(new Error("stale"));
      const after = [cancelled, w!.status === _Gwaiting, getEventListeners(first.signal, "abort").length];
      await c.send(5);
      await done.recv();
      return [...after, got, getEventListeners(second.signal, "abort").length];
    });
    assert.deepEqual(r, [0, true, 0, 5, 0]);
  });
});

describe("a goroutine back from a foreign await while the M runs another one", () => {
  /**
   * A awaits a foreign promise (a syscall: it leaves the M); B waits on a channel. One host callback
   * sends to B (host code: the idle M is kicked, and runs B) and resolves A's promise: A's continuation
   * runs while B is the M's goroutine. `then` is what A does next. With `bFrom` "syscall", B awaits a
   * foreign promise instead, resolved just before A's: it takes the free M itself (exitsyscall, on an idle
   * P that does not spin), so no P is spinning when A yields.
   */
  async function busyM(
    then: "gosched" | "park",
    procs = 1,
    bFrom: "chan" | "syscall" = "chan",
  ): Promise<string[]> {
    const rt = new Sched({ clock: "fake", procs, seed: 1 });
    const log: string[] = [];
    const r = await rt.run(async () => {
      const wake = chan<number>();
      const done = chan<void>();
      const ping = chan<void>();
      let resolveA!: () => void;
      const foreign = new Promise<void>((r) => {
        resolveA = r;
      });
      let resolveB!: () => void;
      const foreignB = new Promise<void>((r) => {
        resolveB = r;
      });
      let a: G | null = null;
      let b: G | null = null;
      go(async () => {
        a = getg();
        await foreign;
        const me = getg()!; // the M is busy: A stays in its syscall
        log.push(
          `A back: ${me === a} syscall=${me.status === _Gsyscall} curg=B ${rt.curg === b} nsyscall=${rt.nsyscall}`,
        );
        if (then === "gosched") {
          const idle = rt.npidle;
          const yielded = gosched(); // A goes to the global queue: an idle P is started for it
          log.push(`A yields: idle Ps ${idle} → ${rt.npidle}, spinning ${rt.nmspinning}`);
          await yielded;
        } else await ping.recv(); // B sends once it has checked the M
        log.push(`A runs again: curg=A ${rt.curg === a} nsyscall=${rt.nsyscall}`);
        await done.send();
      });
      go(async () => {
        b = getg();
        if (bFrom === "chan") await wake.recv();
        else {
          await foreignB;
          getg(); // exitsyscall: the M is free, B takes it
        }
        log.push(`B runs: curg=B ${rt.curg === b}`);
        for (let i = 0; i < 5; i++) await Promise.resolve(); // A's continuation runs meanwhile
        log.push(`B still runs: curg=B ${rt.curg === b} mActive=${rt.mActive} P=${rt.curP !== null}`);
        if (then === "park") await ping.send();
        await done.send();
      });
      await gosched();
      await gosched(); // A in its syscall, B parked
      setImmediate(() => {
        if (bFrom === "chan") void wake.send(7);
        else resolveB();
        resolveA();
      });
      await done.recv();
      await done.recv();
      return "ok";
    });
    assert.equal(r, "ok");
    return log;
  }

  test("it stays in its syscall until it yields; the M's goroutine runs on undisturbed", async () => {
    assert.deepEqual(await busyM("gosched"), [
      "A back: true syscall=true curg=B true nsyscall=1",
      "A yields: idle Ps 0 → 0, spinning 0",
      "B runs: curg=B true",
      "B still runs: curg=B true mActive=true P=true",
      "A runs again: curg=A true nsyscall=0",
    ]);
  });

  test("main yields with P1 idle and no P spinning: Gosched wakes P1 before the M schedules (Go's goschedImpl)", async () => {
    const seen = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const rt = new Sched({ clock: "fake", procs: 2, seed });
      const r = await rt.run(async () => {
        const before = [rt.npidle, rt.nmspinning, rt.curP!.id];
        const yielded = gosched(); // the M schedules at once, and settles main's yield in a job
        const p1 = rt.allp[1];
        const after = [rt.npidle, rt.nmspinning, rt.curP!.id, p1.status === _Prunning, p1.spinning];
        await yielded;
        return [...before, ...after];
      });
      // P1, woken spinning, took main from the global queue (it stopped spinning; no idle P to wake), or
      // P0 took it and P1 still spins.
      const ok = [
        [1, 0, 0, 0, 0, 1, true, false],
        [1, 0, 0, 0, 1, 0, true, true],
      ];
      assert.ok(
        ok.some((o) => JSON.stringify(o) === JSON.stringify(r)),
        `seed ${seed}: ${JSON.stringify(r)}`,
      );
      seen.add(JSON.stringify(r));
    }
    assert.equal(seen.size, 2, "both Ps took main under some seed");
  });

  test("with 2 Ps and no P spinning, its yield starts the idle P spinning for it (Go's goschedImpl wakep)", async () => {
    assert.deepEqual(await busyM("gosched", 2, "syscall"), [
      "B runs: curg=B true", // its continuation runs first: it takes the M (exitsyscall)
      "A back: true syscall=true curg=B true nsyscall=1",
      "A yields: idle Ps 1 → 0, spinning 1",
      "B still runs: curg=B true mActive=true P=true",
      "A runs again: curg=A true nsyscall=0",
    ]);
  });

  test("with 2 Ps, B's spinning P woke the other when it found B (resetspinning): A's yield finds it spinning and starts none", async () => {
    assert.deepEqual(await busyM("gosched", 2), [
      "A back: true syscall=true curg=B true nsyscall=1",
      "A yields: idle Ps 0 → 0, spinning 1",
      "B runs: curg=B true",
      "B still runs: curg=B true mActive=true P=true",
      "A runs again: curg=A true nsyscall=0",
    ]);
  });

  test("it parks from its syscall: it leaves the syscall, and the M's goroutine runs on undisturbed", async () => {
    assert.deepEqual(await busyM("park"), [
      "A back: true syscall=true curg=B true nsyscall=1",
      "B runs: curg=B true",
      "B still runs: curg=B true mActive=true P=true",
      "A runs again: curg=A true nsyscall=0",
    ]);
  });
});

describe("exitsyscall with the M free, and the drain check", () => {
  test("a goroutine back from a foreign await takes the idle M: running, reason cleared, its P not spinning", async () => {
    const rt = new Sched({ clock: "fake", procs: 2, seed: 1 });
    const r = await rt.run(async () => {
      // A syscall; the M stops meanwhile. Two host turns: the drain check that finds it is a nextTick, or
      // (every 256th arm, host.ts) a setImmediate queued behind this one's first.
      await new Promise((r) => setImmediate(() => setImmediate(r)));
      const idleM = !rt.mActive && rt.nsyscall === 1;
      const me = getg()!; // exitsyscall
      return [
        idleM,
        me.status === _Gsyscall,
        me.waitReason,
        rt.mActive,
        rt.curg === me,
        rt.nmspinning,
        rt.nsyscall,
      ];
    });
    assert.deepEqual(r, [true, false, "", true, true, 0, 0]);
  });

  test("a goroutine back from a foreign await after the runtime stopped takes nothing", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    let back: boolean[] = [];
    let resolve!: () => void;
    const foreign = new Promise<void>((r) => {
      resolve = r;
    });
    await rt.run(async () => {
      go(async () => {
        await foreign;
        const p = rt.curP;
        getg(); // exitsyscall, on a stopped runtime
        back = [rt.mActive, rt.curg === null, rt.curP === p];
        void gosched(); // wakep on a stopped runtime: no kick (this yield never returns: the runtime is gone)
        back.push(rt.mActive);
      });
      await gosched(); // the goroutine starts and awaits
    }); // main returns: the runtime stops
    resolve();
    await hostTurns(2);
    assert.deepEqual(back, [false, true, true, false]);
  });

  test("only a goroutine that awaits a foreign promise is taken for a syscall, however many resumed before the drain", async () => {
    const events: TraceEvent[] = [];
    const unsubscribe = subscribeTrace((e) => {
      if (e.kind === "go.syscall") events.push(e);
    });
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    try {
      await rt.run(async () => {
        let stop = false;
        const wg = new WaitGroup();
        wg.add(1);
        go(async () => {
          while (!stop) await gosched();
          wg.done();
        });
        for (let i = 0; i < 4; i++) await gosched(); // main and the spinner resume in turn, no drain
        // Main's syscall: the spinner runs meanwhile. Two host turns, as at every foreign await here that
        // must be found: the drain check may itself be an immediate (host.ts), queued behind the first.
        await new Promise((r) => setImmediate(() => setImmediate(r)));
        stop = true;
        await wg.wait();
      });
    } finally {
      unsubscribe();
    }
    assert.deepEqual(
      events.filter((e) => e.rt === rt.id).map((e) => e.g),
      [1],
    );
  });

  test("a goroutine that awaits a foreign promise while holding a runtime lock: Go's throw, not a hang", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    let held = false;
    try {
      const err = await failureOf(rt, async () => {
        lockState.locks++;
        held = true;
        // The drain check's schedule finds the lock held (two host turns: the check may be an immediate).
        await new Promise((r) => setImmediate(() => setImmediate(r)));
      });
      assert.ok(err instanceof GoFatalError, String(err));
      assert.match(err.report, /^fatal error: schedule: holding locks\n/);
    } finally {
      if (held) lockState.locks--;
    }
  });
});

describe("the drain check armed before a clock jump resumes a goroutine", () => {
  test("the goroutine the jump resumes is not taken for a syscall before it has run", async () => {
    // Main sleeps, g2 waits on a channel, g3 awaits a foreign promise. When it settles, g3 returns: its
    // exit stops the idle M and arms checkdead. Later in the same microtask run, outside code sends to g2:
    // the M starts, resumes g2 (arming the drain check, after checkdead) and stops again. Both checks
    // then run as ticks, checkdead first: it moves the clock and resumes main, whose continuation is still
    // queued when the drain check runs, which must look again later rather than take main for a syscall.
    const events: TraceEvent[] = [];
    const unsubscribe = subscribeTrace((e) => {
      if (e.kind === "go.syscall") events.push(e);
    });
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const c = chan<number>();
    let fire!: () => void;
    const fired = new Promise<void>((r) => {
      fire = r;
    });
    // Outside code (registered outside any goroutine), 20 microtasks after fired settles.
    let later: Promise<unknown> = fired;
    for (let i = 0; i < 20; i++) later = later.then(() => i);
    void later.then(() => c.send(1));
    try {
      await rt.run(async () => {
        go(async () => {
          for (;;) await c.recv();
        });
        go(async () => {
          await fired; // a syscall; then it returns
        });
        // Two host turns: the drain check that takes g3 for a syscall may itself be an immediate (host.ts).
        setImmediate(() => setImmediate(fire));
        await time.sleep(time.Second);
      });
    } finally {
      unsubscribe();
    }
    assert.deepEqual(
      events.filter((e) => e.rt === rt.id).map((e) => e.g),
      [3],
    );
  });
});

describe("goexit.ts: Goexit's signal, the missing-await report, x2", () => {
  test("Goexit unwinds with a GoexitSignal named Goexit, printed as runtime.Goexit", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const seen: string[] = [];
    await rt.run(async () => {
      const done = chan<void>();
      go(async () => {
        try {
          goexit();
        } catch (e) {
          seen.push((e as { name: string }).name, String(e));
          throw e;
        } finally {
          await done.send();
        }
      });
      await done.recv();
    });
    assert.deepEqual(seen, ["Goexit", "runtime.Goexit"]);
  });

  /** run()'s rejection for a goroutine that does `body` (it should forget an await). */
  async function missingAwaitOf(body: () => Promise<void>): Promise<GoFatalError> {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const err = await rt
      .run(async () => {
        const done = chan<void>();
        go(async () => {
          await body();
          await done.send();
        });
        await done.recv();
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.ok(err instanceof GoFatalError, String(err));
    return err;
  }

  test("an un-awaited Gosched is a yield not awaited: a panic (GoPanicError), named after the call that found it", async () => {
    const err = await missingAwaitOf(async () => {
      go(() => {}); // runnable in runnext: the M runs it while this goroutine waits in the global queue
      void gosched(); // forgot await
      time.now();
    });
    assert.equal(err.name, "GoPanicError");
    assert.match(
      err.message,
      /^panic: goroutine 2 called time\.now while its yield was not awaited — missing await\?$/,
    );
  });

  test("with no stack to read, the report says the goroutine called gort", async () => {
    const limit = Error.stackTraceLimit;
    let err: GoFatalError;
    try {
      Error.stackTraceLimit = 0;
      err = await missingAwaitOf(async () => {
        void chan<number>().send(1); // forgot await
        time.now();
      });
    } finally {
      Error.stackTraceLimit = limit;
    }
    assert.match(
      err.message,
      /^panic: goroutine 2 called gort while its chan send was not awaited — missing await\?$/,
    );
  });

  test("a missing await found after the runtime stopped reports nothing", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const gp = rt.newproc(() => {}, [], null);
    rt.stop();
    rt.missingAwait(gp);
    assert.equal(rt.failure, null);
  });

  test("x2: main's end recorded with no main goroutine at all is reported as x2", () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    rt.mainDone = true;
    assert.throws(() => rt.verify(), /x2: main's end recorded while main is not dead/);
    rt.stop();
  });
});

describe("the M's wake-ups: a clock jump, the host timer, wakeNetPoller", () => {
  test("a clock jump starts one spinning P for the due timers: the M is active, drained while it runs them; finding the sleeper, it stops spinning and wakes one idle P (resetspinning)", async () => {
    for (const procs of [1, 2, 3]) {
      const rt = new Sched({ clock: "fake", procs, seed: 1 });
      assert.equal(rt.drained, false);
      let inTimer: [boolean, number, boolean] | null = null;
      const r = await rt.run(async () => {
        const t = new Timer(() => {
          inTimer = [rt.drained, rt.nmspinning, rt.curP!.spinning];
        }, null);
        t.reset(rt.nanotime() + 1000, 0);
        await time.sleep(time.Second); // the jump runs the timer, then readies main
        const spinning = rt.allp.filter((p) => p.spinning).length;
        return [rt.mActive, rt.npidle, rt.nmspinning, spinning, rt.curP!.spinning, rt.drained];
      });
      assert.deepEqual(
        inTimer,
        [true, 1, true],
        `procs ${procs}: drained while the jump's spinning M runs the timers`,
      );
      // Main's P stopped spinning; with an idle P left, exactly one other P spins in its place.
      const woke = procs > 1 ? 1 : 0;
      assert.deepEqual(r, [true, procs - 1 - woke, woke, woke, false, false], `procs ${procs}`);
    }
  });

  test("real clock: the host wake-up starts one spinning P, the M is active when the sleeper runs, and that P woke one idle P (resetspinning)", async () => {
    for (const procs of [1, 2, 3]) {
      const rt = new Sched({ clock: "real", procs, seed: 1 });
      const r = await rt.run(async () => {
        await time.sleep(time.Millisecond);
        const spinning = rt.allp.filter((p) => p.spinning).length;
        return [rt.mActive, rt.npidle, rt.nmspinning, spinning, rt.curP!.spinning, rt.pollUntil];
      });
      const woke = procs > 1 ? 1 : 0;
      assert.deepEqual(r, [true, procs - 1 - woke, woke, woke, false, 0], `procs ${procs}`);
    }
  });

  test("wakeNetPoller: a running M arms nothing; an idle real-clock M re-arms only for an earlier timer; a fake clock never", async () => {
    const real = new Sched({ clock: "real", procs: 1, seed: 1 });
    const now = real.nanotime();
    const hour = 3600e9;
    real.wakeNetPoller(now + 2 * hour);
    assert.equal(real.pollUntil, now + 2 * hour);
    real.wakeNetPoller(now + 3 * hour); // later: the armed wake-up stays
    assert.equal(real.pollUntil, now + 2 * hour);
    real.wakeNetPoller(now + hour); // earlier: re-armed
    assert.equal(real.pollUntil, now + hour);
    real.stop();
    assert.equal(real.pollUntil, 0);

    const fake = new Sched({ clock: "fake", procs: 1, seed: 1 });
    fake.wakeNetPoller(fake.nanotime() + hour); // checkdead is armed instead of a host timer
    assert.equal(fake.pollUntil, 0);
    fake.stop();

    const rt = new Sched({ clock: "real", procs: 1, seed: 1 });
    const r = await rt.run(async () => {
      rt.wakeNetPoller(rt.nanotime() + hour); // the running M checks timers itself
      return rt.pollUntil;
    });
    assert.equal(r, 0);
  });

  test("a runtime timer that throws fails the runtime with a panic on the M", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    const err = await failureOf(rt, async () => {
      const t = new Timer(() => {
        throw new Error("timer boom");
      }, null);
      t.reset(rt.nanotime() + 1000, 0);
      await time.sleep(time.Second);
    });
    assert.ok(err instanceof GoFatalError, String(err));
    assert.match(err.report, /^panic: timer boom/);
  });
});

describe("scheduleLoop: which P decides next", () => {
  test("fake clock, 2 Ps: the seed picks the P for each decision, not a fixed rotation", async () => {
    const traces: string[] = [];
    for (const seed of [1, 2, 3, 4]) {
      const rt = new Sched({ clock: "fake", procs: 2, seed });
      const ps = await rt.run(async () => {
        const seen: string[] = [];
        const wg = new WaitGroup();
        wg.add(2);
        for (let g = 0; g < 2; g++)
          go(async () => {
            for (let i = 0; i < 20; i++) {
              seen.push(`${g}@P${rt.curP!.id}`);
              await gosched();
            }
            wg.done();
          });
        await wg.wait();
        return seen;
      });
      traces.push(ps.join(" "));
    }
    // Both Ps stay running throughout: a rotation between them gives every seed the same run.
    assert.ok(new Set(traces).size > 1, `seeds 1–4 all ran ${traces[0]}`);
  });
});

describe("stopm: the idle real-clock M's check", () => {
  test("an idle real-clock M is checked (s4) exactly when VERIFY is on", async () => {
    for (const on of [true, false]) {
      const rt = new Sched({ clock: "real", procs: 1, seed: 1 });
      setVerify(on);
      try {
        const r = await failureOf(rt, async () => {
          go(() => time.sleep(time.Hour));
          await gosched(); // the sleeper's timer is on P0
          rt.timerpMask[0] = false; // hidden from the idle M: it arms no host timer
          await chan<void>().recv();
        });
        if (on) assert.match(String(r instanceof GoFatalError ? r.message : r), /s4: idle with a timer/);
        else assert.equal(r, "no failure");
      } finally {
        setVerify(true);
        rt.stop();
      }
    }
  });
});

describe("procresize: acquirep", () => {
  test("GOMAXPROCS from a goroutine whose P goes away, with P0 idle: the M takes P0, running, not spinning, its timers watched", async () => {
    let checked = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const rt = new Sched({ clock: "fake", procs: 2, seed });
      const r = await rt.run(async () => {
        // main starts on P0: a no-op goroutine wakes P1 (newproc's wakep); main then awaits a foreign
        // promise (a syscall: both Ps go idle, in the seed's order) and, back, takes the free M on the P
        // that went idle last (exitsyscall), which does not spin — so P0 stays idle. (A spinning P that
        // found main would wake P0: resetspinning.)
        for (let i = 0; i < 400 && !(rt.curP!.id === 1 && rt.allp[0].status === _Pidle); i++) {
          go(() => {});
          await new Promise((r) => setImmediate(r));
          getg(); // exitsyscall
        }
        if (!(rt.curP!.id === 1 && rt.allp[0].status === _Pidle)) return "not reached";
        let fired = false;
        time.afterFunc(time.Hour, () => {
          fired = true;
        }); // on P1
        GOMAXPROCS(1);
        const state = [
          rt.curP === rt.allp[0],
          (rt.allp[0].status as number) === _Prunning,
          rt.nmspinning,
          rt.timerpMask[0],
        ];
        await time.sleep(2 * time.Hour);
        return [...state, fired];
      });
      if (r === "not reached") continue;
      assert.deepEqual(r, [true, true, 0, true, true], `seed ${seed}`);
      checked++;
    }
    assert.ok(checked > 0, "main reached P1 with P0 idle under some seed");
  });
});

describe("a runtime that stops while the M is between decisions", () => {
  test("stopped during the host turn after a full slice: the M does not schedule again, a due timer never runs", async () => {
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    let ranAfterStop = false;
    const err = await failureOf(rt, async () => {
      let stop = false;
      go(async () => {
        await new Promise((r) => setImmediate(r)); // queued before the slice's host turn
        const t = new Timer(() => {
          ranAfterStop = rt.stopped;
        }, null);
        t.reset(rt.nanotime(), 0); // due now: the M's next decision would run it
        stop = true;
        throw new Error("boom in the host turn");
      });
      // Back-to-back resumptions until the slice ends (1,024): the host turn runs the goroutine above.
      while (!stop) await gosched();
    });
    assert.ok(err instanceof GoFatalError, String(err));
    assert.match(err.report, /^panic: boom in the host turn/);
    await hostTurns(3);
    assert.equal(ranAfterStop, false);
  });

  test("stopped by a runtime timer the M runs: no trace event after the runtime's exit", async () => {
    const events: TraceEvent[] = [];
    const unsubscribe = subscribeTrace((e) => events.push(e));
    const rt = new Sched({ clock: "fake", procs: 1, seed: 1 });
    try {
      const err = await failureOf(rt, async () => {
        const t = new Timer(() => rt.throwFatal(new Error("timer fails the runtime")), null);
        t.reset(rt.nanotime() + 1000, 0);
        await time.sleep(time.Second);
      });
      assert.ok(err instanceof GoFatalError, String(err));
    } finally {
      unsubscribe();
    }
    const mine = events.filter((e) => e.rt === rt.id);
    const exit = mine.findIndex((e) => e.kind === "runtime.exit");
    assert.ok(exit >= 0);
    assert.deepEqual(
      mine.slice(exit + 1).map((e) => e.kind),
      [],
    );
  });
});
