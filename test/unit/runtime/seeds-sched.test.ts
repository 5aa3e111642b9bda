// Seeds 3 and 4 (docs/design/seeds.md) at the scheduler level: each scenario passes with the fix and
// fails, through the invariant's own check, with the fault switch on (npm run mutants turns it on for
// every test: the first half then fails, which also counts as catching).
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { chan, GOMAXPROCS, go } from "../../../src/index.ts";
import { clearFaults, type Faults, lockState, setFault } from "../../../src/internal/debug.ts";
import { timeSleep } from "../../../src/internal/runtime/sleep.ts";
import { timerModified } from "../../../src/internal/runtime/timer.ts";
import { afterFunc, ms, runFake, vms } from "../../helpers/rt.ts";

afterEach(() => {
  clearFaults();
  lockState.locks = 0; // a fault scenario fails from inside a locked region
});

async function provesFix(fault: keyof Faults, how: RegExp, scenario: () => Promise<void>): Promise<void> {
  await scenario();
  setFault(fault, true);
  try {
    await assert.rejects(scenario, how, `the scenario must fail with the ${fault} fault on`);
  } finally {
    clearFaults();
    lockState.locks = 0;
  }
}

describe("seed commit invariants at the scheduler level (seeds 3 and 4)", () => {
  test("I3 prevent preemption: a goroutine resetting a timer never enters the scheduler mid-reset", async () => {
    await provesFix("preemptWhileLocked", /checkTimers: holding locks/, async () => {
      const [log] = await runFake(
        async (rt) => {
          const out: string[] = [];
          const b = afterFunc(rt, 20 * ms, () => out.push(`b@${vms(rt)}`));
          afterFunc(rt, 10 * ms, () => out.push(`a@${vms(rt)}, b.when ${(b.when - 1) / ms}`));
          await timeSleep(10 * ms); // a is due now too
          b.reset(rt.nanotime() + 20 * ms, 0);
          await timeSleep(30 * ms);
          return out;
        },
        { procs: 2 },
      );
      assert.deepEqual(log, ["a@10, b.when 30", "b@30"]);
    });
  });

  test("I4 use timer.lock in moveTimers: timers reset just before GOMAXPROCS shrinks fire at their new when", async () => {
    await provesFix("takeDropsModified", /I4: every moved timer fires once/, async () => {
      const [log, rt] = await runFake(
        async (rt) => {
          const out: string[] = [];
          const c = chan<void>(16);
          const start = chan<void>();
          for (let i = 0; i < 8; i++)
            go(async () => {
              await start.recv();
              const t = afterFunc(rt, (100 + i) * ms, () => {
                out.push(`t${i}@${vms(rt)}`);
                c.trySend(undefined);
              });
              // Earlier for even i, later for odd i: a pending modification, not yet re-keyed.
              t.reset(rt.nanotime() + (i % 2 === 0 ? 10 + i : 200 + i) * ms, 0);
            });
          start.close();
          await timeSleep(ms / 2);
          const modified = rt.allp
            .slice(1)
            .some((p) => p.timers.heapT.some((t) => (t.state & timerModified) !== 0));
          assert.ok(modified, "a destroyed P holds a modified timer (else the test shows nothing)");
          assert.equal(GOMAXPROCS(1), 8);
          for (let i = 0; i < 8; i++) await c.recv();
          return out;
        },
        { procs: 8, seed: 3 },
      );
      const want = [0, 2, 4, 6, 1, 3, 5, 7].map((i) => `t${i}@${i % 2 === 0 ? 10 + i : 200 + i}`);
      assert.deepEqual(log, want, "I4: every moved timer fires once at its when");
      rt.verify();
    });
  });
});
