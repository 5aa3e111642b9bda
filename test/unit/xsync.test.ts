// errgroup, semaphore and signal.notifyContext beyond their Go oracle twins: every GOMAXPROCS, argument
// checks, and that notifyContext leaves no process listener and no goroutine behind once stopped.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  chan,
  context,
  errgroup,
  GoPanic,
  go,
  isGoPanic,
  numGoroutine,
  semaphore,
  signal,
  time,
} from "../../src/index.ts";
import { ms, procsMatrix, runFake } from "../helpers/rt.ts";

/** Runs f as the main goroutine of a fake-clock runtime with `procs` Ps. */
function inRuntime(procs: number, f: () => Promise<void>): Promise<unknown> {
  return runFake(f, { procs });
}

for (const procs of procsMatrix) {
  describe(`errgroup (GOMAXPROCS=${procs})`, () => {
    test("setLimit(2): at most two active, go() blocks the caller, first error wins", async () => {
      await inRuntime(procs, async () => {
        const [g, ctx] = errgroup.withContext(context.background());
        g.setLimit(2);
        let active = 0;
        let peak = 0;
        for (let i = 0; i < 10; i++) {
          await g.go(async () => {
            active++;
            peak = Math.max(peak, active);
            await time.sleep((i % 3) * ms + ms);
            active--;
            return i === 4 || i === 7 ? new Error(`e${i}`) : null;
          });
        }
        const err = await g.wait();
        assert.equal(peak, 2);
        assert.equal(err?.message, "e4");
        assert.equal(context.cause(ctx), err);
        assert.equal(ctx.err(), context.Canceled);
      });
    });

    test("setLimit while active panics with x/sync's message; bad n is a TypeError", async () => {
      await inRuntime(procs, async () => {
        const g = new errgroup.Group();
        g.setLimit(1);
        assert.equal(
          g.tryGo(() => time.sleep(ms)),
          true,
        );
        assert.throws(
          () => g.setLimit(4),
          (e) => isGoPanic(e, "errgroup: modify limit while 1 goroutines in the group are still active"),
        );
        assert.throws(() => g.setLimit(1.5), TypeError);
        assert.equal(await g.wait(), null);
        g.setLimit(4); // nothing active: allowed
      });
    });
  });

  describe(`semaphore (GOMAXPROCS=${procs})`, () => {
    test("FIFO under contention: requests are served in arrival order, never over the size", async () => {
      await inRuntime(procs, async () => {
        const sem = semaphore.newWeighted(5);
        const order: number[] = [];
        let held = 0;
        const done = chan<void>(20);
        for (let i = 0; i < 20; i++) {
          const n = (i % 5) + 1;
          go(async () => {
            await time.sleep(i * 1000); // arrival order
            assert.equal(await sem.acquire(context.background(), n), null);
            held += n;
            assert.ok(held <= 5, `held ${held}`);
            order.push(i);
            await time.sleep(ms);
            held -= n;
            sem.release(n);
            await done.send();
          });
        }
        for (let i = 0; i < 20; i++) await done.recv();
        assert.deepEqual(
          order,
          Array.from({ length: 20 }, (_, i) => i),
        );
        assert.equal(sem.tryAcquire(5), true);
      });
    });

    test("weights must be safe integers; release panics with Go's message", async () => {
      await inRuntime(procs, async () => {
        assert.throws(() => semaphore.newWeighted(1.5), TypeError);
        const sem = semaphore.newWeighted(1);
        assert.throws(() => sem.tryAcquire(Number.NaN), TypeError);
        await assert.rejects(sem.acquire(context.background(), 0.5), TypeError);
        assert.throws(
          () => sem.release(1),
          (e) => e instanceof GoPanic && e.goPanic === semaphore.msgReleasedMoreThanHeld,
        );
      });
    });
  });
}

describe("signal.notifyContext", () => {
  test("a signal cancels; stop() removes every listener and ends the loop goroutine", async () => {
    const before = process.listenerCount("SIGWINCH");
    await inRuntime(1, async () => {
      const n0 = numGoroutine();
      const [a, stopA] = signal.notifyContext(context.background(), "SIGWINCH");
      const [b, stopB] = signal.notifyContext(context.background(), "SIGWINCH");
      assert.equal(process.listenerCount("SIGWINCH"), before + 1, "one process listener per signal");
      assert.equal(numGoroutine(), n0 + 3, "the loop and one watcher per context");
      process.kill(process.pid, "SIGWINCH");
      await a.done()!.recv();
      await b.done()!.recv();
      assert.equal(a.err(), context.Canceled);
      stopA();
      assert.equal(process.listenerCount("SIGWINCH"), before + 1, "b is still registered");
      stopB();
      stopB(); // twice: nothing more
      assert.equal(process.listenerCount("SIGWINCH"), before);
      await time.sleep(ms); // the fake clock moves again once nothing is registered
      assert.equal(numGoroutine(), n0);
    });
  });
});

describe("signal.notify, stop, ignore, reset", () => {
  /** Polls (real time) until cond holds: signals arrive through Node's event loop. */
  async function until(cond: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  }
  /**
   * Lets a signal that must have no effect arrive: 50 real ms. On a slower machine the check after it
   * passes without the signal having arrived; it never fails spuriously.
   */
  const settle = () => new Promise((r) => setTimeout(r, 50));

  test("listeners come and go with registrations; stop ends the loop goroutine", async () => {
    const before = process.listenerCount("SIGWINCH");
    await inRuntime(1, async () => {
      const n0 = numGoroutine();
      const a = chan<NodeJS.Signals>(1);
      const b = chan<NodeJS.Signals>(1);
      signal.notify(a, "SIGWINCH");
      signal.notify(a, "SIGWINCH"); // again: nothing more
      signal.notify(b, "SIGWINCH");
      assert.equal(process.listenerCount("SIGWINCH"), before + 1, "one process listener per signal");
      assert.equal(numGoroutine(), n0 + 1, "the loop goroutine");
      process.kill(process.pid, "SIGWINCH");
      assert.equal(await a.recv(), "SIGWINCH");
      assert.equal(await b.recv(), "SIGWINCH");
      signal.stop(a);
      assert.equal(process.listenerCount("SIGWINCH"), before + 1, "b still listens");
      signal.stop(b);
      signal.stop(b);
      signal.stop(null);
      assert.equal(process.listenerCount("SIGWINCH"), before);
      await time.sleep(ms); // the fake clock moves again once nothing is registered
      assert.equal(numGoroutine(), n0);
    });
  });

  test("ignore installs a listener that relays nothing and starts no goroutine; reset removes it", async () => {
    const before = process.listenerCount("SIGWINCH");
    await inRuntime(1, async () => {
      const n0 = numGoroutine();
      signal.ignore("SIGWINCH");
      assert.equal(process.listenerCount("SIGWINCH"), before + 1);
      assert.equal(numGoroutine(), n0);
      assert.equal(signal.ignored("SIGWINCH"), true);
      signal.reset("SIGWINCH");
      assert.equal(process.listenerCount("SIGWINCH"), before);
      assert.equal(signal.ignored("SIGWINCH"), true, "Go 1.23: Reset leaves Ignored's answer");
      const c = chan<NodeJS.Signals>(1);
      signal.notify(c, "SIGWINCH");
      assert.equal(signal.ignored("SIGWINCH"), false, "notify clears it");
      signal.ignore("SIGWINCH"); // undoes c's registration
      assert.equal(process.listenerCount("SIGWINCH"), before + 1);
      process.kill(process.pid, "SIGWINCH");
      await settle(); // it must not be relayed
      assert.equal(c.len, 0);
      signal.reset();
      assert.equal(process.listenerCount("SIGWINCH"), before);
    });
  });

  test("notify without signals: every catchable one but Node's reserved ones, each number once", async () => {
    const names = ["SIGINT", "SIGTERM", "SIGHUP", "SIGUSR2", "SIGWINCH", "SIGABRT"] as const;
    const reserved = [
      "SIGUSR1",
      "SIGPROF",
      "SIGSEGV",
      "SIGBUS",
      "SIGFPE",
      "SIGILL",
      "SIGPIPE",
      "SIGXFSZ",
      "SIGIOT",
    ] as const;
    const count = (s: NodeJS.Signals) => process.listenerCount(s);
    const before = new Map([...names, ...reserved].map((s) => [s, count(s)]));
    await inRuntime(1, async () => {
      const c = chan<NodeJS.Signals>(8);
      signal.notify(c);
      for (const s of names) assert.equal(count(s), before.get(s)! + 1, s);
      for (const s of reserved) assert.equal(count(s), before.get(s), s);
      process.kill(process.pid, "SIGUSR2");
      assert.equal(await c.recv(), "SIGUSR2");
      signal.stop(c);
      for (const s of names) assert.equal(count(s), before.get(s), s);
    });
  });

  test("SIGPIPE keeps a listener that does nothing: Node's ignore is not turned into the default", async () => {
    await inRuntime(1, async () => {
      const before = process.listenerCount("SIGPIPE");
      signal.ignore("SIGPIPE");
      signal.reset("SIGPIPE");
      const kept = process.listenerCount("SIGPIPE");
      assert.ok(kept >= 1 && kept <= before + 1, `SIGPIPE listeners: ${kept}`);
      process.kill(process.pid, "SIGPIPE"); // would end the process with the system's default
      await settle();
      signal.reset("SIGPIPE");
      assert.equal(process.listenerCount("SIGPIPE"), kept);
    });
  });

  test("bad input: a nil channel panics as Go's Notify; unknown names are TypeErrors", async () => {
    await inRuntime(1, async () => {
      assert.throws(
        () => signal.notify(null, "SIGINT"),
        (e) => isGoPanic(e, "os/signal: Notify using nil channel"),
      );
      const c = chan<NodeJS.Signals>(1);
      assert.throws(() => signal.notify(c, "SIGNOPE" as NodeJS.Signals), TypeError);
      assert.throws(() => signal.notify({} as never, "SIGINT"), TypeError);
      assert.throws(() => signal.ignore("nope" as NodeJS.Signals), TypeError);
      assert.throws(() => signal.reset(5 as unknown as NodeJS.Signals), TypeError);
      assert.throws(() => signal.ignored("SIGFOO" as NodeJS.Signals), TypeError);
      signal.notify(c, "SIGKILL"); // accepted, never delivered (no program can catch it)
      assert.equal(process.listenerCount("SIGKILL"), 0);
      signal.stop(c);
    });
  });

  test("a runtime that ends without stop() drops its notify registrations", async () => {
    const before = process.listenerCount("SIGWINCH");
    await runFake(() => {
      signal.notify(chan<NodeJS.Signals>(1), "SIGWINCH");
      assert.equal(process.listenerCount("SIGWINCH"), before + 1);
    });
    await until(() => process.listenerCount("SIGWINCH") === before);
    assert.equal(process.listenerCount("SIGWINCH"), before);
  });
});

describe("errgroup and signal edge cases", () => {
  test("a limit set after unlimited goroutines started: they block giving back a slot they never took, as in Go", async () => {
    const err = await runFake(async () => {
      const g = new errgroup.Group();
      await g.go(() => time.sleep(ms));
      g.setLimit(1); // allowed: no goroutine holds a slot
      await g.wait(); // Go: the first goroutine blocks in <-g.sem, so Wait never returns
    }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof Error);
    assert.match(
      String((err as { report?: string }).report),
      /goroutine 1 \[semacquire\]:[\s\S]*\[chan receive\]:/,
    );
  });

  test("a runtime that ends without stop() leaves no signal listener behind", async () => {
    const before = process.listenerCount("SIGWINCH");
    await runFake(() => {
      signal.notifyContext(context.background(), "SIGWINCH");
      assert.equal(process.listenerCount("SIGWINCH"), before + 1);
    });
    for (let i = 0; i < 100 && process.listenerCount("SIGWINCH") !== before; i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal(process.listenerCount("SIGWINCH"), before);
  });
});
