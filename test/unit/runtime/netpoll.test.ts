// The host wake-up (netpoll.ts): whole-ms setTimeouts in "ms" precision, never a poll (n3); the reuse
// and prearming of the fired host timeout (n4); sub-ms polling. Every test drives a Netpoll on a clock it
// moves by hand and calls the host callback itself, so nothing depends on wall-clock speed: the
// assertions are on how the host wake-up is armed (its kind, its ms, the fields behind n1–n4) and on how
// many times it woke. verify() runs after every arm, fire and cancel.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { type Nanos, nsPerMs, nsPerUs } from "../../../src/internal/runtime/nanotime.ts";
import { Netpoll } from "../../../src/internal/runtime/netpoll.ts";

interface Inside {
  hostTimer: { _idleTimeout: number } | null;
  spare: { _idleTimeout: number } | null;
  prearmed: boolean;
  prearmDue: Nanos;
  immediate: unknown;
  fire: () => void;
}

// Pollers still armed when a test ends (an assertion failed midway) are cancelled: on a clock that only
// the test moves, an armed poll would otherwise re-arm itself for ever.
const live: Netpoll[] = [];
afterEach(() => {
  for (const np of live) np.cancel();
  live.length = 0;
});

/** A Netpoll whose arm, cancel and host callback each run verify() after they return. */
function poller(subMs = false) {
  const s = { now: (1_000 * nsPerMs) as Nanos, wakes: 0 };
  const np = new Netpoll(
    () => s.now,
    () => {
      s.wakes++;
    },
    subMs,
  );
  live.push(np);
  const inside = np as unknown as Inside;
  const arm = np.arm.bind(np);
  np.arm = (when: Nanos) => {
    arm(when);
    np.verify();
  };
  const cancel = np.cancel.bind(np);
  np.cancel = () => {
    cancel();
    np.verify();
  };
  /** The host callback, as the host would run it. */
  const fire = () => {
    inside.fire();
    np.verify();
  };
  /** The ms of the armed host setTimeout. */
  const ms = () => {
    assert.ok(inside.hostTimer !== null, "a host setTimeout is armed");
    return inside.hostTimer._idleTimeout;
  };
  return { np, s, inside, fire, ms };
}

/** A poller whose 1 ms host timeout has fired once, on time; `first` is that timeout. */
function firedOnce() {
  const p = poller();
  p.np.arm(p.s.now + nsPerMs);
  const first = p.inside.hostTimer;
  p.s.now += nsPerMs;
  p.fire();
  return { ...p, first };
}

describe("netpoll, ms precision: whole-ms setTimeouts, never a poll (n3)", () => {
  test("every wait is a setTimeout rounded up to whole ms, at least 1, however close the deadline", () => {
    const { np, s, ms } = poller();
    for (const [delay, want] of [
      [-nsPerMs, 1],
      [0, 1],
      [1, 1],
      [10 * nsPerUs, 1],
      [nsPerMs, 1],
      [nsPerMs + 1, 2],
      [3.2 * nsPerMs, 4],
      [50 * nsPerMs, 50],
    ] as const) {
      np.arm(s.now + delay);
      assert.equal(np.kind, "timeout", `delay ${delay}`);
      assert.equal(ms(), want, `delay ${delay}`);
      assert.equal(np.until, s.now + delay);
    }
    np.cancel();
    assert.equal(np.kind, "none");
    assert.equal(np.until, 0);
  });

  test("a host setTimeout that fires past its deadline wakes once; a stray second callback does nothing (n2)", () => {
    const { np, s, fire } = poller();
    np.arm(s.now + 2 * nsPerMs);
    s.now += 2 * nsPerMs + 70 * nsPerUs;
    fire();
    assert.equal(s.wakes, 1);
    assert.equal(np.kind, "none");
    assert.equal(np.until, 0);
    fire();
    assert.equal(s.wakes, 1);
  });

  test("a host callback that comes early re-arms a setTimeout for what is left, however little (n2, n3)", () => {
    const { np, s, fire, ms } = poller();
    const when = s.now + 3 * nsPerMs + 500 * nsPerUs;
    np.arm(when);
    assert.equal(ms(), 4);
    // libuv's stale loop time: 0.5 ms early.
    s.now = when - 500 * nsPerUs;
    fire();
    assert.equal(s.wakes, 0);
    assert.equal(np.until, when);
    assert.equal(ms(), 1);
    // 1 ns early: still a setTimeout, never an immediate.
    s.now = when - 1;
    fire();
    assert.equal(s.wakes, 0);
    assert.equal(np.kind, "timeout");
    assert.equal(ms(), 1);
    s.now = when;
    fire();
    assert.equal(s.wakes, 1);
    assert.equal(np.kind, "none");
  });

  test("a Netpoll is in ms precision unless asked for sub-ms", () => {
    const s = { now: 1_000 * nsPerMs };
    const np = new Netpoll(
      () => s.now,
      () => {},
    );
    live.push(np);
    np.arm(s.now + 100 * nsPerUs);
    assert.equal(np.kind, "timeout");
    assert.equal((np as unknown as Inside).hostTimer?._idleTimeout, 1);
    np.verify();
    np.cancel();
  });

  test("verify() names the invariant a corrupted poller breaks", () => {
    const { np, inside } = poller();
    inside.immediate = {};
    assert.throws(() => np.verify(), /verify: n1: until 0 with the wake-up immediate/);
    (np as unknown as { until: Nanos }).until = 5;
    assert.throws(() => np.verify(), /verify: n3: ms precision armed a setImmediate/);
    inside.immediate = null;
    (np as unknown as { until: Nanos }).until = 0;
    np.verify();
    inside.prearmed = true;
    assert.throws(() => np.verify(), /verify: n4: prearmed without a spare/);
    inside.prearmed = false;
    // Both kinds armed at once, with a deadline: n1's first rule.
    np.arm(5_000 * nsPerMs);
    inside.immediate = {};
    assert.throws(() => np.verify(), /verify: n1: a host timeout and an immediate armed/);
    inside.immediate = null;
    // A prearmed spare that is also the armed wake-up.
    inside.spare = inside.hostTimer;
    inside.prearmed = true;
    assert.throws(() => np.verify(), /verify: n4: prearmed without a spare/);
    // Prearmed with no spare while a wake-up is armed.
    inside.spare = null;
    inside.prearmed = true;
    assert.throws(() => np.verify(), /verify: n4: prearmed without a spare/);
    inside.prearmed = false;
    np.verify();
  });

  test("verify(): sub-ms precision never prearms (n4)", () => {
    const { np, s, inside, fire } = poller(true);
    np.arm(s.now + 2 * nsPerMs);
    s.now += 2 * nsPerMs;
    fire();
    assert.ok(inside.spare !== null, "the fired timeout is kept for reuse");
    inside.prearmed = true;
    assert.throws(() => np.verify(), /verify: n4: prearmed without a spare/);
    inside.prearmed = false;
  });
});

describe("netpoll: the host timeout is reused", () => {
  test("a wait of the ms the last fired timeout had refreshes that timeout; another ms, or a cancel, makes a new one", () => {
    const { np, s, inside, fire, first } = firedOnce();
    assert.equal(s.wakes, 1);
    np.arm(s.now + nsPerMs);
    assert.equal(inside.hostTimer, first, "the fired 1 ms timeout, refreshed");
    assert.equal(inside.hostTimer?._idleTimeout, 1);
    s.now += nsPerMs;
    fire();
    np.arm(s.now + 3 * nsPerMs);
    const third = inside.hostTimer;
    assert.notEqual(third, first, "3 ms: a new timeout");
    assert.equal(third?._idleTimeout, 3);
    np.cancel();
    np.arm(s.now + 3 * nsPerMs);
    assert.notEqual(inside.hostTimer, third, "a cancelled timeout is never refreshed");
    s.now += 3 * nsPerMs;
    fire();
    assert.equal(s.wakes, 3);
  });
});

describe("netpoll: a fired timeout is prearmed for the next wait of its ms (n5)", () => {
  test("fired past its deadline, the timeout is refreshed before the runtime runs; an arm for the same ms adopts it", () => {
    const { np, s, inside, fire } = poller();
    np.arm(s.now + nsPerMs);
    const first = inside.hostTimer;
    s.now += nsPerMs + 100 * nsPerUs; // fired 100 µs late
    let prearmedAtWake = false;
    const onWake = () => {
      prearmedAtWake = inside.prearmed;
    };
    (np as unknown as { onWake: () => void }).onWake = onWake;
    fire();
    assert.ok(prearmedAtWake, "prearmed before the runtime ran");
    assert.equal(inside.spare, first);
    assert.equal(inside.prearmDue, s.now + nsPerMs);
    assert.equal(np.kind, "none", "a prearmed spare is not a wake-up (n1)");
    assert.equal(np.until, 0);
    s.now += 20 * nsPerUs; // the runtime ran for 20 µs, then sleeps until the next tick
    const tick = s.now - 120 * nsPerUs + nsPerMs;
    const calls = { ...np.hostCalls };
    assert.deepEqual(calls, { timeouts: 1, refreshes: 1 }, "one setTimeout, one prearm");
    np.arm(tick);
    assert.equal(inside.hostTimer, first, "adopted");
    assert.deepEqual(np.hostCalls, calls, "adopting calls the host for nothing");
    assert.equal(inside.prearmed, false);
    assert.equal(inside.prearmDue, s.now - 20 * nsPerUs + nsPerMs, "due when the prearm fires");
    assert.equal(np.until, tick);
  });

  test("an arm for another ms, or one the prearmed timeout would fire too early for, clears it", () => {
    const { np, s, inside, fire, first } = firedOnce();
    assert.ok(inside.prearmed);
    np.arm(s.now + 5 * nsPerMs);
    assert.equal(inside.prearmed, false);
    assert.equal(first?._idleTimeout, -1, "the prearmed 1 ms timeout is cleared");
    assert.equal(inside.hostTimer?._idleTimeout, 5);
    const five = inside.hostTimer;
    s.now += 5 * nsPerMs;
    fire();
    assert.ok(inside.prearmed);
    // 4.5 ms later the runtime asks for a deadline 5 ms after that: the prearm (due 5 ms after the fire)
    // would fire 4.5 ms early. Not adopted: a fresh 5 ms timeout (the spare, refreshed).
    s.now += 4_500 * nsPerUs;
    np.arm(s.now + 5 * nsPerMs);
    assert.equal(inside.prearmed, false);
    assert.equal(inside.hostTimer, five, "the same timeout, refreshed");
  });

  test("a deadline exactly at the prearm's due adopts it; one a nanosecond later refreshes instead", () => {
    for (const [extra, adopted] of [
      [0, true],
      [1, false],
    ] as const) {
      const { np, s, inside, first } = firedOnce();
      s.now += 500 * nsPerUs; // the runtime ran; both deadlines below are then a 1 ms wait
      const calls = { ...np.hostCalls };
      np.arm(inside.prearmDue + extra);
      assert.equal(inside.hostTimer, first);
      assert.equal(inside.prearmed, false);
      assert.equal(np.hostCalls.refreshes, calls.refreshes + (adopted ? 0 : 1), `deadline due + ${extra} ns`);
      assert.equal(np.hostCalls.timeouts, calls.timeouts);
      assert.equal(np.until, inside.prearmDue + extra);
    }
  });

  test("a prearm of another ms is never adopted, even if it would fire in time", () => {
    const { np, s, inside, fire } = poller();
    np.arm(s.now + 5 * nsPerMs);
    const five = inside.hostTimer;
    s.now += 5 * nsPerMs;
    fire();
    assert.ok(inside.prearmed);
    // Due in 1 ms, well before the 5 ms prearm fires: adopting it would wake 4 ms late.
    np.arm(s.now + nsPerMs);
    assert.notEqual(inside.hostTimer, five);
    assert.equal(inside.hostTimer?._idleTimeout, 1);
    assert.equal(five?._idleTimeout, -1, "the 5 ms prearm is cleared");
    assert.equal(inside.prearmed, false);
    assert.equal(np.hostCalls.timeouts, 2);
  });

  test("cancel clears a prearmed timeout; one that fires unadopted wakes nothing", () => {
    const { np, s, inside, fire, first } = firedOnce();
    assert.equal(s.wakes, 1);
    np.cancel();
    assert.equal(inside.prearmed, false);
    assert.equal(inside.spare, null);
    assert.equal(first?._idleTimeout, -1, "cleared: a cleared timeout is never refreshed");
    np.arm(s.now + nsPerMs);
    s.now += nsPerMs;
    fire();
    assert.equal(s.wakes, 2);
    assert.ok(inside.prearmed);
    s.now += nsPerMs;
    fire(); // the prearmed one, as the host would run it with nothing adopting it
    assert.equal(s.wakes, 2, "an unadopted prearm calls nothing (n5)");
    assert.equal(inside.prearmed, false);
  });

  test("sub-ms precision does not prearm", () => {
    const { np, s, inside, fire } = poller(true);
    np.arm(s.now + 2 * nsPerMs);
    s.now += 2 * nsPerMs;
    fire();
    assert.equal(inside.prearmed, false);
  });
});

describe("netpoll, sub-ms precision", () => {
  test("a polled remainder keeps the last fired timeout for the next wait of its ms", () => {
    const { np, s, inside, fire } = poller(true);
    np.arm(s.now + 1.5 * nsPerMs);
    const one = inside.hostTimer;
    s.now += nsPerMs;
    fire();
    assert.equal(np.kind, "immediate");
    s.now += nsPerMs;
    fire(); // the immediate: it wakes, and the 1 ms timeout stays the spare
    assert.equal(s.wakes, 1);
    np.arm(s.now + 1.2 * nsPerMs);
    assert.equal(inside.hostTimer, one, "the 1 ms timeout, refreshed");
    assert.deepEqual(np.hostCalls, { timeouts: 1, refreshes: 1 });
  });

  test("cancel keeps a fired timeout that is not prearmed: the next wait of its ms refreshes it", () => {
    const { np, s, inside, fire } = poller(true);
    np.arm(s.now + 2 * nsPerMs);
    const two = inside.hostTimer;
    s.now += 2 * nsPerMs;
    fire();
    np.cancel();
    np.arm(s.now + 2 * nsPerMs);
    assert.equal(inside.hostTimer, two, "the fired 2 ms timeout, refreshed after a cancel");
    assert.deepEqual(np.hostCalls, { timeouts: 1, refreshes: 1 });
  });

  test("whole ms by setTimeout (rounded down), the remainder polled with setImmediate", () => {
    const { np, s, fire, ms } = poller(true);
    np.arm(s.now + 2 * nsPerMs);
    s.now += 2 * nsPerMs + 70 * nsPerUs;
    fire();
    np.arm(s.now + 1.5 * nsPerMs);
    assert.equal(ms(), 1);
    s.now += nsPerMs;
    fire();
    assert.equal(np.kind, "immediate");
    s.now += nsPerMs;
    fire();
    assert.equal(s.wakes, 2);
  });
});
