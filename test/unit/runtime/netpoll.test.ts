// The "ms" host wake-up (netpoll.ts): overshoot compensation and the polling budget. Every test drives a
// Netpoll on a clock it moves by hand and calls the host callback itself, so nothing depends on
// wall-clock speed: the assertions are on how the host wake-up is armed (its kind, its ms, the fields
// behind n1–n4) and on how many times it woke.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { type Nanos, nsPerMs, nsPerUs } from "../../../src/internal/runtime/nanotime.ts";
import {
  maxCompNs,
  maxPollBudgetNs,
  Netpoll,
  overshootWindow,
  pollShare,
} from "../../../src/internal/runtime/netpoll.ts";

interface Inside {
  hostTimer: { _idleTimeout: number } | null;
  spare: { _idleTimeout: number } | null;
  prearmed: boolean;
  prearmDue: Nanos;
  immediate: unknown;
  hostDue: Nanos;
  pollStart: Nanos;
  fire: () => void;
}

// Pollers still armed when a test ends (an assertion failed midway) are cancelled: on a clock that only
// the test moves, an armed poll would otherwise re-arm itself for ever.
const live: Netpoll[] = [];
afterEach(() => {
  for (const np of live) np.cancel();
  live.length = 0;
});

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
  /** The host callback, as the host would run it. */
  const fire = () => inside.fire();
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

/** A poller whose comp is `comp` ns (recorded as one overshoot). */
function withComp(comp: Nanos) {
  const p = poller();
  p.np.recordOvershoot(comp);
  assert.equal(p.np.comp, comp);
  return p;
}

describe("netpoll, ms precision: overshoot compensation", () => {
  test("until an overshoot is measured, every wait is a setTimeout rounded up, however close", () => {
    const { np, s, ms } = poller();
    assert.equal(np.comp, 0);
    assert.equal(np.pollBudget, 0);
    for (const [delay, want] of [
      [-nsPerMs, 1],
      [0, 1],
      [1, 1],
      [nsPerMs, 1],
      [nsPerMs + 1, 2],
      [3.2 * nsPerMs, 4],
    ] as const) {
      np.arm(s.now + delay);
      assert.equal(np.kind, "timeout", `delay ${delay}`);
      assert.equal(ms(), want, `delay ${delay}`);
    }
    np.cancel();
    assert.equal(np.kind, "none");
    assert.equal(np.until, 0);
  });

  test("comp is the smallest of the last overshootWindow overshoots in [0, maxCompNs] (n3)", () => {
    const { np } = poller();
    np.recordOvershoot(-5); // libuv fired early: not an overshoot
    np.recordOvershoot(maxCompNs + 1); // the loop was blocked: not the host's resolution
    np.recordOvershoot(Number.NaN);
    assert.equal(np.comp, 0, "nothing recorded");
    np.recordOvershoot(maxCompNs);
    assert.equal(np.comp, maxCompNs);
    np.recordOvershoot(90 * nsPerUs);
    np.recordOvershoot(120 * nsPerUs);
    assert.equal(np.comp, 90 * nsPerUs);
    np.recordOvershoot(0);
    assert.equal(np.comp, 0);
    // Slide the window past the 0: the minimum of what remains.
    for (let i = 0; i < overshootWindow - 1; i++) np.recordOvershoot(100 * nsPerUs + i);
    assert.equal(np.comp, 0, "the 0 is still one of the last overshootWindow");
    np.recordOvershoot(200 * nsPerUs);
    assert.equal(np.comp, 100 * nsPerUs, "the 0 dropped out");
    np.recordOvershoot(200 * nsPerUs);
    assert.equal(np.comp, 100 * nsPerUs + 1, "the oldest of the 100 µs ones dropped out");
  });

  test("a wait is rounded up to whole ms after taking comp off; hostDue is when the host may fire", () => {
    const { np, s, inside, ms } = withComp(100 * nsPerUs);
    // Without the budget for the poll an early wake-up would need, comp is not taken off (n4).
    np.arm(s.now + nsPerMs + 50 * nsPerUs);
    assert.equal(ms(), 2);
    np.pollBudget = 100 * nsPerUs - 1;
    np.arm(s.now + nsPerMs + 50 * nsPerUs);
    assert.equal(ms(), 2);
    np.pollBudget = 100 * nsPerUs;
    for (const [delay, want] of [
      [nsPerMs + 50 * nsPerUs, 1], // 1.05 ms − 0.1 → 1 ms
      [nsPerMs + 100 * nsPerUs, 1],
      [nsPerMs + 101 * nsPerUs, 2],
      [2.5 * nsPerMs, 3],
      [5 * nsPerMs, 5],
      [101 * nsPerUs, 1], // the minimum: 1 ms
    ] as const) {
      np.arm(s.now + delay);
      assert.equal(np.kind, "timeout", `delay ${delay}`);
      assert.equal(ms(), want, `delay ${delay}`);
      assert.equal(inside.hostDue, s.now + want * nsPerMs);
      assert.equal(np.until, s.now + delay);
    }
    np.cancel();
    assert.equal(inside.hostDue, 0);
  });

  test("a host setTimeout that fires records its overshoot and, past the deadline, wakes once", () => {
    const { np, s, fire } = poller();
    np.arm(s.now + 2 * nsPerMs);
    s.now += 2 * nsPerMs + 70 * nsPerUs;
    fire();
    assert.equal(np.comp, 70 * nsPerUs);
    assert.equal(s.wakes, 1);
    assert.equal(np.kind, "none");
    assert.equal(np.until, 0);
    fire(); // a stray second callback: nothing armed, nothing happens (n2)
    assert.equal(s.wakes, 1);
  });

  test("the polling budget grows by pollShare of the time between arms, up to maxPollBudgetNs (n4)", () => {
    const { np, s } = poller();
    np.arm(s.now + 5 * nsPerMs); // the first arm starts the count
    assert.equal(np.pollBudget, 0);
    s.now += 10 * nsPerMs;
    np.arm(s.now + 5 * nsPerMs);
    assert.equal(np.pollBudget, 10 * nsPerMs * pollShare);
    s.now += 10_000 * nsPerMs;
    np.arm(s.now + 5 * nsPerMs);
    assert.equal(np.pollBudget, maxPollBudgetNs);
    np.cancel();
  });

  test("a deadline within comp is polled with setImmediate out of the budget, else a setTimeout", () => {
    const { np, s, inside, fire, ms } = withComp(100 * nsPerUs);
    np.arm(s.now + 10 * nsPerMs);
    s.now += 5 * nsPerMs; // budget: 50 µs
    np.arm(s.now + 40 * nsPerUs);
    assert.equal(np.kind, "immediate");
    assert.equal(inside.pollStart, s.now);
    // The turn ran 15 µs later, still 25 µs early: charged 15 µs, polled again (re-arming adds 1 % of 15 µs).
    s.now += 15 * nsPerUs;
    fire();
    assert.equal(np.pollBudget, 35_150);
    assert.equal(np.kind, "immediate");
    assert.equal(s.wakes, 0);
    s.now += 25 * nsPerUs;
    fire();
    assert.equal(np.pollBudget, 10_150);
    assert.equal(s.wakes, 1);
    assert.equal(np.kind, "none");
    // Within comp but beyond the budget: a setTimeout.
    np.arm(s.now + 80 * nsPerUs);
    assert.equal(np.kind, "timeout");
    assert.equal(ms(), 1);
    // Beyond comp, whatever the budget.
    s.now += 100_000 * nsPerMs;
    np.arm(s.now + 150 * nsPerUs);
    assert.equal(np.pollBudget, maxPollBudgetNs);
    assert.equal(np.kind, "timeout");
    np.cancel();
  });

  test("an early host timer: a remainder within comp and budget polls, a bigger one re-arms (n2)", () => {
    const { np, s, fire, ms } = withComp(100 * nsPerUs);
    np.arm(s.now + 3 * nsPerMs);
    s.now += 50 * nsPerMs; // budget 0.5 ms
    const when = s.now + 3 * nsPerMs + 500 * nsPerUs;
    np.arm(when);
    assert.equal(ms(), 4);
    // The host fired 1 ms early (libuv's stale loop time): 0.5 ms left, more than comp.
    s.now = when - 500 * nsPerUs;
    fire();
    assert.equal(s.wakes, 0);
    assert.equal(np.until, when);
    assert.equal(np.kind, "timeout");
    assert.equal(ms(), 1);
    // It fired 30 µs early this time: within comp, polled.
    s.now = when - 30 * nsPerUs;
    fire();
    assert.equal(s.wakes, 0);
    assert.equal(np.kind, "immediate");
    s.now = when;
    fire();
    assert.equal(s.wakes, 1);
    assert.equal(np.kind, "none");
  });

  test("the boundaries: a remainder of exactly comp, or exactly the budget, is polled", () => {
    const { np, s } = withComp(100 * nsPerUs);
    np.pollBudget = maxPollBudgetNs;
    np.arm(s.now + 100 * nsPerUs);
    assert.equal(np.kind, "immediate", "delay == comp");
    np.pollBudget = 60 * nsPerUs;
    np.arm(s.now + 60 * nsPerUs);
    assert.equal(np.kind, "immediate", "delay == budget");
    np.arm(s.now + 60 * nsPerUs + 1);
    assert.equal(np.kind, "timeout", "delay just over the budget");
    np.cancel();
  });

  test("a Netpoll is in ms precision unless asked for sub-ms", () => {
    const s = { now: 1_000 * nsPerMs };
    const np = new Netpoll(
      () => s.now,
      () => {},
    );
    live.push(np);
    np.recordOvershoot(100 * nsPerUs);
    np.pollBudget = maxPollBudgetNs;
    np.arm(s.now + 1.5 * nsPerMs);
    assert.equal((np as unknown as Inside).hostTimer?._idleTimeout, 2, "ms: ceil(1.5 ms − comp)");
    np.cancel();
  });

  test("cancel disarms a poll; its callback, if it still runs, does nothing", () => {
    const { np, s, inside, fire } = withComp(100 * nsPerUs);
    np.arm(s.now + 5 * nsPerMs);
    s.now += 10 * nsPerMs;
    np.arm(s.now + 10 * nsPerUs);
    assert.equal(np.kind, "immediate");
    np.cancel();
    assert.equal(np.kind, "none");
    assert.equal(inside.immediate, null);
    s.now += nsPerMs;
    fire();
    assert.equal(s.wakes, 0);
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
    np.arm(tick);
    assert.equal(inside.hostTimer, first, "adopted");
    assert.equal(inside.prearmed, false);
    assert.equal(inside.hostDue, s.now - 20 * nsPerUs + nsPerMs, "due when the prearm fires");
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
    // would fire 4.5 ms early. Not adopted: with no comp, a fresh 5 ms timeout (the spare, refreshed).
    s.now += 4_500 * nsPerUs;
    np.arm(s.now + 5 * nsPerMs);
    assert.equal(inside.prearmed, false);
    assert.equal(inside.hostTimer, five, "the same timeout, refreshed");
    assert.equal(inside.hostDue, s.now + 5 * nsPerMs);
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
  test("ignores comp and the budget: whole ms by setTimeout, the remainder polled", () => {
    const { np, s, fire, ms } = poller(true);
    np.arm(s.now + 2 * nsPerMs);
    s.now += 2 * nsPerMs + 70 * nsPerUs;
    fire();
    assert.equal(np.comp, 0, "no overshoot recorded");
    assert.equal(np.pollBudget, 0);
    np.arm(s.now + 1.5 * nsPerMs);
    assert.equal(ms(), 1);
    s.now += nsPerMs;
    fire();
    assert.equal(np.kind, "immediate");
    s.now += nsPerMs;
    fire();
    assert.equal(s.wakes, 2);
    assert.equal(np.pollBudget, 0, "sub-ms polling is not charged");
    assert.equal(np.comp, 0);
  });
});
