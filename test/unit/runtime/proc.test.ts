import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { afterEach, describe, test } from "node:test";
import { chan, GOMAXPROCS, go, io, recv, select } from "../../../src/index.ts";
import { clearFaults, setFault, setHook } from "../../../src/internal/debug.ts";
import { _Pidle } from "../../../src/internal/runtime/p.ts";
import { GoFatalError, Sched } from "../../../src/internal/runtime/proc.ts";
import { timeSleep } from "../../../src/internal/runtime/sleep.ts";
import { afterFunc, ms, procsMatrix, runFake, vms } from "../../helpers/rt.ts";

afterEach(() => {
  clearFaults();
  setHook(null);
});

describe("goroutines and the scheduler", () => {
  for (const procs of procsMatrix) {
    test(`unbuffered ping-pong delivers every value in order (procs=${procs})`, async () => {
      const [sum] = await runFake(
        async () => {
          const a = chan<number>();
          const b = chan<number>();
          go(async () => {
            for (let i = 0; i < 500; i++) await b.send((await a.recv())! * 2);
          });
          let s = 0;
          for (let i = 0; i < 500; i++) {
            await a.send(i);
            s += (await b.recv())!;
          }
          return s;
        },
        { procs },
      );
      assert.equal(sum, 2 * ((499 * 500) / 2));
    });

    test(`sleepers wake at exact virtual times, equal deadlines included (procs=${procs})`, async () => {
      const [log] = await runFake(
        async (rt) => {
          const out: string[] = [];
          const done = chan<void>(8);
          for (const [name, d] of [
            ["a", 30],
            ["b", 10],
            ["c", 20],
            ["d", 10],
            ["e", 0],
          ] as const) {
            go(async () => {
              await timeSleep(d * ms);
              out.push(`${name}@${vms(rt)}`);
              await done.send();
            });
          }
          for (let i = 0; i < 5; i++) await done.recv();
          return out;
        },
        { procs },
      );
      assert.equal(log[0], "e@0");
      assert.deepEqual(log.slice(1, 3).sort(), ["b@10", "d@10"]);
      assert.deepEqual(log.slice(3), ["c@20", "a@30"]);
    });

    test(`spawning 2,000 goroutines that sleep and report (procs=${procs})`, async () => {
      const [n, rt] = await runFake(
        async () => {
          const c = chan<number>(100);
          for (let i = 0; i < 2000; i++)
            go(async () => {
              await timeSleep((i % 7) * ms);
              await c.send(1);
            });
          let got = 0;
          for (let i = 0; i < 2000; i++) got += (await c.recv())!;
          return got;
        },
        { procs },
      );
      assert.equal(n, 2000);
      assert.equal(vms(rt), 6);
      if (procs > 1) assert.ok(rt.stats.steals > 0, "idle Ps steal work");
    });
  }

  test("a readied goroutine runs next on the waker's P (runnext hand-off)", async () => {
    const [order] = await runFake(async () => {
      const out: string[] = [];
      const c = chan<number>();
      go(async () => {
        out.push("A start");
        await c.recv();
        out.push("A got");
      });
      go(async () => {
        out.push("B start");
      });
      await timeSleep(1);
      go(async () => {
        out.push("C start");
      });
      go(async () => {
        out.push("D start");
      });
      // A is readied into runnext: it runs before C and D, which wait in the local queue.
      await c.send(1);
      await timeSleep(1);
      return out;
    });
    // Go: newproc also takes runnext, so B (started last before the sleep) runs before A.
    assert.deepEqual(order, ["B start", "A start", "A got", "C start", "D start"]);
  });

  test("code outside any goroutine can send and receive", async () => {
    const rt = new Sched({ clock: "fake" });
    const c = chan<string>();
    const done = rt.run(async () => {
      await c.send("from goroutine");
      return await c.recv();
    });
    assert.equal(await c.recv(), "from goroutine");
    await c.send("from outside");
    assert.equal(await done, "from outside");
  });

  test("AbortSignal ends a blocked receive and leaves the channel consistent", async () => {
    await runFake(async () => {
      const c = chan<number>();
      const ac = new AbortController();
      go(async () => {
        await timeSleep(5 * ms);
        ac.abort(new Error("stop waiting"));
      });
      await assert.rejects(c.recv(ac.signal), /stop waiting/);
      assert.equal(c.hchan.recvq.empty(), true);
      go(() => c.send(7));
      assert.equal(await c.recv(), 7);
    });
  });
});

describe("deadlock and panic reports", () => {
  test("all goroutines asleep: Go's fatal error and a dump of every blocked goroutine", async () => {
    const rt = new Sched({ clock: "fake", spawnSites: false });
    const err = await rt
      .run(async () => {
        const jobs = chan<number>(0, "jobs");
        const results = chan<number>(0, "results");
        go(async () => {
          await jobs.send(1);
          await jobs.send(2);
        });
        go(async () => {
          await select([recv(results), recv(null)] as const);
        });
        await timeSleep(90e9);
        await jobs.recv();
        await results.recv();
      })
      .then(
        () => null,
        (e) => e,
      );
    assert.ok(err instanceof GoFatalError);
    assert.equal(err.name, "DeadlockError");
    assert.equal(err.message, "all goroutines are asleep - deadlock!");
    assert.deepEqual(err.report.split("\n"), [
      "fatal error: all goroutines are asleep - deadlock!",
      "",
      "goroutine 1 [chan receive]:",
      "\ton results (cap 0)",
      "",
      "goroutine 2 [chan send]:",
      "\ton jobs (cap 0)",
      "created by goroutine 1",
      "",
      "goroutine 3 [select]:", // blocked since 0s: no ", 1 minutes" (Go's needs a GC to record waitsince)
      "\ton results (cap 0)",
      "created by goroutine 1",
      "",
    ]);
  });

  test("a stopped timer's channel has no heap entry: blocking on it is a deadlock", async () => {
    const rt = new Sched({ clock: "fake" });
    const err = await rt
      .run(async () => {
        const t = afterFunc(rt, 3600e9, () => {});
        t.stop();
        await chan().recv();
      })
      .catch((e) => e);
    assert.equal(err.name, "DeadlockError");
  });

  test("an unrecovered panic stops the runtime with Go's report", async () => {
    const rt = new Sched({ clock: "fake" });
    let after = false;
    const err = await rt
      .run(async () => {
        go(async () => {
          await timeSleep(ms);
          throw new Error("boom");
        });
        await timeSleep(10 * ms);
        after = true;
      })
      .catch((e) => e);
    assert.equal(err.name, "GoPanicError");
    const lines = err.report.split("\n");
    assert.equal(lines[0], "panic: boom");
    assert.equal(lines[1], "");
    assert.equal(lines[2], "goroutine 2 [running]:");
    assert.match(lines[3], /proc\.test\.ts/);
    assert.equal(after, false, "nothing runs after the panic");
    assert.equal(rt.stopped, true);
  });

  test("a thrown non-Error value is reported like Go's panic(value)", async () => {
    const rt = new Sched({ clock: "fake" });
    const err = await rt
      .run(() => {
        throw { code: 42 };
      })
      .catch((e) => e);
    assert.equal(err.report.split("\n")[0], 'panic: {"code":42}');
    assert.deepEqual(err.value, { code: 42 });
  });

  test("a multi-line panic value prints its later lines indented by a tab, as Go's printpanicval", async () => {
    for (const thrown of ["line one\nline two", new Error("a\nb\nc")]) {
      const err = await new Sched({ clock: "fake" })
        .run(() => {
          throw thrown;
        })
        .catch((e) => e);
      const want = typeof thrown === "string" ? "panic: line one\n\tline two\n\n" : "panic: a\n\tb\n\tc\n\n";
      assert.ok(err.report.startsWith(want), err.report);
    }
  });
});

describe("foreign awaits (Go's syscalls)", () => {
  test("a goroutine awaiting a foreign promise holds the fake clock still", async () => {
    const [log] = await runFake(async (rt) => {
      const out: string[] = [];
      go(async () => {
        await timeSleep(10 * ms);
        out.push(`sleeper@${vms(rt)}`);
      });
      await new Promise((r) => setTimeout(r, 20)); // real I/O-like wait
      out.push(`io done@${vms(rt)}`);
      await timeSleep(20 * ms);
      out.push(`main@${vms(rt)}`);
      return out;
    });
    assert.deepEqual(log, ["io done@0", "sleeper@10", "main@20"]);
  });

  test("io() parks the goroutine and resumes it as itself", async () => {
    const [log] = await runFake(async (rt) => {
      const out: number[] = [];
      const c = chan<number>();
      for (let i = 0; i < 3; i++)
        go(async () => {
          const v = await io(new Promise<number>((r) => setTimeout(() => r(i), 5 * (3 - i))));
          await timeSleep((i + 1) * ms);
          await c.send(v * 10 + vms(rt));
        });
      for (let i = 0; i < 3; i++) out.push((await c.recv())!);
      return out;
    });
    assert.deepEqual(log.sort(), [1, 12, 23]);
  });
});

describe("real clock (the host loop as netpoller)", () => {
  test("TestAfterFuncStarvation: a ping-pong that never blocks cannot starve a due timer", async () => {
    const rt = new Sched({ procs: 1 });
    const fired = await rt.run(async () => {
      const c = chan<boolean>(1);
      let stop = false;
      afterFunc(rt, 1000, () => {
        stop = true;
      });
      const pong = async () => {
        while (!stop) {
          await c.send(true);
          await c.recv();
        }
      };
      go(pong);
      await pong();
      return stop;
    });
    assert.equal(fired, true);
  });

  test("by default every host wait is a setTimeout, however close the deadline (no busy polling)", () => {
    const rt = new Sched({});
    rt.poll.arm(rt.nanotime() + 500_000);
    assert.equal(rt.poll.kind, "timeout");
    rt.poll.arm(rt.nanotime() + 5_000_000_000);
    assert.equal(rt.poll.kind, "timeout");
    rt.poll.cancel();
    assert.equal(rt.poll.kind, "none");
  });

  test("with sub-ms precision, sub-millisecond waits are not rounded up to setTimeout's 1 ms", () => {
    // Checked on the decision, not on wall time: an idle runtime's host wake-up for a deadline under a
    // millisecond away is a setImmediate poll, and for one further away a setTimeout.
    const rt = new Sched({ timerPrecision: "sub-ms" });
    rt.poll.arm(rt.nanotime() + 500_000);
    assert.equal(rt.poll.kind, "immediate");
    rt.poll.arm(rt.nanotime() + 5_000_000_000);
    assert.equal(rt.poll.kind, "timeout");
    rt.poll.cancel();
    assert.equal(rt.poll.kind, "none");
  });

  test("a runtime with nothing left to do does not keep the process alive", () => {
    const code = `
      import { chan, go } from "./src/index.ts";
      go(async () => { await chan().recv(); });
      setTimeout(() => {}, 10);
    `;
    // A hang guard only: loading tsx in a fresh process can take many seconds on a loaded machine.
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      timeout: 120_000,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
  });
});

describe("GOMAXPROCS and procresize (seed commit 4 at the scheduler level)", () => {
  test("shrinking moves a destroyed P's timers to the current P; each still fires once, on time", async () => {
    const [log, rt] = await runFake(
      async (rt) => {
        const out: string[] = [];
        const c = chan<void>(16);
        for (let i = 0; i < 8; i++)
          go(async () => {
            await timeSleep((10 + i) * ms);
            out.push(`g${i}@${vms(rt)}`);
            await c.send();
          });
        await timeSleep(ms); // let them start and arm their timers on several Ps
        assert.ok(rt.allp.filter((p) => p.timers.len > 0).length > 1, "timers spread over several Ps");
        assert.equal(GOMAXPROCS(2), 8);
        assert.equal(rt.allp.length, 2);
        assert.equal(GOMAXPROCS(0), 2);
        for (let i = 0; i < 8; i++) await c.recv();
        assert.equal(GOMAXPROCS(4), 2);
        for (const p of rt.allp.slice(2)) {
          assert.equal(p.timers.len, 0);
          assert.equal(p.status, _Pidle);
        }
        return out;
      },
      { procs: 8, seed: 3 },
    );
    assert.deepEqual(
      log,
      Array.from({ length: 8 }, (_, i) => `g${i}@${10 + i}`),
    );
    rt.verify();
  });
});

describe("seed commit invariants at the scheduler level", () => {
  /** Every jump must keep idle-P bookkeeping consistent; verify() checks it at every decision. */
  async function jumpsAcrossIdlePs(): Promise<number> {
    const [n] = await runFake(
      async (rt) => {
        const c = chan<void>(64);
        for (let i = 0; i < 32; i++)
          go(async () => {
            for (let k = 0; k < 5; k++) await timeSleep((1 + ((i * 7 + k) % 5)) * ms);
            await c.send();
          });
        for (let i = 0; i < 32; i++) await c.recv();
        rt.verify();
        return rt.stats.jumps;
      },
      { procs: 4, seed: 11 },
    );
    return n;
  }

  test("I5 use pidleget for faketime jump: idle bookkeeping survives repeated jumps", async () => {
    assert.ok((await jumpsAcrossIdlePs()) > 5);
    setFault("handMadeIdleRemoval", true);
    await assert.rejects(jumpsAcrossIdlePs(), /limiter|npidle|idlepMask|idle status/);
  });

  test("I1 fix lost sleep: a sleep armed while its P is being handed off is not lost", async () => {
    // Real clock, 2 Ps. At the interleaving point inside maybeAdd the goroutine's P goes idle (it has no
    // timers, so its timerpMask bit clears) and another P takes over, as a preemption would do in Go.
    const scenario = async () => {
      const rt = new Sched({ procs: 2 });
      return rt.run(async () => {
        let armed = false;
        setHook((point) => {
          if (point !== "maybeAdd" || armed) return;
          armed = true;
          const old = rt.curP!;
          const next = rt.pidleget() ?? rt.allp.find((p) => p !== old)!;
          (rt as unknown as { startm(p: unknown, s: boolean): void }).startm(next, false);
          rt.curP = next;
          if (old.runqempty()) rt.pidleput(old);
        });
        // No wall-clock bound: the sleep is on time iff it ends while a 1 s guard timer is still pending.
        const guard = afterFunc(rt, 1000 * ms, () => {});
        await timeSleep(2 * ms);
        const onTime = guard.stop();
        setHook(null);
        return onTime;
      });
    };
    assert.equal(await scenario(), true, "sleep(2ms) ended after its 1 s guard fired");
    setFault("chooseHeapEarly", true);
    const lost = await Promise.race([
      scenario().then(
        (onTime) => !onTime,
        () => true,
      ),
      new Promise<boolean>((r) => setTimeout(() => r(true), 5000)),
    ]);
    assert.equal(lost, true, "with the fault the sleep is lost until something else wakes the runtime");
  });
});

describe("determinism", () => {
  async function program(seed: number, procs: number): Promise<string> {
    const [trace] = await runFake(
      async (rt) => {
        const out: string[] = [];
        const a = chan<number>(2);
        const b = chan<number>();
        for (let w = 0; w < 6; w++)
          go(async () => {
            for (let k = 0; k < 4; k++) {
              const r = await select([recv(a), recv(b)] as const);
              out.push(`w${w}:${r.index}:${r.value}@${vms(rt)}`);
              await timeSleep(((w + k) % 3) * ms);
            }
          });
        for (let i = 0; i < 24; i++) {
          if (i % 2 === 0) await a.send(i);
          else await b.send(i);
          if (i % 5 === 0) await timeSleep(ms);
        }
        await timeSleep(10 * ms);
        return out.join(" ");
      },
      { seed, procs },
    );
    return trace;
  }

  test("the same seed gives the identical trace; different seeds explore different schedules", async () => {
    const traces = new Set<string>();
    for (let seed = 1; seed <= 100; seed++) {
      const procs = 1 + (seed % 4);
      const t = await program(seed, procs);
      assert.equal(await program(seed, procs), t, `seed ${seed} is not reproducible`);
      traces.add(t);
    }
    assert.ok(traces.size > 10, `only ${traces.size} distinct schedules over 100 seeds`);
  });
});
