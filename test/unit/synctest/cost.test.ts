// advanceTo-style jumps cost O(firings), not wall time: a bubble that jumps through 1e5 timers finishes
// in well under a few seconds. The bound is generous on purpose (speed claims belong to benchmarks); the
// measured figures are printed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { go, time, WaitGroup } from "../../../src/index.ts";
import { setVerify } from "../../../src/internal/debug.ts";
import * as synctest from "../../../src/synctest.ts";

describe("cost of virtual time", () => {
  test("1e5 ticker firings (27.8 virtual hours) and 1e5 distinct sleepers", async (t) => {
    // test/setup.ts verifies every invariant after every scheduling step (O(goroutines) each): off here,
    // since this measures the clock's cost, not the checker's.
    setVerify(false);
    t.after(() => setVerify(true));
    let t0 = performance.now();
    const ticks = await synctest.run(async () => {
      const t = time.newTicker(time.Second);
      for (let i = 0; i < 100_000; i++) await t.c.recv();
      t.stop();
      return (Date.now() - 946684800000) / 1000;
    });
    const tickerMs = performance.now() - t0;
    assert.equal(ticks, 100_000);

    t0 = performance.now();
    const last = await synctest.run(async () => {
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
      return latest;
    });
    const sleepersMs = performance.now() - t0;
    assert.equal(last, 100_000);
    console.log(
      `1e5 ticker jumps: ${Math.round(tickerMs)} ms real; 1e5 sleepers: ${Math.round(sleepersMs)} ms real`,
    );
    assert.ok(tickerMs < 20_000 && sleepersMs < 20_000);
  });
});
