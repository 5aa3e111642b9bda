// Where the timer engine calls its checks, its trace and its test hooks — written to kill the guard mutants
// StrykerJS found surviving in timers.ts and timer.ts (`if (VERIFY) …` → true / false, `if (tracing) …`,
// `if (hooksOn) …`; npm run mutation, docs/failures.md "General mutation testing"). Every test runs with
// VERIFY on, so a call site whose check was removed went unnoticed while the engine stayed correct. Here
// each site meets a structure corrupted by hand: with VERIFY on, the operation itself reports it (before
// anything else runs); with VERIFY off, it does not look. The trace and the hooks are called at their
// points exactly when someone listens, and never otherwise.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import {
  faultHooks,
  lockState,
  RuntimeInvariantError,
  setHook,
  setVerify,
} from "../../../src/internal/debug.ts";
import { FullTimer, Timer } from "../../../src/internal/runtime/timer.ts";
import { Timers } from "../../../src/internal/runtime/timers.ts";
import { subscribeTrace } from "../../../src/internal/runtime/trace.ts";
import { EngineHarness, FakeTimerChan } from "../../helpers/engine.ts";

/** An engine environment that records the optional calls the engine makes to it. */
class SpyHarness extends EngineHarness {
  calls: string[] = [];
  noteNew(_t: Timer): void {
    this.calls.push("noteNew");
  }
  traceTimer(kind: string, _t: Timer): void {
    this.calls.push(kind);
  }
}

let h: EngineHarness | undefined;
afterEach(() => {
  setVerify(true);
  setHook(null);
  lockState.locks = 0;
  h?.dispose();
  h = undefined;
});

const t4 = "timer data corruption: T4: heap key differs from when";

function throwsT4(fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => e instanceof RuntimeInvariantError && e.message === t4);
}

/**
 * A heap with an unmodified entry whose key no longer matches its timer's when (T4 broken) — a corruption
 * no operation repairs or trips over — plus `victim`, a timer of the same heap to operate on.
 */
function corrupted(): { ts: Timers; victim: Timer } {
  h = new EngineHarness();
  const bad = new Timer(() => {}, null);
  bad.reset(100, 0);
  const victim = new Timer(() => {}, null);
  victim.reset(200, 0);
  bad.when = 150; // entry key stays 100
  return { ts: h.heaps[0], victim };
}

/** Runs fn with VERIFY off. */
function unverified(fn: () => void): void {
  setVerify(false);
  try {
    fn();
  } finally {
    setVerify(true);
  }
}

describe("each engine operation checks the structures it touched, only while VERIFY is on", () => {
  test("modify (Reset of a heaped timer)", () => {
    let { victim } = corrupted();
    throwsT4(() => victim.reset(300, 0));
    ({ victim } = corrupted());
    unverified(() => victim.reset(300, 0));
  });

  test("stop", () => {
    let { victim } = corrupted();
    throwsT4(() => victim.stop());
    ({ victim } = corrupted());
    unverified(() => victim.stop());
  });

  test("maybeAdd (a new timer joins the heap)", () => {
    corrupted();
    throwsT4(() => new Timer(() => {}, null).reset(300, 0));
    corrupted();
    unverified(() => new Timer(() => {}, null).reset(300, 0));
  });

  test("unlockAndRun checks before calling f", () => {
    let fired = 0;
    const fire = () => {
      const { ts } = corrupted();
      // A ticker keeps its entry when it fires, so the check after the run still sees the heap.
      const t = new FullTimer(() => {
        fired++;
      }, null);
      // Due first, with a valid key: the corruption is elsewhere in the heap.
      unverified(() => t.reset(50, 1000));
      h!.now = 60;
      return ts;
    };
    fire();
    throwsT4(() => h!.check());
    assert.equal(fired, 0, "the check comes before the callback");
    fire();
    unverified(() => h!.check());
    assert.equal(fired, 1);
  });

  test("a timer callback never runs while a lock is held: the check names the callback", () => {
    h = new EngineHarness();
    const leak = new Timer(() => {
      lockState.locks++; // a callback that leaks a lock (a bug the check exists to catch)
    }, null);
    leak.reset(10, 0);
    let ran = false;
    new Timer(() => {
      ran = true;
    }, null).reset(10, 0);
    h.now = 10;
    assert.throws(
      () => h!.check(),
      (e: unknown) => e instanceof RuntimeInvariantError && e.message === "timer callback: holding locks",
    );
    assert.equal(ran, false);
  });

  test("check's slow path (a forced zombie cleanup, nothing due)", () => {
    const setup = () => {
      const { ts, victim } = corrupted();
      unverified(() => victim.stop()); // 1 zombie of 2 entries: over a quarter, so a local check forces adjust
      return ts;
    };
    setup();
    throwsT4(() => h!.check());
    setup();
    unverified(() => h!.check());
  });

  test("take checks both heaps", () => {
    const { ts } = corrupted();
    const src = new Timers(1);
    h!.heaps.push(src);
    h!.cur = 1;
    new Timer(() => {}, null).reset(400, 0);
    h!.cur = 0;
    throwsT4(() => ts.take(src));
    const again = corrupted();
    const src2 = new Timers(1);
    h!.heaps.push(src2);
    h!.cur = 1;
    new Timer(() => {}, null).reset(400, 0);
    h!.cur = 0;
    unverified(() => again.ts.take(src2));
    assert.equal(again.ts.len, 3);
  });

  test("blockTimerChan and unblockTimerChan", () => {
    // A channel timer whose waiter left: its zombie entry is still in the heap, so blocking again revives
    // it without an insert (maybeAdd, which checks too, is not involved).
    const chanTimer = () => {
      const { ts } = corrupted();
      const t = new FullTimer(() => {}, new FakeTimerChan(), true);
      unverified(() => {
        t.reset(300, 0);
        t.blockTimerChan();
        t.unblockTimerChan();
      });
      assert.ok(ts.heapT.includes(t));
      return { ts, t };
    };
    let { t } = chanTimer();
    throwsT4(() => t.blockTimerChan());
    ({ t } = chanTimer());
    unverified(() => t.blockTimerChan());
    // Unblock: block first (with VERIFY off, on the corrupted heap), then leave.
    ({ t } = chanTimer());
    unverified(() => t.blockTimerChan());
    throwsT4(() => t.unblockTimerChan());
    ({ t } = chanTimer());
    unverified(() => t.blockTimerChan());
    unverified(() => t.unblockTimerChan());
  });

  test("a new timer is reported to the environment (noteNew) only while VERIFY is on", () => {
    const spy = new SpyHarness();
    h = spy;
    new Timer(() => {}, null);
    assert.deepEqual(spy.calls, ["noteNew"]);
    unverified(() => new Timer(() => {}, null));
    assert.deepEqual(spy.calls, ["noteNew"]);
    // An environment without noteNew is fine.
    spy.dispose();
    h = new EngineHarness();
    new Timer(() => {}, null);
  });
});

describe("timer trace events: sent at each point while tracing, never otherwise", () => {
  /** Add, modify, stop, re-arm, fire: the kinds the environment saw. */
  function scenario(spy: EngineHarness): void {
    const t = new Timer(() => {}, null);
    t.reset(100, 0); // modify, then add
    t.reset(90, 0); // modify (heaped)
    t.stop();
    t.reset(80, 0); // modify (revives the zombie entry)
    spy.now = 100;
    spy.check(); // fire
  }

  test("with a subscriber: each operation's kind, in order", () => {
    const spy = new SpyHarness();
    h = spy;
    const unsubscribe = subscribeTrace(() => {});
    try {
      scenario(spy);
    } finally {
      unsubscribe();
    }
    assert.deepEqual(
      spy.calls.filter((c) => c !== "noteNew"),
      ["timer.modify", "timer.add", "timer.modify", "timer.stop", "timer.modify", "timer.fire"],
    );
  });

  test("without one: the environment's traceTimer is never called", () => {
    const spy = new SpyHarness();
    h = spy;
    scenario(spy);
    assert.deepEqual(
      spy.calls.filter((c) => c !== "noteNew"),
      [],
    );
  });

  test("an environment without traceTimer is fine while tracing", () => {
    h = new EngineHarness();
    const unsubscribe = subscribeTrace(() => {});
    try {
      scenario(h);
    } finally {
      unsubscribe();
    }
  });
});

describe("test hooks: called at their interleaving points only when installed", () => {
  test("modify (lowering minWhenModified) and maybeAdd call the hook when one is installed", () => {
    h = new EngineHarness();
    const points: string[] = [];
    setHook((p) => points.push(p));
    const t = new Timer(() => {}, null);
    t.reset(100, 0); // maybeAdd
    t.reset(50, 0); // heaped, lowers minWhenModified: modify's point
    t.reset(70, 0); // not lower than minWhenModified: no point
    assert.deepEqual(points, ["maybeAdd", "modify"]);
  });

  test("with no hook installed the hook function is not even called", () => {
    h = new EngineHarness();
    const points: string[] = [];
    const prev = faultHooks.at;
    faultHooks.at = (p) => points.push(p); // hooksOn stays false
    try {
      const t = new Timer(() => {}, null);
      t.reset(100, 0);
      t.reset(50, 0);
    } finally {
      faultHooks.at = prev;
    }
    assert.deepEqual(points, []);
  });
});

describe("engine methods' own contracts, called directly", () => {
  test("updateMinWhenModified only lowers the bound, or sets it from 0", () => {
    const ts = new Timers();
    ts.updateMinWhenModified(50);
    assert.equal(ts.minWhenModified, 50);
    ts.updateMinWhenModified(70);
    assert.equal(ts.minWhenModified, 50);
    ts.updateMinWhenModified(30);
    assert.equal(ts.minWhenModified, 30);
  });

  test("run on an empty heap returns −1", () => {
    assert.equal(new Timers().run(100), -1);
  });

  test("cleanHead dropping the last entry (a zombie) leaves both bounds at 0 (G7 exact)", () => {
    h = new EngineHarness();
    const t = new Timer(() => {}, null);
    t.reset(100, 0);
    t.reset(50, 0); // modified: minWhenModified 50
    t.stop(); // zombie
    const ts = h.heaps[0];
    ts.cleanHead();
    assert.equal(ts.len, 0);
    assert.equal(ts.minWhenHeap, 0);
    assert.equal(ts.minWhenModified, 0);
    ts.verify();
  });

  test("modify with f sets f, arg and seq; without (reset) keeps them", () => {
    h = new EngineHarness();
    const f1 = () => {};
    const f2 = () => {};
    const t = new FullTimer(f1, "a");
    t.reset(100, 0);
    assert.equal(t.f, f1);
    t.modify(200, 0, f2, "b", 7);
    assert.equal(t.f, f2);
    assert.equal(t.arg, "b");
    assert.equal(t.seq, 7);
    t.reset(300, 0);
    assert.equal(t.f, f2);
    assert.equal(t.arg, "b");
    assert.equal(t.seq, 7);
  });

  test("modify wakes the poller only when it lowers minWhenModified (not on equality)", () => {
    h = new EngineHarness();
    const t = new Timer(() => {}, null);
    const u = new Timer(() => {}, null);
    t.reset(100, 0);
    u.reset(200, 0);
    h.wakes.length = 0;
    t.reset(80, 0); // from 0: wake
    u.reset(80, 0); // equal to the bound: no wake
    u.reset(90, 0); // above: no wake
    t.reset(60, 0); // lower: wake
    assert.deepEqual(h.wakes, [80, 60]);
  });
});
