// How often the real-clock scheduler reads the host clock per wake-up. A read (performance.now) costs
// 60–120 ns on the machines measured, a few times a tick's other work; a 1 ms ticker at 1 P reads it about
// 3.8 times a tick: the host wake-up's own read (netpoll.ts), which the first timer check reuses, and the
// time slice starts at (proc.ts execute); the receive's maybeRunChan (Go's); the re-arm's. Before the
// wake-up's reading was passed on it was 5.6.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Runtime } from "../../../src/index.ts";
import { clockStats } from "../../../src/internal/runtime/nanotime.ts";
import * as time from "../../../src/time.ts";

test("a 1 ms ticker at 1 P reads the host clock at most 4.5 times a tick", async () => {
  const rt = new Runtime({ procs: 1 });
  const ticks = 60;
  const perTick = await rt.run(async () => {
    const t = time.newTicker(time.Millisecond);
    for (let i = 0; i < 10; i++) await t.c.recv(); // settle: netpoll's overshoot window fills
    const r0 = clockStats.reads;
    for (let i = 0; i < ticks; i++) await t.c.recv();
    const reads = clockStats.reads - r0;
    t.stop();
    return reads / ticks;
  });
  rt.stop();
  assert.ok(perTick <= 4.5, `${perTick.toFixed(2)} clock reads per tick`);
  assert.ok(
    perTick >= 2,
    `${perTick.toFixed(2)} clock reads per tick: fewer than the wake-up and the re-arm`,
  );
});
