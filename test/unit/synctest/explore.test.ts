// explore(): one test under many schedules. A lost update that only some schedules expose (procs 2, a
// random select choice) is found; the printed seed replays it exactly; every seed is reproducible.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chan, go, gosched, recv, select, WaitGroup } from "../../../src/index.ts";
import * as synctest from "../../../src/synctest.ts";

let shared = 0;
let trace: string[] = [];

/** Two goroutines increment a shared counter without a lock; the "slow" path yields mid-update. */
async function unsafeIncrements(): Promise<void> {
  shared = 0;
  trace = [];
  const fast = chan<void>(2);
  const slow = chan<void>(2);
  for (const c of [fast, fast, slow, slow]) await c.send();
  const wg = new WaitGroup();
  for (let i = 0; i < 2; i++) {
    wg.add(1);
    go(async () => {
      const r = await select([recv(fast), recv(slow)] as const);
      const v = shared; // read
      trace.push(`g${i} read ${v} via ${r.index === 0 ? "fast" : "slow"}`);
      if (r.index === 1) await gosched(); // the slow path yields between read and write
      shared = v + 1; // write: lost if the other goroutine wrote meanwhile
      trace.push(`g${i} wrote ${v + 1}`);
      wg.done();
    });
  }
  await wg.wait();
  if (shared !== 2) throw new Error(`lost update: shared = ${shared}`);
}

describe("explore", () => {
  test("finds a schedule-dependent lost update, and the printed seed replays it exactly", async () => {
    // The bug does not show with the default seed…
    await synctest.run(unsafeIncrements, { procs: 2 });
    // …but explore finds a seed that shows it.
    let err: (Error & { seed?: number }) | undefined;
    const printed: string[] = [];
    try {
      await synctest.explore(unsafeIncrements, { seeds: 100, procs: 2 });
    } catch (e) {
      err = e as Error & { seed?: number };
      printed.push(err.message);
    }
    assert.ok(err !== undefined, "explore found no failing seed");
    const seed = err.seed!;
    assert.match(
      err.message,
      new RegExp(`^seed ${seed} \\(replay with \\{ seed: ${seed} \\}\\): lost update: shared = 1`),
    );
    assert.ok(err.stack?.startsWith(`Error: seed ${seed}`), "the stack's header carries the seed too");
    const failingTrace = trace.slice();
    // Replaying the printed seed fails the same way, with the same interleaving, every time.
    for (let i = 0; i < 3; i++) {
      await assert.rejects(synctest.run(unsafeIncrements, { procs: 2, seed }), /lost update: shared = 1/);
      assert.deepEqual(trace, failingTrace);
    }
    console.log(`explore: ${printed[0].split("\n")[0]}; trace: ${failingTrace.join(", ")}`);
  });

  test("each seed is one reproducible schedule; different seeds explore different ones", async () => {
    const schedules = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const runs: string[] = [];
      for (let k = 0; k < 2; k++) {
        await synctest.run(unsafeIncrements, { procs: 2, seed }).catch(() => {});
        runs.push(trace.join(", "));
      }
      assert.equal(runs[0], runs[1], `seed ${seed} is not reproducible`);
      schedules.add(runs[0]);
    }
    assert.ok(schedules.size >= 3, `only ${schedules.size} distinct schedules`);
  });

  test("a correct program passes every seed", async () => {
    await synctest.explore(
      async () => {
        const c = chan<number>();
        go(async () => {
          for (let i = 0; i < 10; i++) await c.send(i);
          c.close();
        });
        let sum = 0;
        for await (const v of c) sum += v;
        assert.equal(sum, 45);
      },
      { seeds: 50, procs: 2 },
    );
  });
});
