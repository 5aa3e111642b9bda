// Host fairness (proc.ts hostSliceNs): however busy its goroutines are, a runtime lets the host event loop
// turn at least every ~10 ms of work, so I/O callbacks, outside timers and goroutines woken by outside
// code are served. Bounded by operations, not time: without the rule the loop below would run 4M
// operations (4096 resumptions × 1024-operation preemption slices) before the host's first turn.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chan, go, Runtime } from "../../../src/index.ts";
import { hostSetImmediate } from "../../../src/internal/host.ts";

const bound = 2_000_000;

for (const clock of ["real", "fake"] as const) {
  describe(`host fairness, ${clock} clock`, () => {
    test("a goroutine that never blocks (a buffered channel loop) lets a host macrotask run", async () => {
      const rt = new Runtime({ clock });
      const seen = await rt.run(async () => {
        const c = chan<number>(1);
        let ops = 0;
        let hostRanAt = -1;
        hostSetImmediate(() => {
          hostRanAt = ops;
        });
        while (hostRanAt < 0 && ops < bound) {
          await c.send(ops);
          await c.recv();
          ops += 2;
        }
        return hostRanAt;
      });
      assert.ok(seen >= 0, `the host loop did not turn during ${bound} channel operations`);
    });

    test("a goroutine woken by outside code runs while two goroutines ping-pong", async () => {
      const rt = new Runtime({ clock, procs: 1 });
      const rounds = await rt.run(async () => {
        const ping = chan<number>();
        const pong = chan<number>();
        const woken = chan<void>(1);
        let n = 0;
        let wokenAt = -1;
        go(async () => {
          for (;;) await pong.send(((await ping.recv()) ?? 0) + 1);
        });
        go(async () => {
          await woken.recv();
          wokenAt = n;
        });
        // Outside code (a host macrotask) wakes a goroutine.
        hostSetImmediate(() => woken.trySend(undefined));
        while (wokenAt < 0 && n < bound / 4) {
          await ping.send(n);
          await pong.recv();
          n++;
        }
        return wokenAt;
      });
      assert.ok(rounds >= 0, `the woken goroutine did not run during ${bound / 4} ping-pong rounds`);
    });
  });
}
