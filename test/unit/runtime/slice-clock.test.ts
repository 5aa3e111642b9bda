// The wall-clock time slice (proc.ts execute: hostSliceNs) with the real clock stopped and moved by hand
// (nanotime.ts freezeRealClock), so which resumption ends a slice is a count, not the machine's speed.
//
// Real clock: a slice ends (the host loop turns) at the first 32nd resumption after more than 10 ms of
// work, and after 4096 resumptions whatever the clock says. Fake clock: the M pauses for a host turn on
// the same 10 ms rule and resumes where it was. A host turn is seen by an outside setImmediate chain,
// queued before the M's own, which records the scheduler's switch count at each turn.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import { chan, go, Runtime, time } from "../../../src/index.ts";
import { hostSetImmediate } from "../../../src/internal/host.ts";
import { advanceFrozenRealClock, freezeRealClock, nsPerMs } from "../../../src/internal/runtime/nanotime.ts";
import { schedOf } from "../../../src/internal/runtime/schedof.ts";

const slice = 10 * nsPerMs;

interface Run {
  /** The switch count at each host turn while the ping-pong ran. */
  turns: number[];
  /** The switch count when the clock was advanced (-1: it was not). */
  advancedAt: number;
}

interface Opts {
  /** Main first sleeps an hour (the fake clock jumps), so the ping-pong runs at virtual 1 h. */
  sleepFirst?: boolean;
  /** An afterFunc timer stays in the heap meanwhile (a timer channel's would not: Go 1.23 heaps it only while
   * someone waits on it), so each scheduling decision's timer check reads the clock. */
  pendingTimer?: boolean;
  /** After the first host turn, the clock moves by `advance` again before every round. */
  again?: boolean;
}

/**
 * Two goroutines ping-pong `rounds` times on rt (two resumptions a round). Before round `at` (if >= 0)
 * the stopped real clock moves by `advance` ns.
 */
async function pingPong(
  rt: Runtime,
  rounds: number,
  at: number,
  advance: number,
  o: Opts = {},
): Promise<Run> {
  const s = schedOf(rt);
  const turns: number[] = [];
  let done = false;
  const onTurn = () => {
    if (done) return;
    turns.push(s.stats.switches);
    hostSetImmediate(onTurn);
  };
  let advancedAt = -1;
  await rt.run(async () => {
    if (o.sleepFirst) await time.sleep(time.Hour);
    const pending = o.pendingTimer ? time.afterFunc(time.Hour, () => {}) : null;
    hostSetImmediate(onTurn);
    const ping = chan<number>();
    const pong = chan<number>();
    go(async () => {
      for (;;) {
        const v = await ping.recv();
        if (v === undefined) return;
        await pong.send(v);
      }
    });
    for (let i = 0; i < rounds; i++) {
      if (i === at) {
        advancedAt = s.stats.switches;
        advanceFrozenRealClock(advance);
      } else if (o.again && turns.length > 0) advanceFrozenRealClock(advance);
      await ping.send(i + 1);
      await pong.recv();
    }
    ping.close();
    pending?.stop();
  });
  done = true;
  return { turns, advancedAt };
}

describe("the wall-clock time slice, real clock stopped", () => {
  beforeEach(() => freezeRealClock(true));
  afterEach(() => freezeRealClock(false));

  for (const pendingTimer of [false, true])
    test(`a stopped clock ends no slice: the host turns at the 4096-resumption limit${pendingTimer ? ", a timer pending" : ""}`, async () => {
      const rt = new Runtime({ clock: "real", procs: 1 });
      // Time passes between making the runtime and running it: the slice counts from its first resumption
      // (from the timer check's reading when a timer is pending, else a reading of its own).
      advanceFrozenRealClock(3 * slice);
      const { turns } = await pingPong(rt, 2500, -1, 0, { pendingTimer });
      // The 4097th resumption of the slice goes to the global queue instead: 4096 ran.
      assert.equal(turns[0], 4096, `first host turn after ${turns[0]} switches`);
    });

  test("more than 10 ms of work ends the slice at the next 32nd resumption", async () => {
    const rt = new Runtime({ clock: "real", procs: 1 });
    const { turns, advancedAt } = await pingPong(rt, 600, 100, slice + 1);
    assert.ok(turns.length > 0, "the host loop never turned");
    const after = turns[0] - advancedAt;
    assert.ok(after > 0 && after <= 33, `host turn ${after} switches after the clock passed 10 ms (≤ 33)`);
  });

  test("exactly 10 ms is not more than 10 ms: the slice goes on", async () => {
    const rt = new Runtime({ clock: "real", procs: 1 });
    const { turns, advancedAt } = await pingPong(rt, 600, 100, slice);
    const early = turns.filter((t) => t <= advancedAt + 200);
    assert.deepEqual(
      early,
      [],
      `host turns at ${early} switches, the clock at exactly 10 ms (${advancedAt})`,
    );
  });

  test("the next slice counts from its own start, not the previous one's", async () => {
    const rt = new Runtime({ clock: "real", procs: 1 });
    const { turns, advancedAt } = await pingPong(rt, 2500, 100, slice + 1, { pendingTimer: true });
    assert.ok(turns.length >= 2, `host turns at ${turns}: expected the slice end and the 4096 limit`);
    assert.ok(turns[0] - advancedAt <= 33, `first turn ${turns[0] - advancedAt} switches after the advance`);
    const gap = turns[1] - turns[0];
    assert.ok(gap >= 4096 - 32, `the next slice ended after ${gap} switches with the clock stopped`);
  });
});

describe("the fake clock's host pauses, real clock stopped", () => {
  beforeEach(() => freezeRealClock(true));
  afterEach(() => freezeRealClock(false));

  test("with the real clock stopped the M does not pause", async () => {
    const rt = new Runtime({ clock: "fake", procs: 1 });
    const { turns } = await pingPong(rt, 1500, -1, 0, { sleepFirst: true });
    assert.deepEqual(turns, [], `host pauses at ${turns} switches with the real clock stopped`);
  });

  test("at virtual 1 h, more than 10 ms of real work pauses the M at the next 32nd resumption", async () => {
    const rt = new Runtime({ clock: "fake", procs: 1 });
    const { turns, advancedAt } = await pingPong(rt, 400, 100, slice + 1, { sleepFirst: true });
    assert.ok(turns.length > 0, "the M never paused for the host");
    const after = turns[0] - advancedAt;
    assert.ok(after > 0 && after <= 33, `host pause ${after} switches after the clock passed 10 ms (≤ 33)`);
  });

  test("exactly 10 ms of real work does not pause the M", async () => {
    const rt = new Runtime({ clock: "fake", procs: 1 });
    const { turns } = await pingPong(rt, 400, 100, slice, { sleepFirst: true });
    assert.deepEqual(turns, [], `host pauses at ${turns} switches, the clock at exactly 10 ms`);
  });

  test("a pause keeps the resumption count: the next pause comes at the next 32nd resumption", async () => {
    const rt = new Runtime({ clock: "fake", procs: 1 });
    // After the first pause the clock passes 10 ms before every round: each 32nd resumption pauses.
    const { turns } = await pingPong(rt, 400, 100, slice + 1, { sleepFirst: true, again: true });
    assert.ok(turns.length >= 3, `host pauses at ${turns}`);
    assert.deepEqual(
      turns.slice(1, 3).map((t, i) => t - turns[i]),
      [32, 32],
      `pauses at ${turns.slice(0, 3)} switches`,
    );
  });
});
