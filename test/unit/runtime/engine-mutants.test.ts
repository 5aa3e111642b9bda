// The timer engine's own checks each fail, with their exact message, on the corruption they name — written
// to kill the mutants StrykerJS found surviving in timers.ts and timer.ts (npm run mutation;
// docs/failures.md, "General mutation testing"): a check that cannot fail, or whose message nobody reads,
// proves nothing. Each case corrupts one field of a consistent engine by hand.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { lockState, RuntimeInvariantError } from "../../../src/internal/debug.ts";
import {
  env,
  FullTimer,
  setTimerEnv,
  Timer,
  timerHeaped,
  timerId,
  timerModified,
  timerZombie,
} from "../../../src/internal/runtime/timer.ts";
import { Timers } from "../../../src/internal/runtime/timers.ts";
import { chanTimer, EngineHarness, FakeTimerChan } from "../../helpers/engine.ts";

let h: EngineHarness;
afterEach(() => {
  lockState.locks = 0;
  h?.dispose();
});

function throwsExactly(fn: () => unknown, message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof RuntimeInvariantError, `a RuntimeInvariantError, got ${e}`);
    assert.equal(e.message, message);
    return true;
  });
}

/** A heap holding timers at the given whens (each a plain func timer), all consistent. */
function heapOf(...whens: number[]): { ts: Timers; ts2: Timer[] } {
  h = new EngineHarness();
  const ts2 = whens.map((w) => {
    const t = new Timer(() => {}, null);
    t.reset(w, 0);
    return t;
  });
  h.heaps[0].verify();
  return { ts: h.heaps[0], ts2 };
}

describe("Timers.verify names each broken heap invariant", () => {
  test("G2: key and timer arrays of different lengths", () => {
    const { ts } = heapOf(10, 20);
    ts.heapW.push(30);
    throwsExactly(() => ts.verify(), "timer data corruption: G2: key and timer arrays differ in length");
  });

  test("G2: one timer twice, another heap's timer, an entry without H", () => {
    let { ts, ts2 } = heapOf(10, 20);
    ts.heapT[1] = ts2[0];
    throwsExactly(() => ts.verify(), "timer data corruption: G2: timer twice in one heap");
    ({ ts, ts2 } = heapOf(10, 20));
    ts2[1].ts = new Timers();
    throwsExactly(() => ts.verify(), "timer data corruption: G2: entry's ts is another heap");
    ({ ts, ts2 } = heapOf(10, 20));
    ts2[1].state &= ~timerHeaped;
    throwsExactly(() => ts.verify(), "timer data corruption: G2: entry without H");
  });

  test("G1: a key <= 0, and a child keyed before its parent", () => {
    let { ts } = heapOf(10, 20);
    ts.heapW[1] = 0;
    throwsExactly(() => ts.verify(), "timer data corruption: G1: key <= 0");
    ({ ts } = heapOf(10, 20, 30));
    ts.heapW[2] = 5;
    throwsExactly(() => ts.verify(), "timer data corruption: G1: bad timer heap");
  });

  test("T4: an unmodified entry whose key is not its timer's when", () => {
    const { ts, ts2 } = heapOf(10, 20);
    ts2[1].when = 25;
    throwsExactly(() => ts.verify(), "timer data corruption: T4: heap key differs from when");
  });

  test("G2: the zombie count", () => {
    const { ts } = heapOf(10, 20);
    ts.zombies = 1;
    throwsExactly(() => ts.verify(), "timer data corruption: G2: zombies 1, counted 0");
  });

  test("G7: minWhenHeap, and minWhenModified on an empty heap", () => {
    let { ts } = heapOf(10, 20);
    ts.minWhenHeap = 20;
    throwsExactly(() => ts.verify(), "timer data corruption: G7: minWhenHeap");
    ({ ts } = heapOf());
    ts.minWhenModified = 7;
    throwsExactly(() => ts.verify(), "timer data corruption: G7: minWhenModified on an empty heap");
    ts.minWhenModified = 0;
    ts.minWhenHeap = 3;
    throwsExactly(() => ts.verify(), "timer data corruption: G7: minWhenHeap");
  });
  // G3 cannot fail on its own: G1, G7 and T5, checked first, imply it (docs/failures.md lists its
  // mutants as equivalent).
});

describe("Timer.verifyTimer names each broken timer invariant", () => {
  test("T1: unknown bits, kind bit vs class, channel without full, M or Z without H", () => {
    h = new EngineHarness();
    const t = new Timer(() => {}, null);
    t.state = 32;
    throwsExactly(() => t.verifyTimer(), "timer data corruption: T1: unknown state bits 32");
    t.state = 8; // timerFull on a plain Timer
    throwsExactly(() => t.verifyTimer(), "timer data corruption: T1: kind bit vs class");
    const f = new FullTimer(() => {}, null);
    f.state = 0;
    throwsExactly(() => f.verifyTimer(), "timer data corruption: T1: kind bit vs class");
    f.state = 8 | 16;
    f.verifyTimer();
    t.state = 16; // a channel timer bit without timerFull (and a plain class)
    throwsExactly(() => t.verifyTimer(), "timer data corruption: T1: channel timer without timerFull");
    t.state = timerModified;
    throwsExactly(() => t.verifyTimer(), "timer data corruption: T1: state 2");
    t.state = timerZombie;
    throwsExactly(() => t.verifyTimer(), "timer data corruption: T1: state 4");
  });

  test("T2: the heaped bit and ts disagree; a heaped timer missing from its heap", () => {
    h = new EngineHarness();
    const t = new Timer(() => {}, null);
    t.state = timerHeaped;
    throwsExactly(() => t.verifyTimer(), "timer data corruption: T2: heaped bit vs ts");
    t.state = 0;
    t.ts = h.heaps[0];
    throwsExactly(() => t.verifyTimer(), "timer data corruption: T2: heaped bit vs ts");
    t.state = timerHeaped;
    t.when = 10;
    throwsExactly(() => t.verifyTimer(), "timer data corruption: T2: heaped timer not in its heap");
    t.verifyTimer(false); // without the lookup, nothing else is wrong
  });

  test("T3: negative counters, blocked on a non-channel timer", () => {
    h = new EngineHarness();
    const f = new FullTimer(() => {}, null);
    f.blocked = -1;
    throwsExactly(() => f.verifyTimer(), "timer data corruption: T3: negative counter");
    f.blocked = 0;
    f.isSending = -1;
    throwsExactly(() => f.verifyTimer(), "timer data corruption: T3: negative counter");
    f.isSending = 0;
    f.blocked = 1;
    throwsExactly(() => f.verifyTimer(), "timer data corruption: T3: blocked on a non-channel timer");
  });

  test("when out of range; T4 key vs when (and when <= 0); T5 bound above when", () => {
    h = new EngineHarness();
    const t = new Timer(() => {}, null);
    t.when = -1;
    throwsExactly(() => t.verifyTimer(), "timer data corruption: when out of range: -1");
    t.when = 2 ** 64;
    throwsExactly(() => t.verifyTimer(), `timer data corruption: when out of range: ${2 ** 64}`);
    t.when = 2 ** 63;
    t.verifyTimer(); // maxWhen itself is fine
    const ts = h.heaps[0];
    t.reset(10, 0);
    t.when = 11;
    throwsExactly(() => t.verifyTimer(), "timer data corruption: T4: heap key differs from when");
    t.when = 10;
    t.reset(30, 0); // later: M set, bound stays 0? no — a first modification sets it to 30
    assert.equal(ts.minWhenModified, 30);
    t.verifyTimer();
    ts.minWhenModified = 31;
    throwsExactly(() => t.verifyTimer(), "timer data corruption: T5: minWhenModified 31 > when 30");
    ts.minWhenModified = 0;
    throwsExactly(() => t.verifyTimer(), "timer data corruption: T5: minWhenModified 0 > when 30");
    ts.minWhenModified = 30;
    t.state |= timerZombie; // a zombie is not checked against its key or the bound
    ts.minWhenModified = 99;
    t.verifyTimer();
  });
});

describe("the engine's own sanity checks", () => {
  test("addHeap of a timer already in a heap; deleteMin of another heap's timer", () => {
    const { ts, ts2 } = heapOf(10);
    throwsExactly(() => ts.addHeap(ts2[0]), "timer data corruption: ts set in timer");
    ts2[0].ts = new Timers();
    throwsExactly(() => ts.deleteMin(), "timer data corruption: wrong timers");
  });

  test("siftUp and siftDown: index out of range, key <= 0", () => {
    const { ts } = heapOf(10, 20, 30, 40, 50, 60);
    throwsExactly(() => ts.siftUp(6), "timer data corruption: siftUp: index out of range");
    throwsExactly(() => ts.siftDown(6), "timer data corruption: siftDown: index out of range");
    ts.heapW[5] = 0;
    throwsExactly(() => ts.siftUp(5), "timer data corruption: siftUp: when <= 0");
    ts.heapW[0] = 0;
    throwsExactly(() => ts.siftDown(0), "timer data corruption: siftDown: when <= 0");
  });

  test("cleanHead, adjust, run and check refuse a head owned by another heap", () => {
    let { ts, ts2 } = heapOf(10, 20);
    ts2[0].stop();
    ts2[0].ts = new Timers();
    throwsExactly(() => ts.cleanHead(), "timer data corruption: bad ts");
    ({ ts, ts2 } = heapOf(10, 20));
    ts2[1].ts = new Timers();
    throwsExactly(() => ts.adjust(0, true), "timer data corruption: bad ts");
    ({ ts, ts2 } = heapOf(10, 20));
    ts2[0].ts = new Timers();
    throwsExactly(() => ts.run(100), "timer data corruption: bad ts");
    ({ ts } = heapOf(10));
    ts.zombies = -1;
    throwsExactly(
      () => ts.check(100, () => 100, true, { now: 0, pollUntil: 0, ran: false, fired: 0 }),
      "timer data corruption: negative zombies",
    );
  });

  test("adjust of a modified entry without H; run of a head whose updateHeap left it modified", () => {
    const { ts, ts2 } = heapOf(10, 20);
    ts2[1].reset(30, 0);
    ts2[1].state &= ~timerHeaped;
    throwsExactly(() => ts.adjust(0, true), "timer data corruption: adjust: not heaped");
    const other = heapOf(10);
    other.ts2[0].state &= ~timerHeaped;
    throwsExactly(() => other.ts.run(100), "timer data corruption: run: bad state");
  });

  test("updateHeap off the head; unlockAndRun of a modified timer", () => {
    const { ts2 } = heapOf(10, 20);
    throwsExactly(() => ts2[1].updateHeap(), "timer data corruption: updateHeap: not the heap's head");
    const lone = new Timer(() => {}, null);
    throwsExactly(() => lone.updateHeap(), "timer data corruption: updateHeap: not the heap's head");
    ts2[0].reset(15, 0);
    throwsExactly(() => ts2[0].unlockAndRun(20), "timer data corruption: unlockAndRun: modified or zombie");
    ts2[1].stop();
    throwsExactly(() => ts2[1].unlockAndRun(20), "timer data corruption: unlockAndRun: modified or zombie");
  });

  test("blockTimerChan on a func timer; unblockTimerChan with nobody blocked", () => {
    h = new EngineHarness();
    const t = new FullTimer(() => {}, null);
    throwsExactly(() => t.blockTimerChan(), "timer data corruption: blockTimerChan: not a channel timer");
    lockState.locks = 0;
    throwsExactly(() => t.unblockTimerChan(), "timer data corruption: unblockTimerChan: not blocked");
    lockState.locks = 0;
    const c = chanTimer(h, new FakeTimerChan());
    throwsExactly(() => c.unblockTimerChan(), "timer data corruption: unblockTimerChan: not blocked");
  });

  test("modify: when must be positive, period non-negative, a period only on a FullTimer", () => {
    h = new EngineHarness();
    const t = new Timer(() => {}, null);
    throwsExactly(() => t.reset(0, 0), "timer when must be positive");
    throwsExactly(() => t.reset(Number.NaN, 0), "timer when must be positive");
    throwsExactly(() => t.reset(5, -1), "timer period must be non-negative");
    throwsExactly(() => t.reset(5, Number.NaN), "timer period must be non-negative");
    throwsExactly(() => t.reset(5, 3), "gort: a periodic timer must be a FullTimer");
    assert.equal(lockState.locks, 0, "the lock is released before the throw");
    assert.equal(t.when, 0);
  });

  test("a timer used with no runtime installed", () => {
    h = new EngineHarness();
    const saved = env;
    setTimerEnv(null);
    try {
      const t = new Timer(() => {}, null);
      throwsExactly(() => t.reset(5, 0), "gort: timer used outside a runtime");
      lockState.locks = 0;
      const f = new FullTimer(() => {}, null, true);
      f.when = 5;
      throwsExactly(() => f.maybeRunChan(), "gort: timer used outside a runtime");
    } finally {
      setTimerEnv(saved);
    }
  });
});

describe("heap bookkeeping the checks alone do not pin", () => {
  test("wakeTime is the earlier of the modified bound and the head; a second, later modify keeps the bound", () => {
    const { ts, ts2 } = heapOf(10, 20, 30);
    assert.equal(ts.wakeTime(), 10);
    ts2[2].reset(5, 0); // moved earlier: bound 5, head key still 10
    assert.equal(ts.minWhenModified, 5);
    assert.equal(ts.minWhenHeap, 10);
    assert.equal(ts.wakeTime(), 5);
    ts2[1].reset(8, 0); // another modification, later than the bound: the bound stays
    assert.equal(ts.minWhenModified, 5);
    assert.equal(ts.wakeTime(), 5);
    const fired: number[] = [];
    ts2[2].f = () => fired.push(5);
    h.now = 5;
    const r = h.check();
    assert.deepEqual(fired, [5], "the timer moved earlier fires at its new when");
    assert.equal(r.pollUntil, 8);
  });

  test("deleteMin keeps the modified bound while modified entries remain", () => {
    const { ts, ts2 } = heapOf(10, 20, 30);
    ts2[2].reset(25, 0);
    h.now = 10;
    h.check();
    assert.equal(ts.len, 2);
    assert.equal(ts.minWhenModified, 25);
  });

  test("deleteMin of the last entry clears a stale modified bound (G7 on the emptied heap)", () => {
    const { ts, ts2 } = heapOf(10);
    ts2[0].reset(5, 0);
    ts2[0].stop(); // a zombie that was modified: the bound 5 is still set
    assert.equal(ts.minWhenModified, 5);
    h.now = 1; // before the bound: adjust does not run, but zombies > len/4 forces the head's removal
    h.check();
    assert.equal(ts.len, 0);
    assert.equal(ts.minWhenModified, 0);
    assert.equal(ts.minWhenHeap, 0);
    ts.verify();
  });
});

describe("check's results and its zombie rule; adjust's heapify", () => {
  test("pollUntil is the next head after running, 0 once the heap is empty", () => {
    const early = heapOf(10, 20);
    early.ts2[1].reset(5, 0); // the modified bound (5) is earlier than the head's key (10)
    h.now = 1;
    assert.equal(h.check().pollUntil, 5, "nothing due: check again at wakeTime, the modified bound");
    const { ts2 } = heapOf(10, 20);
    h.now = 10;
    let r = h.check();
    assert.equal(r.ran, true);
    assert.equal(r.pollUntil, 20);
    h.now = 20;
    r = h.check();
    assert.equal(r.ran, true);
    assert.equal(r.pollUntil, 0, "nothing left");
    ts2[0].reset(30, 0);
    h.now = 25;
    r = h.check();
    assert.equal(r.ran, false);
    assert.equal(r.pollUntil, 30);
  });

  test("zombies are force-cleaned only past a quarter of the heap, and only by the heap's own P", () => {
    const { ts, ts2 } = heapOf(10, 20, 30, 40, 50);
    ts2[4].stop(); // 1 zombie of 5: not past a quarter
    h.now = 10;
    h.check();
    assert.equal(ts.zombies, 1, "1 of 4 left is not past a quarter: no forced adjust");
    assert.equal(ts.len, 4);
    ts2[3].stop(); // 2 of 4
    h.now = 11;
    h.check(0, false); // another P's check (timer stealing) never forces
    assert.equal(ts.zombies, 2);
    h.check(0, true);
    assert.equal(ts.zombies, 0);
    assert.equal(ts.len, 2);
    const { ts: ts3, ts2: t3 } = heapOf(10, 20, 30, 40);
    t3[3].stop(); // exactly a quarter: not forced
    h.now = 1;
    h.check();
    assert.equal(ts3.zombies, 1);
  });

  test("adjust re-heapifies a large heap of modified timers into Go's order", () => {
    let x = 12345;
    const rnd = () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return 1 + (x % 10_000);
    };
    const whens = Array.from({ length: 300 }, rnd);
    const { ts, ts2 } = heapOf(...whens);
    const fired: number[] = [];
    ts2.forEach((t, i) => {
      t.f = () => fired.push(t.when === 0 ? -1 : i);
      if (i % 3 !== 0) t.reset(rnd(), 0);
      if (i % 7 === 0) t.stop();
    });
    ts.adjust(0, true);
    ts.verify();
    assert.equal(ts.zombies, 0);
    const want = ts2
      .map((t, i) => ({ i, when: t.when }))
      .filter((e) => e.when > 0)
      .sort((a, b) => a.when - b.when);
    const times: number[] = [];
    for (const t of ts2)
      t.f = (
        (w: number) => () =>
          times.push(w)
      )(t.when);
    h.now = 20_000;
    h.check();
    assert.equal(times.length, want.length);
    assert.deepEqual(
      times,
      want.map((e) => e.when),
      "every live timer fires once, in when order",
    );
    assert.equal(fired.length, 0);
  });
});

describe("channel timers: waiters, zombies and lazy firing", () => {
  test("two waiters share one heap entry; it becomes a zombie only when the last leaves, and revives", () => {
    h = new EngineHarness();
    const ts = h.heaps[0];
    const c = new FakeTimerChan();
    const t = chanTimer(h, c);
    t.reset(10, 0);
    assert.equal(ts.len, 0, "lazy: no entry without a waiter");
    t.blockTimerChan();
    t.blockTimerChan();
    assert.equal(ts.len, 1);
    assert.equal(ts.zombies, 0);
    t.unblockTimerChan();
    assert.equal(ts.zombies, 0, "one waiter left: still live");
    t.unblockTimerChan();
    assert.equal(ts.zombies, 1, "no waiter: a zombie that keeps when");
    assert.equal(t.when, 10);
    t.blockTimerChan();
    assert.equal(ts.zombies, 0, "a new waiter revives it");
    t.unblockTimerChan();
    t.stop();
    t.blockTimerChan(); // a stopped timer (when 0) is not revived, and gets no entry
    assert.equal(ts.zombies, 1);
    assert.equal(t.state & timerZombie, timerZombie);
    ts.verify();
  });

  test("a receive fires an overdue timer without an entry, never one its heap will deliver", () => {
    h = new EngineHarness();
    const ts = h.heaps[0];
    const c = new FakeTimerChan();
    const t = chanTimer(h, c);
    t.reset(10, 0);
    h.now = 5;
    t.maybeRunChan();
    assert.deepEqual(c.buf, [], "not due yet");
    h.now = 12;
    t.maybeRunChan();
    assert.deepEqual(c.buf, [10], "fired on the spot with its scheduled time");
    assert.equal(t.when, 0);
    // Heaped (a waiter), overdue, behind another entry: the heap delivers it, not the receive.
    const c2 = new FakeTimerChan();
    const t2 = chanTimer(h, c2);
    new Timer(() => {}, null).reset(15, 0);
    t2.reset(20, 0);
    t2.blockTimerChan();
    h.now = 30;
    t2.maybeRunChan();
    assert.deepEqual(c2.buf, []);
    assert.equal(ts.len, 2);
    h.check();
    assert.deepEqual(c2.buf, [20]);
  });

  test("waiters leaving a stopped timer: no entry to zombify, and a zombie is counted once", () => {
    h = new EngineHarness();
    const ts = h.heaps[0];
    const lazy = chanTimer(h, new FakeTimerChan()); // never armed: no entry
    lazy.blockTimerChan();
    lazy.unblockTimerChan();
    assert.equal(lazy.ts, null);
    const t = chanTimer(h, new FakeTimerChan());
    t.reset(10, 0);
    t.blockTimerChan();
    t.stop(); // a zombie while its waiter still waits
    assert.equal(ts.zombies, 1);
    t.unblockTimerChan();
    assert.equal(ts.zombies, 1, "already a zombie: not counted twice");
    ts.verify();
    h.now = 20;
    const c = new FakeTimerChan();
    const stopped = chanTimer(h, c);
    stopped.reset(5, 0);
    stopped.stop();
    stopped.maybeRunChan(); // a receive on a stopped timer fires nothing
    assert.deepEqual(c.buf, []);
  });

  test("stop and reset each start a new generation (seq) of a channel timer; a func timer keeps 0", () => {
    h = new EngineHarness();
    const t = chanTimer(h, new FakeTimerChan());
    t.reset(10, 0);
    const s0 = t.seq;
    t.stop();
    assert.equal(t.seq, s0 + 1);
    t.reset(20, 0);
    assert.equal(t.seq, s0 + 2);
    const f = new FullTimer(() => {}, null);
    f.reset(10, 0);
    f.stop();
    assert.equal(f.seq, 0);
  });

  test("timerId gives each timer one stable, distinct number", () => {
    h = new EngineHarness();
    const a = new Timer(() => {}, null);
    const b = new Timer(() => {}, null);
    const ia = timerId(a);
    assert.ok(ia > 0);
    assert.equal(timerId(a), ia);
    assert.equal(timerId(b), ia + 1);
    assert.equal(timerId(a), ia);
  });
});
