// The check that finds a goroutine awaiting a promise gort does not own (proc.ts onDrain: a promise job
// and a process.nextTick) and its cheaper first stage (armQuick): a wake-up whose goroutine parks again
// within its continuation arms no drain check, and one that goes on to await a foreign promise is still
// found in a syscall.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chan, go, Runtime, time } from "../../../src/index.ts";
import { hostSetTimeout } from "../../../src/internal/host.ts";
import { schedOf } from "../../../src/internal/runtime/schedof.ts";

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
    let guard: ReturnType<typeof hostSetTimeout> | undefined;
    const hung = new Promise<never>((_, reject) => {
      // Not a speed bound: without the check the M stays with the first goroutine forever.
      guard = hostSetTimeout(() => reject(new Error(`hung after ${order.join(", ")}`)), 60_000);
    });
    try {
      await Promise.race([
        hung,
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
      ]);
    } finally {
      clearTimeout(guard);
    }
    assert.deepEqual(order, ["woken", "other", "back"]);
  });
}
