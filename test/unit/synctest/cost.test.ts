// advanceTo-style jumps cost O(firings), not wall time: a bubble that jumps through 1e5 timers makes one
// clock jump and one timer run per firing, and one goroutine switch per wake-up, counted by its scheduler
// (no bound on wall time: speed claims belong to benchmarks; the measured figures are printed).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { go, time, WaitGroup } from "../../../src/index.ts";
import { setVerify } from "../../../src/internal/debug.ts";
import { getg } from "../../../src/internal/runtime/getg.ts";
import * as synctest from "../../../src/synctest.ts";

describe("cost of virtual time", () => {
  test("1e5 ticker firings (27.8 virtual hours) and 1e5 distinct sleepers", async (t) => {
    // test/setup.ts verifies every invariant after every scheduling step (O(goroutines) each): off here,
    // since this measures the clock's cost, not the checker's.
    setVerify(false);
    t.after(() => setVerify(true));
    let t0 = performance.now();
    const [ticks, tickerOps] = await synctest.run(async () => {
      const stats = getg()?.rt.stats;
      assert.ok(stats !== undefined);
      const before = { ...stats };
      const t = time.newTicker(time.Second);
      for (let i = 0; i < 100_000; i++) await t.c.recv();
      t.stop();
      return [(Date.now() - 946684800000) / 1000, delta(before, stats)] as const;
    });
    const tickerMs = performance.now() - t0;
    assert.equal(ticks, 100_000);
    assert.deepEqual(tickerOps, { jumps: 100_000, timersRun: 100_000, switches: 100_000 });

    t0 = performance.now();
    const [last, sleeperOps] = await synctest.run(async () => {
      const stats = getg()?.rt.stats;
      assert.ok(stats !== undefined);
      const before = { ...stats };
      const wg = new WaitGroup();
      let latest = 0;
      for (let i = 1; i <= 100_000; i++) {
        wg.add(1);
        go(async () => {
          await time.sleep(i * time.Millisecond);
          latest = Math.max(latest, Date.now() - 946684800000);
          wg.done();
        });
      }
      await wg.wait();
      return [latest, delta(before, stats)] as const;
    });
    const sleepersMs = performance.now() - t0;
    assert.equal(last, 100_000);
    // Each sleeper runs twice (its start, its wake-up); main parks once, in wg.wait, and wakes once.
    assert.deepEqual(sleeperOps, { jumps: 100_000, timersRun: 100_000, switches: 200_001 });
    console.log(
      `1e5 ticker jumps: ${Math.round(tickerMs)} ms real; 1e5 sleepers: ${Math.round(sleepersMs)} ms real`,
    );
  });
});

type Stats = { jumps: number; timersRun: number; switches: number };
function delta(before: Stats, after: Stats): Stats {
  return {
    jumps: after.jumps - before.jumps,
    timersRun: after.timersRun - before.timersRun,
    switches: after.switches - before.switches,
  };
}
