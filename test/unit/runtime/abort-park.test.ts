// A park with an AbortSignal that its own schedule already ended: gopark schedules synchronously, and a
// timer due at once (a 1 ns sleep, whose timer is armed as it parks) can ready the parking goroutine before
// the caller registers the abort listener (proc.ts abortable). (A receive from a timer channel that is
// due fires on the spot without parking, so a sleep is the deterministic case.) That listener must not be left behind: a later
// abort would wake the goroutine out of an unrelated wait ("goready: bad g status runnable" once the
// real waker comes). Found by the fourth StrykerJS pass (docs/failures.md).
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { test } from "node:test";
import { chan, go, Runtime, time } from "../../../src/index.ts";

for (const procs of [1, 4]) {
  test(`procs ${procs}: a 1 ns sleep with a signal, readied inside its own park, leaves no abort listener behind`, async () => {
    const rt = new Runtime({ clock: "real", procs });
    const ac = new AbortController();
    const got = await rt.run(async () => {
      for (let i = 0; i < 20; i++) await time.sleep(1, ac.signal); // each due before its park's schedule ends
      const listeners = getEventListeners(ac.signal, "abort").length;
      const c = chan<number>();
      go(async () => {
        await time.sleep(time.Millisecond);
        ac.abort(new Error("abort after the sleeps ended"));
        await c.send(7);
      });
      return [listeners, await c.recv()]; // no signal: the abort must not touch this wait
    });
    assert.deepEqual(got, [0, 7]);
  });
}
