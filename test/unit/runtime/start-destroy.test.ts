// Every `gort.start` AsyncResource (the async context a goroutine, or a timer's goroutine, will start in:
// newproc.ts captureStart) is destroyed exactly once (newproc.ts sc1): async_hooks tools that list the
// resources still open — Jest's --detectOpenHandles — must not see gort's own as open handles. Counted
// with an async_hooks init/destroy hook across goroutines, afterFunc timers, a bubble's host-style timers
// and runtimes that stop with goroutines unstarted and timers pending. The scenarios run inside an
// AsyncLocalStorage value, so that every capture is its own AsyncResource (not the shared empty context).
import assert from "node:assert/strict";
import { AsyncLocalStorage, createHook } from "node:async_hooks";
import { after, before, describe, test } from "node:test";
import { chan, go, Runtime } from "../../../src/index.ts";
import { G } from "../../../src/internal/runtime/g.ts";
import { captureStart, dropStart, SharedStart, shareable } from "../../../src/internal/runtime/newproc.ts";
import { Sched } from "../../../src/internal/runtime/proc.ts";
import * as synctest from "../../../src/synctest.ts";
import * as time from "../../../src/time.ts";

const als = new AsyncLocalStorage<string>();

/** gort.start resources inited and not yet destroyed, and destroys of an id already destroyed. */
const open = new Set<number>();
const destroyed = new Set<number>();
let inited = 0;
let doubles = 0;
const hook = createHook({
  init(id, type) {
    if (type !== "gort.start") return;
    inited++;
    open.add(id);
  },
  destroy(id) {
    if (open.delete(id)) destroyed.add(id);
    else if (destroyed.has(id)) doubles++;
  },
});
before(() => hook.enable());
after(() => hook.disable());

/** Runs f, lets Node deliver the destroy hooks it queued, and returns the gort.start resources f left open. */
async function leftOpen(f: () => Promise<unknown>): Promise<{ made: number; open: number; doubles: number }> {
  const i0 = inited;
  const d0 = doubles;
  open.clear();
  await f();
  // Destroy hooks run from a queue Node drains in a later macrotask.
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 5));
  return { made: inited - i0, open: open.size, doubles: doubles - d0 };
}

describe("every gort.start capture is destroyed exactly once", () => {
  test("goroutines started in an AsyncLocalStorage value: destroyed once each has started", async () => {
    const r = await leftOpen(() =>
      als.run("ctx", () =>
        new Runtime({ procs: 2 }).run(async () => {
          const done = chan<string>();
          for (let i = 0; i < 20; i++) go(async () => void (await done.send(String(als.getStore()))));
          for (let i = 0; i < 20; i++) assert.equal(await done.recv(), "ctx");
        }),
      ),
    );
    assert.ok(r.made >= 21, `${r.made} made`); // main and 20 children
    assert.deepEqual({ open: r.open, doubles: r.doubles }, { open: 0, doubles: 0 });
  });

  test("goroutines started outside any AsyncLocalStorage value (the shared empty context on Node 24+)", async () => {
    const r = await leftOpen(() =>
      new Runtime({}).run(async () => {
        const done = chan<void>();
        for (let i = 0; i < 20; i++) go(async () => void (await done.send()));
        for (let i = 0; i < 20; i++) await done.recv();
      }),
    );
    assert.deepEqual({ open: r.open, doubles: r.doubles }, { open: 0, doubles: 0 });
  });

  test("afterFunc timers: fired, stopped, reset while pending, reset after firing, reset after a stop", async () => {
    const seen: string[] = [];
    const r = await leftOpen(() =>
      new Runtime({ clock: "fake" }).run(async () => {
        const out = chan<string>(10);
        const f = (what: string) => () => void out.trySend(`${what}:${als.getStore()}`);
        const [fired, stopped, pendingReset, firedReset, stoppedReset] = als.run("armed", () => [
          time.afterFunc(time.Millisecond, f("fired")),
          time.afterFunc(time.Millisecond, f("stopped")),
          time.afterFunc(time.Millisecond, f("pendingReset")),
          time.afterFunc(time.Millisecond, f("firedReset")),
          time.afterFunc(time.Millisecond, f("stoppedReset")),
        ]);
        assert.equal(stopped.stop(), true);
        assert.equal(stopped.stop(), false); // a second stop: nothing more to destroy
        assert.equal(stoppedReset.stop(), true);
        als.run("reset", () => {
          pendingReset.reset(2 * time.Millisecond);
          stoppedReset.reset(2 * time.Millisecond);
        });
        for (let i = 0; i < 4; i++) seen.push((await out.recv())!);
        als.run("again", () => firedReset.reset(time.Millisecond));
        seen.push((await out.recv())!);
        assert.equal(fired.stop(), false); // fired: its capture went with its goroutine
      }),
    );
    assert.ok(r.made >= 7, `${r.made} made`);
    assert.deepEqual({ open: r.open, doubles: r.doubles }, { open: 0, doubles: 0 });
    // A reset after a stop starts in the reset's context: the stop destroyed the afterFunc call's.
    assert.deepEqual(seen.sort(), [
      "fired:armed",
      "firedReset:again",
      "firedReset:armed",
      "pendingReset:armed",
      "stoppedReset:reset",
    ]);
  });

  test("a bubble's setTimeout, setImmediate and setInterval: fired, cleared, cleared while due, left pending", async () => {
    let bubbleSeen: string[] = [];
    const r = await leftOpen(() =>
      als.run("ctx", () =>
        synctest.run(
          async () => {
            const seen: string[] = [];
            const note = (what: string) => seen.push(`${what}:${als.getStore()}`);
            setTimeout(() => note("timeout"), 10);
            clearTimeout(setTimeout(() => note("cleared"), 10));
            setImmediate(() => note("immediate"));
            // Due at the same instant: the first clears the second (already due: its firing is skipped).
            let victim: ReturnType<typeof setTimeout> | undefined;
            setTimeout(() => clearTimeout(victim), 20);
            victim = setTimeout(() => note("victim"), 20);
            let n = 0;
            let other: ReturnType<typeof setInterval> | undefined;
            const iv = setInterval(() => {
              note("interval");
              if (++n === 3) {
                clearInterval(iv);
                clearInterval(other); // due at the same instant, not started yet
              }
            }, 5);
            other = setInterval(() => note("other"), 5);
            const refreshed = setTimeout(() => note("refreshed"), 1);
            await new Promise((res) => setTimeout(res, 30));
            refreshed.refresh(); // fired: refreshing captures anew
            await new Promise((res) => setTimeout(res, 30));
            setTimeout(() => note("pending"), 1000); // left pending: the bubble's end drops them
            setInterval(() => note("pending interval"), 7);
            await new Promise((res) => setTimeout(res, 10));
            bubbleSeen = seen;
          },
          { allowPendingTimers: true },
        ),
      ),
    );
    assert.deepEqual(bubbleSeen, [
      "immediate:ctx",
      "refreshed:ctx",
      "interval:ctx",
      "other:ctx",
      "timeout:ctx",
      "interval:ctx",
      "other:ctx",
      "interval:ctx",
      "refreshed:ctx",
      "pending interval:ctx",
    ]);
    assert.ok(r.made >= 10, `${r.made} made`);
    assert.deepEqual({ open: r.open, doubles: r.doubles }, { open: 0, doubles: 0 });
  });

  test("a runtime whose main returns with goroutines unstarted and afterFunc timers pending", async () => {
    const r = await leftOpen(() =>
      new Runtime({ procs: 2 }).run(async () => {
        als.run("ctx", () => {
          for (let i = 0; i < 10; i++) go(() => {});
          for (let i = 0; i < 5; i++) time.afterFunc(time.Hour, () => {});
        });
      }),
    );
    assert.ok(r.made >= 15, `${r.made} made`);
    assert.deepEqual({ open: r.open, doubles: r.doubles }, { open: 0, doubles: 0 });
  });

  test("a runtime that panics, and one that deadlocks, with goroutines unstarted or blocked", async () => {
    const r = await leftOpen(async () => {
      const panicked = new Runtime({}).run(async () => {
        als.run("ctx", () => {
          for (let i = 0; i < 10; i++) go(() => {});
          time.afterFunc(time.Hour, () => {});
        });
        throw new Error("boom");
      });
      await assert.rejects(panicked, /boom/);
      const deadlocked = new Runtime({ clock: "fake" }).run(async () => {
        const never = chan<void>();
        als.run("ctx", () => {
          for (let i = 0; i < 5; i++) go(() => never.recv());
        });
        await never.recv();
      });
      await assert.rejects(deadlocked, /deadlock/);
    });
    assert.ok(r.made >= 16, `${r.made} made`);
    assert.deepEqual({ open: r.open, doubles: r.doubles }, { open: 0, doubles: 0 });
  });

  test("a bubble that fails (its main throws) with goroutines unstarted and host-style timers pending", async () => {
    const r = await leftOpen(async () => {
      const failed = synctest.run(async () => {
        als.run("ctx", () => {
          for (let i = 0; i < 5; i++) go(() => {});
          setTimeout(() => {}, 100);
          setInterval(() => {}, 100);
          time.afterFunc(time.Hour, () => {});
        });
        throw new Error("bubble boom");
      });
      await assert.rejects(failed, /bubble boom/);
    });
    assert.ok(r.made >= 8, `${r.made} made`);
    assert.deepEqual({ open: r.open, doubles: r.doubles }, { open: 0, doubles: 0 });
  });
});

describe("the sc1 and sc2 checkers fail on what they name", () => {
  test("sc1: a capture destroyed twice, or an interval's shared capture released once too often", () => {
    const c = als.run("ctx", captureStart);
    dropStart(c);
    assert.throws(() => dropStart(c), /sc1: a start capture destroyed twice/);
    const shared = shareable(als.run("ctx", captureStart));
    assert.ok(shared instanceof SharedStart);
    const held = shared.hold();
    dropStart(held);
    dropStart(shared);
    assert.throws(() => dropStart(shared), /sc1: an interval's start capture dropped more times/);
    assert.throws(() => shared.runInAsyncScope(() => {}), /sc1: a goroutine entered/);
  });

  test("sc2: an unstarted goroutine without a capture, or a stopped runtime's goroutine holding one", () => {
    const rt = new Sched({ clock: "fake", spawnSites: false });
    const gp = new G(rt, 90, null, 0);
    gp.fn = () => {};
    rt.allgs.add(gp);
    assert.throws(() => rt.verify(), /sc2: g90 has no start capture/);
    rt.allgs.delete(gp);
    rt.stop();
    const gq = new G(rt, 91, null, 0);
    gq.startCtx = als.run("ctx", captureStart);
    rt.allgs.add(gq);
    assert.throws(() => rt.verify(), /sc2: g91 holds a start capture/);
    dropStart(gq.startCtx);
  });
});
