// Go's fairness between the local and the global run queue (proc.ts findRunnable): every 61st scheduler
// tick a P takes one goroutine from the global queue before its own, so goroutines in the global queue run
// even while two goroutines ping-pong forever through runnext (docs/deviations.md promises Go's fairness).
// Bounded by counts: the check runs a global goroutine every 61 ticks (about every 30 ping-pong rounds);
// without it none runs until the host-fairness rule (≥ 10 ms or 4,096 resumptions) turns the host loop.
// A run in which the host loop turned early (a cold JIT or a stalled machine makes 10 ms pass in a few
// hundred rounds) cannot tell the two apart: it is retried, up to 10 times, until 300 rounds passed first.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chan, go, Runtime } from "../../../src/index.ts";
import { hostSetImmediate } from "../../../src/internal/host.ts";

const rounds = 1000;
const spawned = 300;

interface Outcome {
  /** Ping-pong rounds done before the host loop first turned (rounds if it never did). */
  window: number;
  /** Spawned goroutines that ran within that window. */
  ranInWindow: number;
}

async function scenario(clock: "real" | "fake"): Promise<Outcome> {
  const rt = new Runtime({ clock, procs: 1 });
  return rt.run(async () => {
    let n = 0;
    let hostTurnedAt = -1;
    let ranInWindow = 0;
    // 300 goroutines started back to back overflow the 256-slot local queue: half of it goes to the
    // global queue (Go's runqputslow).
    for (let i = 0; i < spawned; i++) {
      go(() => {
        if (hostTurnedAt < 0) ranInWindow++;
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
    return { window: hostTurnedAt < 0 ? rounds : hostTurnedAt, ranInWindow };
  });
}

for (const clock of ["fake", "real"] as const) {
  describe(`global run queue fairness (1 in 61), ${clock} clock`, () => {
    test("goroutines in the global queue run every 61 ticks during a runnext ping-pong", async () => {
      let best: Outcome = { window: 0, ranInWindow: 0 };
      for (let attempt = 0; attempt < 10 && best.window < 300; attempt++) {
        const o = await scenario(clock);
        if (o.window > best.window) best = o;
      }
      // 2 ticks per round: one global goroutine per 30.5 rounds, minus one for the phase of the first.
      const want = Math.floor(best.window / 30.5) - 1;
      assert.ok(
        best.ranInWindow >= want,
        `only ${best.ranInWindow} queued goroutines ran in ${best.window} ping-pong rounds (want ≥ ${want})`,
      );
      assert.ok(
        best.ranInWindow <= Math.ceil(best.window / 30.5) + 1,
        `${best.ranInWindow} ran: more than 1 in 61 ticks`,
      );
    });
  });
}
