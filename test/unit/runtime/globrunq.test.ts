// Go's fairness between the local and the global run queue (proc.ts findRunnable) and runnext's inherited
// time slice. Every 61st schedule tick a P takes one goroutine from the global queue before its own; a
// goroutine run from runnext inherits the slice of the one that readied it and counts no tick (Go's
// execute with inheritTime). So while two goroutines ping-pong through runnext nothing else runs — under
// Go's faketime not at all, elsewhere until sysmon preempts after 10 ms; here until the M's slice ends
// (proc.ts: 65,536 resumptions under the fake clock, 4,096 or 10 ms on the real clock) — and when the
// chain stops, the queued goroutines run with a global one every 61 ticks. Bounded by counts only.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chan, go, Runtime, time } from "../../../src/index.ts";
import { hostSetImmediate } from "../../../src/internal/host.ts";

const rounds = 1000;
const spawned = 300;

interface Outcome {
  /** Ping-pong rounds done before the host loop first turned (rounds if it never did). */
  window: number;
  /** Spawned goroutines that ran within that window. */
  ranInWindow: number;
  /** The spawned goroutines in the order they ran. */
  order: number[];
  /** The ping-pong round during which each of them ran (rounds: after the ping-pong). */
  ranAt: number[];
}

async function scenario(clock: "real" | "fake"): Promise<Outcome> {
  const rt = new Runtime({ clock, procs: 1 });
  return rt.run(async () => {
    let n = 0;
    let hostTurnedAt = -1;
    let ranInWindow = 0;
    const order: number[] = [];
    const ranAt: number[] = [];
    // 300 goroutines started back to back overflow the 256-slot local queue: half of it goes to the
    // global queue (Go's runqputslow).
    for (let i = 0; i < spawned; i++) {
      go(() => {
        if (hostTurnedAt < 0) ranInWindow++;
        order.push(i);
        ranAt.push(n);
      });
    }
    const ping = chan<number>();
    const pong = chan<number>();
    go(async () => {
      for (;;) await pong.send(((await ping.recv()) ?? 0) + 1);
    });
    hostSetImmediate(() => {
      hostTurnedAt = n;
    });
    while (n < rounds) {
      await ping.send(n);
      await pong.recv();
      n++;
    }
    await time.sleep(time.Millisecond);
    return { window: hostTurnedAt < 0 ? rounds : hostTurnedAt, ranInWindow, order, ranAt };
  });
}

for (const clock of ["fake", "real"] as const) {
  describe(`runnext and the global run queue, ${clock} clock`, () => {
    test("a runnext ping-pong counts no ticks: no queued goroutine runs while it lasts", async () => {
      const o = await scenario(clock);
      assert.equal(
        o.ranInWindow,
        0,
        `${o.ranInWindow} queued goroutines ran in ${o.window} ping-pong rounds`,
      );
      assert.equal(o.order.length, spawned, "every goroutine ran once the ping-pong stopped");
    });
  });
}

describe("runnext and the global run queue, fake clock", () => {
  test("no queued goroutine runs during a 1,000-round ping-pong: Go's faketime never ends its slice", async () => {
    const { ranAt } = await scenario("fake");
    assert.equal(ranAt.length, spawned);
    const early = ranAt.filter((n) => n < rounds);
    assert.deepEqual(early, [], `${early.length} queued goroutines ran during the ping-pong`);
  });

  test("after the ping-pong, a goroutine from the global queue comes out among the local ones", async () => {
    const { order } = await scenario("fake");
    // The overflow moved the older half of the local queue (goroutines 0-126 here, behind the stand-in for
    // Go's finalizer goroutine) to the global queue; 127-299 stayed local. The every-61-ticks look takes
    // goroutine 0 while local ones remain (Go's order; without the look it would come after all of them),
    // and the rest come out in FIFO order.
    const lastLocal = Math.max(...order.flatMap((g, i) => (g >= 127 ? [i] : [])));
    const first = order.indexOf(0);
    assert.ok(
      first > 0 && first < lastLocal,
      `goroutine 0 ran at ${first}, the last local one at ${lastLocal}`,
    );
    const globals = order.filter((g) => g < 127);
    assert.deepEqual(
      globals,
      [...globals].sort((a, b) => a - b),
    );
  });
});
