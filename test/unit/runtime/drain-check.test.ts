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

  test(`procs ${procs}: a goroutine woken from a channel that then awaits a foreign promise is still found in a syscall, and others run meanwhile`, async () => {
    const rt = new Runtime({ clock: "real", procs });
    await rt.run(async () => {
      const c = chan<number>();
      const order: string[] = [];
      const foreign = new Promise<void>((r) => hostSetTimeout(r, 20));
      const done = chan<void>(2);
      go(async () => {
        await c.recv(); // woken by the send below: the quick check runs after this continuation
        order.push("woken");
        await foreign; // not gort's: the drain check must find it and free the M
        order.push("back");
        done.trySend(undefined);
      });
      go(async () => {
        await c.send(1);
        // Runs only if the M was handed back while the first goroutine awaits `foreign`.
        for (let i = 0; i < 3; i++) await time.sleep(time.Millisecond);
        order.push("other");
        done.trySend(undefined);
      });
      await done.recv();
      await done.recv();
      assert.deepEqual(order, ["woken", "other", "back"]);
      assert.equal(schedOf(rt).nsyscall, 0);
    });
  });
}
