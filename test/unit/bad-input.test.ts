// Bad input and misuse, one test per failure class (docs/failures.md lists them with what gort does).
// Every case checks the error (Go's message where Go has one), then that the runtime is still consistent:
// Runtime.verify() passes (idle-P bookkeeping, run queues, every heap's G1–G4/G7, every timer's T1–T5),
// no timer lock is held, and a follow-up normal operation (a sleep and a timer receive, at exact virtual
// times) works.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  Cond,
  chan,
  close,
  context,
  errgroup,
  GOMAXPROCS,
  GoPanic,
  go,
  isGoPanic,
  Mutex,
  Once,
  onceFunc,
  onceValue,
  Runtime as PublicRuntime,
  RuntimeInvariantError,
  recv,
  select,
  send,
  time,
  trySelect,
  WaitGroup,
} from "../../src/index.ts";
import { lockState } from "../../src/internal/debug.ts";
import { Sched as Runtime } from "../../src/internal/runtime/proc.ts";
import { FuncTimer, goFunc } from "../../src/internal/runtime/sleep.ts";
import {
  Timer as RTimer,
  setTimerEnv,
  type TimerEnv,
  env as timerEnv,
} from "../../src/internal/runtime/timer.ts";
import * as synctest from "../../src/synctest.ts";
import { EngineHarness } from "../helpers/engine.ts";

const ms = time.Millisecond;

/** Runs body as the main goroutine of a fresh fake-clock runtime, then checks the runtime is consistent. */
async function inRuntime<T>(body: (rt: Runtime) => Promise<T> | T, procs = 2): Promise<[T, Runtime]> {
  const rt = new Runtime({ clock: "fake", seed: 1, procs, spawnSites: false });
  const r = await rt.run(() => body(rt));
  consistent(rt);
  return [r as T, rt];
}

/** The runtime's structures verify and no timer lock is held. */
function consistent(rt: Runtime): void {
  rt.verify();
  assert.equal(lockState.locks, 0, "no timer lock is held");
}

/** Inside a goroutine of rt: verify, then a sleep and a timer receive land at exact virtual times. */
async function followUp(rt: Runtime): Promise<void> {
  consistent(rt);
  const t0 = rt.nanotime();
  await time.sleep(ms);
  assert.equal(rt.nanotime(), t0 + ms, "a sleep after the bad input wakes on time");
  const t = time.newTimer(2 * ms);
  assert.equal((await t.c.recv())!.mono, t0 + 3 * ms, "a timer after the bad input fires on time");
  consistent(rt);
}

/**
 * Runs an engine-level test on a bare EngineHarness, which installs its own timer environment; the
 * scheduler's is put back afterwards so the runtime tests that follow keep working.
 */
function withEngine(nheaps: number, body: (h: EngineHarness) => void): void {
  const saved: TimerEnv = timerEnv;
  const h = new EngineHarness(nheaps);
  try {
    body(h);
  } finally {
    h.dispose();
    setTimerEnv(saved);
    lockState.locks = 0;
  }
}

/** Asserts that f throws GoPanic with exactly Go's message. */
function panics(f: () => unknown, msg: string): void {
  assert.throws(f, (e: unknown) => isGoPanic(e, msg) && e.message === msg, `expected panic "${msg}"`);
}

/** The result of a failed runtime: its GoFatalError (run() must reject). */
async function failure(
  rt: Runtime,
  main: () => unknown,
): Promise<Error & { report: string; value: unknown }> {
  const e = await rt.run(main).then(
    () => assert.fail("the runtime was expected to fail"),
    (err: unknown) => err,
  );
  return e as Error & { report: string; value: unknown };
}

describe("bad durations", () => {
  test("NaN is a TypeError from every API that takes a Duration", async () => {
    await inRuntime(async (rt) => {
      const bad = /invalid duration NaN/;
      assert.throws(() => time.newTimer(Number.NaN), {
        name: "TypeError",
        message: "time.newTimer: invalid duration NaN",
      });
      assert.throws(() => time.after(Number.NaN), {
        name: "TypeError",
        message: "time.after: invalid duration NaN",
      });
      assert.throws(() => time.afterFunc(Number.NaN, () => {}), { name: "TypeError", message: bad });
      assert.throws(() => time.newTicker(Number.NaN), { name: "TypeError", message: bad });
      assert.throws(() => time.tick(Number.NaN), { name: "TypeError", message: bad });
      assert.throws(() => time.newTimer(ms).reset(Number.NaN), { name: "TypeError", message: bad });
      assert.throws(() => time.newTicker(ms).reset(Number.NaN), { name: "TypeError", message: bad });
      assert.throws(() => context.withTimeout(context.background(), Number.NaN), {
        name: "TypeError",
        message: bad,
      });
      await assert.rejects(time.sleep(Number.NaN), {
        name: "TypeError",
        message: "time.sleep: invalid duration NaN",
      });
      await followUp(rt);
    });
  });

  test("a non-numeric duration (string, null, undefined, object, symbol) is a TypeError naming what it got", async () => {
    await inRuntime(async (rt) => {
      const cases: [unknown, string][] = [
        ["5", 'string "5"'],
        [null, "null"],
        [undefined, "undefined"],
        [{ valueOf: () => 5 }, "object"],
        [Symbol("d"), "symbol"],
      ];
      for (const [d, what] of cases) {
        const message = `time.newTimer: duration must be a number or bigint of nanoseconds, got ${what}`;
        assert.throws(() => time.newTimer(d as number), { name: "TypeError", message });
        assert.throws(() => time.afterFunc(d as number, () => {}), { name: "TypeError" });
        assert.throws(() => time.newTicker(d as number), { name: "TypeError" });
        await assert.rejects(time.sleep(d as number), { name: "TypeError" });
      }
      assert.throws(() => time.afterFunc(ms, "f" as unknown as () => void), {
        name: "TypeError",
        message: 'time.afterFunc: f is not a function: string "f"',
      });
      await followUp(rt);
    });
  });

  test("BigInt durations: exact when small, clamped to Go's int64 range when huge", async () => {
    await inRuntime(async (rt) => {
      const t0 = rt.nanotime();
      const t = time.newTimer(3n * BigInt(ms));
      assert.equal((await t.c.recv())!.mono, t0 + 3 * ms);
      const never = time.newTimer(2n ** 80n); // beyond int64: clamps to "never", like Go's MaxInt64
      const now = time.newTimer(-(2n ** 80n)); // below int64: fires at once
      assert.equal(now.c.tryRecv()?.value?.mono, rt.nanotime());
      await time.sleep(1000n * BigInt(time.Hour));
      assert.equal(never.c.tryRecv(), null, "a clamped timer never fires");
      assert.equal(never.stop(), true, "and is still pending");
      const r = await select([recv(time.after(2n ** 70n)), recv(time.after(1n))] as const);
      assert.equal(r.index, 1);
      await followUp(rt);
    });
  });

  test("±Infinity: Infinity is never, −Infinity is now; NewTicker(−Infinity) panics like any d <= 0", async () => {
    await inRuntime(async (rt) => {
      const t0 = rt.nanotime();
      const never = time.newTimer(Number.POSITIVE_INFINITY);
      const at = time.newTimer(Number.NEGATIVE_INFINITY);
      assert.equal(at.c.tryRecv()?.value?.mono, t0, "−Infinity fires at once");
      await time.sleep(Number.NEGATIVE_INFINITY); // returns at once
      assert.equal(rt.nanotime(), t0);
      let ran = false;
      const af = time.afterFunc(Number.POSITIVE_INFINITY, () => {
        ran = true;
      });
      const tk = time.newTicker(Number.POSITIVE_INFINITY);
      const r = await select([recv(never.c), recv(tk.c), recv(time.after(time.Hour))] as const);
      assert.equal(r.index, 2, "an Infinity timer or ticker does not fire");
      assert.equal(ran, false);
      assert.equal(never.stop(), true);
      assert.equal(af.stop(), true);
      tk.stop();
      panics(() => time.newTicker(Number.NEGATIVE_INFINITY), "non-positive interval for NewTicker");
      assert.equal(time.tick(Number.NEGATIVE_INFINITY).hchan, null, "Go: Tick(d <= 0) is a nil channel");
      const [ctx, cancel] = context.withTimeout(context.background(), Number.POSITIVE_INFINITY);
      assert.equal(ctx.err(), null, "an Infinity timeout never expires");
      cancel();
      await followUp(rt);
    });
  });

  test("negative durations fire at once (Go's when(d) for d <= 0); tickers panic with Go's messages", async () => {
    await inRuntime(async (rt) => {
      const t0 = rt.nanotime();
      await time.sleep(-5 * ms);
      assert.equal(rt.nanotime(), t0, "sleep(d < 0) returns at once");
      assert.equal(time.newTimer(-1).c.tryRecv()?.value?.mono, t0, "a negative timer has already expired");
      let ranAt = -1;
      time.afterFunc(-ms, () => {
        ranAt = rt.nanotime();
      });
      await time.sleep(1);
      assert.equal(ranAt, t0, "afterFunc(d < 0) runs at once");
      panics(() => time.newTicker(-1), "non-positive interval for NewTicker");
      panics(() => time.newTicker(0), "non-positive interval for NewTicker");
      panics(() => time.newTicker(ms).reset(-1), "non-positive interval for Ticker.Reset");
      assert.equal(time.tick(-1).hchan, null, "Go: Tick(d <= 0) returns a nil channel");
      const [ctx, cancel] = context.withTimeout(context.background(), -ms);
      assert.equal(ctx.err(), context.DeadlineExceeded, "a negative timeout is already exceeded");
      cancel();
      await followUp(rt);
    });
  });

  test("huge durations (2^62 ns, Number.MAX_VALUE, past 2^53) are pending forever and keep the heap ordered", async () => {
    await inRuntime(async (rt) => {
      const huge = [2 ** 62, Number.MAX_VALUE, 2 ** 53 + 2, 2 ** 63, 1e300];
      const ts = huge.map((d) => time.newTimer(d));
      const fs = huge.map((d) => time.afterFunc(d, () => assert.fail("a huge afterFunc ran")));
      const r = await select([...ts.map((t) => recv(t.c)), recv(time.after(24 * time.Hour))]);
      assert.equal(r.index, huge.length);
      for (const t of ts) assert.equal(t.reset(2 ** 62), true, "still pending");
      for (const f of fs) assert.equal(f.stop(), true, "still pending");
      await followUp(rt);
    });
  });
});

describe("timer state misuse", () => {
  test("the zero Timer and Ticker: Go's panics (Ticker.Stop is a no-op, Go issue 21874)", async () => {
    await inRuntime(async (rt) => {
      panics(() => new time.Timer().stop(), "time: Stop called on uninitialized Timer");
      panics(() => new time.Timer().reset(ms), "time: Reset called on uninitialized Timer");
      new time.Ticker().stop();
      panics(() => new time.Ticker().reset(ms), "time: Reset called on uninitialized Ticker");
      // Go checks the interval first.
      panics(() => new time.Ticker().reset(0), "non-positive interval for Ticker.Reset");
      await followUp(rt);
    });
  });

  test("stop and reset on a stopped timer return false; reset re-arms it", async () => {
    await inRuntime(async (rt) => {
      const t = time.newTimer(ms);
      assert.equal(t.stop(), true);
      assert.equal(t.stop(), false, "stop on a stopped timer");
      const t0 = rt.nanotime();
      assert.equal(t.reset(2 * ms), false, "reset on a stopped timer");
      assert.equal((await t.c.recv())!.mono, t0 + 2 * ms);
      await followUp(rt);
    });
  });

  test("a fired and received timer: stop and reset return false, reset fires it again", async () => {
    await inRuntime(async (rt) => {
      const t = time.newTimer(ms);
      await t.c.recv();
      assert.equal(t.stop(), false);
      assert.equal(t.reset(ms), false);
      const t0 = rt.nanotime();
      assert.equal((await t.c.recv())!.mono, t0 + ms);
      assert.equal(t.c.tryRecv(), null, "one value per arming");
      await followUp(rt);
    });
  });

  test("a fired but unreceived timer (Go 1.23): stop and reset return true and the stale value is gone", async () => {
    await inRuntime(async (rt) => {
      const t = time.newTimer(ms);
      await time.sleep(5 * ms);
      assert.equal(t.stop(), true, "the unreceived value counts as pending");
      assert.equal(t.c.tryRecv(), null, "no value after stop returns");
      const u = time.newTimer(ms);
      await time.sleep(5 * ms);
      const t0 = rt.nanotime();
      assert.equal(u.reset(2 * ms), true);
      assert.equal((await u.c.recv())!.mono, t0 + 2 * ms, "the first value after reset is the new one");
      await followUp(rt);
    });
  });

  test("afterFunc: stop after it ran is false; reset after it ran runs it again; double stop is false", async () => {
    await inRuntime(async (rt) => {
      const runs: number[] = [];
      const t = time.afterFunc(ms, () => runs.push(rt.nanotime()));
      const t0 = rt.nanotime();
      await time.sleep(2 * ms);
      assert.equal(t.stop(), false);
      assert.equal(t.reset(ms), false);
      await time.sleep(2 * ms);
      assert.deepEqual(runs, [t0 + ms, t0 + 3 * ms]);
      assert.equal(t.reset(ms), false);
      assert.equal(t.stop(), true);
      assert.equal(t.stop(), false);
      await time.sleep(2 * ms);
      assert.equal(runs.length, 2);
      await followUp(rt);
    });
  });

  test("a stopped ticker: stop again is harmless, reset restarts it on a new phase", async () => {
    await inRuntime(async (rt) => {
      const tk = time.newTicker(ms);
      await tk.c.recv();
      tk.stop();
      tk.stop();
      await time.sleep(5 * ms);
      assert.equal(tk.c.tryRecv(), null, "no tick after stop");
      const t0 = rt.nanotime();
      tk.reset(2 * ms);
      assert.equal((await tk.c.recv())!.mono, t0 + 2 * ms);
      tk.stop();
      await followUp(rt);
    });
  });
});

describe("channel misuse", () => {
  test("close of a nil or closed channel panics with Go's messages; the channel stays consistent", async () => {
    await inRuntime(async (rt) => {
      panics(() => close(null), "close of nil channel");
      const c = chan<number>(2);
      c.trySend(1);
      c.close();
      panics(() => c.close(), "close of closed channel");
      panics(() => close(c), "close of closed channel");
      c.hchan.verify();
      assert.deepEqual(c.tryRecv(), { value: 1, ok: true }, "buffered values survive close");
      assert.deepEqual(await c.recvOk(), { value: undefined, ok: false });
      await followUp(rt);
    });
  });

  test("send on a closed channel panics from send, trySend, select and trySelect, and wakes blocked senders", async () => {
    await inRuntime(async (rt) => {
      const msg = "send on closed channel";
      const c = chan<number>();
      const blocked = chan<unknown>(2);
      for (let i = 0; i < 2; i++)
        go(async () => {
          try {
            await (i === 0 ? c.send(i) : select([send(c, i)]));
            await blocked.send("sent");
          } catch (e) {
            await blocked.send(e);
          }
        });
      await time.sleep(ms); // both senders are blocked now
      c.close();
      for (let i = 0; i < 2; i++) {
        const e = await blocked.recv();
        assert.ok(isGoPanic(e, msg), `a blocked sender panics: ${String(e)}`);
      }
      await assert.rejects(c.send(1), (e: unknown) => isGoPanic(e, msg));
      panics(() => c.trySend(1), msg);
      await assert.rejects(select([send(c, 1), recv(time.after(ms))]), (e: unknown) => isGoPanic(e, msg));
      panics(() => trySelect([send(c, 1)]), msg);
      c.hchan.verify();
      await followUp(rt);
    });
  });

  test("a bad channel size is a RangeError", () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 32, 2 ** 53])
      assert.throws(() => chan(n), { name: "RangeError", message: `chan: size out of range: ${n}` });
  });

  test("unsafe integers: WaitGroup.add and errgroup's setLimit refuse them; time.unix* bigints outside int64", () => {
    for (const n of [1e30, 2 ** 53 + 2]) {
      assert.throws(() => new WaitGroup().add(n), { name: "TypeError" });
      assert.throws(() => new errgroup.Group().setLimit(n), { name: "TypeError" });
    }
    for (const v of [2n ** 63n, -(2n ** 63n) - 1n, -(2n ** 70n)]) {
      assert.throws(() => time.unix(v, 0), {
        name: "RangeError",
        message: `time.unix: out of int64 range: ${v}`,
      });
      assert.throws(() => time.unix(0, v * 1_000_000_000n), { name: "RangeError" });
    }
    // unixMilli and unixMicro: the time's seconds leave int64 only past 2^63 seconds' worth of units.
    const ms = 2n ** 73n;
    assert.throws(() => time.unixMilli(ms), {
      name: "RangeError",
      message: `time.unixMilli: out of int64 range: ${ms}`,
    });
    assert.throws(() => time.unixMicro(-(2n ** 83n)), { name: "RangeError" });
    assert.equal(
      time
        .unix(2n ** 63n - 1n, 0)
        .utc()
        .year(),
      292277026596,
    );
    assert.equal(
      time
        .unix(-(2n ** 63n), 0)
        .utc()
        .year(),
      -292277022657,
    );
  });
});

describe("select misuse", () => {
  test("select with no cases blocks forever: Go's deadlock report names it [select (no cases)]", async () => {
    const rt = new Runtime({ clock: "fake", spawnSites: false });
    const err = await failure(rt, () => select([]));
    assert.equal(err.name, "DeadlockError");
    assert.equal(err.message, "all goroutines are asleep - deadlock!");
    assert.deepEqual(err.report.split("\n").slice(0, 3), [
      "fatal error: all goroutines are asleep - deadlock!",
      "",
      "goroutine 1 [select (no cases)]:",
    ]);
    consistent(rt);
    await inRuntime(followUp); // the next runtime is unaffected
  });

  test("select with no cases ends on an AbortSignal; trySelect([]) takes the default", async () => {
    await inRuntime(async (rt) => {
      assert.equal(trySelect([]), null);
      const ac = new AbortController();
      time.afterFunc(ms, () => ac.abort(new Error("enough")));
      await assert.rejects(select([], ac.signal), /enough/);
      await assert.rejects(select([recv(null), send(null, 1)], AbortSignal.abort(new Error("now"))), /now/);
      await followUp(rt);
    });
  });
});

describe("panics and throwing callbacks", () => {
  const values: [string, unknown, string][] = [
    ["a string", "boom", "panic: boom"],
    ["a number", 42, "panic: 42"],
    ["an object", { code: 42 }, 'panic: {"code":42}'],
    ["null", null, "panic: panic called with nil argument"],
    ["undefined", undefined, "panic: panic called with nil argument"],
    ["a bigint", 7n, "panic: 7"],
  ];
  for (const [what, v, head] of values) {
    test(`a goroutine that throws ${what} fails the runtime with Go's panic report`, async () => {
      const rt = new Runtime({ clock: "fake", procs: 2 });
      let after = false;
      const err = await failure(rt, async () => {
        go(async () => {
          await time.sleep(ms);
          throw v;
        });
        await time.sleep(10 * ms);
        after = true;
      });
      assert.equal(err.name, "GoPanicError");
      assert.equal(err.message, head);
      assert.equal(err.report.split("\n")[0], head);
      assert.equal(err.value, v);
      assert.equal(after, false, "nothing runs after the panic");
      assert.equal(rt.stopped, true);
      consistent(rt);
      await inRuntime(followUp);
    });
  }

  test("a synchronous (non-async) goroutine body that throws panics the same way", async () => {
    const rt = new Runtime({ clock: "fake" });
    const err = await failure(rt, async () => {
      go(() => {
        throw "sync boom";
      });
      await time.sleep(ms);
    });
    assert.equal(err.message, "panic: sync boom");
    consistent(rt);
  });

  test("an afterFunc callback that throws panics in its own goroutine (as in Go) and stops the runtime", async () => {
    const rt = new Runtime({ clock: "fake", procs: 3 });
    const err = await failure(rt, async () => {
      time.afterFunc(ms, () => {
        throw new RangeError("from the callback");
      });
      await time.sleep(time.Hour);
    });
    assert.equal(err.message, "panic: RangeError: from the callback");
    assert.equal(rt.nanotime(), 1 + ms, "the runtime stopped at the callback's instant");
    consistent(rt);
  });

  test("a context.afterFunc callback that throws panics the same way", async () => {
    const rt = new Runtime({ clock: "fake" });
    const err = await failure(rt, async () => {
      const [ctx, cancel] = context.withTimeout(context.background(), ms);
      context.afterFunc(ctx, () => {
        throw "ctx callback";
      });
      await time.sleep(time.Hour);
      cancel();
    });
    assert.equal(err.message, "panic: ctx callback");
    consistent(rt);
  });

  test("engine: a timer callback that throws leaves the heap consistent and the next check runs the rest", () => {
    withEngine(1, (h) => {
      const fired: string[] = [];
      const bad = new RTimer(() => {
        throw new Error("callback failed");
      }, null);
      const good = new RTimer(() => fired.push(`good@${h.now}`), null);
      bad.reset(10, 0);
      good.reset(10, 0);
      new RTimer(() => fired.push(`late@${h.now}`), null).reset(20, 0);
      h.now = 10;
      assert.throws(() => h.check(), /callback failed/);
      assert.equal(lockState.locks, 0, "the callback ran with no lock held");
      h.heaps[0].verify();
      assert.equal(bad.when, 0, "the failed one-shot is not re-run");
      h.check();
      h.now = 20;
      h.check();
      assert.deepEqual(fired, ["good@10", "late@20"]);
      assert.equal(h.heaps[0].len, 0);
    });
  });
});

describe("re-entrant calls from timer callbacks", () => {
  test("an afterFunc callback stops and resets its own timer, makes timers, changes GOMAXPROCS, cancels", async () => {
    await inRuntime(async (rt) => {
      const log: string[] = [];
      const [ctx, cancel] = context.withCancel(context.background());
      const t0 = rt.nanotime();
      let self: time.Timer;
      let n = 0;
      self = time.afterFunc(ms, () => {
        n++;
        log.push(`run${n}@${rt.nanotime() - t0}`);
        log.push(`stop=${self.stop()}`); // it has fired: false
        if (n < 3) log.push(`reset=${self.reset(ms)}`); // runs again
        const inner = time.newTimer(ms);
        go(async () => {
          await inner.c.recv();
          log.push(`inner@${rt.nanotime() - t0}`);
        });
        GOMAXPROCS(n + 1);
        if (n === 3) cancel();
      });
      await select([recv(ctx.done()), recv(time.after(time.Hour))] as const);
      await time.sleep(2 * ms);
      // Goroutines due at one instant run in a scheduling order; compare the events, not their interleaving.
      assert.deepEqual(
        [...log].sort(),
        [
          `run1@${ms}`,
          "stop=false",
          "reset=false",
          `run2@${2 * ms}`,
          "stop=false",
          "reset=false",
          `inner@${2 * ms}`,
          `run3@${3 * ms}`,
          "stop=false",
          `inner@${3 * ms}`,
          `inner@${4 * ms}`,
        ].sort(),
      );
      assert.deepEqual(
        log.filter((x) => x.startsWith("run")),
        [`run1@${ms}`, `run2@${2 * ms}`, `run3@${3 * ms}`],
      );
      assert.equal(GOMAXPROCS(0), 4);
      await followUp(rt);
    });
  });

  test("engine: a callback resets itself, stops a due timer and adds new ones while check runs", () => {
    withEngine(1, (h) => {
      const fired: string[] = [];
      let selfRuns = 0;
      const victim = new RTimer(() => fired.push(`victim@${h.now}`), null);
      const self: RTimer = new RTimer(() => {
        selfRuns++;
        fired.push(`self@${h.now}`);
        if (selfRuns < 3) self.reset(h.now + 5, 0); // re-arm itself from its own callback
        if (selfRuns === 1) {
          fired.push(`stop victim=${victim.stop()}`); // due at this very check: stopped in time
          new RTimer(() => fired.push(`added@${h.now}`), null).reset(h.now, 0); // due now: same check
          new RTimer(() => fired.push(`later@${h.now}`), null).reset(h.now + 7, 0);
        }
        h.heaps[0].verify();
      }, null);
      self.reset(10, 0);
      victim.reset(10, 0);
      for (const now of [10, 15, 17, 20, 30]) {
        h.now = now;
        h.check();
        h.heaps[0].verify();
      }
      assert.deepEqual(fired, ["self@10", "stop victim=true", "added@10", "self@15", "later@17", "self@20"]);
      assert.equal(h.heaps[0].len, 0);
      assert.equal(lockState.locks, 0);
    });
  });

  test("scheduler: a runtime timer callback (run inside the scheduler) resets, stops and starts goroutines", async () => {
    await inRuntime(async (rt) => {
      const log: string[] = [];
      const t0 = rt.nanotime();
      const other = new FuncTimer(() => log.push(`other@${rt.nanotime() - t0}`));
      other.reset(t0 + 10 * ms, 0);
      const doomed = new FuncTimer(() => log.push("doomed ran"));
      doomed.reset(t0 + 3 * ms, 0);
      const cb = new RTimer(() => {
        other.reset(rt.nanotime() + ms, 0); // earlier
        log.push(`stop doomed=${doomed.stop()}`);
        goFunc(new FuncTimer(() => log.push(`spawned@${rt.nanotime() - t0}`)));
        rt.verify();
      }, null);
      cb.reset(t0 + 2 * ms, 0);
      await time.sleep(20 * ms);
      assert.deepEqual(log, ["stop doomed=true", `spawned@${2 * ms}`, `other@${3 * ms}`]);
      await followUp(rt);
    });
  });
});

describe("GOMAXPROCS and Runtime options", () => {
  test("GOMAXPROCS(0) and negative n read the setting; huge n clamps to 1024; fractions truncate", async () => {
    await inRuntime(async (rt) => {
      const fired: number[] = [];
      for (let i = 1; i <= 6; i++) time.afterFunc(i * ms, () => fired.push(i));
      assert.equal(GOMAXPROCS(0), 2);
      assert.equal(GOMAXPROCS(-1), 2);
      assert.equal(GOMAXPROCS(Number.NEGATIVE_INFINITY), 2);
      assert.equal(rt.allp.length, 2, "n < 1 leaves it unchanged (Go)");
      consistent(rt);
      assert.equal(GOMAXPROCS(1e9), 2);
      assert.equal(rt.allp.length, 1024, "gort's limit");
      consistent(rt);
      await time.sleep(ms);
      assert.equal(GOMAXPROCS(Number.POSITIVE_INFINITY), 1024);
      assert.equal(GOMAXPROCS(2.9), 1024);
      assert.equal(GOMAXPROCS(0), 2);
      consistent(rt);
      await time.sleep(10 * ms);
      assert.deepEqual(fired, [1, 2, 3, 4, 5, 6], "timers survive every resize and fire in order");
      await followUp(rt);
    });
  });

  test("GOMAXPROCS(NaN) and a non-number are TypeErrors; nothing changes", async () => {
    await inRuntime(async (rt) => {
      assert.throws(() => GOMAXPROCS(Number.NaN), {
        name: "TypeError",
        message: "GOMAXPROCS: not a number: NaN",
      });
      assert.throws(() => GOMAXPROCS("4" as unknown as number), {
        name: "TypeError",
        message: "GOMAXPROCS: not a number: 4",
      });
      assert.equal(GOMAXPROCS(0), 2);
      await followUp(rt);
    });
  });

  test("new Runtime with a bad procs is a RangeError", () => {
    for (const procs of [0, -1, 1.5, Number.NaN, 1025])
      assert.throws(() => new Runtime({ procs }), { name: "RangeError", message: /gort: procs must be/ });
  });
});

describe("a runtime used after it stopped", () => {
  test("run() twice rejects; starting a goroutine in a stopped runtime is refused", async () => {
    const [, rt] = await inRuntime(() => 1);
    assert.equal(rt.stopped, true);
    await assert.rejects(
      rt.run(() => 2),
      { message: "gort: Runtime.run called twice" },
    );
    assert.throws(
      () => rt.newproc(() => {}, [], null),
      (e: unknown) =>
        e instanceof RuntimeInvariantError && e.message === "gort: runtime used after it stopped",
    );
    consistent(rt);
  });

  test("a failed runtime cannot be run again and stays consistent; other runtimes are unaffected", async () => {
    const rt = new Runtime({ clock: "fake", procs: 4 });
    const err = await failure(rt, async () => {
      for (let i = 0; i < 8; i++) go(() => time.sleep((i + 1) * ms));
      time.afterFunc(5 * ms, () => {});
      await time.sleep(2 * ms);
      throw new GoPanic("custom");
    });
    assert.equal(err.message, "panic: custom");
    await assert.rejects(
      rt.run(() => 2),
      { message: "gort: Runtime.run called twice" },
    );
    consistent(rt);
    await inRuntime(followUp, 4);
  });
});

// Arguments TypeScript checks but a JavaScript caller can get wrong (src/internal/args.ts): each is a
// TypeError naming the call, thrown or (for a call that returns a promise) rejected, before anything
// changes. A bad signal used to throw synchronously from a call that returns a promise after the goroutine
// had parked (a receive left queued, a lock waiter with no goroutine), and a non-function given to go or
// errgroup crashed the runtime later with a panic from inside it.
describe("arguments of the wrong type", () => {
  const notSignals: unknown[] = ["x", null, {}, 1, () => {}];
  const typeError = (who: string) => (e: unknown) =>
    e instanceof TypeError && e.message.startsWith(`${who}: `) && !isGoPanic(e);

  test("a bad signal: blocking calls reject with a TypeError at once and leave nothing behind", async () => {
    await inRuntime(async (rt) => {
      for (const bad of notSignals) {
        const c = chan<number>();
        const mu = new Mutex();
        await mu.lock();
        const wg = new WaitGroup();
        wg.add(1);
        const sig = bad as AbortSignal;
        const calls: [string, () => Promise<unknown>][] = [
          ["chan.recv", () => c.recv(sig)],
          ["chan.recv", () => c.recvOk(sig)],
          ["chan.send", () => c.send(1, sig)],
          ["time.sleep", () => time.sleep(time.Hour, sig)],
          ["select", () => select([recv(c), send(c, 2)] as const, sig)],
          ["Mutex.lock", () => mu.lock(sig)],
          ["WaitGroup.wait", () => wg.wait(sig)],
        ];
        for (const [who, call] of calls) {
          let p: Promise<unknown> | undefined;
          assert.doesNotThrow(
            () => {
              p = call();
            },
            `${who} threw synchronously for signal ${String(bad)}`,
          );
          await assert.rejects(p!, typeError(who), `${who} with signal ${String(bad)}`);
        }
        // Nothing was queued: a receiver and a sender meet as if the bad calls never happened.
        assert.equal(c.hchan.recvq.first, null, "no receiver left queued");
        assert.equal(c.hchan.sendq.first, null, "no sender left queued");
        assert.equal(mu.tryLock(), false, "the mutex is still held");
        mu.unlock();
        assert.equal(mu.tryLock(), true, "no waiter took the mutex");
        wg.done();
        await wg.wait();
      }
      await followUp(rt);
    });
  });

  test("select and trySelect: cases that are not an array of recv/send cases; recv/send of a non-channel", async () => {
    await inRuntime(async (rt) => {
      const c = chan<number>(1);
      for (const bad of ["x", null, 1, {}, [{}], [null], [{ c: "x", send: false }]]) {
        const cases = bad as unknown as readonly [];
        let p: Promise<unknown> | undefined;
        assert.doesNotThrow(() => {
          p = select(cases);
        });
        await assert.rejects(p!, typeError("select"), `select(${JSON.stringify(bad)})`);
        assert.throws(() => trySelect(cases), typeError("trySelect"), `trySelect(${JSON.stringify(bad)})`);
      }
      for (const bad of ["x", 1, {}, undefined]) {
        assert.throws(() => recv(bad as never), typeError("recv"));
        assert.throws(() => send(bad as never, 1), typeError("send"));
      }
      c.trySend(7);
      // A bad case after a ready one, and after an overdue timer channel: nothing runs before the check.
      const t = time.newTimer(0);
      for (const bad of [
        [recv(c), 1],
        [recv(t.c), recv(c), { c: "x", send: false }],
        [recv(c), null],
      ]) {
        const cases = bad as unknown as readonly [];
        await assert.rejects(select(cases), typeError("select"));
        assert.throws(() => trySelect(cases), typeError("trySelect"));
      }
      assert.equal(t.c.len, 0, "the timer channel is untouched");
      assert.equal(t.stop(), true, "the timer has not fired");
      assert.equal((await select([recv(c)] as const)).value, 7, "the channel is untouched");
      await followUp(rt);
    });
  });

  test("a non-function (go, errgroup, Once, onceFunc/onceValue, WaitGroup.go, context.afterFunc, Runtime.run, synctest.run), a non-Context, a non-channel to close, a non-Locker, a non-Time", async () => {
    const notFn = "x" as unknown as () => void;
    await inRuntime(async (rt) => {
      assert.throws(() => go(notFn), typeError("go"));
      const g = new errgroup.Group();
      g.setLimit(1);
      await assert.rejects(g.go(notFn), typeError("errgroup.Group.go"));
      assert.throws(() => g.tryGo(notFn), typeError("errgroup.Group.tryGo"));
      assert.equal(
        g.tryGo(() => {}),
        true,
        "the bad calls took no slot of the limit",
      );
      assert.equal(await g.wait(), null);
      const once = new Once();
      await assert.rejects(once.do(notFn), typeError("Once.do"));
      let ran = 0;
      await once.do(() => {
        ran++;
      });
      assert.equal(ran, 1, "the bad call did not use up the Once");
      assert.throws(() => onceFunc(notFn), typeError("onceFunc"));
      assert.throws(() => onceValue(notFn), typeError("onceValue"));
      const wg = new WaitGroup();
      assert.throws(() => wg.go(notFn), typeError("WaitGroup.go"));
      await wg.wait(); // the counter did not move
      const [ctx, cancel] = context.withCancel(context.background());
      assert.throws(() => context.afterFunc(ctx, notFn), typeError("context.afterFunc"));
      cancel();
      assert.throws(() => context.fromSignal("x" as unknown as AbortSignal), typeError("context.fromSignal"));
      assert.throws(
        () => context.withTimeout(context.background(), "1s" as never),
        typeError("context.withTimeout"),
      );
      await followUp(rt);
    });
    for (const bad of ["x", {}, 1]) {
      const ctx = bad as unknown as context.Context;
      assert.throws(() => context.withCancel(ctx), typeError("context.withCancel"));
      assert.throws(() => context.withValue(ctx, "k", 1), typeError("context.withValue"));
      assert.throws(() => context.afterFunc(ctx, () => {}), typeError("context.afterFunc"));
      assert.throws(() => context.cause(ctx), typeError("context.cause"));
      assert.throws(() => close(bad as never), typeError("close"));
      assert.throws(() => new Cond(bad as never), typeError("Cond"));
      assert.throws(() => time.since(bad as never), typeError("time.since"));
      assert.throws(() => time.until(bad as never), typeError("time.until"));
    }
    let p: Promise<unknown> | undefined;
    assert.doesNotThrow(() => {
      p = new PublicRuntime({ clock: "fake" }).run(notFn);
    });
    await assert.rejects(p!, typeError("Runtime.run"));
    await assert.rejects(synctest.run(notFn), typeError("synctest.run"));
    await assert.rejects(
      synctest.run(async () => {}, { signal: "x" as unknown as AbortSignal }),
      { name: "TypeError", message: 'synctest.run: options.signal must be an AbortSignal, got string "x"' },
    );
  });
});
