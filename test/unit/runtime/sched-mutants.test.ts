// Unit tests of the scheduler's small parts, written to kill the mutants StrykerJS found surviving
// (npm run mutation, MUTATION_TARGET=sched; docs/failures.md, "General mutation testing"): the idle-P list
// (pidle.ts) and the host wake-up (netpoll.ts), each driven directly, with exact assertions on every
// field they keep. No test depends on wall-clock speed: a host wake-up is awaited, never timed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RuntimeInvariantError } from "../../../src/internal/debug.ts";
import { type Nanos, nsPerMs } from "../../../src/internal/runtime/nanotime.ts";
import { Netpoll } from "../../../src/internal/runtime/netpoll.ts";
import { _Pidle, _Prunning, P } from "../../../src/internal/runtime/p.ts";
import { Pidle } from "../../../src/internal/runtime/pidle.ts";
import type { Sched } from "../../../src/internal/runtime/proc.ts";
import { Timer } from "../../../src/internal/runtime/timer.ts";
import { EngineHarness } from "../../helpers/engine.ts";

function ps(n: number): { idle: Pidle; allp: P[] } {
  const idle = new Pidle();
  const allp = Array.from({ length: n }, (_, i) => {
    idle.grow();
    const pp = new P({} as Sched, i);
    pp.status = _Prunning;
    return pp;
  });
  return { idle, allp };
}

const fatalWith = (msg: string) => (e: unknown) => e instanceof RuntimeInvariantError && e.message === msg;

describe("pidle: the idle-P list and its masks", () => {
  test("a new P is not idle and may have timers; shrink drops the masks of the Ps that went", () => {
    const { idle } = ps(3);
    assert.deepEqual(idle.idlepMask, [false, false, false]);
    assert.deepEqual(idle.timerpMask, [true, true, true]);
    assert.equal(idle.npidle, 0);
    idle.shrink(1);
    assert.deepEqual(idle.idlepMask, [false]);
    assert.deepEqual(idle.timerpMask, [true]);
  });

  test("put: idle status, masks (timerpMask clears only for an empty heap), count, limiter event", () => {
    const { idle, allp } = ps(2);
    const h = new EngineHarness(1);
    try {
      h.heaps[0] = allp[1].timers;
      new Timer(() => {}, null).reset(100, 0); // P1 has a timer
    } finally {
      h.dispose();
    }
    idle.put(allp[0]);
    idle.put(allp[1]);
    assert.equal(idle.npidle, 2);
    assert.deepEqual(idle.idlepMask, [true, true]);
    assert.deepEqual(idle.timerpMask, [false, true]);
    for (const pp of allp) {
      assert.equal(pp.status, _Pidle);
      assert.equal(pp.limiterIdle, true);
    }
    idle.verify(allp);
  });

  test("put refuses a P with work or an open limiter event, with Go's messages", () => {
    const { idle, allp } = ps(1);
    allp[0].limiterIdle = true;
    assert.throws(() => idle.put(allp[0]), fatalWith("must be able to track idle limiter event"));
    allp[0].limiterIdle = false;
    allp[0].runnext = {} as never;
    assert.throws(() => idle.put(allp[0]), fatalWith("pidleput: P has non-empty run queue"));
    assert.equal(idle.npidle, 0);
  });

  test("get takes the most recently idled P, with every bookkeeping step; null when none", () => {
    const { idle, allp } = ps(3);
    assert.equal(idle.get(), null);
    for (const pp of allp) idle.put(pp);
    const got = idle.get()!;
    assert.equal(got, allp[2]);
    assert.equal(idle.npidle, 2);
    assert.deepEqual(idle.idlepMask, [true, true, false]);
    assert.deepEqual(idle.timerpMask, [false, false, true]);
    assert.equal(got.limiterIdle, false);
    assert.equal(idle.get(), allp[1]);
    assert.equal(idle.get(), allp[0]);
    assert.equal(idle.get(), null);
    assert.equal(idle.npidle, 0);
  });

  test("remove takes a P from the middle of the list and keeps the others' order; a busy P is left alone", () => {
    const { idle, allp } = ps(4);
    for (const pp of allp.slice(0, 3)) idle.put(pp);
    idle.remove(allp[3]); // not idle: nothing happens
    assert.equal(idle.npidle, 3);
    idle.remove(allp[1]);
    assert.equal(idle.npidle, 2);
    assert.deepEqual(idle.idlepMask, [true, false, true, false]);
    assert.equal(allp[1].limiterIdle, false);
    assert.equal(idle.get(), allp[2]);
    assert.equal(idle.get(), allp[0]);
    idle.remove(allp[0]);
    assert.equal(idle.npidle, 0);
  });

  test("unlinking a P that is not where its mask says fails, naming it", () => {
    const { idle, allp } = ps(2);
    idle.put(allp[0]);
    idle.idlepMask[1] = true; // corrupt: P1 claims to be idle
    assert.throws(() => idle.remove(allp[1]), fatalWith("pidle: P1 is not on the idle list"));
    idle.idlepMask[1] = false;
    assert.equal(idle.popRaw(), allp[0]);
    assert.equal(idle.popRaw(), null);
    assert.equal(idle.npidle, 1, "popRaw skips the bookkeeping (the seed-5 fault)");
  });

  test("verify names each broken rule (s1, s2, I5, G4)", () => {
    const fresh = () => {
      const r = ps(2);
      r.idle.put(r.allp[0]);
      r.idle.verify(r.allp);
      return r;
    };
    let r = fresh();
    r.idle.npidle = 2;
    assert.throws(() => r.idle.verify(r.allp), fatalWith("verify: npidle 2 != 1"));
    r = fresh();
    r.idle.idlepMask[1] = true;
    assert.throws(() => r.idle.verify(r.allp), fatalWith("verify: idlepMask[1] out of date"));
    r = fresh();
    r.allp[1].status = _Pidle;
    assert.throws(() => r.idle.verify(r.allp), fatalWith("verify: P1 idle status"));
    r = fresh();
    r.allp[0].limiterIdle = false;
    assert.throws(() => r.idle.verify(r.allp), fatalWith("verify: P0 limiter idle event"));
    r = fresh();
    r.allp[0].timers.heapT.push({} as Timer); // a timer on an idle P whose timerpMask bit is clear
    assert.throws(
      () => r.idle.verify(r.allp),
      fatalWith("verify: G4: idle P0 has timers and no timerpMask bit"),
    );
  });
});

/** A Netpoll on a clock the test moves by hand; wakes are counted. */
function poller(subMs = false) {
  const s = { now: (1_000 * nsPerMs) as Nanos, wakes: 0 };
  const np = new Netpoll(
    () => s.now,
    () => {
      s.wakes++;
    },
    subMs,
  );
  return { np, s };
}

/** The delay (ms) of the host setTimeout the poller armed. */
function armedMs(np: Netpoll): number {
  const t = (np as unknown as { hostTimer: { _idleTimeout: number } | null }).hostTimer;
  assert.ok(t !== null, "a host setTimeout is armed");
  return t._idleTimeout;
}

// One host timer turn; the poller's 1–2 ms host timer was armed first, so it fires within a few turns
// (timers fire in due order): loops are bounded by turns, never by time.
const turn = () => new Promise<void>((r) => setTimeout(r, 1));

describe("netpoll: the host wake-up", () => {
  test("default precision: every wait is a setTimeout rounded up to whole ms, at least 1", () => {
    const { np, s } = poller();
    assert.equal(np.kind, "none");
    assert.equal(np.until, 0);
    for (const [delay, ms] of [
      [0, 1],
      [-5 * nsPerMs, 1],
      [1, 1],
      [nsPerMs, 1],
      [nsPerMs + 1, 2],
      [2.5 * nsPerMs, 3],
      [7 * nsPerMs, 7],
    ] as const) {
      np.arm(s.now + delay);
      assert.equal(np.kind, "timeout");
      assert.equal(np.until, s.now + delay);
      assert.equal(armedMs(np), ms, `delay ${delay} ns`);
    }
    np.cancel();
    assert.equal(np.kind, "none");
    assert.equal(np.until, 0);
  });

  test("sub-ms precision: whole ms by setTimeout (rounded down), the remainder by setImmediate", () => {
    const { np, s } = poller(true);
    np.arm(s.now + 2.7 * nsPerMs);
    assert.equal(np.kind, "timeout");
    assert.equal(armedMs(np), 2);
    np.arm(s.now + nsPerMs);
    assert.equal(armedMs(np), 1);
    np.arm(s.now + nsPerMs - 1);
    assert.equal(np.kind, "immediate");
    assert.equal(np.until, s.now + nsPerMs - 1);
    np.cancel();
    assert.equal(np.kind, "none");
  });

  test("a wake-up past its deadline wakes once and disarms; one fired early re-arms instead", async () => {
    const { np, s } = poller();
    np.arm(s.now + nsPerMs);
    s.now += 2 * nsPerMs; // the deadline passed before the host timer fires
    for (let i = 0; i < 50 && s.wakes === 0; i++) await turn();
    assert.equal(s.wakes, 1);
    assert.equal(np.kind, "none");
    assert.equal(np.until, 0);
    // The clock has not reached the deadline when the host timer fires: re-armed, no wake.
    const when = s.now + 5 * nsPerMs;
    np.arm(when);
    s.now += 5 * nsPerMs - 1;
    const h = (np as unknown as { hostTimer: unknown }).hostTimer;
    (np as unknown as { fire: () => void }).fire();
    assert.equal(s.wakes, 1);
    assert.equal(np.until, when);
    assert.equal(np.kind, "timeout");
    assert.notEqual((np as unknown as { hostTimer: unknown }).hostTimer, h, "a new host timer");
    s.now = when;
    (np as unknown as { fire: () => void }).fire();
    assert.equal(s.wakes, 2);
    np.cancel();
  });

  test("a cancelled wake-up never wakes, even if its host callback runs", async () => {
    const { np, s } = poller(true);
    np.arm(s.now); // immediate
    np.cancel();
    (np as unknown as { fire: () => void }).fire();
    await turn();
    await turn();
    assert.equal(s.wakes, 0);
    np.arm(s.now - 1);
    s.now += nsPerMs;
    for (let i = 0; i < 50 && s.wakes === 0; i++) await turn();
    assert.equal(s.wakes, 1);
  });
});
