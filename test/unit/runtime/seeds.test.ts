// The invariants the five seed commits protect (docs/design/seeds.md), at the engine level. Each scenario
// passes with the fix in place and is shown to fail with the matching fault switch on (the switch
// re-creates the pre-fix behaviour), so each test can fail. Seed 5 (I5) is a scheduler property: see
// test/unit/runtime/proc.test.ts.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import {
  clearFaults,
  type Faults,
  lockState,
  setFault,
  setHook,
  setVerify,
} from "../../../src/internal/debug.ts";
import { Timer } from "../../../src/internal/runtime/timer.ts";
import { EngineHarness } from "../../helpers/engine.ts";

let h: EngineHarness;
afterEach(() => {
  clearFaults();
  setHook(null);
  setVerify(true);
  lockState.locks = 0; // a fault scenario throws from inside a locked region
  h?.dispose();
});

/**
 * Runs `scenario` with and without `fault`; the fixed engine must pass, the faulty one must fail with an
 * error matching `how` (the invariant's own check or assertion, not any error).
 */
function provesFix(fault: keyof Faults, how: RegExp, scenario: () => void): void {
  scenario();
  setFault(fault, true);
  try {
    assert.throws(scenario, how, `the scenario must fail with the ${fault} fault on`);
  } finally {
    clearFaults();
    setHook(null);
    lockState.locks = 0;
  }
}

describe("seed commit invariants (engine level)", () => {
  test("I1 fix lost sleep: a timer lands in the heap of the P current at insertion", () => {
    provesFix("chooseHeapEarly", /I1: the timer must fire on the P that is running/, () => {
      h = new EngineHarness(2);
      const fired: number[] = [];
      // At the interleaving point the goroutine migrates from P0 to P1; P0 goes idle, nobody checks it.
      setHook((point) => {
        if (point === "maybeAdd") h.cur = 1;
      });
      const t = new Timer(() => fired.push(h.now), null);
      t.reset(10, 0);
      setHook(null);
      h.now = 10;
      h.check(1); // only the running P (P1) looks at its timers
      assert.deepEqual(fired, [10], "I1: the timer must fire on the P that is running");
      assert.equal(h.heaps[0].len, 0, "nothing may be left in the idle P's heap");
    });
  });

  test("I2 fix timer race: adjust never loses a concurrent modify", () => {
    provesFix("lateModifiedBit", /T5: minWhenModified|G3: wakeTime|I2: the timer moved earlier/, () => {
      setVerify(false); // observe the behaviour, not the checker
      h = new EngineHarness();
      const ts = h.heaps[0];
      const fired: string[] = [];
      const hour = 3.6e12;
      for (let i = 0; i < 100; i++) new Timer(() => fired.push("g"), null).reset(hour + i, 0);
      const t = new Timer(() => fired.push(`t@${h.now}`), null);
      t.reset(2 * hour, 0);
      // Another M runs a forced adjust on this heap in the middle of t's modification.
      setHook((point) => {
        if (point === "modify") ts.adjust(h.now, true);
      });
      t.reset(5, 0);
      setHook(null);
      ts.verify(); // G3: wakeTime() is not later than t.when
      h.now = 5;
      h.check();
      assert.deepEqual(fired, ["t@5"], "I2: the timer moved earlier must fire at its new when");
    });
  });

  test("I3 prevent preemption: no scheduler entry while a timer is mid-modification", () => {
    // Go 1.14: a goroutine preempted while its timer was in timerModifying entered the scheduler, whose
    // timer run found the timer half-modified and spun on it forever. Here the fault enters the same
    // timer run (findRunnable → checkTimers) in the middle of b.reset; a, due, would run and observe b
    // with its new when, its old heap key and no M bit. D2 stops the entry.
    provesFix("preemptWhileLocked", /checkTimers: holding locks/, () => {
      h = new EngineHarness();
      const ts = h.heaps[0];
      const seen: string[] = [];
      const b = new Timer(() => seen.push(`b@${h.now}`), null);
      b.reset(200, 0);
      new Timer(() => {
        const key = ts.heapW[ts.heapT.indexOf(b)];
        seen.push(`a sees b when ${b.when} key ${key} modified ${(b.state & 2) !== 0}`);
      }, null).reset(100, 0);
      h.now = 100; // a is due; before the scheduler runs it, the goroutine moves b later
      b.reset(300, 0);
      assert.equal(lockState.locks, 0);
      h.check();
      h.now = 300;
      h.check();
      assert.deepEqual(seen, ["a sees b when 300 key 200 modified true", "b@300"]);
    });
  });

  test("I4 use timer.lock in moveTimers: take keeps every live timer, fires each once at its when", () => {
    // The move must resolve each timer's pending modification (Go ≤ 1.22: t.when = t.nextwhen; since the
    // seed commit, under t's lock): the fault re-files b and d under their stale keys (b@40, d@60).
    provesFix("takeDropsModified", /I4: every moved timer fires once/, () => {
      h = new EngineHarness(3);
      const fired: string[] = [];
      const mk = (name: string, when: number) => {
        const t = new Timer(() => fired.push(`${name}@${h.now}`), null);
        t.reset(when, 0);
        return t;
      };
      h.cur = 1;
      mk("a", 30);
      const b = mk("b", 40);
      const c = mk("c", 50);
      h.cur = 2;
      const d = mk("d", 60);
      mk("e", 70);
      b.reset(20, 0); // modified earlier, not yet re-sifted
      c.stop(); // zombie
      d.reset(80, 0); // modified later
      h.cur = 0;
      h.heaps[0].take(h.heaps[1]);
      h.heaps[0].take(h.heaps[2]);
      for (const ts of h.heaps.slice(1)) assert.equal(ts.len + ts.zombies + ts.wakeTime(), 0);
      for (let now = 10; now <= 100; now += 10) {
        h.now = now;
        h.check(0);
      }
      assert.deepEqual(
        fired,
        ["b@20", "a@30", "e@70", "d@80"],
        "I4: every moved timer fires once at its when",
      );
    });
  });
});
