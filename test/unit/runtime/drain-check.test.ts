// The check that finds a goroutine awaiting a promise gort does not own (proc.ts onDrain) and its cheaper
// first stage (armQuick): a wake-up whose goroutine parks again within its continuation queues no
// process.nextTick, and one that goes on to await a foreign promise is still found in a syscall.
import assert from "node:assert/strict";
import { createHook } from "node:async_hooks";
import { test } from "node:test";
import { chan, go, Runtime, time } from "../../../src/index.ts";
import { hostSetTimeout } from "../../../src/internal/host.ts";
import { schedOf } from "../../../src/internal/runtime/schedof.ts";

/** Runs body and counts the process.nextTick callbacks queued meanwhile (async_hooks' TickObject). */
async function countTicks(body: () => Promise<void>): Promise<number> {
  let ticks = 0;
  const hook = createHook({
    init(_id: number, type: string) {
      if (type === "TickObject") ticks++;
    },
  });
  hook.enable();
  try {
    await body();
  } finally {
    hook.disable();
  }
  return ticks;
}

for (const procs of [1, 4]) {
  test(`procs ${procs}: 100 real-clock sleeps queue (almost) no process.nextTick: the quick check sees the goroutine parked again`, async () => {
    const rt = new Runtime({ clock: "real", procs });
    const ticks = await rt.run(() =>
      countTicks(async () => {
        for (let i = 0; i < 100; i++) await time.sleep(time.Millisecond);
      }),
    );
    // Before the quick check each wake-up armed the drain check: one tick per sleep (100 or more).
    assert.ok(ticks < 50, `${ticks} process.nextTick callbacks for 100 wake-ups`);
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
