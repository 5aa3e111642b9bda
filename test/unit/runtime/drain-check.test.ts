// The check that finds a goroutine awaiting a promise gort does not own (proc.ts onDrain: a promise job
// and a process.nextTick) and its cheaper first stage (armQuick): a wake-up whose goroutine parks again
// within its continuation arms no drain check, and one that goes on to await a foreign promise is still
// found in a syscall.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chan, go, gosched, Runtime, time } from "../../../src/index.ts";
import { hostSetTimeout } from "../../../src/internal/host.ts";
import { schedOf } from "../../../src/internal/runtime/schedof.ts";

/**
 * Runs body, failing with what `order` holds if it has not settled within 60 s. Not a speed bound: without
 * the check the M stays with the first goroutine forever.
 */
async function unlessHung(order: string[], body: () => Promise<void>): Promise<void> {
  let guard: ReturnType<typeof hostSetTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    guard = hostSetTimeout(() => reject(new Error(`hung after ${order.join(", ")}`)), 60_000);
  });
  try {
    await Promise.race([hung, body()]);
  } finally {
    clearTimeout(guard);
  }
}

for (const procs of [1, 4]) {
  test(`procs ${procs}: 100 real-clock sleeps arm (almost) no drain check: the quick check sees the goroutine parked again`, async () => {
    const rt = new Runtime({ clock: "real", procs });
    const s = schedOf(rt);
    const armed = await rt.run(async () => {
      const n = s.drainChecks;
      for (let i = 0; i < 100; i++) await time.sleep(time.Millisecond);
      return s.drainChecks - n;
    });
    // Without the quick check each wake-up arms one (100 or more); with it, none once the loop runs.
    assert.ok(armed < 10, `${armed} drain checks for 100 wake-ups`);
  });

  test(`procs ${procs}: a goroutine woken by outside code (a fresh burst) that then awaits a foreign promise is found in a syscall, and a sleeper runs meanwhile`, async () => {
    const rt = new Runtime({ clock: "real", procs });
    const order: string[] = [];
    let release!: () => void;
    const foreign = new Promise<void>((r) => {
      release = r;
    });
    await unlessHung(order, () =>
      rt.run(async () => {
        const c = chan<number>();
        const done = chan<void>(2);
        go(async () => {
          await c.recv(); // woken by the host callback below: its own burst, no drain check pending
          order.push("woken");
          await foreign; // not gort's, and only the sleeper below settles it
          order.push("back");
          done.trySend(undefined);
        });
        go(async () => {
          // Runs only once the M has left the first goroutine (found awaiting `foreign`); polls in virtual
          // steps of the runtime's own clock, so the order does not depend on the host's speed.
          while (!order.includes("woken")) await time.sleep(time.Millisecond);
          order.push("other");
          release();
          done.trySend(undefined);
        });
        hostSetTimeout(() => c.trySend(1), 2);
        const checks = schedOf(rt).drainChecks;
        await done.recv();
        await done.recv();
        assert.equal(schedOf(rt).nsyscall, 0);
        assert.ok(schedOf(rt).drainChecks > checks, "the foreign await was found by a drain check");
      }),
    );
    assert.deepEqual(order, ["woken", "other", "back"]);
  });
}

for (const procs of [1, 4]) {
  test(`procs ${procs}: goroutines that end within their first run arm no drain check (1,000 afterFunc goroutines in virtual time)`, async () => {
    const rt = new Runtime({ clock: "fake", procs });
    const s = schedOf(rt);
    const armed = await rt.run(async () => {
      const n = s.drainChecks;
      const done = chan<void>(1);
      let fired = 0;
      for (let i = 0; i < 1000; i++)
        time.afterFunc((1 + ((i * 7919) % 1000)) * time.Millisecond, () => {
          if (++fired === 1000) done.trySend(undefined);
        });
      await done.recv();
      return s.drainChecks - n;
    });
    // Armed at each goroutine's resumption, it cost about one check per three timers (one per clock jump
    // whose microtasks had drained); armed by the start job only for a goroutine still running, none.
    assert.ok(armed < 10, `${armed} drain checks for 1,000 afterFunc goroutines`);
  });

  test(`procs ${procs}: a new goroutine whose first run awaits a foreign promise is found in a syscall, and another runs meanwhile`, async () => {
    const rt = new Runtime({ clock: "fake", procs });
    const order: string[] = [];
    await unlessHung(order, () =>
      rt.run(async () => {
        let release!: () => void;
        const foreign = new Promise<void>((r) => {
          release = r;
        });
        const done = chan<void>(2);
        go(async () => {
          order.push("first");
          await foreign; // not gort's: only the goroutine below settles it
          order.push("back");
          done.trySend(undefined);
        });
        go(async () => {
          // Runs first (runnext) and yields until the first goroutine has started: it runs again only
          // once the M has left that one, found awaiting a promise gort does not own.
          while (!order.includes("first")) await gosched();
          order.push("second");
          release();
          done.trySend(undefined);
        });
        await done.recv();
        await done.recv();
        assert.equal(schedOf(rt).nsyscall, 0);
      }),
    );
    assert.deepEqual(order, ["first", "second", "back"]);
  });
}
