// Channels and timers belong to the bubble whose code made them (Go 1.25's testing/synctest):
//   - only that bubble's code may send, receive, close or select on its channels: from outside (another
//     bubble, or none) it is Go's fatal error, and nothing changes;
//   - a bubble's timer stopped or reset from outside every bubble panics with Go's message;
//   - a bubble's goroutine blocked on a channel made outside the bubble is not durably blocked: outside
//     code may wake it, so the bubble's time holds (and its stall watchdog reports, naming the goroutine).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Chan, chan, GoPanic, go, recv, select, time, WaitGroup } from "../../../src/index.ts";
import * as synctest from "../../../src/synctest.ts";

const vms = () => Date.now() - 946684800000;

/** The message of what f throws or rejects with, or "ok: <value>". */
async function outcome(f: () => unknown): Promise<string> {
  try {
    return `ok: ${await f()}`;
  } catch (e) {
    return e instanceof GoPanic ? `GoPanic: ${e.message}` : `${(e as Error).name}: ${(e as Error).message}`;
  }
}

describe("a bubble's channels, used from outside it", () => {
  test("send, trySend, recv, tryRecv, close and select fail with Go's fatal errors; the channel is unchanged", async () => {
    let c: Chan<number> | null = null;
    await synctest.run(async () => {
      c = chan<number>(2);
      await c.send(1);
    });
    const ch = c as unknown as Chan<number>;
    assert.equal(
      await outcome(() => ch.send(2)),
      "GoPanic: fatal error: send on synctest channel from outside bubble",
    );
    assert.equal(
      await outcome(() => ch.trySend(2)),
      "GoPanic: fatal error: send on synctest channel from outside bubble",
    );
    assert.equal(
      await outcome(() => ch.recv()),
      "GoPanic: fatal error: receive on synctest channel from outside bubble",
    );
    assert.equal(
      await outcome(() => ch.tryRecv()),
      "GoPanic: fatal error: receive on synctest channel from outside bubble",
    );
    assert.equal(
      await outcome(() => select([recv(ch), recv(chan<number>())] as const)),
      "GoPanic: fatal error: select on synctest channel from outside bubble",
    );
    assert.equal(
      await outcome(() => ch.close()),
      "GoPanic: fatal error: close of synctest channel from outside bubble",
    );
    // Nothing changed: still one value buffered, still open (len and cap may be read from anywhere, as in Go).
    assert.equal(ch.len, 1);
    assert.equal(ch.cap, 2);
  });

  test("from another bubble too", async () => {
    let c: Chan<number> | null = null;
    await synctest.run(async () => {
      c = chan<number>(1);
    });
    const got = await synctest.run(async () => outcome(() => (c as unknown as Chan<number>).trySend(1)));
    assert.equal(got, "GoPanic: fatal error: send on synctest channel from outside bubble");
  });

  test("a bubble's callbacks and goroutines are its code: they may use its channels", async () => {
    const got = await synctest.run(async () => {
      const c = chan<string>(3);
      setTimeout(() => c.trySend("timer callback"), 10);
      go(async () => c.send("goroutine"));
      queueMicrotask(() => c.trySend("microtask"));
      const out = [await c.recv(), await c.recv(), await c.recv()];
      return out.sort();
    });
    assert.deepEqual(got, ["goroutine", "microtask", "timer callback"]);
  });
});

describe("a bubble's timers, used from outside every bubble", () => {
  test("stop and reset panic with Go's messages", async () => {
    let tm: time.Timer | null = null;
    let tk: time.Ticker | null = null;
    await synctest.run(async () => {
      tm = time.newTimer(time.Second);
      tk = time.newTicker(time.Second);
      tm.stop();
      tk.stop();
    });
    const t = tm as unknown as time.Timer;
    const k = tk as unknown as time.Ticker;
    assert.equal(await outcome(() => t.stop()), "GoPanic: stop of synctest timer from outside bubble");
    assert.equal(
      await outcome(() => t.reset(time.Second)),
      "GoPanic: reset of synctest timer from outside bubble",
    );
    assert.equal(await outcome(() => k.stop()), "GoPanic: stop of synctest timer from outside bubble");
    assert.equal(
      await outcome(() => k.reset(time.Second)),
      "GoPanic: reset of synctest timer from outside bubble",
    );
    assert.equal(
      await outcome(() => (t.c as Chan<unknown>).tryRecv()),
      "GoPanic: fatal error: receive on synctest channel from outside bubble",
    );
  });
});

describe("a bubble's goroutine blocked on a channel made outside the bubble is not durably blocked", () => {
  test("time holds until outside code sends: the bubble's 1 s timeout does not win over a host timer's 50 ms send", async () => {
    const outside = chan<string>();
    setTimeout(() => outside.trySend("from outside"), 50);
    const got = await synctest.run(async () => {
      const r = await select([recv(outside), recv(time.after(time.Second))] as const);
      return [r.index, r.value, vms()];
    });
    // Before: the select was durable, time jumped 1 s and the timeout won at once.
    assert.deepEqual(got, [0, "from outside", 0]);
  });

  test("a plain receive: the value arrives, at the virtual instant it blocked; other goroutines' sleeps wait", async () => {
    const outside = chan<number>();
    setTimeout(() => outside.trySend(42), 50);
    const got = await synctest.run(async () => {
      const wg = new WaitGroup();
      let sleptAt = -1;
      wg.add(1);
      go(async () => {
        await time.sleep(time.Second);
        sleptAt = vms();
        wg.done();
      });
      const v = await outside.recv();
      const at = vms();
      await wg.wait();
      return { v, at, sleptAt };
    });
    assert.deepEqual(got, { v: 42, at: 0, sleptAt: 1000 });
  });

  test("never woken: the stall watchdog reports the goroutine and the channel, instead of a deadlock", async () => {
    const outside = chan<number>();
    const err = await synctest
      .run(() => outside.recv(), { stallTimeout: 200 })
      .then(
        () => null,
        (e: Error) => e,
      );
    assert.ok(err instanceof synctest.SynctestError, String(err));
    assert.match(err.message, /held at 0\.000ms by goroutines blocked on channels made outside the bubble/);
    assert.match(err.message, /goroutine 1 \[chan receive\]:\n\ton chan#\d+ \(cap 0\)/);
  });

  test("channels made in the bubble stay durable: the same program with an inner channel deadlocks at once", async () => {
    const err = await synctest
      .run(async () => {
        const inner = chan<number>();
        await inner.recv();
      })
      .then(
        () => null,
        (e: Error) => e,
      );
    assert.match(String(err?.message), /^deadlock: all goroutines in bubble are blocked/);
  });
});
